// What the browser tests share: their environment, running the kulanz binary, a database
// prepared through the command line, a real `kulanz serve` (on a free port, or a fixed one
// with extra arguments and environment) that is stopped after the tests, the local HTTP
// stand-ins of tests/channels, and the customer portal on a phone: chromium through
// playwright-core, axe-core on every page a flow reaches, a screenshot of each.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// An environment variable the test needs (ctest sets them, tests/browser/CMakeLists.txt).
export const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (!v) throw new Error(`${name} is not set (run the test through ctest)`);
  return v;
};

// ---------------------------------------------------------------------------------------
// The command line.

// Runs `cmd` and returns its standard output; anything but exit status 0 fails the test.
export function run(cmd, args, { input, env: extra } = {}) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: extra ? { ...process.env, ...extra } : process.env });
  assert.equal(r.status, 0, `${path.basename(cmd)} ${args.join(' ')} failed:\n${r.error ?? ''}${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

// `kulanz --db dbUrl ...` as a function of the remaining arguments.
export const kulanzOn = (kulanz, dbUrl) => (...args) => run(kulanz, ['--db', dbUrl, ...args]);

// A database for the portal: migrated, one creditor with its profile (letters, the
// statement and the transfer details need address and bank account), the CSV files of
// `imports` ({ customers: [lines], invoices: [...], payments: [...] }, the first line the
// header; German CSV with ';') imported, and the portal file: the shipped one
// (data/portal/default.toml), changed by `portalFile` when given.
export function preparePortalDatabase(kulanz, dir, { creditor, name, profile = [], imports = {}, portalFile }) {
  kulanz('migrate');
  kulanz('creditor', 'create', '--code', creditor, '--name', name);
  if (profile.length > 0) kulanz('creditor', 'profile', '--creditor', creditor, ...profile);
  for (const kind of ['customers', 'invoices', 'payments']) {
    if (!imports[kind]) continue;
    const file = path.join(dir, `${kind}.csv`);
    fs.writeFileSync(file, `${imports[kind].join('\r\n')}\r\n`);
    kulanz('import', kind, file, '--creditor', creditor);
  }
  if (portalFile) {
    const file = path.join(dir, 'portal.toml');
    fs.writeFileSync(file, portalFile(fs.readFileSync(new URL('../../data/portal/default.toml', import.meta.url), 'utf8')));
    kulanz('portal', 'load', '--creditor', creditor, file);
  }
}

// The creditor's profile as `kulanz creditor profile` options: Acme in Munich with a bank account.
export const ACME_PROFILE = ['--legal-name', 'Acme Stadtwerke GmbH', '--street', 'Hauptstraße 1',
  '--postal-code', '80331', '--city', 'München', '--phone', '+49 89 123456', '--email', 'service@acme.example',
  '--iban', 'DE89 3704 0044 0532 0130 00'];

// ---------------------------------------------------------------------------------------
// Processes: kulanz serve and the stand-ins.

// A TCP port on the loopback interface that was free a moment ago (for a server that must
// know its own address before it starts, e.g. for a webhook URL).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts `kulanz serve` on the loopback interface, on `port` (0: any free port); `args` go
// before `serve` (global flags such as --config), `env` is added to the environment.
// Resolves with the process, its base URL and what it printed once it has printed where
// the web pages are and, when given, a line matching `until`.
export function startServer(kulanz, dbUrl, { port = 0, args = [], env: extra = {}, until } = {}) {
  return new Promise((resolve, reject) => {
    const server = spawn(kulanz, [...args, '--db', dbUrl, 'serve', '--listen', `127.0.0.1:${port}`, '--threads', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extra } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kulanz serve did not start:\n${out}\n${err}`)), 30000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/web pages: +(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m && (!until || until.test(out))) {
        clearTimeout(timer);
        resolve({ server, baseUrl: m[1], output: out });
      }
    });
    server.stderr.on('data', (chunk) => { err += chunk; });
    // Everything it printed so far, for a test's failure message.
    server.printed = () => `${out}${err}`;
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kulanz serve exited with ${code}:\n${out}\n${err}`));
    });
  });
}

// Stops a process startServer or startStandIn started and waits until it has exited.
export async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
export const stopStandIn = stopServer;

// Starts one of the HTTP stand-ins of tests/channels (local_http.py: Debian's python3,
// standard library) with `args`; resolves with the process and its base URL once it prints
// "LISTENING <port>". Its standard input stays open: it also stops when the test dies.
export function startStandIn(script, args = [], python = '/usr/bin/python3') {
  return new Promise((resolve, reject) => {
    const standIn = spawn(python, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${path.basename(script)} did not start:\n${out}\n${err}`)), 15000);
    standIn.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^LISTENING (\d+)$/m);
      if (m) {
        clearTimeout(timer);
        resolve({ standIn, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    standIn.stderr.on('data', (chunk) => { err += chunk; });
    standIn.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code}:\n${out}\n${err}`));
    });
  });
}

// The JSON lines a stand-in wrote to its --log file so far.
export function logLines(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
}

// ---------------------------------------------------------------------------------------
// The browser.

let kit;
// playwright-core and axe-core from KULANZ_NODE_MODULES (tests/node/node_modules).
export function browserKit() {
  if (kit) return kit;
  const nodeModules = env('KULANZ_NODE_MODULES');
  if (!fs.existsSync(path.join(nodeModules, 'playwright-core'))) {
    throw new Error(`${nodeModules}/playwright-core is missing: run \`make npm-test\` (npm ci in tests/node) first`);
  }
  const require = createRequire(path.join(nodeModules, '..', 'package.json'));
  kit = {
    chromium: require('playwright-core').chromium,
    axeSource: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
  };
  return kit;
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

