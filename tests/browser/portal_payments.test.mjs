// Paying online from the customer portal (docs/PORTAL.md, docs/PAYMENTS.md) in a real
// browser on a phone: Debian's chromium driven by playwright-core against a real
// `kulanz serve` whose payment provider is the Stripe Checkout stand-in
// (tests/channels/stripe_stand_in.py). The customer presses the online button on /p/pay,
// pays or cancels on the stand-in's hosted page and comes back to the portal; the
// stand-in posts its signed checkout.session.completed event to
// /api/v1/payments/events before it sends the payer back, which books the payment.
//
// The server listens on a fixed free port so that the stand-in knows the webhook URL and
// the portal knows its public address (KULANZ_PUBLIC_URL) for the return links; the
// provider's address comes from a configuration file ([payments] provider_url), the keys
// from KULANZ_PAYMENTS_SECRET_KEY and KULANZ_PAYMENTS_WEBHOOK_SECRET.
//
// Every portal page a flow reaches goes through `visit` (harness.mjs): axe-core must find
// nothing serious or critical, and a full-page screenshot is written to
// KULANZ_ARTIFACTS/portal-pay-<name>.png (the stand-in's page: portal-pay-provider*.png).
//
// Environment (set by tests/browser/CMakeLists.txt):
//   KULANZ_BIN            the kulanz binary
//   KULANZ_CHROMIUM       the browser (default /usr/bin/chromium)
//   KULANZ_NODE_MODULES   tests/node/node_modules (playwright-core, axe-core)
//   KULANZ_ARTIFACTS      where screenshots go (and the stand-in's log, portal-pay-stand-in.jsonl)
//   KULANZ_STAND_IN       tests/channels/stripe_stand_in.py
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ACME_PROFILE, env, euro, freePort, germanDate, kpi, kulanzOn, launchBrowser, logLines, openPortal, portalLink,
  preparePortalDatabase, startServer, startStandIn, stopServer, stopStandIn, textOf, visit,
} from './harness.mjs';

const KULANZ = env('KULANZ_BIN');
const ARTIFACTS = env('KULANZ_ARTIFACTS');
const STAND_IN = env('KULANZ_STAND_IN');

const CREDITOR = 'acme';
const SECRET_KEY = 'sk_test_portalBrowser51Hx9Kq2';
const WEBHOOK_SECRET = 'whsec_portalBrowserTest7c1e';
const API_VERSION = '2024-06-20';

// K-2001 pays everything online: R-2026-2001 is overdue, R-2026-2002 is not due yet and
// within its Skonto (2 % for 14 days from the invoice date): 234,56 + 1.000,00 − 20,00.
// K-2002 starts to pay one invoice and cancels. K-2003 pays without JavaScript.
const CUSTOMERS_CSV = ['Kundennummer;Name;type;Straße;PLZ;Ort;E-Mail',
  'K-2001;Jördis Müller;consumer;Lindenallee 5;10115;Berlin;joerdis.mueller@example.de',
  'K-2002;Bäckerei Groß GmbH;business;Markt 2;20095;Hamburg;',
  'K-2003;Kunde Özdemir;consumer;Domplatz 1;50667;Köln;'];
const INVOICES = [
  // [external id, customer, number, due in days, amount as a German ERP writes it, Skonto %, Skonto days]
  ['R-21', 'K-2001', 'R-2026-2001', -12, '234,56', '', ''],
  ['R-22', 'K-2001', 'R-2026-2002', 25, '1.000,00', '2', '14'],
  ['R-23', 'K-2002', 'R-2026-2003', -20, '500,00', '', ''],
  ['R-24', 'K-2002', 'R-2026-2004', -3, '150,00', '', ''],
  ['R-25', 'K-2003', 'R-2026-2005', -8, '99,99', '', ''],
];
const INVOICES_CSV = ['external_id;Kundennummer;Rechnungsnummer;Rechnungsdatum;Fälligkeit;Betrag;Währung;Skonto %;Skontotage',
  ...INVOICES.map(([id, customer, number, due, amount, skonto, days]) =>
    `${id};${customer};${number};${germanDate(due - 30)};${germanDate(due)};${amount};EUR;${skonto};${days}`)];
