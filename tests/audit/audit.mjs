// Runs the GraphQL-over-HTTP conformance audits of graphql-http
// (serverAudits) against a running server and fails unless every MUST and
// every SHOULD audit passes. MAY audits are reported but never fail the run.
//
// Usage: node tests/audit/audit.mjs http://127.0.0.1:PORT/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

const levels = ['MUST', 'SHOULD', 'MAY'];
const tally = Object.fromEntries(levels.map((l) => [l, { passed: 0, total: 0 }]));
let failed = 0;

// oneLine keeps a reason or response body on the line of its audit.
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();

for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const level = audit.name.split(' ', 1)[0];
  let result;
  try {
    result = await audit.fn();
  } catch (err) {
    // graphql-http throws only for fatal problems (no server, bad response
    // it cannot assert on); count them as failures of the audit.
    result = { id: audit.id, name: audit.name, status: 'error', reason: `fatal: ${err?.stack ?? err}` };
  }
  const t = tally[level] ?? (tally[level] = { passed: 0, total: 0 });
  t.total++;
  if (result.status === 'ok') {
    t.passed++;
    console.log(`${result.id} ok     ${result.name}`);
    continue;
  }
  // A failing MAY audit is only a notice; any failing MUST or SHOULD fails the run.
  const status = level === 'MAY' ? 'notice' : result.status === 'notice' ? 'warn' : result.status;
  if (level !== 'MAY') failed++;
  let detail = oneLine(result.reason ?? '');
  if (result.response && level !== 'MAY') {
    try {
      const body = await result.response.text();
      detail += ` [status ${result.response.status}, content-type ${result.response.headers.get('content-type')}, body ${oneLine(body).slice(0, 300)}]`;
    } catch {
      // the audit already read the body
      detail += ` [status ${result.response.status}]`;
    }
  }
  console.log(`${result.id} ${status.padEnd(6)} ${result.name}: ${detail}`);
}

console.log('');
for (const level of levels) {
  const t = tally[level];
  console.log(`${level} passed ${t.passed}/${t.total}`);
}
if (failed > 0) {
  console.log(`FAIL: ${failed} MUST/SHOULD audit(s) did not pass against ${url}`);
  process.exit(1);
}
console.log(`PASS: every MUST and SHOULD audit passed against ${url}`);
