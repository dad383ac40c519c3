// The creditor team's pages in a real browser: Debian's chromium driven by playwright-core
// against a real `kulanz serve` on a temporary SQLite database.
//
// Environment (set by tests/browser/CMakeLists.txt):
//   KULANZ_BIN            the kulanz binary
//   KULANZ_CHROMIUM       the browser (default /usr/bin/chromium)
//   KULANZ_NODE_MODULES   tests/node/node_modules (playwright-core, axe-core)
//   KULANZ_ARTIFACTS      where screenshots go
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { env, startServer, stopServer } from './harness.mjs';

const KULANZ = env('KULANZ_BIN');
const CHROMIUM = env('KULANZ_CHROMIUM', '/usr/bin/chromium');
const NODE_MODULES = env('KULANZ_NODE_MODULES');
const ARTIFACTS = env('KULANZ_ARTIFACTS');

if (!fs.existsSync(path.join(NODE_MODULES, 'playwright-core'))) {
  throw new Error(`${NODE_MODULES}/playwright-core is missing: run \`make npm-test\` (npm ci in tests/node) first`);
}
const require = createRequire(path.join(NODE_MODULES, '..', 'package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const EMAIL = 'team@acme.example';
const PASSWORD = 'browser-Test-passwort-2026';
const NBSP = '\u00a0';
// The portfolio, dated relative to today (UTC, as the server counts): the same open items
// as tests/web/seed_portfolio.cpp, plus one invoice that a payment settles completely.
const DAY_MS = 24 * 60 * 60 * 1000;
const germanDate = (daysFromToday) => {
  const d = new Date(Date.now() + daysFromToday * DAY_MS);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
};
const CUSTOMERS_CSV = ['Kundennummer;Name;type',
  'K-1001;Kundin Jördis Müller;consumer',
  'K-1002;Bäckerei Groß GmbH;business',
  'K-1003;Kunde Özdemir;consumer',
  'K-1004;Straßenbau Weiß KG;business'];
const INVOICES = [
  // [external id, customer, due in days, amount as a German ERP writes it]
  ['R-1', 'K-1001', 10, '1.000,00'],
  ['R-2', 'K-1001', -5, '234,56'],
  ['R-3', 'K-1002', -45, '1.500,00'],
  ['R-4', 'K-1003', -75, '99,99'],
  ['R-5', 'K-1004', -120, '12.345,67'],
  ['R-6', 'K-1002', -20, '500,00'],
];
const INVOICES_CSV = ['external_id;Kundennummer;Rechnungsnummer;Rechnungsdatum;Fälligkeit;Betrag;Währung',
  ...INVOICES.map(([id, customer, due, amount], i) =>
    `${id};${customer};R-2026-${1001 + i};${germanDate(due - 30)};${germanDate(due)};${amount};EUR`)];
const PAYMENTS_CSV = ['external_id;customer_external_id;value_date;amount;currency;reference',
  `P-1;K-1002;${germanDate(-2)};500,00;EUR;Rechnung R-2026-1006`];
const EXPECTED = {
  customers: '4',
  openItems: '5',
  totalOpen: `15.180,22${NBSP}€`,
  totalOverdue: `14.180,22${NBSP}€`,
  buckets: [
    ['Nicht fällig', `1.000,00${NBSP}€`],
    ['1–30 Tage', `234,56${NBSP}€`],
    ['31–60 Tage', `1.500,00${NBSP}€`],
    ['61–90 Tage', `99,99${NBSP}€`],
    ['über 90 Tage', `12.345,67${NBSP}€`],
  ],
};
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

let dir, dbUrl, server, baseUrl, browser;

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: { ...process.env, KULANZ_USER_PASSWORD: '' } });
  assert.equal(r.status, 0, `${path.basename(cmd)} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kulanz-browser-'));
  dbUrl = `sqlite:${path.join(dir, 'browser.db')}`;
  run(KULANZ, ['--db', dbUrl, 'migrate']);
  run(KULANZ, ['--db', dbUrl, 'creditor', 'create', '--code', 'acme', '--name', 'Acme Stadtwerke GmbH']);
  run(KULANZ, ['--db', dbUrl, 'creditor', 'create', '--code', 'beta', '--name', 'Beta & Söhne KG']);
  run(KULANZ, ['--db', dbUrl, 'user', 'create', '--email', EMAIL, '--name', 'Theresa Team',
    '--creditor', 'acme,beta', '--role', 'team_lead', '--password-stdin'], `${PASSWORD}\n`);
  const users = run(KULANZ, ['--db', dbUrl, 'user', 'list']);
  assert.match(users, /team@acme\.example\tTheresa Team\tactive\tacme \(team_lead\), beta \(team_lead\)/);
  for (const [kind, lines] of [['customers', CUSTOMERS_CSV], ['invoices', INVOICES_CSV], ['payments', PAYMENTS_CSV]]) {
    const file = path.join(dir, `${kind}.csv`);
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    run(KULANZ, ['--db', dbUrl, 'import', kind, file, '--creditor', 'acme']);
  }
  ({ server, baseUrl } = await startServer(KULANZ, dbUrl));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Opens a page that records console errors (a CSP violation shows up there) and page errors.
async function openPage(options = {}) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.problems.push(msg.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  return { context, page };
}

async function axeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays as it is.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function logIn(page) {
  await page.goto(`${baseUrl}/`);
  assert.equal(new URL(page.url()).pathname, '/login', 'signed out, / leads to the login page');
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

const kpi = (page, name) => page.locator(`[data-kpi="${name}"]`).textContent();

test('login page is accessible and refuses a wrong password with a generic message', async () => {
  const { context, page } = await openPage();
  await page.goto(`${baseUrl}/login`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.title(), 'Anmelden – kulanz');
  await page.screenshot({ path: path.join(ARTIFACTS, 'login.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);

  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort').fill('falsches-Passwort-123');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForLoadState();
  assert.equal(await page.getByRole('alert').textContent(), 'E-Mail-Adresse oder Passwort ist falsch.');
  assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), EMAIL, 'the email address is kept');
  await page.screenshot({ path: path.join(ARTIFACTS, 'login-error.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  // The refused login is answered with 401, which chromium logs; anything else is a problem.
  assert.deepEqual(page.problems.filter((p) => !/status of 401/.test(p)), []);
  await context.close();
});

test('dashboard shows the portfolio figures, the aging chart and its table; logout ends the session', async () => {
  const { context, page } = await openPage();
  await logIn(page);
  assert.equal(await page.title(), 'Forderungsübersicht – kulanz');
  assert.match(await page.locator('.who').textContent(), /Theresa Team/);
  assert.match(await page.locator('#creditor-heading').textContent(), /Acme Stadtwerke GmbH/);
  assert.equal(await kpi(page, 'customers'), EXPECTED.customers);
  assert.equal(await kpi(page, 'open-items'), EXPECTED.openItems);
  assert.equal(await kpi(page, 'total-open'), EXPECTED.totalOpen);
  assert.equal(await kpi(page, 'total-overdue'), EXPECTED.totalOverdue);

  // The chart: an image with a name, one bar per bucket, the largest filling the plot.
  const chart = page.getByRole('img', { name: 'Offene Beträge nach Tagen über Fälligkeit' });
  assert.ok(await chart.isVisible());
  const heights = await page.locator('svg.aging-chart rect.bar').evaluateAll(
    (rects) => rects.map((r) => Number(r.getAttribute('height'))));
  assert.deepEqual(heights, [17, 4, 26, 2, 210]);
  const box = await chart.boundingBox();
  assert.ok(box.width > 300 && box.height > 100, `chart is drawn large enough: ${JSON.stringify(box)}`);
  // The table alternative.
  for (const [label, amount] of EXPECTED.buckets) {
    const row = page.getByRole('row', { name: new RegExp(`^${label}`) });
    assert.equal(await row.locator('td').last().textContent(), amount, label);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);

  // htmx is loaded (not blocked by the CSP) and refreshes the figures without a page load.
  assert.equal(await page.evaluate(() => typeof globalThis.htmx), 'object');
  await page.evaluate(() => { globalThis.kulanzNoReload = true; });
  await page.getByRole('link', { name: 'Zahlen aktualisieren' }).click();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => globalThis.kulanzNoReload), true, 'refreshed in place');
  assert.equal(await kpi(page, 'total-open'), EXPECTED.totalOpen);

  // The creditor switch.
  await page.getByRole('navigation', { name: 'Gläubiger' }).getByRole('link', { name: 'Beta & Söhne KG' }).click();
  await page.waitForURL(`${baseUrl}/?creditor=beta`);
  assert.match(await page.locator('#creditor-heading').textContent(), /Beta & Söhne KG/);
  assert.equal(await kpi(page, 'customers'), '0');
  assert.equal(await kpi(page, 'total-open'), `0,00${NBSP}€`);
  assert.equal(await page.getByRole('link', { name: 'Beta & Söhne KG' }).getAttribute('aria-current'), 'page');

  // On a phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${baseUrl}/?creditor=acme`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForURL(`${baseUrl}/login`);
  await page.goto(`${baseUrl}/`);
  assert.equal(new URL(page.url()).pathname, '/login', 'after logout the dashboard needs a new login');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('works without JavaScript', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  await logIn(page);
  assert.equal(await kpi(page, 'total-overdue'), EXPECTED.totalOverdue);
  await page.getByRole('link', { name: 'Beta & Söhne KG' }).click();
  await page.waitForURL(`${baseUrl}/?creditor=beta`);
  assert.equal(await kpi(page, 'customers'), '0');
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForURL(`${baseUrl}/login`);
  await context.close();
});
