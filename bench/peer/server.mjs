// The @neo4j/graphql peer of stancegraph's benchmark: the same questions
// over the same Neo4j graph (README "In Neo4j"), served over HTTP with
// graphql-http (no Apollo or Yoga layer, so the peer is measured at its
// lightest). The benchmark harness starts it (go run ./bench -scenario
// neo4j) with NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and PORT (0: any
// free port); it prints "listening http://127.0.0.1:PORT/graphql".
//
// Where our API has semantics that are not a plain relationship (positions
// on an article *and the same provision in other versions*, the primary
// source, sources and topics in the data's order, stance counts, a
// case-insensitive name search), the peer uses @cypher fields, the library's
// own way to express them. Single relationships come back as lists in
// @neo4j/graphql 7 (it has no 1:1 relationships); the harness unwraps them
// when it compares answers.
import http from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { createHandler } from "graphql-http/lib/use/http";

const STANCES = "['SUPPORTS','OPPOSES','CONDITIONAL','AMENDS','DELETES','RETAINS','ABSTAINS','ABSENT','SIGNS','RATIFIES','NEUTRAL']";
const live = "coalesce(p.retractedAt, '') = ''";
const countsOf = (match) => `${match}
WITH collect(p.stance) AS ss
UNWIND ${STANCES} AS st
WITH st, size([x IN ss WHERE x = st]) AS n WHERE n > 0
RETURN {stance: st, count: n} AS c`;

const actorBase = `
  id: ID!
  type: String!
  name: String!
  aliases: [String!]!
`;
const actorFields = `${actorBase}
  positions: [Position!]! @relationship(type: "TOOK", direction: OUT)
  stanceCounts: [StanceCount!]! @cypher(statement: """${countsOf(`MATCH (p:Position {actorId: this.id}) WHERE ${live}`)}""", columnName: "c")`;

export const typeDefs = /* GraphQL */ `
  interface Actor {
    ${actorBase}
    positions: [Position!]! @declareRelationship
    stanceCounts: [StanceCount!]!
  }
  type State implements Actor @node(labels: ["State", "Actor"]) {
    ${actorFields}
    regionalGroup: String
  }
  type Organization implements Actor @node(labels: ["Organization", "Actor"]) {
    ${actorFields}
    kind: String
    url: String
    people: [Person!]! @relationship(type: "SPEAKS_FOR", direction: IN)
  }
  type Group implements Actor @node(labels: ["Group", "Actor"]) {
    ${actorFields}
    kind: String
  }
  type Person implements Actor @node(labels: ["Person", "Actor"]) {
    ${actorFields}
    role: String
    organization: [Organization!]! @relationship(type: "SPEAKS_FOR", direction: OUT)
  }
  type StanceCount {
    stance: String!
    count: Int!
  }
  type Instrument @node {
    id: ID!
    title: String!
    isDefault: Boolean
    articles: [Article!]! @relationship(type: "HAS_ARTICLE", direction: OUT)
  }
  type Article @node {
    id: ID!
    instrumentId: String!
    number: Int!
    title: String!
    status: String
    chapter: String
    note: String
    verification: String
    instrument: [Instrument!]! @relationship(type: "HAS_ARTICLE", direction: IN)
    "Positions on this article and on the same provision in other versions, by date then id."
    positionsWithCorresponding(stances: [String!]): [Position!]!
      @cypher(statement: """
        MATCH (p:Position) WHERE p.articleId IN [this.id] + this.correspondsTo AND ${live}
          AND ($stances IS NULL OR p.stance IN $stances)
        RETURN p ORDER BY coalesce(p.date, ''), p.id""", columnName: "p")
    stanceCounts: [StanceCount!]! @cypher(statement: """${countsOf(`MATCH (p:Position) WHERE p.articleId IN [this.id] + this.correspondsTo AND ${live}`)}""", columnName: "c")
  }
  type Session @node {
    id: ID!
    name: String!
  }
  type Topic @node {
    id: ID!
    name: String!
    description: String
  }
  type Source @node {
    id: ID!
    url: String!
    title: String!
    publisher: String
    class: String
    date: String
    note: String
  }
  type Position @node {
    id: ID!
    kind: String!
    stance: String!
    stanceText: String
    quote: String
    date: String
    paragraph: String
    verification: String
    verifiedText: String
    note: String
    actor: [Actor!]! @relationship(type: "TOOK", direction: IN)
    speaker: [Person!]! @relationship(type: "SAID", direction: IN)
    article: [Article!]! @relationship(type: "ON_ARTICLE", direction: OUT)
    session: [Session!]! @relationship(type: "AT_SESSION", direction: OUT)
    "The first topic's id."
    topic: String @cypher(statement: "RETURN this.topics[0] AS t", columnName: "t")
    "Topics in the data's order."
    topics: [Topic!]!
      @cypher(statement: "UNWIND range(0, size(this.topics) - 1) AS i MATCH (t:Topic {id: this.topics[i]}) RETURN t ORDER BY i", columnName: "t")
    "The primary source."
    source: Source @cypher(statement: "MATCH (this)-[:CITES {primary: true}]->(s:Source) RETURN s", columnName: "s")
    "Sources, primary first, in the data's order."
    sources: [Source!]!
      @cypher(statement: "UNWIND range(0, size(this.sourceIds) - 1) AS i MATCH (s:Source {id: this.sourceIds[i]}) RETURN s ORDER BY i", columnName: "s")
  }
  type Query {
    "Actors whose name or an alias contains name, case-insensitively, by type, name, id."
    actorsByName(name: String!): [Actor!]!
      @cypher(statement: """
        MATCH (n:Actor) WHERE toLower(n.name) CONTAINS toLower($name) OR any(al IN n.aliases WHERE toLower(al) CONTAINS toLower($name))
        RETURN n ORDER BY n.type, n.name, n.id""", columnName: "n")
  }
`;

const driver = neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
  neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""));
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
// @neo4j/graphql keeps per-request state on the context: a fresh object per request.
const handler = createHandler({ schema, context: () => ({}) });

const server = http.createServer((req, res) => {
  if (req.url.startsWith("/graphql")) {
    handler(req, res);
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/graphql`);
});
const stop = async () => {
  server.close();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
