// The map: a force-directed (fCoSE) Cytoscape.js graph of the actors,
// coloured by bloc, joined by their strongest agreements.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
// The colours, shared with the GEXF export (export/palette.json): bloc
// colours and stance colours never coincide.
import colours from '../../export/palette.json';

cytoscape.use(fcose);

export const palette = colours.blocs;
export const stanceColours = colours.stances;
const alone = colours.alone;
const actorTypes = new Set(['State', 'Organization', 'Group', 'Person']);
// Each actor keeps its strongest agreement edges only: enough for the
// layout to pull blocs together without drawing thousands of lines.
const keepPerActor = 4;

// blocColour colours a bloc; blocs of one are grey.
export function blocColour(bloc, sizes) {
  if (bloc == null || (sizes.get(bloc) ?? 0) < 2) return alone;
  return palette[bloc % palette.length];
}

function prop(n, key) {
  return n.properties.find((p) => p.key === key)?.value ?? '';
}

// elements turns a GraphView into Cytoscape elements: actor nodes and
// each actor's keepPerActor strongest AGREEMENT edges.
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
  const els = nodes.map((n) => ({
    data: {
      id: n.id, entityId: prop(n, 'entityId'), label: n.label, type: n.type, bloc: n.bloc,
      short: n.type === 'State' ? prop(n, 'entityId') : n.label.length > 18 ? `${n.label.slice(0, 17)}…` : n.label,
      colour: blocColour(n.bloc, sizes),
    },
  }));
  return { els: els.concat(kept), sizes };
}

const style = [
  { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(short)', 'font-size': 7, color: '#394150', width: 12, height: 12, 'text-valign': 'bottom', 'text-margin-y': 2 } },
  { selector: 'node[type != "State"]', style: { shape: 'round-rectangle', width: 16, height: 10 } },
  { selector: 'edge', style: { width: 'mapData(weight, 0.5, 1, 0.4, 2.2)', 'line-color': colours.agreement, opacity: 'mapData(weight, 0.5, 1, 0.25, 0.7)', 'curve-style': 'haystack' } },
  { selector: 'node.supports', style: { 'border-width': 3, 'border-color': stanceColours.supports, width: 18, height: 18, 'font-size': 9, 'font-weight': 'bold' } },
  { selector: 'node.opposes', style: { 'border-width': 3, 'border-color': stanceColours.opposes, width: 18, height: 18, 'font-size': 9, 'font-weight': 'bold' } },
  { selector: 'node.conditional', style: { 'border-width': 3, 'border-color': stanceColours.conditional, width: 18, height: 18, 'font-size': 9, 'font-weight': 'bold' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1d2330', width: 20, height: 20 } },
];

// createMap makes the Cytoscape instance in container; onSelect(entityId)
// is called when an actor is tapped.
export function createMap(container, onSelect) {
  const cy = cytoscape({ container, style, minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.3 });
  cy.on('tap', 'node', (ev) => onSelect(ev.target.data('entityId')));
  return cy;
}

// showGraph replaces the map's elements, keeping the positions of actors
// already placed, and lays it out again.
export function showGraph(cy, view) {
  const { els, sizes } = elements(view);
  const old = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }]));
  cy.batch(() => {
    cy.elements().remove();
    cy.add(els);
  });
  const incremental = old.size > 0;
  if (incremental) cy.nodes().forEach((n) => old.has(n.id()) && n.position(old.get(n.id())));
  cy.layout({ name: 'fcose', quality: 'default', randomize: !incremental, animate: false, nodeRepulsion: 6000, idealEdgeLength: 40, nodeSeparation: 30, packComponents: true }).run();
  return sizes;
}

// mark rings the actors of an article view by stance class.
export function mark(cy, byActor) {
  cy.batch(() => {
    cy.nodes().removeClass('supports opposes conditional');
    for (const [id, cls] of byActor) cy.getElementById(`actor:${id}`).addClass(cls);
  });
}
