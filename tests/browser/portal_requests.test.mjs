// Requests a customer sends from the portal (docs/PORTAL.md, "What customers arrange") in a
// real browser on a phone: a credit note request, a callback and the contact preferences,
// each reached from the overview through the light check, with a refused form first, then
// the request, its confirmation and its entry in the history. Debian's chromium driven by
// playwright-core against a real `kulanz serve` on a temporary SQLite database prepared with
// `kulanz migrate`, `creditor create`, `creditor profile` and `import`.
//
// What a request leaves for the creditor's team (a task) is not part of the REST API; the
// test reads it, and the customer's rating, from the database with sqlite3. The customer's
// own record (language, contacts, consent) is read through `GET /api/v1/customers/{id}`:
// after the preferences, a re-import of the customer from the creditor's system
// (`kulanz import customers`) must keep the customer's choices and update everything else.
//
// The day list of a callback is checked against the weekdays and `kulanz calendar holidays`
// of the customer's state. All three flows run again without JavaScript.
//
// Every page a flow reaches goes through `visit` (harness.mjs): axe-core must find nothing
// serious or critical (with JavaScript), and a full-page screenshot is written to
// KULANZ_ARTIFACTS/portal-req-<name>.png (without JavaScript: portal-req-nojs-<name>.png).
//
// Environment (set by tests/browser/CMakeLists.txt):
//   KULANZ_BIN            the kulanz binary
//   KULANZ_CHROMIUM       the browser (default /usr/bin/chromium)
//   KULANZ_NODE_MODULES   tests/node/node_modules (playwright-core, axe-core)
//   KULANZ_ARTIFACTS      where screenshots go
//   KULANZ_SQLITE3        the sqlite3 shell (default: sqlite3 from PATH)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ACME_PROFILE, dayOf, env, euro, germanDate, isoDate, kpi, kulanzOn, launchBrowser, openPortal, portalLink,
  preparePortalDatabase, run, startServer, stopServer, textOf, visit,
} from './harness.mjs';

const KULANZ = env('KULANZ_BIN');
const ARTIFACTS = env('KULANZ_ARTIFACTS');
const SQLITE3 = env('KULANZ_SQLITE3', 'sqlite3');

const CREDITOR = 'acme';
// K-3001 asks for a credit note, K-3002 arranges a callback (a landline on file), K-3003
// sets its contact preferences and is imported again afterwards; K-3004 does all three
// without JavaScript (a mobile number on file). Each has its own state, whose holidays the
// callback days leave out.
const CUSTOMERS_HEADER = 'Kundennummer;Name;type;Straße;PLZ;Ort;Bundesland;Telefon;Mobil;E-Mail;Sprache';
const CUSTOMERS_CSV = [CUSTOMERS_HEADER,
  'K-3001;Jördis Müller;consumer;Lindenallee 5;10115;Berlin;BE;;;;de',
  'K-3002;Bäckerei Groß GmbH;business;Markt 2;20095;Hamburg;HH;040 1234567;;;de',
  'K-3003;Kunde Özdemir;consumer;Domplatz 1;50667;Köln;NW;0221 987654;;;de',
  'K-3004;Ada Lindner;consumer;Hauptstraße 9;80331;München;BY;;0170 5550123;;de'];
const INVOICES = [
  // [external id, customer, number, due in days, amount as a German ERP writes it]
  ['R-31', 'K-3001', 'R-2026-3001', -12, '234,56'],
  ['R-32', 'K-3001', 'R-2026-3002', 10, '1.000,00'],
  ['R-33', 'K-3001', 'R-2026-3003', -60, '80,00'],
  ['R-34', 'K-3002', 'R-2026-3004', -20, '500,00'],
  ['R-35', 'K-3003', 'R-2026-3005', -8, '99,99'],
  ['R-36', 'K-3004', 'R-2026-3006', -5, '300,00'],
  ['R-37', 'K-3004', 'R-2026-3007', 15, '120,00'],
];
const INVOICES_CSV = ['external_id;Kundennummer;Rechnungsnummer;Rechnungsdatum;Fälligkeit;Betrag;Währung',
  ...INVOICES.map(([id, customer, number, due, amount]) =>
    `${id};${customer};${number};${germanDate(due - 30)};${germanDate(due)};${amount};EUR`)];