const K2001 = { number: 'K-2001', pay: euro('1.214,56'), minor: 121456, skonto: '20.00' };
const K2002 = { number: 'K-2002', total: euro('650,00'), item: 'R-23', itemNumber: 'R-2026-2003', itemPay: euro('500,00'),
  itemMinor: 50000 };
const K2003 = { number: 'K-2003', pay: euro('99,99'), minor: 9999 };
const NOTHING_TO_PAY = 'Bei Ihnen ist nichts zu zahlen. Vielen Dank!';
const ONLINE_TEXT = 'Mit Karte, PayPal, Apple Pay oder Google Pay – auf der sicheren Seite unseres '
  + 'Zahlungsdienstleisters. Ihre Karten- und Kontodaten sehen wir nicht.';

let dir, dbUrl, kulanz, server, baseUrl, browser, standIn, providerUrl, standInLog, apiKey;
// What the first test paid, for the replay test: { attempt, session, event, interaction }.
let k2001Paid;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kulanz-portal-pay-'));
  dbUrl = `sqlite:${path.join(dir, 'portal.db')}`;
  kulanz = kulanzOn(KULANZ, dbUrl);
  preparePortalDatabase(kulanz, dir, {
    creditor: CREDITOR, name: 'Acme Stadtwerke GmbH', profile: ACME_PROFILE,
    imports: { customers: CUSTOMERS_CSV, invoices: INVOICES_CSV },
    // The shipped portal file offers transfer, card, PayPal and wallets.
    portalFile: (text) => text,
  });
  apiKey = kulanz('apikey', 'create', '--creditor', CREDITOR, '--label', 'browser-test').trim().split('\n')[0];
  assert.match(apiKey, /^kz_[0-9a-f]{8}_\S+$/, 'the API key is printed');

  // The port first: the stand-in posts its events to the server, the server sends payers to
  // the stand-in and names itself in the return links.
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  standInLog = path.join(dir, 'stand-in.jsonl');
  ({ standIn, url: providerUrl } = await startStandIn(STAND_IN, ['--log', standInLog, '--secret-key', SECRET_KEY,
    '--webhook-url', `${baseUrl}/api/v1/payments/events`, '--webhook-secret', WEBHOOK_SECRET, '--port', '0']));
  const config = path.join(dir, 'kulanz.toml');
  fs.writeFileSync(config, `[payments]\nprovider_url = "${providerUrl}"\n`);
  let output;
  ({ server, output } = await startServer(KULANZ, dbUrl, {
    port, args: ['--config', config], until: /payments: .*\n/,
    env: { KULANZ_PUBLIC_URL: baseUrl, KULANZ_PAYMENTS_SECRET_KEY: SECRET_KEY, KULANZ_PAYMENTS_WEBHOOK_SECRET: WEBHOOK_SECRET },
  }));
  assert.match(output, new RegExp(`^  payments: +online via ${providerUrl}$`, 'm'), 'serve offers online payments');
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  await stopStandIn(standIn);
  if (standInLog && fs.existsSync(standInLog)) fs.copyFileSync(standInLog, path.join(ARTIFACTS, 'portal-pay-stand-in.jsonl'));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Helpers.

// Opens the customer's personal link on a new phone (harness.mjs: openPortal).
const openPhonePortal = (customer, { shots = '', ...options } = {}) =>
  openPortal(browser, baseUrl, portalLink(kulanz, customer, CREDITOR), { shots: `portal-pay-${shots}`, ...options });

// The REST API with the creditor's key.
async function api(pathAndQuery) {
  const r = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  const body = await r.json();
  assert.equal(r.status, 200, `GET /api/v1${pathAndQuery}: ${JSON.stringify(body)}`);
  return body;
}
const onlinePayments = async (customer) =>
  (await api(`/payments?customer=${customer}`)).items.filter((p) => p.external_id.startsWith('portal-card-'));

// The events the stand-in delivered so far, and the checkout sessions kulanz asked for.
const webhooks = () => logLines(standInLog).filter((e) => e.kind === 'webhook');
const checkoutRequests = () => logLines(standInLog).filter((e) => e.kind === 'api' && e.method === 'POST');

