// The map: a force-directed (fCoSE) Cytoscape.js graph of the actors,
// coloured by bloc, joined by their strongest agreements.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
// The colours, shared with the GEXF export (export/palette.json): bloc
// colours and stance colours never coincide.
import colours from '../../export/palette.json';

cytoscape.use(fcose);
cytoscape.use(svg);

export const palette = colours.blocs;
export const stanceColours = colours.stances;
export const aloneColour = colours.alone;
export const agreementColour = colours.agreement;
const actorTypes = new Set(['State', 'Organization', 'Group', 'Person']);
// Each actor keeps its strongest agreement edges only: enough for the
// layout to pull blocs together without drawing thousands of lines. The
// map asks the server for these only (graph's edgesPerActor, the same
// selection), and selecting again from them keeps them all.
export const keepPerActor = 4;
// Labels shown at the default zoom: the best-connected actors; the rest on
// hover, selection or a stance ring, or when zoomed in.
const labelled = 24;

// blocColour colours a bloc; blocs of one are grey.
export function blocColour(bloc, sizes) {
  if (bloc == null || (sizes.get(bloc) ?? 0) < 2) return aloneColour;
  return palette[bloc % palette.length];
}

export function prop(n, key) {
  return n.properties.find((p) => p.key === key)?.value ?? '';
}

// elements turns a GraphView into Cytoscape elements: actor nodes and
// each actor's keepPerActor strongest AGREEMENT edges. Actors with no
// agreement edge (too little overlap with anyone) are "unplaced". The
// best-connected actors, labelled, are counted by the nodes' agreements
// where the view gives them (its edges may be the strongest only).
export function elements(view) {
  const nodes = view.nodes.filter((n) => actorTypes.has(n.type));
  const sizes = new Map();
  for (const n of nodes) if (n.bloc != null) sizes.set(n.bloc, (sizes.get(n.bloc) ?? 0) + 1);
  const byActor = new Map();
  const agree = view.edges.filter((e) => e.type === 'AGREEMENT');
  agree.sort((a, b) => b.weight - a.weight || b.overlap - a.overlap || (a.id < b.id ? -1 : 1));
  const kept = [];
  for (const e of agree) {
    const ns = byActor.get(e.source) ?? 0;
    const nt = byActor.get(e.target) ?? 0;
    if (ns >= keepPerActor && nt >= keepPerActor) continue;
    byActor.set(e.source, ns + 1);
    byActor.set(e.target, nt + 1);
    kept.push({ data: { id: e.id, source: e.source, target: e.target, weight: e.weight, overlap: e.overlap } });
  }
  const degree = new Map();
  for (const e of agree) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) ?? 0) + 1);
  for (const n of nodes) if (n.agreements) degree.set(n.id, n.agreements);
  const top = new Set([...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, labelled).map(([id]) => id));
  // Which stance classes each actor took, for the stance filter.
  const stances = new Map();
  for (const e of view.edges) {
    if (e.type !== 'POSITION' || !e.stance) continue;
    if (!stances.has(e.source)) stances.set(e.source, new Set());
    stances.get(e.source).add(e.stance);
  }
  const els = nodes.map((n) => ({
    data: {
      id: n.id, entityId: n.id.replace(/^actor:/, ''), label: n.label, type: n.type, bloc: n.bloc,
      region: prop(n, 'regionalGroup'), stances: [...(stances.get(n.id) ?? [])],
      short: n.type === 'State' ? n.id.replace(/^actor:/, '') : n.label.length > 18 ? `${n.label.slice(0, 17)}…` : n.label,
      colour: blocColour(n.bloc, sizes),
    },
    classes: [byActor.has(n.id) ? '' : 'unplaced', top.has(n.id) ? 'labelled' : ''].join(' ').trim(),
  }));
  return { els: els.concat(kept), sizes };
}