const PAYMENTS_CSV = ['external_id;customer_external_id;value_date;amount;currency;reference',
  `P-31;K-3001;${germanDate(-20)};80,00;EUR;Rechnung R-2026-3003`];

const K3001 = { number: 'K-3001', postalCode: '10115', name: 'Jördis Müller' };
const K3002 = { number: 'K-3002', postalCode: '20095', name: 'Bäckerei Groß GmbH', state: 'HH',
  phoneOnFile: '+49401234567' };
const K3003 = { number: 'K-3003', postalCode: '50667', name: 'Kunde Özdemir', phoneOnFile: '+49221987654' };
const K3004 = { number: 'K-3004', postalCode: '80331', name: 'Ada Lindner', state: 'BY', phoneOnFile: '+491705550123' };
// K-3003 as the creditor's system sends it again: another name, German, an older e-mail
// address and a mobile number, both with consent.
const K3003_AGAIN = { name: 'Kunde Özdemir-Yılmaz', email: 'alt.oezdemir@example.de', mobile: '0151 9999999' };

const TEXT = {
  creditNoteAmountInvalid: 'Bitte geben Sie einen Betrag über 0 an, höchstens den Rechnungsbetrag '
    + '(zum Beispiel 12,50) – oder lassen Sie das Feld leer.',
  creditNoteNext: 'Eine Kollegin oder ein Kollege prüft Ihre Anfrage und meldet sich bei Ihnen.',
  creditNoteReasons: ['Ware zurückgeschickt', 'Anderer Preis vereinbart', 'Leistung nicht wie vereinbart'],
  callbackPhoneInvalid: 'Bitte geben Sie eine Telefonnummer mit Vorwahl an, zum Beispiel 0711 123456 oder '
    + '+49 711 123456.',
  callbackNext: 'Wir rufen Sie in diesem Zeitraum an. Die Mahnungen laufen bis dahin weiter.',
  callbackWindows: ['08:00-10:00 Uhr', '10:00-12:00 Uhr', '12:00-14:00 Uhr', '14:00-16:00 Uhr', '16:00-18:00 Uhr'],
  consentWithoutAddress: 'Für „E-Mail“ fehlt uns die Adresse oder Nummer. Bitte tragen Sie sie ein oder nehmen Sie '
    + 'das Häkchen heraus.',
  emailConsent: 'Ja, schicken Sie mir Erinnerungen und Nachrichten per E-Mail.',
  smsConsent: 'Ja, schicken Sie mir Erinnerungen per SMS.',
  callsConsent: 'Ja, Sie dürfen mich wegen offener Rechnungen anrufen.',
};
const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
// Today as the English pages write it (23 Nov 2026).
const englishToday = () => {
  const d = dayOf(0);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

let dir, dbFile, kulanz, server, baseUrl, browser, apiKey;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kulanz-portal-requests-'));
  dbFile = path.join(dir, 'portal.db');
  const dbUrl = `sqlite:${dbFile}`;
  kulanz = kulanzOn(KULANZ, dbUrl);
  // The shipped portal file: postal code as the check, three credit note reasons, callback
  // windows from 08:00 to 18:00 on the next 10 business days.
  preparePortalDatabase(kulanz, dir, {
    creditor: CREDITOR, name: 'Acme Stadtwerke GmbH', profile: ACME_PROFILE,
    imports: { customers: CUSTOMERS_CSV, invoices: INVOICES_CSV, payments: PAYMENTS_CSV },
  });
  apiKey = kulanz('apikey', 'create', '--creditor', CREDITOR, '--label', 'browser-test').trim().split('\n')[0];
  assert.match(apiKey, /^kz_[0-9a-f]{8}_\S+$/, 'the API key is printed');
  ({ server, baseUrl } = await startServer(KULANZ, dbUrl));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Helpers.

// Opens the customer's personal link on a new phone (harness.mjs: openPortal).
const openPhonePortal = (customer, { shots = '', ...options } = {}) =>
  openPortal(browser, baseUrl, portalLink(kulanz, customer, CREDITOR), { shots: `portal-req-${shots}`, ...options });

// The REST API with the creditor's key.
async function api(pathAndQuery) {
  const r = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  const body = await r.json();
  assert.equal(r.status, 200, `GET /api/v1${pathAndQuery}: ${JSON.stringify(body)}`);
  return body;
}

// Rows of a query on the test's database (read only; the server keeps running).
const query = (sql) => JSON.parse(run(SQLITE3, ['-readonly', '-json', dbFile, sql]) || '[]');
const sqlText = (s) => `'${s.replaceAll("'", "''")}'`;
// The tasks a customer's requests left for the creditor's team.
const tasksOf = (customer) => query('SELECT t.kind, t.due_on, t.note, t.status FROM tasks t '
  + 'JOIN customers c ON c.id = t.customer_id AND c.creditor_id = t.creditor_id '
  + `WHERE c.external_id = ${sqlText(customer)} ORDER BY t.id`);

// The next `count` business days after today in a German state: Monday to Friday, without
// the state's public holidays as `kulanz calendar holidays` prints them.
function businessDays(state, count) {
  const holidays = new Set();
  for (const year of [dayOf(0).getUTCFullYear(), dayOf(0).getUTCFullYear() + 1]) {
    for (const line of run(KULANZ, ['calendar', 'holidays', '--state', state, '--year', String(year)]).split('\n')) {
      if (line.trim()) holidays.add(line.slice(0, 10));
    }
  }
  const days = [];
  for (let k = 1; days.length < count; ++k) {
    const d = dayOf(k);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || holidays.has(isoDate(k))) continue;
    days.push([isoDate(k), `${WEEKDAYS[d.getUTCDay()]}, ${germanDate(k)}`]);
  }
  return days;
}