// Waits until `check` returns something truthy (at most `ms`); returns it.
async function eventually(check, ms = 10000) {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
    const value = check();
    if (value || Date.now() > end) return value;
  }
}

// The online section of /p/pay: it names the methods and the amount on its button, which
// posts the form to /p/pay/checkout as a whole page load (the provider's page is elsewhere).
async function onlineSection(page, amount) {
  const section = page.locator('section[data-method="online"]');
  assert.equal(await section.count(), 1, 'the pay page offers online payment');
  assert.equal(await textOf(section.getByRole('heading', { level: 2 })), 'Online bezahlen');
  assert.equal(await textOf(section.locator('p').first()), ONLINE_TEXT);
  assert.equal(await textOf(section.locator('.hint')), 'Die Zahlung ist sofort verbucht; es folgt keine Erinnerung mehr.');
  const form = section.locator('form');
  assert.equal(await form.getAttribute('method'), 'post');
  assert.equal(await form.getAttribute('action'), '/p/pay/checkout');
  assert.equal(await form.getAttribute('hx-boost'), 'false');
  const button = section.getByRole('button', { name: `${amount} online bezahlen` });
  assert.equal(await button.count(), 1, `the button says "${amount} online bezahlen"`);
  return button;
}

// Presses the online button and lands on the provider's hosted page: the session's id, the
// stand-in's log line of the checkout request and the page's amount line. The portal answers
// the button with a page that goes on to the provider at once (a redirect of the form would
// be refused by the pay page's form-action); anything that stops the browser on the way is
// named in the failure.
async function toProvider(page, button, shot) {
  const failed = [];
  const onFailed = (r) => failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  page.on('requestfailed', onFailed);
  await button.click();
  try {
    await page.waitForURL(new RegExp(`^${providerUrl}/c/pay/cs_test_\\w+$`), { timeout: 10000 });
  } catch {
    const created = logLines(standInLog).filter((e) => e.kind === 'api').map((e) => `${e.status} ${e.session}`);
    assert.fail(`the online button did not lead to the provider's page (still at ${page.url()});\n`
      + `failed requests: ${JSON.stringify(failed)}\nbrowser: ${JSON.stringify(page.problems)}\n`
      + `sessions the provider created: ${JSON.stringify(created)}`);
  } finally {
    page.off('requestfailed', onFailed);
  }
  const session = new URL(page.url()).pathname.split('/').pop();
  await page.screenshot({ path: path.join(ARTIFACTS, `portal-pay-${shot}.png`), fullPage: true });
  const created = logLines(standInLog).filter((e) => e.kind === 'api' && e.session === session);
  assert.equal(created.length, 1, `one checkout request created ${session}: ${JSON.stringify(created)}`);
  return { session, request: created[0], amountLine: await textOf(page.locator('p.amount')) };
}

// What kulanz asked the provider for: the request as it arrived at the stand-in.
function assertCheckoutRequest(request, { minor, customer, items, email, item }) {
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/v1/checkout/sessions');
  assert.equal(request.status, 200);
  assert.equal(request.key, SECRET_KEY);
  assert.equal(request.stripe_version, API_VERSION);
  assert.equal(request.content_type.split(';')[0], 'application/x-www-form-urlencoded');
  const form = new URLSearchParams(request.body);
  const reference = form.get('client_reference_id');
  const attempt = reference.match(/^card-(\d+)$/)?.[1];
  assert.ok(attempt, `client_reference_id names the attempt: ${reference}`);
  assert.equal(request.idempotency_key, `kulanz-card-${attempt}`, 'the request carries an Idempotency-Key');
  const expected = {
    mode: 'payment',
    'line_items[0][price_data][currency]': 'eur',
    'line_items[0][price_data][unit_amount]': String(minor),
    'line_items[0][price_data][product_data][name]': 'Zahlung an Acme Stadtwerke GmbH',
    'line_items[0][quantity]': '1',
    success_url: `${baseUrl}/p/pay/return/${attempt}?session={CHECKOUT_SESSION_ID}`,
    cancel_url: `${baseUrl}/p/pay/return/${attempt}?cancelled=1${item ? `&item=${item}` : ''}`,
    client_reference_id: reference,
    locale: 'de',
    'payment_method_types[0]': 'card',
    'payment_method_types[1]': 'paypal',
    'metadata[customer]': customer,
    'metadata[items]': String(items),
    ...(email ? { customer_email: email } : {}),
  };
  assert.deepEqual(Object.fromEntries(form), expected);
  assert.equal([...form.keys()].length, Object.keys(expected).length, 'no parameter twice');
  return attempt;
}

