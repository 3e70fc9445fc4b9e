package stancegraph

// The schema's nullable fields: "" (or no value) is null. This is the one
// mechanism for it: gqlgen.yml binds each such field to its XOrNull method
// (fieldName), never to a resolver. Bound as plain methods,
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

// RegionalGroupOrNull is RegionalGroup, null when unknown.
func (a *Actor) RegionalGroupOrNull() *RegionalGroup {
	if a.RegionalGroup == "" {
		return nil
	}
	g := a.RegionalGroup
	return &g
}

// UNStatusOrNull is UNStatus, null when empty.
func (a *Actor) UNStatusOrNull() *string { return orNull(a.UNStatus) }

// URLOrNull is URL, null when empty.
func (a *Actor) URLOrNull() *string { return orNull(a.URL) }

// NoteOrNull is Note, null when empty.
func (a *Actor) NoteOrNull() *string { return orNull(a.Note) }

// RoleOrNull is Role, null when empty.
func (a *Actor) RoleOrNull() *string { return orNull(a.Role) }

// FromOrNull is From, null when empty.
func (m *Membership) FromOrNull() *string { return orNull(m.From) }

// ToOrNull is To, null when empty.
func (m *Membership) ToOrNull() *string { return orNull(m.To) }

// ShortTitleOrNull is ShortTitle, null when empty.
func (i *Instrument) ShortTitleOrNull() *string { return orNull(i.ShortTitle) }

// SymbolOrNull is Symbol, null when empty.
func (i *Instrument) SymbolOrNull() *string { return orNull(i.Symbol) }

// DateOrNull is Date, null when empty.
func (i *Instrument) DateOrNull() *string { return orNull(i.Date) }

// EndOrNull is End, null when empty.
func (s *Session) EndOrNull() *string { return orNull(s.End) }

// PlaceOrNull is Place, null when empty.
func (s *Session) PlaceOrNull() *string { return orNull(s.Place) }

// DescriptionOrNull is Description, null when empty.
func (t *Topic) DescriptionOrNull() *string { return orNull(t.Description) }

// DescriptionOrNull is Description, null when empty.
func (i *Issue) DescriptionOrNull() *string { return orNull(i.Description) }

// NoteOrNull is Note, null when empty.
func (i *Issue) NoteOrNull() *string { return orNull(i.Note) }

// NoteOrNull is Note, null when empty.
func (a *Alternative) NoteOrNull() *string { return orNull(a.Note) }