// The overview's option `name`, clicked; the light check (once per session) on the way to
// `target`, with a wrong answer first when `wrong` is given.
async function optionThroughCheck(page, name, target, { postalCode, shot, wrong }) {
  await page.getByRole('region', { name: 'Ihre Möglichkeiten' }).getByRole('link', { name, exact: true }).click();
  await page.waitForURL((url) => [target, '/p/check'].includes(url.pathname));
  if (new URL(page.url()).pathname === target) return;
  assert.equal(new URL(page.url()).searchParams.get('next'), target);
  await visit(page, `${shot}-check`);
  assert.equal(await textOf(page.locator('h1')), 'Kurze Sicherheitsabfrage');
  if (wrong) {
    await page.getByLabel('Ihre Postleitzahl').fill(wrong);
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    assert.match(await textOf(page.getByRole('alert')), /^Die Angabe passt nicht\. Sie haben noch \d Versuche\.$/);
  }
  await page.getByLabel('Ihre Postleitzahl').fill(postalCode);
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await page.waitForURL(`${baseUrl}${target}`);
}

// Clicks `button` and returns the status of the form's answer (the POST, before a redirect).
async function submit(page, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && !r.url().includes('/rating')),
    page.getByRole('button', { name: button, exact: true }).click()]);
  return response.status();
}

// A form refused with 422: the alert says `text`, the field is marked and points to it.
async function assertRefused(page, status, { text, field }) {
  assert.equal(status, 422);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 5000 });
  assert.equal(await textOf(alert), text);
  assert.equal(await alert.getAttribute('id'), 'form-error');
  if (field) assert.equal(await page.locator(`#${field}`).getAttribute('aria-invalid'), 'true');
}

// The confirmation /p/done/{id}: its heading and summary and what comes next; returns the id.
async function confirmation(page, shot, { heading, summary, next }) {
  await page.waitForURL(/\/p\/done\/\d+$/);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 5000 });
  await visit(page, shot);
  assert.equal(await kpi(page, 'done'), summary);
  assert.equal(await textOf(page.locator('[data-kpi="done"] + p')), next);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

// The history's entry of `kind`: today (`date` as the page's language writes it), in the
// portal, with `summary`.
async function assertHistory(page, kind, summary, date = germanDate(0)) {
  await page.goto(`${baseUrl}/p/history`);
  const entry = page.locator(`li[data-history="${kind}"]`);
  assert.equal(await entry.count(), 1, `one ${kind} entry in the history`);
  assert.equal(await textOf(entry.locator('.entry-head')), `${date} · Portal`);
  assert.equal(await textOf(entry.locator('.entry-title')), summary);
}

// ---------------------------------------------------------------------------------------
// Flows. Each starts on the overview of a session; the tests run them with and without
// JavaScript.