const ring = (c) => ({ 'border-width': 3, 'border-color': c, width: 18, height: 18, label: 'data(short)', 'font-size': 9, 'font-weight': 'bold' });
const style = [
  { selector: 'node', style: { 'background-color': 'data(colour)', label: '', 'font-size': 7, color: '#394150', width: 12, height: 12, 'text-valign': 'bottom', 'text-margin-y': 2, 'min-zoomed-font-size': 6 } },
  { selector: 'node[type != "State"]', style: { shape: 'round-rectangle', width: 16, height: 10 } },
  { selector: 'node.labelled, node.hover', style: { label: 'data(short)' } },
  { selector: 'node.hover', style: { label: 'data(label)', 'font-size': 9, 'z-index': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.85 } },
  { selector: 'node.unplaced', style: { opacity: 0.55, 'border-width': 1, 'border-style': 'dashed', 'border-color': '#66707f' } },
  { selector: 'node.hidden', style: { display: 'none' } },
  { selector: 'edge', style: { width: 'mapData(weight, 0.5, 1, 0.4, 2.2)', 'line-color': agreementColour, opacity: 'mapData(weight, 0.5, 1, 0.25, 0.7)', 'curve-style': 'haystack' } },
  { selector: 'node.supports', style: ring(stanceColours.supports) },
  { selector: 'node.opposes', style: ring(stanceColours.opposes) },
  { selector: 'node.conditional', style: ring(stanceColours.conditional) },
  { selector: 'node.other', style: ring(stanceColours.other) },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1d2330', width: 20, height: 20, label: 'data(label)', 'font-size': 9 } },
];

// createMap makes the Cytoscape instance in container; onSelect(entityId)
// is called when an actor is tapped.
export function createMap(container, onSelect) {
  const cy = cytoscape({ container, style, minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.3 });
  cy.on('tap', 'node', (ev) => onSelect(ev.target.data('entityId')));
  cy.on('mouseover', 'node', (ev) => ev.target.addClass('hover'));
  cy.on('mouseout', 'node', (ev) => ev.target.removeClass('hover'));
  return cy;
}

// showGraph replaces the map's elements, keeping the positions of actors
// already placed, lays the placed actors out and puts the unplaced ones in
// a grid below them: no agreement to place them by. fast (replay steps)
// keeps the previous positions instead of laying the map out again.
export function showGraph(cy, view, fast = false) {
  const { els, sizes } = elements(view);
  const old = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }]));
  const hidden = new Set(cy.nodes('.hidden').map((n) => n.id()));
  cy.batch(() => {
    cy.elements().remove();
    cy.add(els);
    cy.nodes().forEach((n) => hidden.has(n.id()) && n.addClass('hidden'));
  });
  const incremental = old.size > 0;
  if (incremental) cy.nodes().forEach((n) => old.has(n.id()) && n.position(old.get(n.id())));
  const placed = cy.nodes().not('.unplaced');
  if (fast && incremental) {
    // A replay step: no layout, so actors stay where they were and the
    // step draws at once; a newcomer goes beside the actors it agrees with.
    placed.filter((n) => !old.has(n.id())).forEach((n) => {
      const near = n.neighborhood('node').filter((m) => old.has(m.id()));
      if (near.nonempty()) {
        const c = near.reduce((acc, m) => ({ x: acc.x + m.position('x') / near.length, y: acc.y + m.position('y') / near.length }), { x: 0, y: 0 });
        n.position({ x: c.x + 8, y: c.y + 8 });
      }
    });
  } else {
    placed.union(placed.connectedEdges()).layout({ name: 'fcose', quality: 'default', randomize: !incremental, animate: false, nodeRepulsion: 6000, idealEdgeLength: 40, nodeSeparation: 30, packComponents: true }).run();
  }
  const box = placed.nonempty() ? placed.boundingBox() : { x1: 0, y1: 0, x2: 600, y2: 0 };
  const unplaced = cy.nodes('.unplaced').sort((a, b) => (a.id() < b.id() ? -1 : 1));
  const perRow = Math.max(8, Math.floor((box.x2 - box.x1) / 26));
  unplaced.forEach((n, i) => n.position({ x: box.x1 + (i % perRow) * 26, y: box.y2 + 60 + Math.floor(i / perRow) * 26 }));
  cy.fit(undefined, 20);
  return sizes;
}

// mark rings the actors of an article view by stance class; an empty map
// clears the rings.
export function mark(cy, byActor) {
  cy.batch(() => {
    cy.nodes().removeClass('supports opposes conditional other');
    for (const [id, cls] of byActor) cy.getElementById(`actor:${id}`).addClass(cls);
  });
}

// filter hides the actors that do not match: types and regions (empty:
// any) and a stance class (actors who took a stance of it, "": any).
export function filter(cy, { types, regions, stances }) {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const ok = (!types.length || types.includes(n.data('type')))
        && (!regions.length || regions.includes(n.data('region')))
        && (!stances.length || n.data('stances').some((s) => stances.includes(s)));
      n.toggleClass('hidden', !ok);
    });
  });
}
