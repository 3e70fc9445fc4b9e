// Opens GraphiQL in headless Chromium with every request off loopback
// refused (as on a network with no internet): the page must load, fetch the
// schema, show PositionFilter's description in the Docs, run the first
// example (Iran among Article 5's opponents), keep the query in the URL
// and open a query given in the URL.
//
// Usage: node graphiql.mjs BASE_URL [SCREENSHOT_PATH]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, shot] = process.argv.slice(2);
if (!base) {
  console.error('usage: node graphiql.mjs BASE_URL');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'stancegraph-chromium-'));

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  timeout: 60_000,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let status = 0;
try {
  // No network but loopback: anything else is refused and recorded.
  const offsite = [];
  await browser.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost' || route.request().url().startsWith('data:')) return route.continue();
    offsite.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  await page.goto(`${base}/`);
  await page.waitForSelector('.graphiql-container');
  const tab = await page.locator('.graphiql-tab-active, .graphiql-tab[aria-selected="true"]').first().textContent();
  check(/WhoOpposesArticle5/.test(tab ?? ''), `the first tab is "${tab}", not the first example`);
  console.log(`graphiql: loaded offline, first tab "${tab.trim()}"`);
  await page.locator('button[aria-label="Show GraphiQL Explorer"]').waitFor();

  // The Docs: the schema's descriptions, found by the doc explorer's search.
  await page.click('button[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector('.graphiql-doc-explorer');
  await page.fill('.graphiql-doc-explorer-search input', 'PositionFilter');
  await page.locator('.graphiql-doc-explorer-search [role="option"], .graphiql-doc-explorer-search li', { hasText: 'PositionFilter' }).first().click();
  const docs = page.locator('.graphiql-doc-explorer-content');
  await docs.getByText('Which positions to return').waitFor();
  console.log('graphiql: Docs show PositionFilter\'s description');

  // Run the example: the response names Iran among the opponents.
  await page.click('.graphiql-execute-button');
  await page.locator('.graphiql-response').getByText('Iran (Islamic Republic of)').first().waitFor();
  const url = new URL(page.url());
  check((url.searchParams.get('query') ?? '').includes('WhoOpposesArticle5'), `the URL does not carry the query: ${page.url()}`);
  console.log('graphiql: the first example ran; the URL carries its query');
  if (shot) {
    await page.screenshot({ path: shot });
    console.log(`graphiql: screenshot saved to ${shot}`);
  }

  // A link with a query opens it in a tab of its own.
  const q = '{ release { id } }';
  await page.goto(`${base}/?query=${encodeURIComponent(q)}`);
  await page.waitForSelector('.graphiql-container');
  await page.click('.graphiql-execute-button');
  await page.locator('.graphiql-response').getByText('"release"').first().waitFor();
  console.log('graphiql: a query given in the URL opens and runs');

  check(offsite.length === 0, `the page asked for ${offsite.length} off-site URLs: ${offsite.slice(0, 5).join(', ')}`);
  check(errors.length === 0, `errors in the page: ${errors.join('; ')}`);
} catch (err) {
  console.error(`graphiql: FAILED: ${err.message}`);
  status = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);
