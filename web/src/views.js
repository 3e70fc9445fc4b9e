// The side panel: article view, actor panel and search hits, built with
// DOM nodes (never innerHTML, so data cannot inject markup).

// h makes an element: h('a', {href}, 'text', child, ...).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

// The stance classes of the article view, in order.
export const classes = [
  { key: 'supports', title: 'Supports', stances: ['SUPPORTS', 'RETAINS', 'SIGNS', 'RATIFIES'] },
  { key: 'opposes', title: 'Opposes', css: 'opponents', stances: ['OPPOSES', 'DELETES'] },
  { key: 'conditional', title: 'Conditions / amends', css: 'conditions', stances: ['CONDITIONAL', 'AMENDS'] },
  { key: 'other', title: 'Other', css: 'others', stances: ['ABSTAINS', 'ABSENT', 'NEUTRAL'] },
];

export const classOf = (stance) => classes.find((c) => c.stances.includes(stance))?.key ?? 'other';

const where = (p) => {
  if (p.article) return `Art. ${p.article.number} (${p.article.instrument.shortTitle || p.article.instrument.id})${p.article.title ? `: ${p.article.title}` : ''}`;
  if (p.instrument) return p.instrument.shortTitle || p.instrument.title;
  return p.topics.map((t) => t.name).join(', ');
};

// sourceLink is the link to a position's primary source.
const sourceLink = (p) => h('a', { class: 'source', href: p.source.url, target: '_blank', rel: 'noopener noreferrer' }, p.source.title || p.source.url);

// evidenceGrades name the API's evidence grades (a position's best source)
// as a reader weighs them.
const evidenceGrades = {
  OFFICIAL: ['official record', 'an official UN or treaty record'],
  GOVERNMENT: ['government', "a government's or the EU's own statement"],
  STAKEHOLDER: ["actor's own", "an NGO's or a company's own statement"],
  DATASET: ['data set', 'an academic data set (roll calls)'],
  NEWS: ['news', 'a news report'],
  AI_SUMMARY: ['AI summary', 'only an AI-generated meeting summary (DiploAI: "not an official record")'],
  SECONDARY: ['secondary', 'another secondary source'],
};

// evidenceBadge says what the position rests on, and whether it was read there.
function evidenceBadge(p) {
  const [label, what] = evidenceGrades[p.evidence] ?? [p.evidence?.toLowerCase() ?? 'unknown', 'unknown'];
  const read = p.verification === 'VERIFIED' ? 'read in the source' : p.verification === 'DERIVED' ? 'derived from verified facts' : 'not verified in the source';
  return h('span', { class: `evidence evidence-${(p.evidence ?? '').toLowerCase()}`, 'data-evidence': p.evidence ?? '', title: `Rests on ${what}; ${read}.` }, label);
}

// positionItem renders one position; who says whether the actor or the
// target leads.
function positionItem(p, who, onActor) {
  const head = who === 'actor'
    ? h('button', { class: 'link actor', type: 'button', 'data-actor': p.actor.id, onclick: () => onActor(p.actor.id) }, p.actor.name)
    : h('strong', {}, where(p));
  return h('li', { class: 'position', 'data-stance': p.stance, 'data-position': p.id },
    head, ' ', h('span', { class: 'badge' }, p.stanceText || p.stance.toLowerCase()), p.date ? h('span', { class: 'muted' }, ` ${p.date}`) : null,
    ' ', evidenceBadge(p),
    who === 'actor' && p.article ? h('div', { class: 'muted' }, where(p)) : null,
    p.quote ? h('blockquote', {}, p.quote) : null,
    h('div', { class: 'muted' }, 'Source: ', sourceLink(p), p.source.publisher ? ` (${p.source.publisher})` : ''));
}

