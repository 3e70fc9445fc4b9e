// Times the explorer's replay against a running stancegraph, for
// BENCHMARKS.md (a benchmark, not a test: nothing is asserted).
//
//   node replay-bench.mjs BASE_URL [RUNS]             the replay's maps, fetched as the explorer does
//   node replay-bench.mjs BASE_URL [RUNS] --uncapped  the same, every agreement edge (before edgesPerActor)
//   node replay-bench.mjs BASE_URL [RUNS] --browser   whole replays in headless Chromium (needs
//                                                     /usr/bin/chromium, or CHROMIUM, and npm ci here)
//
// The fetch mode asks for each step's map (every session and the whole
// data, overlap 2, each actor's 4 strongest agreements) one request per
// step, two at a time, in order, as the explorer's replay does; it prints
// the first run (the server cold, if it was just started) and the median
// of the others (from the server's response cache). The browser mode opens
// /explorer/ and plays the replay without pauses RUNS times in the same
// page: the first fetches every step, the others need no request. Start a
// fresh server before each mode for cold first figures.
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [base, runsArg] = args.filter((a) => !a.startsWith('--'));
const runs = Number(runsArg ?? 3);
if (!base) {
  console.error('usage: node replay-bench.mjs BASE_URL [RUNS] [--uncapped|--browser]');
  process.exit(2);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

async function gql(query, variables) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  const body = JSON.parse(text);
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return { data: body.data, bytes: text.length };
}

// The explorer's map query (web/src/api.js) and its steps (web/src/main.js).
const mapQuery = `query Map($filter: PositionFilter, $options: CoalitionOptions, $edgesPerActor: Int) {
  graph(filter: $filter, includeAgreement: true, options: $options, edgesPerActor: $edgesPerActor) {
    nodes { id type label bloc agreements properties { key value } }
    edges { id source target type stance weight overlap position { date } }
  }
}`;

async function steps() {
  const { data } = await gql('{ sessions { id start end } }');
  const ss = data.sessions.filter((s) => s.end || s.start).sort((a, b) => ((a.end || a.start) < (b.end || b.start) ? -1 : 1));
  return ss.map((s) => ({ filter: { dateTo: s.end || s.start }, options: { minOverlap: 2, session: s.id } }))
    .concat([{ filter: null, options: { minOverlap: 2 } }]);
}

// fetchSteps fetches every step's map, two requests at a time, runs times.
async function fetchSteps(edgesPerActor) {
  const qs = await steps();
  const times = [];
  let bytes = 0;
  let edges = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    let next = 0;
    bytes = 0;
    edges = 0;
    const worker = async () => {
      while (next < qs.length) {
        const r = await gql(mapQuery, { ...qs[next++], edgesPerActor });
        bytes += r.bytes;
        edges += r.data.graph.edges.filter((e) => e.type === 'AGREEMENT').length;
      }
    };
    await Promise.all([worker(), worker()]);
    times.push(performance.now() - t0);
  }
  const [first, ...rest] = times;
  console.log(`replay fetch (${edgesPerActor ? `edgesPerActor ${edgesPerActor}` : 'every edge'}): ${qs.length} steps, ` +
    `${(bytes / 1e6).toFixed(2)} MB, ${edges} agreement edges: first ${ms(first)}` +
    (rest.length ? `, then median ${ms(median(rest))} over ${rest.length} more` : ''));
}

// browser opens the explorer in headless Chromium and replays runs times.
async function browser() {
  const { chromium } = await import('playwright-core');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const profile = mkdtempSync(join(tmpdir(), 'stancegraph-replay-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await ctx.newPage();
    page.setDefaultTimeout(300_000);
    const t0 = performance.now();
    await page.goto(`${base}/explorer/`);
    await page.waitForSelector('body[data-ready="true"]');
    console.log(`explorer ready (the whole map drawn): ${ms(performance.now() - t0)}`);
    await page.evaluate(() => { document.body.dataset.replayDelay = '0'; });
    for (let i = 0; i < runs; i++) {
      const r = await page.evaluate(async () => { await window.explorer.replay(); return window.explorer.state.lastReplay; });
      console.log(`replay ${i + 1} in Chromium, no pause: ${r.steps} steps in ${ms(r.totalMs)} (${r.fetched} maps fetched, first step drawn after ${ms(r.firstMs)})`);
    }
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (flags.has('--browser')) await browser();
else await fetchSteps(flags.has('--uncapped') ? null : 4);
