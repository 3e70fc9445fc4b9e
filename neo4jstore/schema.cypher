// stancegraph's Neo4j schema: idempotent, applied by Open and by `stancegraph load`.
// One statement per line-group, separated by semicolons.
//
// Domain nodes belong to a generation (property gen, see release.go): an id is
// unique within a generation, and the (gen, id) constraints serve every lookup
// by id. Bookkeeping labels start with an underscore (_Current, _Load,
// _Revision, _EditLock) so they never mix with the domain's.
//
// Before generations, ids were unique across the graph: those constraints go.
DROP CONSTRAINT actor_id IF EXISTS;
DROP CONSTRAINT instrument_id IF EXISTS;
DROP CONSTRAINT article_id IF EXISTS;
DROP CONSTRAINT session_id IF EXISTS;
DROP CONSTRAINT topic_id IF EXISTS;
DROP CONSTRAINT source_id IF EXISTS;
DROP CONSTRAINT position_id IF EXISTS;
DROP CONSTRAINT issue_id IF EXISTS;
DROP CONSTRAINT alternative_id IF EXISTS;
DROP CONSTRAINT release_key IF EXISTS;
DROP CONSTRAINT revision_key IF EXISTS;
DROP CONSTRAINT edit_lock_id IF EXISTS;
DROP INDEX revision_entity IF EXISTS;
CREATE CONSTRAINT actor_gen_id IF NOT EXISTS FOR (n:Actor) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT instrument_gen_id IF NOT EXISTS FOR (n:Instrument) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT article_gen_id IF NOT EXISTS FOR (n:Article) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT session_gen_id IF NOT EXISTS FOR (n:Session) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT topic_gen_id IF NOT EXISTS FOR (n:Topic) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT source_gen_id IF NOT EXISTS FOR (n:Source) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT position_gen_id IF NOT EXISTS FOR (n:Position) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT issue_gen_id IF NOT EXISTS FOR (n:Issue) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT alternative_gen_id IF NOT EXISTS FOR (n:Alternative) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT vote_summary_gen_id IF NOT EXISTS FOR (n:VoteSummary) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE CONSTRAINT treaty_status_gen_id IF NOT EXISTS FOR (n:TreatyStatus) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE INDEX position_alternative IF NOT EXISTS FOR (n:Position) ON (n.alternativeId);
CREATE INDEX position_issue IF NOT EXISTS FOR (n:Position) ON (n.issueId);
CREATE INDEX position_speaker IF NOT EXISTS FOR (n:Position) ON (n.speakerId);
// Analyses (`stancegraph analyze -write`, analysis.go): blocs belong to a generation
// like the domain, and an analysis is replaced by its key.
CREATE CONSTRAINT bloc_gen_id IF NOT EXISTS FOR (n:Bloc) REQUIRE (n.gen, n.id) IS UNIQUE;
CREATE INDEX agrees_with_analysis IF NOT EXISTS FOR ()-[r:AGREES_WITH]-() ON (r.analysis);
CREATE INDEX in_bloc_analysis IF NOT EXISTS FOR ()-[r:IN_BLOC]-() ON (r.analysis);
CREATE CONSTRAINT release_gen IF NOT EXISTS FOR (n:Release) REQUIRE n.gen IS UNIQUE;
CREATE CONSTRAINT _current_key IF NOT EXISTS FOR (n:_Current) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT _load_gen IF NOT EXISTS FOR (n:_Load) REQUIRE n.gen IS UNIQUE;
CREATE CONSTRAINT _revision_key IF NOT EXISTS FOR (n:_Revision) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT _edit_lock_id IF NOT EXISTS FOR (n:_EditLock) REQUIRE n.id IS UNIQUE;
CREATE INDEX _revision_entity IF NOT EXISTS FOR (n:_Revision) ON (n.entityId);
CREATE INDEX actor_type IF NOT EXISTS FOR (n:Actor) ON (n.type);
CREATE INDEX actor_organization IF NOT EXISTS FOR (n:Actor) ON (n.organizationId);
CREATE INDEX article_number IF NOT EXISTS FOR (n:Article) ON (n.instrumentId, n.number);
CREATE INDEX source_url IF NOT EXISTS FOR (n:Source) ON (n.url);
CREATE INDEX position_actor IF NOT EXISTS FOR (n:Position) ON (n.actorId);
CREATE INDEX position_article IF NOT EXISTS FOR (n:Position) ON (n.articleId);
CREATE INDEX position_instrument IF NOT EXISTS FOR (n:Position) ON (n.instrumentId);
CREATE INDEX position_session IF NOT EXISTS FOR (n:Position) ON (n.sessionId);
CREATE INDEX position_stance IF NOT EXISTS FOR (n:Position) ON (n.stance);
CREATE INDEX position_date IF NOT EXISTS FOR (n:Position) ON (n.date);
// Search: searchText holds stancegraph.SearchIndexText (folded words and their
// stems, analysed in Go), so the whitespace analyzer keeps them as they are.
// It replaces the standard-analyzer indexes position_text and named_text.
DROP INDEX position_text IF EXISTS;
DROP INDEX named_text IF EXISTS;
CREATE FULLTEXT INDEX search_text IF NOT EXISTS FOR (n:Actor|Instrument|Article|Source|Position) ON EACH [n.searchText]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