// The navigations of a page (every hop of a redirect is one request).
function recordNavigations(page) {
  const urls = [];
  page.on('request', (r) => { if (r.isNavigationRequest() && r.frame() === page.mainFrame()) urls.push(r.url()); });
  return urls;
}

// Presses Pay on the hosted page and comes back to the portal's confirmation.
async function payOnProvider(page, session, attempt) {
  const navigations = recordNavigations(page);
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(new RegExp(`^${baseUrl}/p/done/\\d+$`));
  const interaction = page.url().split('/').pop();
  assert.deepEqual(navigations, [`${providerUrl}/c/pay/${session}`,
    `${baseUrl}/p/pay/return/${attempt}?session=${session}`, `${baseUrl}/p/done/${interaction}`],
  'hosted page → the success URL → the confirmation');
  const pressed = logLines(standInLog).filter((e) => e.kind === 'page' && e.method === 'POST'
    && e.path === `/c/pay/${session}`);
  assert.equal(pressed.length, 1);
  assert.equal(pressed[0].status, 303);
  const event = pressed[0].event;
  const deliveries = logLines(standInLog).filter((e) => e.kind === 'webhook' && e.event === event);
  assert.equal(deliveries.length, 1, 'the event was delivered once');
  assert.equal(deliveries[0].type, 'checkout.session.completed');
  assert.equal(deliveries[0].url, `${baseUrl}/api/v1/payments/events`);
  assert.equal(deliveries[0].status, 200, 'kulanz took the signed event');
  return { event, interaction };
}

// The confirmation after paying `amount` online.
async function assertPaidConfirmation(page, amount) {
  assert.equal(await textOf(page.locator('h1')), 'Erledigt');
  assert.equal(await kpi(page, 'done'), `Online bezahlt: ${amount}`);
  await page.getByText('Die Zahlung ist verbucht; Ihre Übersicht zeigt schon den neuen Stand.').waitFor();
}

// /p/pay after everything is paid.
async function assertNothingToPay(page) {
  const response = await page.goto(`${baseUrl}/p/pay`);
  assert.equal(response.status(), 200);
  assert.equal(await kpi(page, 'pay-nothing'), NOTHING_TO_PAY);
  assert.equal(await page.locator('section[data-method]').count(), 0, 'no way to pay is offered');
}

// How many entries of the history have the title `title`.
async function historyCount(page, title) {
  await page.goto(`${baseUrl}/p/history`);
  const titles = await Promise.all((await page.locator('li[data-history] .entry-title').all()).map(textOf));
  return titles.filter((t) => t === title).length;
}

// Signs `body` as the provider does (Stripe-Signature with the endpoint's secret).
function signed(body, t = Math.floor(Date.now() / 1000), secret = WEBHOOK_SECRET) {
  const v1 = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
async function postEvent(body, signature) {
  const r = await fetch(`${baseUrl}/api/v1/payments/events`, { method: 'POST', body,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signature } });
  return { status: r.status, body: await r.json() };
}

// ---------------------------------------------------------------------------------------
// Tests.

test('the pay page names the Skonto at the invoice that has it only', async () => {
  const { context, page } = await openPhonePortal(K2001.number);
  await page.goto(`${baseUrl}/p/pay`);
  assert.equal(await kpi(page, 'skonto'),
    `Bei Zahlung bis ${germanDate(9)} ziehen Sie ${euro('20,00')} Skonto ab: Sie zahlen ${K2001.pay} statt ${euro('1.234,56')}.`);
  const rows = await page.locator('li[data-pay-item]').all();
  const items = await Promise.all(rows.map(async (row) => [await textOf(row.locator('.item-name')),
    await textOf(row.locator('.amount')), await textOf(row.locator('.item-meta'))]));
  assert.deepEqual(items, [
    ['Rechnung R-2026-2001', euro('234,56'), `seit ${germanDate(-12)} fällig`],
    ['Rechnung R-2026-2002', euro('1.000,00'), `fällig am ${germanDate(25)} · mit Skonto bis ${germanDate(9)}: ${euro('980,00')}`],
  ]);
  await context.close();
});

