// The stancegraph explorer: wires the map, the side panel, search and the
// replay controls to the GraphQL API.
import { gql, startQuery, mapQuery, articleQuery, actorQuery, searchQuery } from './api.js';
import { createMap, showGraph, mark, blocColour } from './map.js';
import { h, articleView, actorView, hitsView, legendView, classOf } from './views.js';

const $ = (id) => document.getElementById(id);
const state = { months: [], asOf: '', sizes: new Map(), release: '', open: null, playing: false };

const panel = (...els) => $('panel').replaceChildren(...els);
const fail = (err) => panel(h('p', { class: 'error' }, `Error: ${err.message}`));
const dateFilter = () => (state.asOf ? { dateTo: state.asOf } : null);
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

async function loadMap() {
  const options = state.asOf ? { asOf: state.asOf } : null;
  const { graph } = await gql(mapQuery, { filter: dateFilter(), options });
  state.sizes = showGraph(cy, graph);
  $('legend').replaceChildren(...legendView(state.sizes, (b) => blocColour(b, state.sizes), state.release));
  if (state.open) await state.open();
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
  history.replaceState(null, '', `#article=${number}${instrument ? `&instrument=${encodeURIComponent(instrument)}` : ''}`);
}

async function openActor(id) {
  const { actor } = await gql(actorQuery, { id, filter: dateFilter() });
  if (!actor) {
    panel(h('p', {}, `No actor ${id}.`));
    return;
  }
  const node = cy.getElementById(`actor:${id}`);
  const bloc = node.nonempty() ? node.data('bloc') : null;
  cy.nodes().unselect();
  if (node.nonempty()) node.select();
  panel(actorView(actor, bloc, blocColour(bloc, state.sizes), (a) => openActor(a).catch(fail)));
  state.open = () => openActor(id);
  history.replaceState(null, '', `#actor=${encodeURIComponent(id)}`);
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

function setAsOf(i) {
  $('asof').value = String(i);
  state.asOf = state.months[i] ?? '';
  $('asof-label').value = state.asOf || 'all';
  return loadMap();
}

async function play() {
  if (state.playing) { state.playing = false; return; }
  state.playing = true;
  $('play').textContent = '■ Stop';
  for (let i = 0; i <= state.months.length && state.playing; i++) {
    await setAsOf(i);
    await new Promise((r) => setTimeout(r, 700));
  }
  state.playing = false;
  $('play').textContent = '▶ Replay';
}

function wire(sessions) {
  let timer;
  $('search').addEventListener('input', (ev) => { clearTimeout(timer); timer = setTimeout(() => search(ev.target.value).catch(fail), 300); });
  $('search').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { clearTimeout(timer); search(ev.target.value).catch(fail); } });
  $('asof').addEventListener('change', (ev) => setAsOf(Number(ev.target.value)).catch(fail));
  $('play').addEventListener('click', () => play().catch(fail));
  $('session').replaceChildren(h('option', { value: '' }, 'all'), ...sessions.map((s) => h('option', { value: s.end || s.start }, `${s.name} (to ${s.end || s.start})`)));
  $('session').addEventListener('change', (ev) => {
    const end = ev.target.value.slice(0, 7);
    const i = end ? state.months.indexOf(end) : state.months.length;
    setAsOf(i < 0 ? state.months.length : i).catch(fail);
  });
}

async function start() {
  const data = await gql(startQuery);
  state.release = data.release.id;
  $('release').textContent = `release ${data.release.id}`;
  const first = data.positions.edges[0]?.node.date ?? data.release.date;
  state.months = months(first, data.release.date);
  $('asof').max = String(state.months.length);
  $('asof').value = String(state.months.length);
  wire(data.sessions);
  await loadMap();
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('article')) await openArticle(Number(hash.get('article')), hash.get('instrument') || undefined);
  else if (hash.get('actor')) await openActor(hash.get('actor'));
  else panel(h('div', {}, h('h2', {}, 'Who stands where'),
    h('p', {}, 'Each dot is an actor, coloured by its bloc; lines join actors that agree most. Search an article (“Article 5”), an actor or words of a quote; click a dot for the actor; move “As of” or press Replay to watch the map form over time.')));
  window.explorer = { cy, setAsOf, state }; // for the end-to-end test
  document.body.dataset.ready = 'true';
}

start().catch(fail);
