// Opens the explorer in headless Chromium, searches "Article 5", checks
// that Iran is among the opponents with a link to its position's source,
// and saves a screenshot.
//
// Usage: node explorer.mjs BASE_URL SCREENSHOT_PATH
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
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
  check(errors.length === 0, `errors in the page: ${errors.join('; ')}`);
} catch (err) {
  console.error(`explorer: FAILED: ${err.message}`);
  status = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);