// articleView lists who supports, opposes and conditions an article, each
// with quote and source link.
export function articleView(a, onActor) {
  const inst = a.instrument.shortTitle || a.instrument.title;
  const also = a.correspondsTo.map((c) => `Art. ${c.number} (${c.instrument.shortTitle || c.instrument.id})`).join(', ');
  const sections = classes.map((c) => {
    const ps = a.positions.filter((p) => classOf(p.stance) === c.key);
    if (!ps.length) return null;
    return h('section', { class: c.css ?? 'supporters', 'data-class': c.key },
      h('h3', {}, `${c.title} (${ps.length})`), h('ul', {}, ps.map((p) => positionItem(p, 'actor', onActor))));
  });
  return h('div', { class: 'article-view', 'data-article': a.id },
    h('h2', {}, `Article ${a.number}: ${a.title}`),
    h('div', { class: 'muted' }, inst, a.status ? ` · ${a.status}` : '', also ? ` · same provision as ${also}` : ''),
    a.positions.length ? sections : h('p', {}, 'No positions recorded up to this date.'));
}

// actorView is the actor panel: who it is, its bloc, its stances and
// positions with quotes and sources.
export function actorView(a, bloc, colour, onActor) {
  const facts = [a.type.toLowerCase(), a.regionalGroup?.toLowerCase().replaceAll('_', ' '), a.kind?.toLowerCase(), a.unStatus].filter(Boolean).join(' · ');
  return h('div', { class: 'actor-view', 'data-actor': a.id },
    h('h2', {}, a.name),
    h('div', { class: 'muted' }, facts, a.aliases.length ? ` · also ${a.aliases.join(', ')}` : ''),
    bloc != null ? h('p', {}, h('span', { class: 'swatch', style: `background:${colour}` }), `Bloc: ${bloc}`) : null,
    a.url ? h('p', {}, h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, a.url)) : null,
    a.memberOf.length ? h('p', {}, 'Member of: ', a.memberOf.map((m) => m.group.name).join(', ')) : null,
    h('p', {}, a.stanceCounts.map((c) => h('span', { class: 'badge' }, `${c.stance.toLowerCase()} ${c.count}`))),
    h('h3', { style: 'background:#394150' }, `Positions (${a.positions.length})`),
    h('ul', {}, a.positions.slice(0, 100).map((p) => positionItem(p, 'target', onActor))));
}

// hitsView lists search hits; onHit(hit) opens one.
export function hitsView(text, hits, onHit) {
  if (!hits.length) return h('p', {}, `Nothing matches “${text}”.`);
  return h('div', {}, h('h2', {}, `Search: ${text}`),
    h('ul', { class: 'hits' }, hits.map((hit) => {
      const n = hit.node;
      const title = n.name ?? (n.number != null ? `Article ${n.number} (${n.instrument.shortTitle || n.instrument.id}): ${n.title}` : n.title ?? n.shortTitle ?? (n.actor ? `${n.actor.name}: ${n.stance.toLowerCase()}` : n.id));
      return h('li', { onclick: () => onHit(hit) }, h('strong', {}, title), h('span', { class: 'badge' }, hit.kind.toLowerCase()), h('div', { class: 'muted' }, hit.snippet));
    })));
}

// itemName names a coalition item: "Art. 6 (UNCC)", "A/RES/74/247 vote",
// "scope".
export function itemName(item) {
  if (item.issue) return item.issue.name;
  if (item.article) return `Art. ${item.article.number} (${item.article.instrument.shortTitle || item.article.instrument.id})`;
  if (item.instrument) return `${item.instrument.symbol || item.instrument.shortTitle || item.instrument.id}${item.kind ? ` ${item.kind.toLowerCase().replaceAll('_', ' ')}` : ''}`;
  if (item.topic) return item.topic.name;
  return item.id;
}

// stanceWord says a mean stance in words.
const stanceWord = (m) => (m > 0.25 ? 'for' : m < -0.25 ? 'against' : 'abstaining on');