// A credit note request on `invoice` ({ id, number }): `refusedAmount` (above the invoice, or
// not an amount) is refused with everything typed kept, then `amount` is sent (`amountText`
// as the team's task writes it); rated `rating` afterwards.
async function creditNoteFlow(page, customer, { invoice, reason, refusedAmount, amount, amountText, message, rating }) {
  await optionThroughCheck(page, 'Gutschrift anfragen', '/p/credit-note',
    { postalCode: customer.postalCode, shot: 'credit-note', wrong: '99999' });
  await visit(page, 'credit-note');
  assert.equal(await page.title(), 'Gutschrift anfragen – Acme Stadtwerke GmbH');
  assert.equal(await textOf(page.locator('h1')), 'Gutschrift anfragen');
  const invoiceField = page.getByLabel('Rechnung', { exact: true });
  const reasons = page.getByRole('group', { name: 'Grund' });
  assert.deepEqual(await reasons.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.labels[0].textContent)),
    TEXT.creditNoteReasons);
  assert.equal(await page.getByLabel('Betrag der Gutschrift (falls bekannt)').getAttribute('inputmode'), 'decimal');

  await invoiceField.selectOption(invoice.id);
  await reasons.getByLabel(reason).check();
  const amountField = page.getByLabel('Betrag der Gutschrift (falls bekannt)');
  await amountField.fill(refusedAmount);
  await page.getByLabel('Ihre Nachricht (freiwillig)').fill(message);
  await assertRefused(page, await submit(page, 'Anfrage senden'),
    { text: TEXT.creditNoteAmountInvalid, field: 'amount' });
  await visit(page, 'credit-note-refused');
  assert.equal(await amountField.getAttribute('aria-describedby'), 'amount-hint form-error');
  assert.equal(await amountField.inputValue(), refusedAmount, 'the amount is kept');
  assert.equal(await page.getByLabel('Ihre Nachricht (freiwillig)').inputValue(), message, 'the message is kept');
  assert.equal(await invoiceField.inputValue(), invoice.id, 'the invoice stays selected');
  assert.ok(await reasons.getByLabel(reason).isChecked(), 'the reason stays chosen');

  await amountField.fill(amount);
  await submit(page, 'Anfrage senden');
  const reference = `G-${customer.number}-1`;
  const summary = `Gutschrift zu Rechnung ${invoice.number} angefragt (Vorgang ${reference}).`;
  const id = await confirmation(page, 'credit-note-done',
    { heading: 'Anfrage gesendet', summary, next: TEXT.creditNoteNext });

  // The team's task names the request; dunning goes on (no hold on the invoice).
  const tasks = tasksOf(customer.number);
  assert.deepEqual(tasks.map((t) => [t.kind, t.status, t.note]), [['credit_note', 'open',
    `Gutschrift-Anfrage ${reference} zu Rechnung ${invoice.number}: ${reason}, gewünscht ${amountText} EUR. `
    + `Nachricht: ${message}`]]);

  // The rating, once.
  await page.getByRole('radio', { name: rating.label }).check();
  await page.getByLabel(/Möchten Sie uns noch etwas sagen/).fill(rating.comment);
  await page.getByRole('button', { name: 'Bewertung senden' }).click();
  await page.getByText('Danke für Ihre Bewertung.').waitFor({ timeout: 5000 });
  await visit(page, 'credit-note-rated');
  assert.deepEqual(query(`SELECT rating, rating_comment FROM portal_interactions WHERE id = ${id}`),
    [{ rating: rating.value, rating_comment: rating.comment }]);
  await page.goto(`${baseUrl}/p/done/${id}`);
  assert.equal(await page.getByRole('button', { name: 'Bewertung senden' }).count(), 0, 'rated once only');
  assert.equal(await kpi(page, 'done'), summary);

  await assertHistory(page, 'credit_note', summary);
  await visit(page, 'credit-note-history');
  await page.goto(`${baseUrl}/p/items`);
  assert.doesNotMatch(await textOf(page.locator(`li[data-item="${invoice.number}"] .item-meta`)), /Mahnung ruht/);
  await page.goto(`${baseUrl}/p/`);
}

