// Times the explorer's replay maps against a running stancegraph: the maps
// of every session (and the whole data), overlap 2, asked for in one
// request (the explorer asks for them one by one, two at a time, while it
// plays; this gives the server's total). Prints the first run's time, the median
// of the others and the response size; the figures go in BENCHMARKS.md.
//
// Usage: node replay-bench.mjs BASE_URL [RUNS]
const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const gql = async (query, variables) => {
  const t0 = performance.now();
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  const body = JSON.parse(text);
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return { data: body.data, ms: performance.now() - t0, bytes: text.length };
};
const fields = 'nodes { id type label bloc properties { key value } } edges { id source target type stance weight overlap }';
const { data } = await gql('{ sessions { id start end } }');
const steps = data.sessions.filter((s) => s.end || s.start).map((s) => ({ f: { dateTo: s.end || s.start }, o: { minOverlap: 2, session: s.id } }));
steps.push({ f: null, o: { minOverlap: 2 } });
const vars = {};
const q = `query Replay(${steps.map((_, i) => `$f${i}: PositionFilter, $o${i}: CoalitionOptions`).join(', ')}) {\n${steps
  .map((_, i) => `  s${i}: graph(filter: $f${i}, includeAgreement: true, options: $o${i}) { ${fields} }`).join('\n')}\n}`;
steps.forEach((s, i) => { vars[`f${i}`] = s.f; vars[`o${i}`] = s.o; });
const times = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const r = await gql(q, vars);
  times.push(r.ms);
  bytes = r.bytes;
}
// The first run is the one a researcher waits for; later ones may come
// from the server's response cache (embedded store).
const [first, ...rest] = times;
rest.sort((a, b) => a - b);
console.log(`replay fetch: ${steps.length} steps in one request, ${(bytes / 1e6).toFixed(2)} MB: first ${Math.round(first)} ms` +
  (rest.length ? `, then median ${Math.round(rest[Math.floor(rest.length / 2)])} ms over ${rest.length} more` : ''));