// blocName names a bloc by its two defining items: "for A/RES/73/187 vote,
// for A/RES/74/247 vote", or "Scope of criminalization at 96" for an
// issue; a bloc of one is its member's name.
export function blocName(bloc) {
  if (!bloc.defining.length) return `bloc ${bloc.id}`;
  return bloc.defining.slice(0, 2).map((d) => (d.item.issue ? issueWord(d) : `${stanceWord(d.meanStance)} ${itemName(d.item)}`)).join(', ');
}

// issueWord names where a bloc stands on an issue: its members' mean
// placement on the 0–100 scale (a mean stance s is x = 50 (s + 1)).
const issueWord = (d) => `${itemName(d.item)} at ${Math.round(50 * (d.meanStance + 1))}`;

// blocsView lists the blocs: colour, name, size, cohesion, the items that
// define them (mean stance) and their members.
export function blocsView(analysis, colourOf, names, onActor) {
  const blocs = analysis.blocs.filter((b) => b.size > 1);
  return h('div', { class: 'blocs-view' },
    h('h2', {}, `Blocs (${blocs.length})`),
    h('p', { class: 'muted' }, `Louvain communities of agreement, modularity Q = ${analysis.modularity.toFixed(3)}; named by the items their members agree on most.`),
    blocs.map((b) => h('section', { class: 'bloc', 'data-bloc': b.id },
      h('h3', { style: `background:${colourOf(b.id)}` }, `${names.get(b.id)} (${b.size})`),
      h('div', { class: 'muted' }, `cohesion ${b.cohesion.toFixed(2)}`),
      h('ul', {}, b.defining.slice(0, 4).map((d) => h('li', {}, `${itemName(d.item)}: mean stance ${d.meanStance >= 0 ? '+' : ''}${d.meanStance.toFixed(2)} (${d.speakers} spoke)`))),
      h('p', { class: 'members' }, b.members.slice(0, 40).map((m) => h('button', { class: 'link member', type: 'button', title: m.id, onclick: () => onActor(m.id) }, m.name)),
        b.members.length > 40 ? ` … ${b.members.length - 40} more` : ''))));
}

const sw = (colour, cls = 'swatch') => h('span', { class: cls, style: cls === 'swatch' ? `background:${colour}` : `border-color:${colour}` });

// legendView explains every mark: bloc colours (named, click for the
// blocs panel; basis: the items they are computed on, '' for all), grey,
// dashed, rings, shapes and lines.
export function legendView({ sizes, colourOf, names, stanceColours, agreementColour, overlap, basis, release, onBlocs }) {
  const blocs = [...sizes].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return [
    h('span', {}, h('strong', {}, `Fill: bloc${basis ? `, from agreement on ${basis.toLowerCase()} only` : ''} `), h('button', { class: 'link', type: 'button', onclick: onBlocs }, '(all blocs)')),
    ...blocs.map(([b, n]) => h('span', { class: 'legend-bloc', 'data-bloc': b }, sw(colourOf(b)), `${names.get(b) ?? `bloc ${b}`} (${n})`)),
    h('span', {}, sw(colourOf(null)), 'alone in its bloc'),
    h('span', {}, h('span', { class: 'swatch unplaced' }), `dashed, in the grid below: under ${overlap} shared items with anyone, not placed`),
    h('span', {}, h('strong', {}, 'Ring: stance on the open article ')),
    ...[['supports', 'supports / retains'], ['opposes', 'opposes / deletes'], ['conditional', 'conditions / amends'], ['other', 'abstains / other']]
      .map(([k, t]) => h('span', {}, sw(stanceColours[k], 'ring'), t)),
    h('span', {}, h('strong', {}, 'Shape: '), h('span', { class: 'shape disc' }), 'state ', h('span', { class: 'shape rect' }), 'organization, group or person'),
    h('span', {}, h('span', { class: 'line', style: `background:${agreementColour}` }), `line: agreement above 0.5 on ${overlap}+ shared items (each actor's 4 strongest)`),
    h('span', { class: 'muted' }, `Data release ${release}: cite it with your findings`),
  ];
}