// A callback: the number on file prefilled, the next 10 business days of the customer's
// state, the creditor's windows; a number without area code is refused, then `phone` (typed
// as at home) on the `dayIndex`-th day in `window`.
async function callbackFlow(page, customer, { phone, phoneE164, dayIndex, window, topic }) {
  await optionThroughCheck(page, 'Rückruf vereinbaren', '/p/callback',
    { postalCode: customer.postalCode, shot: 'callback' });
  await visit(page, 'callback');
  assert.equal(await textOf(page.locator('h1')), 'Rückruf vereinbaren');
  const phoneField = page.getByLabel('Telefonnummer');
  assert.equal(await phoneField.inputValue(), customer.phoneOnFile, 'the number on file is prefilled');
  assert.equal(await phoneField.getAttribute('type'), 'tel');

  const expected = businessDays(customer.state, 10);
  const dayField = page.getByLabel('Tag', { exact: true });
  const offered = await dayField.locator('option').evaluateAll((options) =>
    options.map((o) => [o.value, o.textContent.trim(), o.selected]));
  assert.equal(offered.length, 10, 'ten days offered');
  assert.ok(offered[0][0] > isoDate(0), 'the first day is after today');
  for (const [value] of offered) {
    assert.ok(![0, 6].includes(new Date(`${value}T00:00:00Z`).getUTCDay()), `${value} is not a Saturday or Sunday`);
  }
  assert.deepEqual(offered.map(([value, label]) => [value, label]), expected,
    `the next business days in ${customer.state}, from the first after today`);
  assert.deepEqual(offered.map(([, , selected]) => selected), offered.map((_, k) => k === 0),
    'the first day is preselected');
  const windows = page.getByRole('group', { name: 'Uhrzeit' }).getByRole('radio');
  assert.deepEqual(await windows.evaluateAll((radios) => radios.map((r) => r.labels[0].textContent)),
    TEXT.callbackWindows);
  assert.equal(await windows.evaluateAll((radios) => radios.filter((r) => r.checked).length), 0,
    'no window chosen yet');

  // Without an area code: refused, what was typed stays.
  const [day, dayLabel] = expected[dayIndex];
  await phoneField.fill('123456');
  await dayField.selectOption(day);
  await page.getByRole('radio', { name: `${window} Uhr` }).check();
  await page.getByLabel('Worum geht es? (freiwillig)').fill(topic);
  await assertRefused(page, await submit(page, 'Rückruf vereinbaren'),
    { text: TEXT.callbackPhoneInvalid, field: 'phone' });
  await visit(page, 'callback-refused');
  assert.equal(await phoneField.inputValue(), '123456');
  assert.equal(await dayField.inputValue(), day, 'the day is kept');
  assert.ok(await page.getByRole('radio', { name: `${window} Uhr` }).isChecked(), 'the window is kept');
  assert.equal(await page.getByLabel('Worum geht es? (freiwillig)').inputValue(), topic, 'the topic is kept');

  await phoneField.fill(phone);
  await submit(page, 'Rückruf vereinbaren');
  const summary = `Rückruf am ${dayLabel}, ${window} Uhr vereinbart.`;
  await confirmation(page, 'callback-done', { heading: 'Anfrage gesendet', summary, next: TEXT.callbackNext });
  const callbacks = tasksOf(customer.number).filter((t) => t.kind === 'callback');
  const germanDay = day.split('-').reverse().join('.');
  assert.deepEqual(callbacks.map((t) => [t.due_on, t.status, t.note]), [[day, 'open',
    `Rückruf R-${customer.number}-1 am ${germanDay}, ${window} Uhr, unter ${phoneE164}. Anliegen: ${topic}`]],
    'a task due on the day, with the number in international form');
  await assertHistory(page, 'callback', summary);
  await page.goto(`${baseUrl}/p/`);
}

