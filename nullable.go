package stancegraph

// The schema's nullable text fields: "" is null. Bound as plain methods,
// gqlgen resolves them inline rather than in a goroutine per field and
// object, as it does for resolvers.

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// ParagraphOrNull is Paragraph, null when empty.
func (p *Position) ParagraphOrNull() *string { return orNull(p.Paragraph) }

// StanceTextOrNull is StanceText, null when empty.
func (p *Position) StanceTextOrNull() *string { return orNull(p.StanceText) }

// DateOrNull is Date, null when empty.
func (p *Position) DateOrNull() *string { return orNull(p.Date) }

// QuoteOrNull is Quote, null when empty.
func (p *Position) QuoteOrNull() *string { return orNull(p.Quote) }

// VerifiedTextOrNull is VerifiedText, null when empty.
func (p *Position) VerifiedTextOrNull() *string { return orNull(p.VerifiedText) }

// NoteOrNull is Note, null when empty.
func (p *Position) NoteOrNull() *string { return orNull(p.Note) }

// ChapterOrNull is Chapter, null when empty.
func (a *Article) ChapterOrNull() *string { return orNull(a.Chapter) }

// NoteOrNull is Note, null when empty.
func (a *Article) NoteOrNull() *string { return orNull(a.Note) }

// StatusOrNull is Status, null when unknown.
func (a *Article) StatusOrNull() *ArticleStatus {
	if a.Status == "" {
		return nil
	}
	s := a.Status
	return &s
}

// DateOrNull is Date, null when empty.
func (s *Source) DateOrNull() *string { return orNull(s.Date) }

// NoteOrNull is Note, null when empty.
func (s *Source) NoteOrNull() *string { return orNull(s.Note) }

// DocumentOrNull is Document, null when empty.
func (v *VoteSummary) DocumentOrNull() *string { return orNull(v.Document) }

// ReportedByOrNull is ReportedBy, null when empty.
func (v *VoteSummary) ReportedByOrNull() *string { return orNull(v.ReportedBy) }

// NoteOrNull is Note, null when empty.
func (v *VoteSummary) NoteOrNull() *string { return orNull(v.Note) }

// SignedOrNull is Signed, null when empty.
func (t *TreatyStatus) SignedOrNull() *string { return orNull(t.Signed) }

// RatifiedOrNull is Ratified, null when empty.
func (t *TreatyStatus) RatifiedOrNull() *string { return orNull(t.Ratified) }

// EntryIntoForceOrNull is EntryIntoForce, null when empty.
func (t *TreatyStatus) EntryIntoForceOrNull() *string { return orNull(t.EntryIntoForce) }

// NoteOrNull is Note, null when empty.
func (t *TreatyStatus) NoteOrNull() *string { return orNull(t.Note) }
