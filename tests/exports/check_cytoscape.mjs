// Loads stancegraph's Cytoscape.js export into Cytoscape.js (headless) and
// checks it against the CSV exports of the same graph.
//
// Usage: node check_cytoscape.mjs DIR   (DIR holds g.cytoscape.json and csv/)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cytoscape from 'cytoscape';

const dir = process.argv[2];
const doc = JSON.parse(readFileSync(join(dir, 'g.cytoscape.json'), 'utf8'));

// csvIds returns the first column of a CSV file's records (RFC 4180:
// quoted fields may hold commas, doubled quotes and newlines).
function csvIds(file) {
  const text = readFileSync(join(dir, 'csv', file), 'utf8');
  const ids = [];
  let field = '', col = 0, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      if (col === 0) ids.push(field);
      field = '';
      col = c === ',' ? col + 1 : 0;
    } else if (c !== '\r') field += c;
  }
  return new Set(ids.slice(1)); // the header's first column is "id"
}

function check(cond, msg) {
  if (!cond) {
    console.error(`Cytoscape.js: ${msg}`);
    process.exit(1);
  }
}

const cy = cytoscape({ headless: true, elements: doc.elements, data: doc.data });
const nodeIds = csvIds('nodes.csv');
check(cy.nodes().length === nodeIds.size, `${cy.nodes().length} nodes, want ${nodeIds.size}`);
check(cy.edges().length === csvIds('edges.csv').size, `${cy.edges().length} edges, want ${csvIds('edges.csv').size}`);
check(cy.nodes().every((n) => nodeIds.has(n.id())), 'node ids differ from nodes.csv');
check(csvIds('sources.csv').size === doc.data.citations.length, 'citation manifest differs from sources.csv');
check(cy.data('release')?.id && cy.data('release').id === doc.data.release.id, 'no release in the graph data');

const iran = cy.getElementById('actor:IRN');
check(iran.nonempty() && iran.data('label') === 'Iran (Islamic Republic of)', 'Iran is missing');
const opposes = iran.outgoers('edge').filter((e) => e.target().id() === 'article:ahc-draft-2024:5' && e.data('stance') === 'OPPOSES');
check(opposes.nonempty(), 'no OPPOSES edge from Iran to Article 5');
check(opposes.every((e) => e.data('positionId') === e.id() && /^https?:\/\//.test(e.data('sourceUrls'))), 'Iran\'s edge lacks its position id or source URL');
// The graph is usable by Cytoscape.js's own algorithms.
const agree = cy.edges('[type = "AGREEMENT"]');
const comps = cy.elements(agree.union(agree.connectedNodes())).components();
check(comps.length > 0, 'no agreement components');
console.log(`Cytoscape.js: ok (${cy.nodes().length} nodes, ${cy.edges().length} edges, ${agree.length} agreement edges in ${comps.length} components, release ${cy.data('release').id})`);
