// The issue view: an issue's 0–100 scale as a line, its alternatives
// labelled, the actors placed at the values of the alternatives they
// favour (stacked where several), the reference point (the draft on the
// table) and the outcome (the adopted text) marked, and a legend.
import { h } from './views.js';

const ns = 'http://www.w3.org/2000/svg';
// s makes an SVG element, as h makes an HTML one.
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}

const width = 520;
const margin = 36;
const step = 13; // the height of a placed actor in a stack
const ink = '#1d2330';
const x = (v) => margin + (v / 100) * (width - 2 * margin);
const short = (t, n) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
const fmt = (v) => String(Math.round(v * 10) / 10);

// outcomeMark and referenceMark draw the two marks, here and in the legend.
const outcomeMark = (cx, cy) => s('path', { d: `M${cx} ${cy - 8}L${cx + 8} ${cy}L${cx} ${cy + 8}L${cx - 8} ${cy}Z`, fill: ink, stroke: '#fff', 'stroke-width': 1.5 });
const referenceMark = (cx, cy) => s('path', { d: `M${cx - 7} ${cy - 5}L${cx + 7} ${cy - 5}L${cx} ${cy + 7}Z`, fill: '#fff', stroke: ink, 'stroke-width': 2 });

// actorMark draws a placed actor: a disc for a state, a rectangle
// otherwise, filled with its bloc's colour on the map.
function actorMark(p, cx, cy, colour, onActor) {
  const shape = p.actor.type === 'STATE'
    ? s('circle', { cx, cy, r: 5.5, fill: colour })
    : s('rect', { x: cx - 7, y: cy - 4.5, width: 14, height: 9, rx: 2, fill: colour });
  const open = () => onActor(p.actor.id);
  return s('g', { class: 'placed', 'data-actor': p.actor.id, role: 'button', tabindex: 0, onclick: open, onkeydown: (ev) => ev.key === 'Enter' && open() },
    s('title', {}, `${p.actor.name}: ${fmt(p.value)} (${p.alternative.label ?? ''}), salience ${fmt(p.salience)}, ${fmt(p.distance)} from the outcome`), shape);
}

// scale draws the line, ticks and labels, stacks and marks.
function scale(issue, colourOf, onActor) {
  const stacks = new Map();
  for (const p of issue.placements) {
    if (!stacks.has(p.value)) stacks.set(p.value, []);
    stacks.get(p.value).push(p);
  }
  const tallest = Math.max(1, ...[...stacks.values()].map((st) => st.length));
  const line = 34 + tallest * step; // the line's y, below the tallest stack and its count
  const alts = issue.alternatives;
  const els = [s('line', { x1: x(0), x2: x(100), y1: line, y2: line, stroke: ink, 'stroke-width': 2 })];
  alts.forEach((a, i) => {
    const anchor = a.value <= 5 ? 'start' : a.value >= 95 ? 'end' : 'middle';
    const row = i % 2; // neighbouring labels alternate rows
    els.push(s('line', { x1: x(a.value), x2: x(a.value), y1: line - 5, y2: line + 5, stroke: ink, 'stroke-width': 2 }),
      s('text', { class: 'alt-label', x: x(a.value), y: line + 36 + row * 26, 'text-anchor': anchor, 'font-size': 11, fill: ink, 'data-alternative': a.id },
        s('tspan', { 'font-weight': 'bold' }, fmt(a.value)), ` ${short(a.label, 22)}`, s('title', {}, a.label)));
  });
  for (const [v, st] of stacks) {
    st.sort((a, b) => (a.actor.type === 'STATE') - (b.actor.type === 'STATE') || (a.actor.name < b.actor.name ? -1 : 1));
    st.forEach((p, i) => els.push(actorMark(p, x(v), line - 14 - i * step, colourOf(p.actor.id), onActor)));
    els.push(s('text', { x: x(v), y: line - 20 - st.length * step, 'text-anchor': 'middle', 'font-size': 10, fill: '#66707f' }, String(st.length)));
  }
  if (issue.reference) {
    els.push(s('g', { class: 'mark', 'data-mark': 'reference', 'data-value': issue.reference.value },
      s('title', {}, `Reference point: ${issue.reference.label} (${issue.referenceInstrument?.shortTitle ?? issue.referenceInstrument?.id ?? 'the draft'})`),
      referenceMark(x(issue.reference.value), line + 14)));
  }
  els.push(s('g', { class: 'mark', 'data-mark': 'outcome', 'data-value': issue.outcome.value },
    s('title', {}, `Outcome: ${issue.outcome.label}`), outcomeMark(x(issue.outcome.value), line)));
  const height = line + 36 + (alts.length > 1 ? 26 : 0) + 8;
  return s('svg', { class: 'issue-scale', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': `${issue.name}: ${issue.placements.length} actors placed on the 0–100 scale` }, els);
}

// legend explains the marks of the scale.
function legend(issue) {
  const icon = (...els) => s('svg', { width: 20, height: 18, viewBox: '-10 -9 20 18', class: 'legend-icon' }, els);
  return h('p', { class: 'issue-legend muted' },
    h('span', {}, icon(s('circle', { r: 5.5, fill: '#8a93a3' })), 'state, ', icon(s('rect', { x: -7, y: -4.5, width: 14, height: 9, rx: 2, fill: '#8a93a3' })),
      'organization, group or person, filled with its bloc\'s colour on the map and stacked on the alternative it favours (its latest position as of the map\'s date; click for the actor); '),
    h('span', {}, icon(outcomeMark(0, 0)), 'outcome: the adopted text; '),
    h('span', {}, icon(referenceMark(0, 0)), issue.reference
      ? `reference point: the draft on the table (${issue.referenceInstrument?.shortTitle ?? issue.referenceInstrument?.id ?? 'cited'}).`
      : 'reference point: none cited for this issue.'));
}

// issueView shows the issue chosen among issues (a selector calls
// onIssue(id)); colourOf(actorId) is an actor's colour on the map.
export function issueView(issue, issues, colourOf, onIssue, onActor) {
  const pick = h('select', { id: 'issue-pick', 'aria-label': 'Issue', onchange: (ev) => onIssue(ev.target.value) },
    issues.map((i) => h('option', { value: i.id, selected: i.id === issue.id ? 'selected' : null }, i.name)));
  const count = (a) => issue.placements.filter((p) => p.alternative.id === a.id).length;
  return h('div', { class: 'issue-view', 'data-issue': issue.id, 'data-placed': issue.placements.length },
    h('h2', {}, 'Issue ', pick),
    issue.description ? h('p', { class: 'muted' }, issue.description) : null,
    scale(issue, colourOf, onActor),
    legend(issue),
    h('ul', { class: 'alternatives' }, issue.alternatives.map((a) => h('li', {},
      h('strong', {}, fmt(a.value)), ` ${a.label} `, h('span', { class: 'badge' }, `${count(a)} placed`),
      a.id === issue.outcome.id ? h('span', { class: 'badge' }, 'outcome') : null,
      a.id === issue.reference?.id ? h('span', { class: 'badge' }, 'reference') : null))),
    issue.placements.length ? null : h('p', {}, 'No actor placed on this issue as of this date.'),
    h('p', { class: 'muted' }, 'Sources: ', [...issue.outcomeSources, ...issue.referenceSources].map((src, i) => [i ? ', ' : '',
      h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer' }, src.title || src.url)])));
}