// The contact preferences: consent to e-mail without an address is refused; then English,
// e-mail with consent, a mobile number without consent to SMS. The confirmation and the
// portal afterwards are in English.
async function preferencesFlow(page, customer, { email, mobile, mobileE164 }) {
  await optionThroughCheck(page, 'Kontaktwege und Sprache', '/p/preferences',
    { postalCode: customer.postalCode, shot: 'preferences' });
  await visit(page, 'preferences');
  assert.equal(await textOf(page.locator('h1')), 'Kontaktwege');
  const language = page.getByRole('group', { name: 'Sprache' });
  assert.ok(await language.getByRole('radio', { name: 'Deutsch' }).isChecked());
  assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), '', 'no e-mail address on file');
  assert.equal(await page.getByLabel(TEXT.emailConsent).isChecked(), false);
  const onFile = customer.phoneOnFile.startsWith('+4917') ? 'Handynummer' : 'Telefonnummer';
  assert.equal(await page.getByLabel(onFile).inputValue(), customer.phoneOnFile, 'the number on file is shown');
  // A customer imported without consent columns has consented to nothing.
  for (const consent of [TEXT.emailConsent, TEXT.smsConsent, TEXT.callsConsent]) {
    assert.equal(await page.getByLabel(consent).isChecked(), false, `${consent} is not ticked`);
  }

  // Consent to e-mail, but no address.
  await page.getByLabel('Handynummer').fill(mobile);
  await page.getByLabel(TEXT.emailConsent).check();
  await assertRefused(page, await submit(page, 'Speichern'), { text: TEXT.consentWithoutAddress, field: 'email' });
  await visit(page, 'preferences-refused');
  assert.equal(await page.getByRole('group', { name: 'E-Mail' }).getAttribute('aria-describedby'), 'form-error');
  assert.equal(await page.getByLabel('Handynummer').inputValue(), mobile, 'the mobile number is kept');
  assert.ok(await page.getByLabel(TEXT.emailConsent).isChecked(), 'the tick is kept');

  await language.getByRole('radio', { name: 'English' }).check();
  await page.getByLabel('E-Mail-Adresse').fill(email);
  assert.equal(await page.getByLabel(TEXT.smsConsent).isChecked(), false);
  await submit(page, 'Speichern');
  await confirmation(page, 'preferences-done', {
    heading: 'Done',
    summary: 'Contact preferences saved: email yes, text messages no, calls no; language English.',
    next: 'We follow them from now on.',
  });
  if (!page.scripts) assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await textOf(page.locator('#rating-heading')), 'How was that for you?');

  // The portal speaks English from now on.
  await page.getByRole('link', { name: 'Back to the overview' }).click();
  await page.waitForURL(`${baseUrl}/p/`);
  await page.getByRole('heading', { level: 1, name: `Hello ${customer.name}` }).waitFor({ timeout: 5000 });
  await visit(page, 'preferences-overview-en');
  if (!page.scripts) assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.getByRole('region', { name: 'Your options' })
    .getByRole('link', { name: 'Contact preferences and language' }).isVisible());
  assert.ok(await page.getByRole('banner').getByRole('button', { name: 'Deutsch' }).isVisible());

  // The customer's record says the same; the choices apply at once, no task for the team.
  const record = await api(`/customers/${customer.number}`);
  assert.deepEqual([record.language, record.email, record.email_consent, record.mobile, record.sms_consent],
    ['en', email, true, mobileE164, false]);
  assert.deepEqual(tasksOf(customer.number).filter((t) => !['credit_note', 'callback'].includes(t.kind)), []);
}

// The preferences page (in English) shows `expected`: language, e-mail and its consent,
// mobile and consent to SMS.
async function assertPreferencesShown(page, expected) {
  await page.goto(`${baseUrl}/p/preferences`);
  assert.equal(await textOf(page.locator('h1')), 'How we contact you');
  assert.equal(await textOf(page.locator('main .hint').first()), `Last changed by you on ${expected.changed}.`);
  const language = page.getByRole('group', { name: 'Language' });
  assert.ok(await language.getByRole('radio', { name: expected.language }).isChecked(),
    `${expected.language} is chosen`);
  assert.equal(await page.getByLabel('Email address').inputValue(), expected.email);
  assert.equal(await page.getByLabel('Yes, send me reminders and messages by email.').isChecked(),
    expected.emailConsent);
  assert.equal(await page.getByLabel('Mobile number').inputValue(), expected.mobile);
  assert.equal(await page.getByLabel('Yes, send me reminders by text message.').isChecked(), expected.smsConsent);
}

// ---------------------------------------------------------------------------------------
// Tests.

