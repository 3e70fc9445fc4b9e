// stancegraph's Neo4j schema: idempotent, applied by Open and by `stancegraph load`.
// One statement per line-group, separated by semicolons.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT position_id IF NOT EXISTS FOR (n:Position) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT issue_id IF NOT EXISTS FOR (n:Issue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT alternative_id IF NOT EXISTS FOR (n:Alternative) REQUIRE n.id IS UNIQUE;
CREATE INDEX position_alternative IF NOT EXISTS FOR (n:Position) ON (n.alternativeId);
CREATE INDEX position_issue IF NOT EXISTS FOR (n:Position) ON (n.issueId);
CREATE INDEX position_speaker IF NOT EXISTS FOR (n:Position) ON (n.speakerId);
CREATE CONSTRAINT revision_key IF NOT EXISTS FOR (n:Revision) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT edit_lock_id IF NOT EXISTS FOR (n:EditLock) REQUIRE n.id IS UNIQUE;
CREATE INDEX revision_entity IF NOT EXISTS FOR (n:Revision) ON (n.entityId);
CREATE CONSTRAINT release_key IF NOT EXISTS FOR (n:Release) REQUIRE n.key IS UNIQUE;
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
