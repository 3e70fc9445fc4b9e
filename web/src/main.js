// The stancegraph explorer: wires the map, the side panel, search, the
// filters, exports and the replay controls to the GraphQL API. The URL's
// hash carries the whole state (view, actor, article or issue, as-of month
// or session, overlap, the blocs' basis, filters), so a reload or a shared
// link shows the same.
import { gql, startQuery, mapQuery, blocsQuery, matrixQuery, articleQuery, actorQuery, searchQuery, issuesQuery, issueQuery } from './api.js';
import { createMap, showGraph, mark, filter, blocColour, stanceColours, agreementColour, aloneColour, elements, keepPerActor } from './map.js';
import { issueView } from './issue.js';
import { h, articleView, actorView, hitsView, legendView, blocsView, blocName, heatmapView, timelineView, classes, classOf } from './views.js';

const $ = (id) => document.getElementById(id);
const state = {
  months: [], sessions: [], asOf: '', session: '', overlap: 2, basis: '', type: '', region: '', stance: '', evidence: '', issue: '',
  sizes: new Map(), names: new Map(), blocs: null, issues: null, release: '', open: null, view: '', playing: false, lastReplay: null,
};
const graphs = new Map(); // the maps fetched, by filter and options: replay and reloads reuse them
const matrices = new Map(); // agreementMatrix answers, by options
const issueCache = new Map(); // issue answers, by issue and options

const panel = (...els) => $('panel').replaceChildren(...els);
const fail = (err) => panel(h('p', { class: 'error' }, `Error: ${err.message}`));
const cy = createMap($('map'), (id) => openActor(id).catch(fail));

// months lists YYYY-MM from the month of first to that of last.
function months(first, last) {
  const out = [];
  let [y, m] = first.slice(0, 7).split('-').map(Number);
  const [ly, lm] = last.slice(0, 7).split('-').map(Number);
  while (y < ly || (y === ly && m <= (lm || 12))) {
    out.push(`${y}-${String(m || 1).padStart(2, '0')}`);
    if (++m > 12) { y++; m = 1; }
  }
  return out;
}

// The positions and coalition options of a moment: up to the end of a
// session, or of a month, or all; agreement needs state.overlap items and
// counts the items of state.basis ('': all, ISSUES or TEXTS).
function query(session = state.session, asOf = state.asOf) {
  const s = state.sessions.find((x) => x.id === session);
  const to = s ? (s.end || s.start) : asOf;
  const options = { minOverlap: state.overlap };
  if (state.basis) options.basis = state.basis;
  if (s) options.session = s.id;
  else if (asOf) options.asOf = asOf;
  // An evidence filter keeps only the positions resting on such sources:
  // the map, its agreement and its blocs are those of that record.
  const evidence = evidenceChoices.find((c) => c.key === state.evidence)?.grades;
  if (evidence) options.filter = { evidence };
  const filter = to || evidence ? { ...(to ? { dateTo: to } : {}), ...(evidence ? { evidence } : {}) } : null;
  return { filter, options };
}
const dateFilter = () => query().filter;
const keyOf = (q) => JSON.stringify(q);

// The evidence filter's choices: the grades (the API's EvidenceGrade) a
// position's best source must have. The roll calls rest on a data set.
const evidenceChoices = [
  { key: 'firsthand', grades: ['OFFICIAL', 'GOVERNMENT', 'DATASET'] },
  { key: 'own', grades: ['OFFICIAL', 'GOVERNMENT', 'DATASET', 'STAKEHOLDER'] },
  { key: 'no-ai', grades: ['OFFICIAL', 'GOVERNMENT', 'DATASET', 'STAKEHOLDER', 'NEWS', 'SECONDARY'] },
  { key: 'ai', grades: ['AI_SUMMARY'] },
];

// The bases blocs can be computed on besides all items (the API's CoalitionBasis).
const bases = ['ISSUES', 'TEXTS'];

