// Drives an edition's static site in headless Chromium (Debian's chromium, through
// playwright-core), from file://, as a reader would: open the index, filter it, sort it, follow a
// link to a cable, follow a reference to the cable it cites and the "Cited by" link back, go back
// to the index. Run by tests/edition_browser.rs:
//   node tests/browser/edition.mjs SITE STATION CITING CITED [SCREENSHOT]
// where CITING's page has a reference that links to CITED's page. Prints what it checked; exits
// 1 with the reason on the first failure.
import { chromium } from 'playwright-core';

const [site, station, citing, cited, screenshot] = process.argv.slice(2);
const fail = (why) => { console.error('FAIL: ' + why); process.exit(1); };
const check = (ok, why) => { if (!ok) { fail(why); } else { console.log('ok: ' + why); } };

const browser = await chromium.launch({
  executablePath: process.env.CABLEGRAM_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') { errors.push(m.text()); } });
  const index = 'file://' + site + '/index.html';
  await page.goto(index);

  const rows = page.locator('#cables tbody tr');
  const visible = page.locator('#cables tbody tr:not([hidden])');
  const total = await rows.count();
  check(total > 1, `the index lists ${total} cables`);
  await page.locator('#filters').waitFor({ state: 'visible', timeout: 5000 });
  check(true, 'the script shows the filters');

  // Filter by station: only that station's cables remain.
  await page.selectOption('#f-station', station);
  const byStation = await visible.count();
  const stations = await visible.evaluateAll((trs) => trs.map((tr) => tr.cells[2].textContent));
  check(byStation > 0 && byStation < total, `station ${station}: ${byStation} of ${total} shown`);
  check(stations.every((s) => s === station), 'every row shown is of that station');
  const shown = await page.locator('#shown').textContent();
  check(shown.startsWith(`${byStation} of ${total}`), `the count says "${shown}"`);

  // Filter by text as well: the citing cable's id.
  await page.fill('#f-text', citing);
  check(await visible.count() === 1, `text ${citing}: one row shown`);
  await page.fill('#f-text', '');
  await page.selectOption('#f-station', '');
  check(await visible.count() === total, 'clearing the filters shows every cable again');

  // Sort by id, both ways.
  const ids = () => visible.evaluateAll((trs) => trs.map((tr) => tr.cells[0].textContent));
  await page.click('#cables thead th:nth-child(1) button');
  const order = (a, b) => a.localeCompare(b, 'en', { numeric: true });
  const up = await ids();
  check(up.every((v, i) => i === 0 || order(up[i - 1], v) <= 0), 'sorted by id, ascending');
  await page.click('#cables thead th:nth-child(1) button');
  const down = await ids();
  check(down.every((v, i) => i === 0 || order(down[i - 1], v) >= 0), 'sorted by id, descending');
  if (screenshot) {
    await page.click('#cables thead th:nth-child(2) button');
    await page.screenshot({ path: screenshot });
  }

  // Follow the citing cable's link, then its reference to the cited cable, then "Cited by" back.
  await page.fill('#f-text', citing);
  await page.click(`#cables tbody tr:not([hidden]) a`);
  check(page.url().endsWith(`/cables/${citing}.html`), `the link opens ${page.url()}`);
  const h1 = await page.locator('h1').textContent();
  check(h1.trim().length > 0, `the cable's page has its title: ${h1.trim()}`);
  await page.click(`.refs a[href="${cited}.html"]`);
  check(page.url().endsWith(`/cables/${cited}.html`), `the reference opens ${cited}`);
  await page.click(`.cited-by a[href="${citing}.html"]`);
  check(page.url().endsWith(`/cables/${citing}.html`), `"Cited by" leads back to ${citing}`);

  // Back, three times, to the index.
  await page.goBack();
  await page.goBack();
  await page.goBack();
  check(page.url() === index, 'going back returns to the index');
  check(await rows.count() === total, 'the index is whole again');
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
} finally {
  await browser.close();
}
