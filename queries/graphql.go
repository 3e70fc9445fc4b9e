// Package queries holds the GraphQL queries the project asks of itself:
// the conformance suite's, the benchmark harness's and (read from
// docs/examples.md) the examples'. The tests of every store, the golden
// test and the benchmark harness all take them from here.
package queries

// GraphQL are the API's queries that the conformance tests run
// against every backend, comparing whole JSON answers. Together they touch
// every field of the schema.
var GraphQL = map[string]string{
	"Issues": `{ issues { id name description negotiation { id } note topics { id }
		reference { id label value } referenceInstrument { id } referenceSources { url } outcome { id value } outcomeSources { url class }
		alternatives { id label value note articles { id } sources { url } actors }
		placements { actor { id } alternative { id } value salience distance position { id quote evidence } }
		winners { actor { id } distance } losers { actor { id } distance }
		positions(filter: {evidence: [GOVERNMENT, OFFICIAL]}) { id stance alternative { id issue { id } } } } }`,
	"AlternativePositions": `{ issue(id: "threshold") { alternatives { id positions { id actor { id } evidence salience } } } }`,
	"IssueAsOfSession":     `{ issue(id: "scope") { placements(options: {session: "ahc-6-2023"}) { actor { id } value } } }`,
	"SuccessAndModels": `{ success(first: 10) { actor { id } meanDistance issues { issue { id } value outcome distance } }
		outcomeModels { name meanAbsoluteError predictions { issue { id } predicted outcome error actors } }
		asOf: outcomeModels(options: {asOf: "2023-12-31", salienceWeighted: true}) { name meanAbsoluteError } }`,
	"OutcomeModelsWithCapabilities": `{ states: outcomeModels(capabilities: [{actor: "microsoft", weight: 0}, {actor: "eff", weight: 0}, {actor: "hrw", weight: 0}, {actor: "article-19", weight: 0}]) {
		name meanAbsoluteError predictions { issue { id } predicted } } }`,
	"IssueCoalitions": `{ agreement(a: "MEX", b: "RUS", options: {basis: ISSUES}) { score overlap }
		neighbours(actor: "microsoft", options: {basis: ISSUES}) { nearest { b { id } score overlap } }
		blocs(options: {basis: ISSUES, salienceWeighted: true}) { modularity blocs { members { id } defining { item { id issue { id } } } } }
		texts: agreement(a: "FRA", b: "RUS", options: {basis: TEXTS}) { score overlap } }`,
	"EvidenceSpeakersCounts": `{ ai: positions(filter: {evidence: [AI_SUMMARY]}) { totalCount edges { node { id evidence } } }
		official: positions(filter: {evidence: [OFFICIAL, GOVERNMENT], kinds: [STATEMENT]}) { totalCount }
		spoken: positions(filter: {speakers: ["kaja-ciglic"]}) { totalCount edges { node { id actor { id } speaker { id } } } }
		person: actor(id: "kaja-ciglic") { positions { id actor { id } } stanceCounts { stance count actors } }
		unga: instrument(id: "unga-74-247") { stanceCounts { stance count actors } }
		byIssue: positions(filter: {issues: ["threshold"], alternatives: ["threshold-60", "threshold-30"]}) { totalCount } }`,
	"VotesAndTreatyStatus": `{ instruments { id votes { body document date yes no abstain nonVoting adoptedWithoutVote reportedBy verification note sources { url class } } }
		budapest: instrument(id: "budapest") { treatyStatus { actor { id name } status signed ratified entryIntoForce verification note sources { url } } } }`,
	// Both backends tokenize with search.go's one tokenizer (Neo4j's index holds
	// its words), so an abbreviation, a single letter or a regex finds the same.
	"SearchAbbreviation": `{ search(text: "i.e. rights", first: 10) { kind field score snippet } }`,
	"SearchSingleLetter": `{ a: search(text: "i", first: 10) { kind snippet } b: search(text: "(?i).*", first: 10) { kind snippet } }`,
	"WhoOpposesArticle5": `{ article(number: 5) { id number title status chapter note verification
		positions(stance: OPPOSES) { id kind actor { __typename id name } stance stanceText quote date paragraph verification verifiedText note
			source { id title url publisher class date note } sources { url } article { id number instrument { id } } } } }`,
	"WhereDoesMicrosoftStand": `{ actors(name: "microsoft") { __typename id name aliases type ... on Organization { kind url people { name role organization { id } } }
		positions { article { number title } topic topics { id name description } stance quote speaker { name } source { url } } stanceCounts { stance count } } }`,
	"VoidArticles": `{ articles(status: VOID) { number title correspondsTo { id number instrument { id title isDefault } } } }`,
	"ArticleWithLineage": `{ article(number: 6, instrument: "uncc") { id positions(filter: {actors: ["IRN"]}) { id article { id } stance }
		without: positions(includeCorresponding: false) { id } stanceCounts { stance count } } }`,
	"StateInOneQuery": `{ actor(id: "FRA") { __typename name ... on State { iso3 regionalGroup unStatus }
		memberOf { group { id name kind } from to verification sources { url } }
		positions(filter: {instruments: ["unga-74-247", "budapest", "uncc"]}) { kind stance stanceText date instrument { id symbol } } } }`,
	"GroupMembers": `{ actor(id: "eu") { __typename id ... on Group { kind note members(asOf: "2019-12-27") { member { id name } from to } all: members { member { id } } } } }`,
	"PositionsConnection": `{ positions(filter: {stances: [OPPOSES, DELETES], actorTypes: [STATE]}, orderBy: DATE_DESC, first: 7) {
		totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id date actor { id } } } } }`,
	"PositionsSecondPage": `{ positions(filter: {kinds: [VOTE], regionalGroups: [AFRICAN]}, first: 5, after: "b2Zmc2V0OjQ=") {
		totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { id stance } } } }`,
	"PositionsByDateAndVerification": `{ positions(filter: {dateFrom: "2024-07-29", dateTo: "2024-08-09", verifications: [VERIFIED, UNVERIFIED]}, first: 500) {
		totalCount edges { node { id session { id name start end place instrument { id } } onBehalfOf { id } jointWith { id } } } } }`,
	"Instruments": `{ instruments { id kind title shortTitle symbol date isDefault versionOf { id } sources { url }
		stanceCounts { stance count } articles(status: VOID) { number } } }`,
	"InstrumentPositions": `{ instrument(id: "unga-73-187") { positions(filter: {stances: [OPPOSES]}) { actor { id } date } } }`,
	"SessionsTopicsSources": `{ sessions { id name positions { id } sources { url } } topics { id name positions(orderBy: DATE_DESC) { id } }
		sources(class: AI_GENERATED_SUMMARY) { id url title publisher class positions { id } } }`,
	"SourceByURL": `{ source(url: "https://www.infosecurity-magazine.com/news-features/un-cybercrime-treaty-negotiations/") { id title positions { id actor { id } } } }`,
	"Nodes": `{ a: node(id: "IRN") { __typename id } b: node(id: "uncc:6") { __typename id } c: node(id: "pos-seed-01") { __typename id }
		d: node(id: "uncc") { __typename id } e: node(id: "scope") { __typename id } f: node(id: "nothing-here") { id } }`,
	"PeopleAndOrganizations":     `{ actors(type: PERSON) { id name ... on Person { role organization { id name } positions { id } memberOf { group { id } } } } }`,
	"ActorsByRegionalGroupPaged": `{ actors(regionalGroup: EASTERN_EUROPEAN, first: 5, offset: 5) { id name } }`,
	// The explorer's replay step: each actor's 4 strongest agreements (the
	// selection is the client's, so the stores must agree on scores and order).
	"GraphStrongestAgreements": `{ graph(filter: {dateTo: "2023-09-01"}, includeAgreement: true, options: {minOverlap: 2, session: "ahc-6-2023"}, edgesPerActor: 4) {
		nodes { id type bloc agreements } edges { id source target type stance weight overlap } }
		all: graph(includeAgreement: true, options: {minOverlap: 2}, edgesPerActor: 4) { edges { id weight overlap } } }`,
	"Release":           `{ release { id hash date } }`,
	"UnknownArticle":    `{ article(number: 999) { number } }`,
	"UnknownInstrument": `{ article(number: 5, instrument: "no-such-treaty") { number } }`,
	"UnknownActor":      `{ actor(id: "XXX") { id } }`,
}