test('credit note: the check, an amount above the invoice refused, the request, rating and history', async () => {
  const { context, page } = await openPhonePortal(K3001.number);
  assert.equal(await page.evaluate(() => typeof globalThis.htmx), 'object', 'htmx runs');
  await creditNoteFlow(page, K3001, {
    invoice: { id: 'R-31', number: 'R-2026-3001' }, reason: 'Ware zurückgeschickt', refusedAmount: '250,00',
    amount: '12,50', amountText: '12.50', message: 'Zwei Teile zurück, Paket 4711.',
    rating: { label: /\bGeht so$/, value: 'neutral', comment: 'Das Formular war klar.' },
  });
  // The invoices offered were the customer's own: open ones with their amount, then paid ones.
  await page.goto(`${baseUrl}/p/credit-note?item=R-32`);
  assert.deepEqual(await page.getByLabel('Rechnung', { exact: true }).locator('option').evaluateAll((options) =>
    options.map((o) => [o.value, o.textContent, o.selected])), [
    ['R-31', `Rechnung R-2026-3001 – ${euro('234,56')}`, false],
    ['R-32', `Rechnung R-2026-3002 – ${euro('1.000,00')}`, true],
    ['R-33', 'Rechnung R-2026-3003 – bezahlt', false],
  ]);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('callback: the next ten business days, a number without area code refused, the callback arranged', async () => {
  const { context, page } = await openPhonePortal(K3002.number);
  await callbackFlow(page, K3002, {
    phone: '030 1234567', phoneE164: '+49301234567', dayIndex: 2, window: '14:00-16:00',
    topic: 'Frage zur Ratenzahlung',
  });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('preferences: consent without an address refused; English, e-mail, a mobile; kept over a re-import', async () => {
  const { context, page } = await openPhonePortal(K3003.number);
  const email = 'kunde.oezdemir@example.org';
  await preferencesFlow(page, K3003, { email, mobile: '0151 2345678', mobileE164: '+491512345678' });

  // The creditor's system sends the customer again: German, an older address and another
  // mobile number with consent, and a new name.
  const file = path.join(dir, 'customers-again.csv');
  fs.writeFileSync(file, `${[`${CUSTOMERS_HEADER};E-Mail-Einwilligung;SMS-Einwilligung`,
    `${K3003.number};${K3003_AGAIN.name};consumer;Domplatz 1;50667;Köln;NW;0221 987654;${K3003_AGAIN.mobile};`
    + `${K3003_AGAIN.email};de;nein;ja`].join('\r\n')}\r\n`);
  kulanz('import', 'customers', file, '--creditor', CREDITOR);
  const record = await api(`/customers/${K3003.number}`);
  assert.equal(record.name, K3003_AGAIN.name, 'the name is updated');
  assert.deepEqual([record.language, record.email, record.email_consent, record.mobile, record.sms_consent],
    ['en', email, true, '+491512345678', false], 'the customer\'s choices stay');

  await page.goto(`${baseUrl}/p/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await textOf(page.locator('h1')), `Hello ${K3003_AGAIN.name}`);
  await visit(page, 'preferences-overview-imported');
  await assertPreferencesShown(page, { changed: englishToday(), language: 'English', email, emailConsent: true,
    mobile: '+491512345678', smsConsent: false });
  await visit(page, 'preferences-after-import');
  await assertHistory(page, 'preferences',
    'Contact preferences saved: email yes, text messages no, calls no; language English.', englishToday());
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('works without JavaScript: credit note, callback and preferences', async () => {
  const { context, page } = await openPhonePortal(K3004.number, { javaScriptEnabled: false, shots: 'nojs-' });
  await creditNoteFlow(page, K3004, {
    invoice: { id: 'R-37', number: 'R-2026-3007' }, reason: 'Anderer Preis vereinbart', refusedAmount: 'zwölf',
    amount: '120', amountText: '120.00', message: 'Rabatt laut Angebot vom Mai.',
    rating: { label: /\bGut$/, value: 'good', comment: '' },
  });
  await callbackFlow(page, K3004, {
    phone: '089 / 123 456', phoneE164: '+4989123456', dayIndex: 0, window: '08:00-10:00',
    topic: 'Gutschrift G-K-3004-1',
  });
  await preferencesFlow(page, K3004,
    { email: 'ada.lindner@example.org', mobile: '0170 5550199', mobileE164: '+491705550199' });
  assert.deepEqual(page.problems, []);
  await context.close();
});