// heatColour maps an agreement score (0…1) to a sequential blue; null
// (too little overlap) is light grey. No stance or bloc colour is used.
export function heatColour(score) {
  if (score == null) return '#eceff3';
  const lo = [247, 251, 255];
  const hi = [8, 48, 107];
  const c = lo.map((l, i) => Math.round(l + (hi[i] - l) * score));
  return `rgb(${c.join(',')})`;
}

// heatmapView draws the agreement of every pair of actors shown, ordered by
// bloc (largest first), with a line between blocs; hovering a cell names
// the pair. actors: [{id, label, bloc, colour}] in order.
export function heatmapView(actors, scores, overlap) {
  const n = actors.length;
  const cell = Math.max(2, Math.min(6, Math.floor(520 / Math.max(n, 1))));
  const canvas = h('canvas', { class: 'heatmap', width: n * cell, height: n * cell, 'aria-label': `Agreement between ${n} actors, ordered by bloc` });
  const ctx = canvas.getContext('2d');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = i === j ? 1 : scores.get(`${actors[i].id}|${actors[j].id}`);
      ctx.fillStyle = heatColour(s);
      ctx.fillRect(j * cell, i * cell, cell, cell);
    }
  }
  ctx.fillStyle = '#1d2330';
  for (let i = 1; i < n; i++) {
    if (actors[i].bloc !== actors[i - 1].bloc) {
      ctx.fillRect(0, i * cell, n * cell, 1);
      ctx.fillRect(i * cell, 0, 1, n * cell);
    }
  }
  const tip = h('div', { class: 'muted heat-tip' }, 'Hover a cell for the pair.');
  canvas.addEventListener('mousemove', (ev) => {
    const r = canvas.getBoundingClientRect();
    const i = Math.floor((ev.clientY - r.top) / cell);
    const j = Math.floor((ev.clientX - r.left) / cell);
    if (i < 0 || j < 0 || i >= n || j >= n) return;
    const s = scores.get(`${actors[i].id}|${actors[j].id}`);
    tip.textContent = `${actors[i].label} · ${actors[j].label}: ${i === j ? '—' : s == null ? `under ${overlap} shared items` : s.toFixed(2)}`;
  });
  const scale = h('span', {}, ...[0, 0.25, 0.5, 0.75, 1].map((v) => h('span', {}, h('span', { class: 'swatch square', style: `background:${heatColour(v)}` }), `${v} `)),
    h('span', { class: 'swatch square', style: `background:${heatColour(null)}` }), 'too little overlap');
  return h('div', { class: 'heatmap-view', 'data-actors': n },
    h('h2', {}, `Agreement heatmap (${n} actors)`),
    h('p', { class: 'muted' }, `Rows and columns are the actors shown, grouped by bloc (largest first, lines between blocs); darker is more agreement, over at least ${overlap} shared items.`),
    canvas, tip, h('p', {}, scale), n ? null : h('p', {}, 'No actor shown.'));
}

// timelineView shows the dated positions per month as bars; onMonth(m)
// moves the map to that month.
export function timelineView(counts, current, onMonth) {
  const months = [...counts.keys()];
  const top = Math.max(1, ...counts.values());
  const bars = months.map((m) => h('button', {
    class: `bar${m === current ? ' current' : ''}`, type: 'button', title: `${m}: ${counts.get(m)} positions`, 'data-month': m,
    style: `height:${counts.get(m) ? Math.max(3, Math.round(Math.sqrt(counts.get(m) / top) * 120)) : 1}px`, onclick: () => onMonth(m),
  }));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return h('div', { class: 'timeline-view' },
    h('h2', {}, `Timeline: ${total} dated positions, by month`),
    h('p', { class: 'muted' }, `${months[0] ?? ''} to ${months[months.length - 1] ?? ''}, bar height by the square root of the count (the busiest month has ${top}); click a month to see the map as of then.`),
    h('div', { class: 'bars' }, bars));
}