// Debian's chromium (KULANZ_CHROMIUM), headless.
export function launchBrowser() {
  return browserKit().chromium.launch({ executablePath: env('KULANZ_CHROMIUM', '/usr/bin/chromium'), headless: true,
    args: CHROMIUM_FLAGS });
}

// A phone, in German unless a test says otherwise.
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'de-DE' };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// A phone with a fresh browser profile; `shots` starts the names of its screenshots
// (KULANZ_ARTIFACTS/<shots><name>.png, see visit). `htmx: false` serves an empty script in
// place of htmx, so links and forms load whole pages as they do without JavaScript while axe
// can still run (with `javaScriptEnabled: false` it cannot, and `visit` only takes the
// screenshot). Records what goes wrong: console errors (a CSP violation shows up there),
// page errors, and style sheets, scripts or images that fail; the flows check the pages'
// own statuses.
export async function openPhone(browser, { htmx = true, shots = '', ...options } = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  page.scripts = options.javaScriptEnabled !== false;
  page.shots = shots;
  if (!htmx) {
    await page.route(/\/static\/htmx\.min\.js/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  }
  page.problems = [];
  page.on('console', (msg) => {
    // A page answered with 401 or 404 is logged as a failed resource; the flows check statuses.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource: the server responded')) {
      page.problems.push(msg.text());
    }
  });
  page.on('pageerror', (e) => page.problems.push(e.message));
  page.on('response', (r) => {
    if (['stylesheet', 'script', 'image', 'font'].includes(r.request().resourceType()) && r.status() >= 400) {
      page.problems.push(`${r.status()} ${r.url()}`);
    }
  });
  return { context, page };
}

// A customer's personal link (a path /p/<token>), from `kulanz portal-link`.
export function portalLink(kulanz, customer, creditor) {
  const link = kulanz('portal-link', '--customer', customer, '--creditor', creditor).trim();
  assert.match(link, /^\/p\/[A-Za-z0-9_-]{22}$/, 'the link is /p/ and 22 base64url characters');
  return link;
}

// Opens a personal link on a new phone (openPhone's options): the session starts and the
// token leaves the address at once.
export async function openPortal(browser, baseUrl, link, options = {}) {
  const { context, page } = await openPhone(browser, options);
  const response = await page.goto(`${baseUrl}${link}`);
  assert.equal(new URL(page.url()).pathname, '/p/', 'the link lands on the overview');
  assert.ok(!page.url().includes(link.slice(3)), 'the token is gone from the address');
  assert.equal(response.status(), 200);
  const redirect = await response.request().redirectedFrom().response();
  assert.equal(redirect.status(), 303);
  assert.equal(redirect.headers()['referrer-policy'], 'no-referrer');
  assert.equal(response.headers()['cache-control'], 'no-store');
  assert.match(response.headers()['content-security-policy'], /default-src 'self'/);
  return { context, page };
}

// After every page of a flow: a full-page screenshot (KULANZ_ARTIFACTS/<page.shots><name>.png)
// and no serious or critical axe violation (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA).
export async function visit(page, name) {
  await page.waitForLoadState('load');
  // caret: 'initial': to hide the caret, playwright inserts a style element, which a later
  // htmx swap would apply again under the page's CSP (and the CSP refuses it).
  await page.screenshot({ path: path.join(env('KULANZ_ARTIFACTS'), `${page.shots}${name}.png`), fullPage: true,
    caret: 'initial' });
  if (!page.scripts) return;
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays as it is.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(browserKit().axeSource);
  const result = await page.evaluate((tags) => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), AXE_TAGS);
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => [`${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`,
    ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}\n      ${n.html}`)]
    .join('\n')).join('\n');
  assert.equal(serious.length, 0, `accessibility violations on ${name} (${page.url()}):\n${report}`);
}

// Text of an element with runs of white space as one space (the NBSP of amounts is kept).
export async function textOf(locator) {
  return (await locator.textContent()).replace(/[ \t\r\n]+/g, ' ').trim();
}
export const kpi = (page, name) => textOf(page.locator(`[data-kpi="${name}"]`));
export const kpis = async (page, name) => Promise.all((await page.locator(`[data-kpi="${name}"]`).all()).map(textOf));

// ---------------------------------------------------------------------------------------
// Dates and amounts as the portal shows them.

export const NBSP = '\u00a0';
export const euro = (amount) => `${amount}${NBSP}€`;
export const DAY_MS = 24 * 60 * 60 * 1000;
// Days relative to today, UTC, as the server counts.
export const dayOf = (daysFromToday) => new Date(Date.now() + daysFromToday * DAY_MS);
const two = (n) => String(n).padStart(2, '0');
export const germanDate = (days) => {
  const d = dayOf(days);
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
};
export const isoDate = (days) => dayOf(days).toISOString().slice(0, 10);