test('the pay page offers online payment; its button asks the provider for the amount it shows', async () => {
  const { context, page } = await openPhonePortal(K2001.number);
  await page.getByRole('link', { name: 'Jetzt bezahlen' }).click();
  await page.waitForURL(`${baseUrl}/p/pay`);
  await visit(page, 'offer');
  assert.equal(await kpi(page, 'pay-amount'), K2001.pay);
  const button = await onlineSection(page, K2001.pay);
  // The online way comes first, the transfer after it.
  assert.deepEqual(await page.locator('section[data-method]').evaluateAll((s) => s.map((e) => e.dataset.method)),
    ['online', 'transfer']);
  // Where the browser goes after the press is the next test's; here: what the provider was asked.
  const before = checkoutRequests().length;
  await button.click();
  const request = await eventually(() => checkoutRequests()[before]);
  assert.ok(request, 'the press asked the provider for a checkout session');
  assertCheckoutRequest(request, { minor: K2001.minor, customer: K2001.number, items: 2,
    email: 'joerdis.mueller@example.de' });
  assert.ok(request.session.startsWith('cs_test_'), 'the provider created a session');
  await context.close();
});

test('pay everything online: hosted page, Pay, the confirmation with the rating; nothing left to pay', async () => {
  const { context, page } = await openPhonePortal(K2001.number);
  await page.getByRole('link', { name: 'Jetzt bezahlen' }).click();
  await page.waitForURL(`${baseUrl}/p/pay`);
  assert.equal(await kpi(page, 'pay-amount'), K2001.pay);
  const button = await onlineSection(page, K2001.pay);

  const { session, request, amountLine } = await toProvider(page, button, 'provider');
  assert.equal(amountLine, '1214.56 EUR', 'the provider asks for the amount on the button');
  assert.equal(await page.title(), 'Zahlung an Acme Stadtwerke GmbH');
  const attempt = assertCheckoutRequest(request, { minor: K2001.minor, customer: K2001.number, items: 2,
    email: 'joerdis.mueller@example.de' });

  const { event, interaction } = await payOnProvider(page, session, attempt);
  await visit(page, 'done');
  await assertPaidConfirmation(page, K2001.pay);
  k2001Paid = { attempt, session, event, interaction };

  // The rating with the faces.
  assert.match(await textOf(page.locator('label[for="rating-good"]')), /^😊 Gut$/);
  await page.getByRole('radio', { name: 'Gut', exact: true }).check();
  await page.getByLabel(/Möchten Sie uns noch etwas sagen/).fill('Ging mit dem Handy ganz schnell.');
  await page.getByRole('button', { name: 'Bewertung senden' }).click();
  await page.getByText('Danke für Ihre Bewertung.').waitFor();
  await visit(page, 'rated');
  assert.equal(await textOf(page.locator('h1')), 'Danke!');

  // Everything is settled: the pay page, the overview, the history, the ledger.
  await assertNothingToPay(page);
  await visit(page, 'nothing');
  await page.goto(`${baseUrl}/p/`);
  await visit(page, 'overview-settled');
  assert.equal(await kpi(page, 'balance-none'), 'Bei Ihnen ist nichts offen. Vielen Dank!');
  assert.equal(await page.locator('li[data-item]').count(), 0, 'no open item');
  assert.equal(await historyCount(page, `Online bezahlt: ${K2001.pay}`), 1, 'the history lists the payment');
  await visit(page, 'history');
  const [payment] = await onlinePayments(K2001.number);
  assert.equal(payment.external_id, `portal-card-${attempt}`);
  assert.equal(payment.amount, '1214.56');
  assert.equal(payment.value_date, new Date().toISOString().slice(0, 10));
  assert.match(payment.reference, new RegExp(`^${session} R-2026-2001 R-2026-2002$`));
  const skonto = (await api(`/credit-notes?customer=${K2001.number}`)).items;
  assert.deepEqual(skonto.map((n) => [n.external_id.replace(/-\d+$/, ''), n.amount]),
    [[`portal-skonto-${attempt}`, K2001.skonto]], 'the Skonto is booked as a credit note');
  const balance = await api(`/customers/${K2001.number}/balance`);
  assert.equal(balance.balance, '0.00', JSON.stringify(balance));

  // The confirmation stays where the success URL leads.
  const again = await page.goto(`${baseUrl}/p/pay/return/${attempt}?session=${session}`);
  assert.equal(again.status(), 200);
  assert.equal(page.url(), `${baseUrl}/p/done/${interaction}`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a replayed event changes nothing: still settled, exactly one online payment', async () => {
  assert.ok(k2001Paid, 'the first test paid');
  const { session, event } = k2001Paid;
  // The stand-in delivers the same event again, signed anew.
  const resend = await fetch(`${providerUrl}/_test/resend/${event}`, { method: 'POST' });
  assert.equal(resend.status, 200);
  assert.deepEqual(await resend.json(), { event, delivered: 200 });
  const deliveries = logLines(standInLog).filter((e) => e.kind === 'webhook' && e.event === event);
  assert.deepEqual(deliveries.map((d) => d.status), [200, 200], 'delivered twice, taken both times');

  // What the API answers to the same event id: the session as the provider has it, in an
  // event with that id, signed with the endpoint's secret.
  const sessionResponse = await fetch(`${providerUrl}/v1/checkout/sessions/${session}`,
    { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
  const sessionObject = await sessionResponse.json();
  assert.equal(sessionObject.payment_status, 'paid');
  const eventBody = (id) => JSON.stringify({ id, object: 'event', api_version: API_VERSION,
    created: Math.floor(Date.now() / 1000), data: { object: sessionObject }, livemode: false, pending_webhooks: 1,
    request: { id: null, idempotency_key: null }, type: 'checkout.session.completed' }, null, 2);
  const replay = await postEvent(eventBody(event), signed(eventBody(event)));
  assert.equal(replay.status, 200);
  assert.deepEqual(replay.body, { received: true, event, outcome: 'replay' });
  // Another event about the same session books nothing either; an unsigned one is refused.
  const second = eventBody('evt_browserTestSecondDelivery');
  assert.deepEqual((await postEvent(second, signed(second))).body,
    { received: true, event: 'evt_browserTestSecondDelivery', outcome: 'already_booked' });
  const forged = eventBody('evt_browserTestForged');
  assert.equal((await postEvent(forged, signed(forged, undefined, 'whsec_someone_else'))).status, 401);

  const payments = await onlinePayments(K2001.number);
  assert.equal(payments.length, 1, `exactly one online payment: ${JSON.stringify(payments)}`);
  assert.equal(payments[0].amount, '1214.56');
  assert.equal((await api(`/credit-notes?customer=${K2001.number}`)).items.length, 1, 'one Skonto credit note');
  assert.equal((await api(`/customers/${K2001.number}/balance`)).balance, '0.00');

  const { context, page } = await openPhonePortal(K2001.number, { shots: 'replay-' });
  await assertNothingToPay(page);
  assert.equal(await historyCount(page, `Online bezahlt: ${K2001.pay}`), 1, 'the history lists the payment once');
  assert.equal(await page.locator('li[data-history]').count(), 1);
  await visit(page, 'history');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('cancel on the hosted page: "Zahlung abgebrochen", nothing charged, the amount still due', async () => {
  const { context, page } = await openPhonePortal(K2002.number, { shots: 'cancel-' });
  // One invoice on its own, from the list of open items.
  await page.getByRole('link', { name: `Bezahlen: Rechnung ${K2002.itemNumber}` }).click();
  await page.waitForURL(`${baseUrl}/p/pay?item=${K2002.item}`);
  await visit(page, 'item');
  assert.equal(await kpi(page, 'pay-amount'), K2002.itemPay);
  const button = await onlineSection(page, K2002.itemPay);
  assert.equal(await page.locator('section[data-method="online"] input[name="item"]').getAttribute('value'), K2002.item);

  const { session, request, amountLine } = await toProvider(page, button, 'cancel-provider');
  assert.equal(amountLine, '500.00 EUR');
  const attempt = assertCheckoutRequest(request, { minor: K2002.itemMinor, customer: K2002.number, items: 1,
    item: K2002.item });

  const delivered = webhooks().length;
  const navigations = recordNavigations(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  const cancelled = `${baseUrl}/p/pay/return/${attempt}?cancelled=1&item=${K2002.item}`;
  await page.waitForURL(cancelled);
  assert.deepEqual(navigations, [`${providerUrl}/c/pay/${session}`, cancelled]);
  await visit(page, 'cancelled');
  assert.equal(await textOf(page.locator('h1')), 'Zahlung abgebrochen');
  assert.equal(await textOf(page.locator('main section p').first()), 'Sie haben die Zahlung abgebrochen. Es wurde nichts belastet.');
  assert.equal(await page.getByRole('alert').count(), 0, 'a cancellation is no error');
  assert.equal(webhooks().length, delivered, 'no event about the cancelled session');

  // Back to paying the same invoice, still due, online payment offered again; all items too.
  await page.getByRole('link', { name: 'Zurück zum Bezahlen' }).click();
  await page.waitForURL(`${baseUrl}/p/pay?item=${K2002.item}`);
  assert.equal(await kpi(page, 'pay-amount'), K2002.itemPay);
  await onlineSection(page, K2002.itemPay);
  await page.goto(`${baseUrl}/p/pay`);
  assert.equal(await kpi(page, 'pay-amount'), K2002.total);
  await onlineSection(page, K2002.total);
  await visit(page, 'after');
  assert.deepEqual(await onlinePayments(K2002.number), []);
  assert.equal((await api(`/customers/${K2002.number}/balance`)).balance, '650.00');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('works without JavaScript: the online button, Pay on the hosted page, the confirmation', async () => {
  const { context, page } = await openPhonePortal(K2003.number, { javaScriptEnabled: false, shots: 'nojs-' });
  await page.getByRole('link', { name: 'Jetzt bezahlen' }).click();
  await page.waitForURL(`${baseUrl}/p/pay`);
  await visit(page, 'online');
  assert.equal(await kpi(page, 'pay-amount'), K2003.pay);
  const button = await onlineSection(page, K2003.pay);

  const { session, request, amountLine } = await toProvider(page, button, 'nojs-provider');
  assert.equal(amountLine, '99.99 EUR');
  const attempt = assertCheckoutRequest(request, { minor: K2003.minor, customer: K2003.number, items: 1 });
  await payOnProvider(page, session, attempt);
  await visit(page, 'done');
  await assertPaidConfirmation(page, K2003.pay);
  await page.getByRole('radio', { name: 'Geht so', exact: true }).check();
  await page.getByRole('button', { name: 'Bewertung senden' }).click();
  await page.getByText('Danke für Ihre Bewertung.').waitFor();

  await assertNothingToPay(page);
  await visit(page, 'nothing');
  assert.equal(await historyCount(page, `Online bezahlt: ${K2003.pay}`), 1);
  const payments = await onlinePayments(K2003.number);
  assert.deepEqual(payments.map((p) => [p.external_id, p.amount]), [[`portal-card-${attempt}`, '99.99']]);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the stand-in saw only what it should: each checkout request once, every event taken', () => {
  const creates = checkoutRequests();
  assert.equal(creates.length, 4, 'one checkout request per button press');
  assert.equal(new Set(creates.map((e) => e.idempotency_key)).size, 4, 'each with its own Idempotency-Key');
  assert.ok(creates.every((e) => e.status === 200 && !e.replayed), JSON.stringify(creates));
  assert.deepEqual(webhooks().map((e) => [e.type, e.status]), [
    ['checkout.session.completed', 200], ['checkout.session.completed', 200], ['checkout.session.completed', 200]]);
  assert.equal(server.exitCode, null, `kulanz serve still runs:\n${server.printed()}`);
});
