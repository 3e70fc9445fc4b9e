// The explorer's GraphQL client and queries. The endpoint is /graphql on
// the serving host, or ?api=URL for a stancegraph elsewhere (allow the
// explorer's origin with the server's CORS setting).

const endpoint = new URLSearchParams(location.search).get('api') || '/graphql';

// gql posts a query and returns its data, throwing on errors.
export async function gql(query, variables = {}) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

export const startQuery = `{
  release { id date }
  sessions { id name start end }
  positions(first: 1, orderBy: DATE_ASC, filter: { dateFrom: "1000" }) { edges { node { date } } }
}`;

// The map: actors by bloc, AGREEMENT edges. Positions up to asOf only.
// edgesPerActor: the server keeps the agreements the map draws (each
// actor's strongest, map.js's keepPerActor), a tenth of them all; each
// node still counts all of its agreements.
const graphFields = `nodes { id type label bloc agreements properties { key value } }
    edges { id source target type stance weight overlap position { date } }`;
export const mapQuery = `query Map($filter: PositionFilter, $options: CoalitionOptions, $edgesPerActor: Int) {
  graph(filter: $filter, includeAgreement: true, options: $options, edgesPerActor: $edgesPerActor) {
    ${graphFields}
  }
}`;

// The blocs of the map, with the items that define them.
export const blocsQuery = `query Blocs($options: CoalitionOptions) {
  blocs(options: $options) {
    modularity
    blocs {
      id size cohesion
      members { id name }
      defining {
        meanStance speakers
        item { id kind issue { id name } article { number title instrument { id shortTitle } } instrument { id shortTitle symbol } topic { name } }
      }
    }
  }
}`;

const positionFields = `id stance stanceText date quote kind evidence verification
  actor { id name type }
  article { id number title instrument { id shortTitle title } }
  instrument { id shortTitle title }
  topics { name }
  source { url title publisher }`;

export const articleQuery = `query Article($number: Int!, $instrument: ID, $filter: PositionFilter) {
  article(number: $number, instrument: $instrument) {
    id number title status
    instrument { id shortTitle title }
    correspondsTo { id number instrument { id shortTitle } }
    positions(filter: $filter) { ${positionFields} }
  }
}`;

export const actorQuery = `query Actor($id: ID!, $filter: PositionFilter) {
  actor(id: $id) {
    __typename id name type aliases
    ... on State { regionalGroup unStatus }
    ... on Organization { kind url }
    ... on Group { kind }
    stanceCounts(filter: $filter) { stance count }
    memberOf { group { id name } }
    positions(filter: $filter, orderBy: DATE_DESC) { ${positionFields} }
  }
}`;

export const searchQuery = `query Search($text: String!) {
  search(text: $text, first: 12) {
    kind snippet field
    node {
      __typename id
      ... on Actor { name }
      ... on Article { number title instrument { id shortTitle } }
      ... on Instrument { title shortTitle }
      ... on Source { title url }
      ... on Position { actor { id name } article { number instrument { id } } stance }
    }
  }
}`;

// Every pair's agreement (null below minOverlap), for the heatmap.
export const matrixQuery = `query Matrix($actors: [ID!], $options: CoalitionOptions) {
  agreementMatrix(actors: $actors, options: $options) { a { id } b { id } score overlap }
}`;

// The issues, with how many actors each places (with every position).
export const issuesQuery = `{ issues { id name alternatives { actors } } }`;

// One issue: its scale, reference point, outcome and placed actors.
export const issueQuery = `query Issue($id: ID!, $options: CoalitionOptions) {
  issue(id: $id) {
    id name description
    alternatives { id label value }
    reference { id label value } referenceInstrument { id shortTitle } referenceSources { url title }
    outcome { id label value } outcomeSources { url title }
    placements(options: $options) { actor { id name type } alternative { id label } value salience distance }
  }
}`;