// writeHash puts the state in the URL; readHash reads it back.
function writeHash() {
  const p = new URLSearchParams();
  if (state.view) for (const [k, v] of Object.entries(state.view)) if (v != null && v !== '') p.set(k, v);
  if (state.session) p.set('session', state.session);
  else if (state.asOf) p.set('asof', state.asOf);
  if (state.overlap !== 2) p.set('overlap', String(state.overlap));
  if (state.basis) p.set('basis', state.basis.toLowerCase());
  for (const k of ['type', 'region', 'stance', 'evidence']) if (state[k]) p.set(k, state[k]);
  history.replaceState(null, '', `${location.pathname}${location.search}${p.size ? `#${p}` : ''}`);
  $('gexf').href = gexfURL();
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  state.session = state.sessions.some((s) => s.id === p.get('session')) ? p.get('session') : '';
  state.asOf = state.months.includes(p.get('asof')) ? p.get('asof') : '';
  state.overlap = Math.max(1, Math.min(5, Number(p.get('overlap')) || 2));
  state.basis = bases.includes(p.get('basis')?.toUpperCase()) ? p.get('basis').toUpperCase() : '';
  for (const k of ['type', 'region', 'stance']) state[k] = p.get(k) ?? '';
  state.evidence = evidenceChoices.some((c) => c.key === p.get('evidence')) ? p.get('evidence') : '';
  return p;
}

// gexfURL is the export of what the map shows: its positions, blocs and
// agreement edges, with the same date, overlap and filters (with a filter,
// blocs are computed over the actors it keeps).
function gexfURL() {
  const api = new URLSearchParams(location.search).get('api');
  const u = new URL('/export/gexf', api ? new URL(api, location.href) : location.href);
  u.searchParams.set('agreement', 'true');
  u.searchParams.set('minOverlap', String(state.overlap));
  if (state.basis) u.searchParams.set('basis', state.basis);
  const f = dateFilter();
  if (f?.dateTo) {
    u.searchParams.set('dateTo', f.dateTo);
    u.searchParams.set('asOf', f.dateTo);
  }
  if (state.type) u.searchParams.set('actorType', state.type.toUpperCase());
  if (state.region) u.searchParams.set('regionalGroup', state.region);
  if (state.stance) for (const s of classes.find((c) => c.key === state.stance).stances) u.searchParams.append('stance', s);
  for (const g of f?.evidence ?? []) u.searchParams.append('evidence', g);
  return u.href;
}

// syncControls shows the state in the header's controls.
function syncControls() {
  const i = state.session ? state.months.indexOf((state.sessions.find((s) => s.id === state.session).end || '').slice(0, 7))
    : state.asOf ? state.months.indexOf(state.asOf) : state.months.length;
  $('asof').value = String(i < 0 ? state.months.length : i);
  $('asof-label').value = state.session ? (state.sessions.find((s) => s.id === state.session).end || state.asOf) : state.asOf || 'all';
  $('session').value = state.session;
  $('overlap').value = String(state.overlap);
  $('basis').value = state.basis;
  $('f-type').value = state.type;
  $('f-region').value = state.region;
  $('f-stance').value = state.stance;
  $('f-evidence').value = state.evidence;
}

function applyFilters() {
  const stances = state.stance ? classes.find((c) => c.key === state.stance).stances : [];
  filter(cy, { types: state.type ? [state.type] : [], regions: state.region ? [state.region] : [], stances });
  $('map').dataset.shown = String(cy.nodes().not('.hidden').length);
}

function legend() {
  $('legend').replaceChildren(...legendView({
    sizes: state.sizes, colourOf: (b) => blocColour(b, state.sizes), names: state.names, stanceColours, agreementColour,
    overlap: state.overlap, basis: state.basis, release: state.release, onBlocs: () => openBlocs().catch(fail),
  }));
}

// fetchGraph returns the map of a moment, from the cache or the server;
// the cache holds the request itself, so a map asked for twice while it
// loads is fetched once.
function fetchGraph(q) {
  const key = keyOf(q);
  if (!graphs.has(key)) {
    const p = gql(mapQuery, { ...q, edgesPerActor: keepPerActor }).then((d) => d.graph);
    p.catch(() => graphs.delete(key));
    graphs.set(key, p);
  }
  return graphs.get(key);
}

// prefetch fetches maps in order, width at a time (the server has few
// cores), so the first steps of a replay arrive first.
async function prefetch(qs, width = 2) {
  let next = 0;
  const worker = async () => {
    while (next < qs.length) await fetchGraph(qs[next++]).catch(() => {});
  };
  await Promise.all(Array.from({ length: width }, worker));
}

// names fetches the blocs of the moment and names them by their defining
// items; map blocs are matched to them by members.
async function nameBlocs(q) {
  const { blocs } = await gql(blocsQuery, { options: q.options });
  state.blocs = blocs;
  state.names = new Map();
  for (const b of blocs.blocs) {
    const node = b.members.map((m) => cy.getElementById(`actor:${m.id}`)).find((n) => n.nonempty());
    if (node) state.names.set(node.data('bloc'), blocName(b));
  }
}

async function loadMap({ names = true } = {}) {
  const q = query();
  const graph = await fetchGraph(q);
  state.sizes = showGraph(cy, graph, state.playing);
  const regions = [...new Set(cy.nodes().map((n) => n.data('region')).filter(Boolean))].sort();
  if ($('f-region').options.length - 1 !== regions.length) {
    $('f-region').replaceChildren(h('option', { value: '' }, 'any region'), ...regions.map((r) => h('option', { value: r }, r.toLowerCase().replaceAll('_', ' '))));
  }
  syncControls();
  applyFilters();
  if (names) await nameBlocs(q);
  legend();
  writeHash();
  // A replay step reopens an article or actor, not the heatmap (a request per step).
  if (state.open && !(state.playing && state.view?.view === 'heatmap')) await state.open();
}

async function openArticle(number, instrument) {
  const { article } = await gql(articleQuery, { number, instrument, filter: dateFilter() });
  if (!article) {
    panel(h('p', {}, `No article ${number}${instrument ? ` in ${instrument}` : ''}.`));
    return;
  }
  const byActor = new Map(article.positions.map((p) => [p.actor.id, classOf(p.stance)]));
  mark(cy, byActor);
  panel(articleView(article, (id) => openActor(id).catch(fail)));
  state.open = () => openArticle(number, instrument);
  state.view = { article: number, instrument };
  writeHash();
}

async function openActor(id) {
  const { actor } = await gql(actorQuery, { id, filter: dateFilter() });
  if (!actor) {
    panel(h('p', {}, `No actor ${id}.`));
    return;
  }
  mark(cy, new Map()); // the rings belong to an article view
  const node = cy.getElementById(`actor:${id}`);
  const bloc = node.nonempty() ? node.data('bloc') : null;
  cy.nodes().unselect();
  if (node.nonempty()) node.select();
  panel(actorView(actor, bloc != null && state.names.has(bloc) ? `${state.names.get(bloc)}` : bloc, blocColour(bloc, state.sizes), (a) => openActor(a).catch(fail)));
  state.open = () => openActor(id);
  state.view = { actor: id };
  writeHash();
}

async function openBlocs() {
  if (!state.blocs) await nameBlocs(query());
  const colourOf = (id) => {
    const b = state.blocs.blocs.find((x) => x.id === id);
    const node = b?.members.map((m) => cy.getElementById(`actor:${m.id}`)).find((n) => n.nonempty());
    return node ? node.data('colour') : blocColour(null, state.sizes);
  };
  const names = new Map(state.blocs.blocs.map((b) => [b.id, blocName(b)]));
  mark(cy, new Map());
  panel(blocsView(state.blocs, colourOf, names, (id) => openActor(id).catch(fail)));
  state.open = () => openBlocs();
  state.view = { view: 'blocs' };
  writeHash();
}

// heatmapMax bounds the actors of the heatmap: its pairs grow with the
// square, and the API prices a matrix by its pairs (160 actors, 12,720 pairs).
const heatmapMax = 160;

// openHeatmap shows the agreement of every pair of actors shown, grouped
// by bloc, largest bloc first (the first heatmapMax of them).
async function openHeatmap() {
  const { options } = query();
  const group = (n) => ((state.sizes.get(n.data('bloc')) ?? 0) > 1 ? n.data('bloc') : -1);
  const size = (b) => (b < 0 ? 0 : state.sizes.get(b));
  const actors = cy.nodes().not('.hidden').map((n) => ({ id: n.id(), label: n.data('label'), bloc: group(n) }))
    .sort((a, b) => size(b.bloc) - size(a.bloc) || a.bloc - b.bloc || (a.id < b.id ? -1 : 1))
    .slice(0, heatmapMax);
  const ids = actors.map((a) => a.id.replace(/^actor:/, ''));
  const key = keyOf(options) + ids.join(',');
  if (!matrices.has(key)) matrices.set(key, (await gql(matrixQuery, { actors: ids, options })).agreementMatrix);
  const scores = new Map();
  for (const p of matrices.get(key)) {
    scores.set(`actor:${p.a.id}|actor:${p.b.id}`, p.score);
    scores.set(`actor:${p.b.id}|actor:${p.a.id}`, p.score);
  }
  mark(cy, new Map());
  panel(heatmapView(actors, scores, state.overlap));
  state.open = () => openHeatmap();
  state.view = { view: 'heatmap' };
  writeHash();
}

// openTimeline shows the dated positions per month, from the whole map.
async function openTimeline() {
  const all = await fetchGraph(query('', ''));
  const counts = new Map(state.months.map((m) => [m, 0]));
  for (const e of all.edges) {
    const d = e.position?.date;
    if (!d) continue;
    const m = d.length >= 7 ? d.slice(0, 7) : `${d.slice(0, 4)}-01`;
    if (counts.has(m)) counts.set(m, counts.get(m) + 1);
  }
  panel(timelineView(counts, state.asOf, (m) => setAsOf(state.months.indexOf(m)).catch(fail)));
  state.open = () => openTimeline();
  state.view = { view: 'timeline' };
  writeHash();
}

// openIssue shows an issue's scale with the actors placed on it as of the
// map's moment: the issue id, else the one last shown, else the issue
// placing the most actors.
async function openIssue(id = state.issue) {
  const { options } = query();
  state.issues ??= gql(issuesQuery).then((d) => d.issues);
  const issues = await state.issues.catch((err) => { state.issues = null; throw err; });
  const placed = (i) => i.alternatives.reduce((n, a) => n + a.actors, 0);
  const chosen = issues.some((i) => i.id === id) ? id
    : [...issues].sort((a, b) => placed(b) - placed(a) || (a.id < b.id ? -1 : 1))[0]?.id;
  if (!chosen) {
    panel(h('p', {}, 'No issue in this data.'));
    return;
  }
  // One request per issue and moment (a replay step, a second replay: none).
  const key = keyOf({ id: chosen, options });
  if (!issueCache.has(key)) issueCache.set(key, (await gql(issueQuery, { id: chosen, options })).issue);
  const issue = issueCache.get(key);
  const colourOf = (a) => {
    const n = cy.getElementById(`actor:${a}`);
    return n.nonempty() ? n.data('colour') : aloneColour;
  };
  mark(cy, new Map());
  const byName = [...issues].sort((a, b) => (a.name < b.name ? -1 : 1));
  panel(issueView(issue, byName, colourOf, (i) => openIssue(i).catch(fail), (a) => openActor(a).catch(fail)));
  state.issue = chosen;
  state.open = () => openIssue(chosen);
  state.view = { view: 'issue', issue: chosen };
  writeHash();
}

const articleRef = /^\s*(?:art(?:icle)?\.?)\s*(\d+)\s*$/i;

async function search(text) {
  text = text.trim();
  if (!text) return;
  const m = articleRef.exec(text);
  if (m) return openArticle(Number(m[1]));
  const { search: hits } = await gql(searchQuery, { text });
  panel(hitsView(text, hits, (hit) => {
    const n = hit.node;
    if (n.__typename === 'Article') return openArticle(n.number, n.instrument.id).catch(fail);
    if (n.__typename === 'Position' && n.article) return openArticle(n.article.number, n.article.instrument.id).catch(fail);
    if (n.__typename === 'Position') return openActor(n.actor.id).catch(fail);
    if (n.name) return openActor(n.id).catch(fail);
    if (n.url) window.open(n.url, '_blank', 'noopener');
  }));
}

// setAsOf shows the map up to month i (the last index: all); a session
// whose end falls in that month stays chosen.
function setAsOf(i) {
  state.asOf = state.months[i] ?? '';
  const s = state.sessions.find((x) => x.id === state.session);
  if (!s || (s.end || s.start).slice(0, 7) !== state.asOf) state.session = '';
  return loadMap();
}

function setSession(id) {
  state.session = id;
  const s = state.sessions.find((x) => x.id === id);
  state.asOf = s ? (s.end || s.start).slice(0, 7) : '';
  return loadMap();
}

// replay shows the map session by session: each step's map is fetched
// once (two at a time, in order, while the first steps play; a second
// replay needs no request) and drawn on the client without a new layout.
async function replay() {
  if (state.playing) { state.playing = false; return; }
  state.playing = true;
  $('play').textContent = '■ Stop';
  const t0 = performance.now();
  const steps = state.sessions.map((s) => s.id).concat(['']);
  const qs = steps.map((id) => query(id, ''));
  const fetched = qs.filter((q) => !graphs.has(keyOf(q))).length;
  const loading = prefetch(qs);
  let firstMs = 0;
  for (const id of steps) {
    if (!state.playing) break;
    state.session = id;
    state.asOf = id ? (state.sessions.find((s) => s.id === id).end || '').slice(0, 7) : '';
    await loadMap({ names: false });
    firstMs ||= Math.round(performance.now() - t0);
    await new Promise((r) => setTimeout(r, Number(document.body.dataset.replayDelay ?? 700)));
  }
  await loading;
  state.lastReplay = { steps: steps.length, fetched, firstMs, totalMs: Math.round(performance.now() - t0) };
  state.playing = false;
  $('play').textContent = '▶ Replay';
  await nameBlocs(query());
  legend();
}

function download(name, blob) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const fileName = (ext) => `stancegraph-${state.release}${state.session ? `-${state.session}` : state.asOf ? `-${state.asOf}` : ''}.${ext}`;

function wire() {
  let timer;
  $('search').addEventListener('input', (ev) => { clearTimeout(timer); timer = setTimeout(() => search(ev.target.value).catch(fail), 300); });
  $('search').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { clearTimeout(timer); search(ev.target.value).catch(fail); } });
  $('asof').addEventListener('change', (ev) => setAsOf(Number(ev.target.value)).catch(fail));
  $('play').addEventListener('click', () => replay().catch(fail));
  $('session').replaceChildren(h('option', { value: '' }, 'all'), ...state.sessions.map((s) => h('option', { value: s.id }, `${s.name} (to ${s.end || s.start})`)));
  $('session').addEventListener('change', (ev) => setSession(ev.target.value).catch(fail));
  $('overlap').addEventListener('change', (ev) => { state.overlap = Number(ev.target.value); loadMap().catch(fail); });
  $('basis').addEventListener('change', (ev) => { state.basis = ev.target.value; loadMap().catch(fail); });
  // Evidence changes what the map is computed from, so the map is fetched again.
  $('f-evidence').addEventListener('change', (ev) => { state.evidence = ev.target.value; loadMap().catch(fail); });
  for (const k of ['type', 'region', 'stance']) {
    $(`f-${k}`).addEventListener('change', (ev) => {
      state[k] = ev.target.value;
      applyFilters();
      writeHash();
      if (state.view?.view === 'heatmap') openHeatmap().catch(fail);
    });
  }
  $('heatmap').addEventListener('click', () => openHeatmap().catch(fail));
  $('timeline').addEventListener('click', () => openTimeline().catch(fail));
  $('issue').addEventListener('click', () => openIssue().catch(fail));
  $('png').addEventListener('click', async () => download(fileName('png'), await cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' })));
  $('svg').addEventListener('click', () => download(fileName('svg'), new Blob([cy.svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' })));
}

async function start() {
  const data = await gql(startQuery);
  state.release = data.release.id;
  $('release').textContent = `release ${data.release.id}`;
  const first = data.positions.edges[0]?.node.date ?? data.release.date;
  state.months = months(first, data.release.date);
  state.sessions = data.sessions.filter((s) => s.end || s.start).sort((a, b) => ((a.end || a.start) < (b.end || b.start) ? -1 : 1));
  $('asof').max = String(state.months.length);
  wire();
  const hash = readHash();
  await loadMap();
  if (hash.get('article')) await openArticle(Number(hash.get('article')), hash.get('instrument') || undefined);
  else if (hash.get('actor')) await openActor(hash.get('actor'));
  else if (hash.get('view') === 'blocs') await openBlocs();
  else if (hash.get('view') === 'heatmap') await openHeatmap();
  else if (hash.get('view') === 'timeline') await openTimeline();
  else if (hash.get('view') === 'issue') await openIssue(hash.get('issue'));
  else panel(h('div', {}, h('h2', {}, 'Who stands where'),
    h('p', {}, 'Each dot is an actor, filled with its bloc\'s colour (blocs are named by what their members agree on: see the legend below); lines join actors that agree most. Search an article (“Article 5”), an actor or words of a quote; click a dot for the actor; choose a session or move “As of”, or press Replay to watch the map form session by session. Issues shows who wanted what on each controversial question, and “Blocs from” colours the blocs by agreement on issues alone. The address bar keeps what you see: share it, or reload it.')));
  // For the end-to-end test (elements, gql and mapQuery: the map of every edge against the strongest only).
  window.explorer = { cy, setAsOf, setSession, replay, state, graphs, query, elements, gql, mapQuery };
  document.body.dataset.ready = 'true';
}

start().catch(fail);
