// Opens the explorer in headless Chromium, searches "Article 5", checks
// that Iran is among the opponents with a link to its position's source,
// and saves a screenshot; then checks the legend names the blocs, the
// blocs panel, a filter that survives a reload of the permalink, the
// heatmap and the timeline, the PNG, SVG and GEXF downloads of the view,
// that the map drawn from each actor's strongest agreements (what it asks
// the server for) is the map drawn from all of them, the issue view (scale,
// outcome, placed actors) and blocs from issue agreement, and times a whole
// replay by session
// (printed, not asserted: the figure is for BENCHMARKS.md).
//
// Usage: node explorer.mjs BASE_URL SCREENSHOT_PATH
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, shot] = process.argv.slice(2);
if (!base || !shot) {
  console.error('usage: node explorer.mjs BASE_URL SCREENSHOT_PATH');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'stancegraph-chromium-'));

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// A persistent context is how playwright takes a fresh --user-data-dir.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  timeout: 60_000,
  viewport: { width: 1400, height: 860 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let status = 0;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await page.goto(`${base}/explorer/`);
  await page.waitForSelector('body[data-ready="true"]');
  const actors = await page.evaluate(() => document.querySelectorAll('#map canvas').length);
  check(actors > 0, 'the map did not render');

  // The map asks for each actor's strongest agreements only (edgesPerActor):
  // it must draw what every edge drew before, here and at other moments.
  const maps = await page.evaluate(async () => {
    const { gql, mapQuery, query, elements, state } = window.explorer;
    const out = [];
    for (const [session, overlap] of [['', 2], [state.sessions[Math.floor(state.sessions.length / 2)].id, 2], ['', 1]]) {
      const q = query(session, '');
      q.options.minOverlap = overlap;
      const [all, capped] = await Promise.all([gql(mapQuery, q), gql(mapQuery, { ...q, edgesPerActor: 4 })]);
      for (const n of all.graph.nodes) delete n.agreements; // as before: counted from the edges
      const same = JSON.stringify(elements(all.graph).els) === JSON.stringify(elements(capped.graph).els);
      out.push({ session: session || 'all', overlap, same, all: all.graph.edges.length, capped: capped.graph.edges.length });
    }
    return out;
  });
  for (const m of maps) {
    check(m.same && m.capped < m.all, `the map of ${m.session} (overlap ${m.overlap}) from the strongest agreements differs from that of every edge`);
  }
  console.log(`explorer: the maps from the strongest agreements are those of every edge: ${maps.map((m) => `${m.session}/${m.overlap}: ${m.capped} of ${m.all} edges`).join(', ')}`);

  await page.fill('#search', 'Article 5');
  await page.press('#search', 'Enter');
  const opponents = page.locator('section[data-class="opposes"]');
  await opponents.waitFor();
  const iran = opponents.locator('li.position', { has: page.locator('button.actor', { hasText: 'Iran (Islamic Republic of)' }) }).first();
  await iran.waitFor();
  const href = await iran.locator('a.source').first().getAttribute('href');
  check(/^https?:\/\//.test(href ?? ''), `Iran's position links to ${href}, not an http(s) URL`);
  const title = await page.locator('.article-view h2').textContent();
  check(/^Article 5\b/.test(title), `the article view shows "${title}"`);
  console.log(`explorer: "${title}": Iran (Islamic Republic of) opposes, source ${href}`);

  await opponents.scrollIntoViewIfNeeded(); // the screenshot shows the opponents
  await page.waitForTimeout(500); // let the map's highlight settle
  await page.screenshot({ path: shot });
  console.log(`explorer: screenshot saved to ${shot}`);

  // Replay: the map as of December 2019 has fewer actors than the whole data.
  const all = await page.evaluate(() => window.explorer.cy.nodes().length);
  const then = await page.evaluate(async () => {
    const { state, setAsOf, cy } = window.explorer;
    await setAsOf(state.months.indexOf('2019-12'));
    return cy.nodes().length;
  });
  check(then > 0 && then < all, `replay to 2019-12 shows ${then} actors of ${all}`);
  console.log(`explorer: replay: ${then} actors as of 2019-12, ${all} in all`);
  check(page.url().includes('asof=2019-12'), `the URL does not carry the as-of month: ${page.url()}`);

  // The legend names blocs by their defining items; the panel lists them.
  await page.goto(`${base}/explorer/`);
  await page.waitForSelector('body[data-ready="true"]');
  check(await page.locator('#overlap').inputValue() === '2', 'the overlap is not 2 by default');
  // Labels at the default zoom: the ones drawn do not overlap.
  const labels = await page.evaluate(() => {
    const { cy } = window.explorer;
    const shown = cy.nodes().filter((n) => n.visible() && n.style('label') && n.pstyle('font-size').pfValue * cy.zoom() >= n.pstyle('min-zoomed-font-size').pfValue);
    const boxes = shown.map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
    let pairs = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs++;
      }
    }
    return { shown: shown.length, pairs };
  });
  // fCoSE starts from random positions: a rare touch is tolerated (there were 114 pairs).
  check(labels.shown > 0 && labels.pairs <= 3, `${labels.pairs} pairs of the ${labels.shown} labels drawn overlap`);
  console.log(`explorer: ${labels.shown} labels drawn at the default zoom, ${labels.pairs} pairs overlapping (names on hover)`);
  const blocs = await page.locator('#legend .legend-bloc').allTextContents();
  check(blocs.length >= 2 && blocs.some((b) => /A\/RES\/74\/247/.test(b)), `the legend's blocs are not named by their items: ${blocs.join(' | ')}`);
  await page.locator('#legend button', { hasText: 'all blocs' }).click();
  await page.locator('.blocs-view section.bloc').first().waitFor();
  console.log(`explorer: blocs named: ${blocs.slice(0, 3).join(' | ')}`);
  await page.screenshot({ path: shot.replace(/\.png$/, '-blocs.png') });

  // A filter: fewer actors shown, in the URL, the same after a reload.
  const region = await page.locator('#f-region option').nth(1).getAttribute('value');
  await page.selectOption('#f-region', region);
  const shown = await page.locator('#map').getAttribute('data-shown');
  check(Number(shown) > 0 && Number(shown) < all, `the region filter shows ${shown} of ${all} actors`);
  check(page.url().includes(`region=${region}`) && page.url().includes('view=blocs'), `the URL does not carry the filter and view: ${page.url()}`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  check(await page.locator('#f-region').inputValue() === region, 'the region filter was not restored');
  check(await page.locator('#map').getAttribute('data-shown') === shown, 'the reloaded map shows other actors');
  await page.locator('.blocs-view').waitFor();
  console.log(`explorer: filter ${region}: ${shown} of ${all} actors, restored by a reload of ${new URL(page.url()).hash}`);

  // The heatmap of the actors shown (the filter above holds), and the
  // timeline, whose months move the map.
  await page.click('#heatmap');
  const heat = page.locator('.heatmap-view');
  await heat.waitFor();
  check(await heat.getAttribute('data-actors') === shown, `the heatmap has ${await heat.getAttribute('data-actors')} actors, the map shows ${shown}`);
  check(page.url().includes('view=heatmap'), `the URL does not carry the heatmap: ${page.url()}`);
  await page.screenshot({ path: shot.replace(/\.png$/, '-heatmap.png') });
  await page.click('#timeline');
  const bars = page.locator('.timeline-view .bar');
  await bars.first().waitFor();
  const nbars = await bars.count();
  await page.locator('.timeline-view .bar[data-month="2024-01"]').click();
  await page.waitForFunction(() => location.hash.includes('asof=2024-01'));
  await page.locator('.timeline-view .bar.current[data-month="2024-01"]').waitFor();
  await page.screenshot({ path: shot.replace(/\.png$/, '-timeline.png') });
  console.log(`explorer: heatmap of ${shown} actors; timeline of ${nbars} months, 2024-01 chosen from it`);

  // Exports of the view: PNG, SVG, and GEXF of the same positions.
  for (const [button, want] of [['#png', '\x89PNG'], ['#svg', '<svg'], ['#gexf', '<?xml']]) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const file = await dl.path();
    const head = readFileSync(file).subarray(0, 400).toString('latin1');
    check(head.includes(want), `${button} downloaded ${dl.suggestedFilename()} starting ${JSON.stringify(head.slice(0, 40))}`);
    if (button === '#gexf') {
      const gexf = readFileSync(file, 'utf8');
      check(gexf.includes('mode="dynamic"') && gexf.includes('viz:color'), 'the GEXF is not dynamic with colours');
      check(dl.url().includes(`regionalGroup=${region}`) && dl.url().includes('minOverlap=2') && dl.url().includes('asOf=2024-01'),
        `the GEXF link does not carry the filter, overlap and date: ${dl.url()}`);
    }
    console.log(`explorer: ${button.slice(1).toUpperCase()} downloaded: ${dl.suggestedFilename()}`);
  }

  // The issue view: the scale of an issue, its outcome marked, actors placed
  // on it (one opens as elsewhere); then blocs coloured from issue agreement,
  // carried by the URL.
  await page.selectOption('#f-region', '');
  await page.evaluate(() => window.explorer.setAsOf(window.explorer.state.months.length)); // all the data
  await page.click('#issue');
  await page.locator('.issue-view').waitFor();
  await page.selectOption('#issue-pick', 'scope');
  const scope = page.locator('.issue-view[data-issue="scope"]');
  await scope.waitFor();
  const outcome = await scope.locator('[data-mark="outcome"]').getAttribute('data-value');
  check(outcome === '50', `the outcome of scope is marked at ${outcome}, not 50`);
  check(await scope.locator('[data-mark="reference"]').count() === 1, 'the reference point of scope is not marked');
  const placedActors = await scope.locator('g.placed').count();
  check(placedActors > 5 && String(placedActors) === await scope.getAttribute('data-placed'), `${placedActors} actors drawn on scope`);
  check(await scope.locator('text.alt-label').count() === 3, 'the three alternatives of scope are not labelled');
  check(page.url().includes('view=issue') && page.url().includes('issue=scope'), `the URL does not carry the issue: ${page.url()}`);
  const russia = scope.locator('g.placed[data-actor="RUS"]');
  check(await russia.count() === 1, 'Russia is not placed on scope');
  await russia.click();
  await page.locator('.actor-view[data-actor="RUS"]').waitFor();
  console.log(`explorer: issue view of scope: ${placedActors} actors placed, outcome at ${outcome}, Russia opened from it`);

  await page.click('#issue'); // the issue last shown
  await scope.waitFor();
  const blocsBefore = await page.locator('#legend .legend-bloc').allTextContents();
  await page.selectOption('#basis', 'ISSUES');
  await page.waitForFunction(() => location.hash.includes('basis=issues'));
  await page.locator('#legend strong', { hasText: 'issues only' }).waitFor();
  await scope.waitFor();
  const blocsIssues = await page.locator('#legend .legend-bloc').allTextContents();
  check(blocsIssues.length >= 2 && blocsIssues.join() !== blocsBefore.join() && blocsIssues.some((b) => / at \d+/.test(b)),
    `the blocs from issues are not named by issues: ${blocsIssues.join(' | ')}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot.replace(/\.png$/, '-issue.png') });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  check(await page.locator('#basis').inputValue() === 'ISSUES', 'the bloc basis was not restored by a reload');
  await scope.waitFor();
  console.log(`explorer: blocs from issues: ${blocsIssues.slice(0, 3).join(' | ')}; restored by a reload of ${new URL(page.url()).hash}`);
  await page.selectOption('#basis', '');
  await page.waitForFunction(() => !location.hash.includes('basis='));

  // Evidence: the map recomputed from the positions resting only on AI
  // summaries has fewer actors; a permalink keeps the choice, and the actor
  // panel lists only such positions, each saying what it rests on.
  // A permalink opened in a fresh page: a new hash alone does not load the
  // page again, and the old page may still write its own state to the URL.
  const open = async (hash) => {
    await page.goto('about:blank');
    await page.goto(`${base}/explorer/${hash}`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('.actor-view .evidence').first().waitFor();
  };
  await open('#actor=IRN');
  const actorsAll = await page.evaluate(() => window.explorer.cy.nodes().length);
  await open('#actor=IRN&evidence=ai');
  check(await page.locator('#f-evidence').inputValue() === 'ai', 'the evidence filter was not read from the URL');
  const actorsAI = await page.evaluate(() => window.explorer.cy.nodes().length);
  check(actorsAI > 0 && actorsAI < actorsAll, `the map on AI summaries has ${actorsAI} actors, the whole map ${actorsAll}`);
  const gradesAI = new Set(await page.locator('.actor-view .evidence').evaluateAll((es) => es.map((e) => e.dataset.evidence)));
  check(gradesAI.size === 1 && gradesAI.has('AI_SUMMARY'), `the AI-summary view lists positions on ${[...gradesAI].join(', ')}`);
  check((await page.locator('#gexf').getAttribute('href')).includes('evidence=AI_SUMMARY'), 'the GEXF export does not carry the evidence filter');
  await page.selectOption('#f-evidence', '');
  await page.waitForFunction(() => !location.hash.includes('evidence='));
  await page.waitForFunction((n) => window.explorer.cy.nodes().length === n, actorsAll);
  // The actor panel is drawn again with every position (not the AI-only list it had).
  await page.waitForFunction(() => new Set([...document.querySelectorAll('.actor-view .evidence')].map((e) => e.dataset.evidence)).size > 1);
  const gradesAll = new Set(await page.locator('.actor-view .evidence').evaluateAll((es) => es.map((e) => e.dataset.evidence)));
  console.log(`explorer: evidence: ${actorsAI} of ${actorsAll} actors on AI summaries alone; Iran's positions rest on ${[...gradesAll].join(', ')}`);
  await page.click('#timeline'); // the panel the replay reopens at each step, as before the issue view
  await page.locator('.timeline-view').waitFor();

  // Replay by session: each step's map fetched once while the replay plays, then drawn.
  await page.evaluate(() => { document.body.dataset.replayDelay = '0'; });
  const first = await page.evaluate(async () => { await window.explorer.replay(); return window.explorer.state.lastReplay; });
  const again = await page.evaluate(async () => { await window.explorer.replay(); return window.explorer.state.lastReplay; });
  check(first.fetched >= first.steps - 1 && again.fetched === 0, `replay fetched ${first.fetched} of ${first.steps} steps, then ${again.fetched}`);
  console.log(`explorer: replay of ${first.steps} session steps: ${first.totalMs} ms (${first.fetched} maps fetched, first step drawn after ${first.firstMs} ms); again from the cache: ${again.totalMs} ms`);
  check(errors.length === 0, `errors in the page: ${errors.join('; ')}`);
} catch (err) {
  console.error(`explorer: FAILED: ${err.message}`);
  status = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);
