"""A stand-in for Stripe Checkout (API version 2024-06-20) for the channel tests.

Usage: /usr/bin/python3 stripe_stand_in.py --log FILE --secret-key KEY
           [--webhook-url URL --webhook-secret SECRET [--webhook-secret SECRET ...]] [--port N]

The API (authenticated with KEY as "Authorization: Bearer KEY", or Basic with KEY as user):
  POST /v1/checkout/sessions           creates a session from an application/x-www-form-urlencoded
                                       body, checked as Stripe does (below); 200 with the session
  GET  /v1/checkout/sessions/<id>      the session; 404 resource_missing for an unknown id
  POST /v1/checkout/sessions/<id>/expire  expires an open session (400 otherwise) and sends
                                       checkout.session.expired; 200 with the session
  other paths                          404 "Unrecognized request URL"
Errors are Stripe's {"error": {"type", "code", "message", "param"}} bodies:
  * no or another key: 401 invalid_request_error ("Invalid API Key provided: sk_test_****abcd");
  * a Stripe-Version header other than 2024-06-20, a Content-Type other than
    application/x-www-form-urlencoded, a body that is not a form, a parameter given twice,
    an Idempotency-Key longer than 255 characters: 400;
  * parameters (400 with `param`): mode must be payment; line_items (1 to 100) each with
    price_data[currency] (three letters, the same for all), price_data[unit_amount] (a
    positive integer), price_data[product_data][name] (not empty) and quantity (a positive
    integer); success_url required and cancel_url optional, both absolute http(s) URLs;
    client_reference_id at most 200 characters; customer_email an address; locale one of
    Stripe's Checkout locales; payment_method_types[n] known types; metadata at most 50 keys
    of at most 40 characters, values at most 500 (empty values are not stored); a total
    below the currency's minimum (EUR, USD, CHF 50, GBP 30) is amount_too_small, above
    99999999 amount_too_large; any parameter the stand-in does not model is refused as
    parameter_unknown ("Received unknown parameter: ...").
Idempotency as Stripe keeps it: a result (200 or 500) is stored under its Idempotency-Key;
the same key with the same parameters answers the stored result again (header
Idempotent-Replayed: true), with other parameters 400 idempotency_error. Requests refused
by the checks above store nothing.

A new session is {"id": "cs_test_...", "object": "checkout.session", "url":
"http://127.0.0.1:PORT/c/pay/<id>", "amount_total", "currency", "status": "open",
"payment_status": "unpaid", "client_reference_id", "metadata", "success_url", "cancel_url",
"livemode": false, "payment_method_types" (["card"] unless given), "expires_at" (24 hours), ...}.

The hosted payment page (no key, plain HTML, no JavaScript):
  GET  /c/pay/<id>   a form with the buttons "Pay" (action=pay) and "Cancel" (action=cancel);
                     404 for an unknown session, 410 when it is no longer open
  POST /c/pay/<id>   action=pay: the session becomes complete/paid with a payment intent,
                     checkout.session.completed is delivered to the webhook URL, then 303 to
                     success_url with {CHECKOUT_SESSION_ID} replaced; action=cancel: 303 to
                     cancel_url (400 without one)
Events have Stripe's shape (id evt_..., object "event", api_version, created, type,
livemode, pending_webhooks, request, data.object = the session) and are posted as Stripe
posts them: the JSON indented by two spaces, Content-Type: application/json; charset=utf-8,
Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")> with one v1 per
--webhook-secret (as while a secret is being rolled) and a random v0 (test mode). They are
delivered once, before the answer to the page goes out (Stripe promises no such order);
redirects are not followed.

Control endpoints for tests (no key):
  POST /_test/resend/<event id>   delivers the same event again (the same body, signed anew)
  POST /_test/expire/<session id> as the API's expire
Both answer 200 {"event": "<id>", "delivered": <receiver's status or error>}.

Special totals (minor units) make the API misbehave after the checks:
  99408  no answer (the connection stays open until the server stops); nothing is created
  99444  the connection is reset without an answer; nothing is created
  99445  the session is created and stored under the Idempotency-Key, then the connection
         is reset (the answer is lost; the same key again returns the session)
  99409  409 idempotency_key_in_use          99429  429 rate_limit
  99500  500 api_error (stored under the Idempotency-Key, as Stripe does)
  99302  302 to another URL                   99666  200 with an id that is not cs_...
  99667  200 with a url that is not http(s)   99777  200 with a 300 KiB body
Every request becomes one JSON line in FILE, written before the answer goes out: kind
("api", "page", "control"), method, path, key (the API key given), content_type,
stripe_version, idempotency_key, user_agent, body (the raw text), status ("hang" or "reset"
for those), session (the id created or returned), replayed. Every delivery becomes a line
of kind "webhook": event, type, url, signature (the header), status (the receiver's
status, or "error: ..."), after it was made.
"""
import argparse
import base64
import copy
import hashlib
import hmac
import html
import http.client
import json
import re
import secrets
import sys
import threading
import time
import urllib.parse

import local_http

API_VERSION = "2024-06-20"
LOCALES = {"auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr",
           "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl",
           "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW"}
PAYMENT_METHOD_TYPES = {"acss_debit", "affirm", "afterpay_clearpay", "alipay", "amazon_pay", "au_becs_debit",
                        "bacs_debit", "bancontact", "blik", "boleto", "card", "cashapp", "customer_balance", "eps",
                        "fpx", "giropay", "grabpay", "ideal", "klarna", "konbini", "link", "mobilepay", "multibanco",
                        "oxxo", "p24", "paynow", "paypal", "pix", "promptpay", "revolut_pay", "sepa_debit", "sofort",
                        "swish", "twint", "us_bank_account", "wechat_pay", "zip"}
MINIMUM_TOTAL = {"eur": 50, "usd": 50, "chf": 50, "gbp": 30}
ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof",
                "xpf"}
TOP_LEVEL = {"mode", "line_items", "success_url", "cancel_url", "client_reference_id", "customer_email", "locale",
             "payment_method_types", "metadata"}
SPECIAL = {99408: "hang", 99444: "reset", 99445: "lost", 99409: "in-use", 99429: "rate", 99500: "error",
           99302: "redirect", 99666: "bad-id", 99667: "bad-url", 99777: "big"}
NAME = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


class StripeError(Exception):
    def __init__(self, status, message, param=None, code=None, kind="invalid_request_error"):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": kind, "message": message}}
        if code:
            self.body["error"]["code"] = code
        if param:
            self.body["error"]["param"] = param


def invalid(param, message, code=None):
    return StripeError(400, message, param, code)


def new_id(prefix, length=24):
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return prefix + "".join(secrets.choice(alphabet) for _ in range(length))


def masked(key):
    prefix = re.match(r"^((?:sk|rk|pk)_(?:test|live)_)", key)
    head = prefix.group(1) if prefix else ""
    return head + "*" * max(len(key) - len(head) - 4, 0) + key[-4:]


def parse_form(raw):
    """The parameters of a form body as nested dicts (indices as int keys); pairs as given."""
    try:
        text = raw.decode("ascii")
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=True, errors="strict") \
            if text else []
    except (UnicodeDecodeError, ValueError):
        raise StripeError(400, "Invalid request: the body is not application/x-www-form-urlencoded.")
    params, seen = {}, set()
    for name, value in pairs:
        match = NAME.match(name)
        if not match:
            raise invalid(name, f"Invalid parameter name: {name}")
        if name in seen:
            raise invalid(name, f"Received repeated parameter: {name}")
        seen.add(name)
        path = [match.group(1)] + re.findall(r"\[([^\[\]]*)\]", match.group(2))
        node = params
        for i, part in enumerate(path):
            key = int(part) if part.isdigit() and i > 0 else part
            if i == len(path) - 1:
                if isinstance(node.get(key), dict):
                    raise invalid(name, f"Invalid value for {name}: expected a hash")
                node[key] = value
            else:
                child = node.setdefault(key, {})
                if not isinstance(child, dict):
                    raise invalid(name, f"Invalid value for {name}: {path[0]} is not a hash")
                node = child
    return params, sorted(pairs)


def param_name(path):
    return path[0] + "".join(f"[{p}]" for p in path[1:])


def as_list(value, path):
    """A parameter given as name[0], name[1], ...: the values in order."""
    name = param_name(path)
    if not isinstance(value, dict) or not value or not all(isinstance(k, int) for k in value):
        raise invalid(name, f"Invalid array: {name}")
    if sorted(value) != list(range(len(value))):
        raise invalid(name, f"Invalid array: {name} must be indexed from 0 without gaps")
    return [value[i] for i in range(len(value))]


def unknown_keys(value, allowed, path):
    for key in value:
        if key not in allowed:
            raise invalid(param_name(path + [str(key)]), f"Received unknown parameter: {param_name(path + [str(key)])}",
                          "parameter_unknown")


def string(value, path, required=True):
    name = param_name(path)
    if value is None:
        if required:
            raise invalid(name, f"Missing required param: {name}.", "parameter_missing")
        return None
    if not isinstance(value, str):
        raise invalid(name, f"Invalid string: {name} is a hash")
    return value


def positive_integer(value, path):
    text = string(value, path)
    name = param_name(path)
    if not re.fullmatch(r"-?[0-9]+", text):
        raise invalid(name, f"Invalid integer: {text}", "parameter_invalid_integer")
    if int(text) < 1:
        raise invalid(name, "This value must be greater than or equal to 1.", "parameter_invalid_integer")
    return int(text)


def absolute_url(value, path, required):
    text = string(value, path, required)
    if text is None:
        return None
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        raise invalid(param_name(path), "Not a valid URL", "url_invalid")
    return text


def checked_session(params):
    """The parameters of POST /v1/checkout/sessions as Stripe checks them: a session draft."""
    unknown_keys(params, TOP_LEVEL, [])
    mode = string(params.get("mode"), ["mode"])
    if mode != "payment":
        raise invalid("mode", f"Invalid mode: the stand-in only models payment, not {mode!r}")
    raw_items = params.get("line_items")
    if raw_items is None:
        raise invalid("line_items", "Missing required param: line_items.", "parameter_missing")
    items = as_list(raw_items, ["line_items"])
    if len(items) > 100:
        raise invalid("line_items", "At most 100 line items are allowed.")
    currency, total, names = None, 0, []
    for i, item in enumerate(items):
        path = ["line_items", str(i)]
        if not isinstance(item, dict):
            raise invalid(param_name(path), f"Invalid hash: {param_name(path)}")
        unknown_keys(item, {"price_data", "quantity"}, path)
        price = item.get("price_data")
        if not isinstance(price, dict):
            raise invalid(param_name(path + ["price_data"]), "You must specify either `price` or `price_data` for "
                          "each line item.", "parameter_missing")
        unknown_keys(price, {"currency", "unit_amount", "product_data"}, path + ["price_data"])
        code = string(price.get("currency"), path + ["price_data", "currency"])
        if not re.fullmatch(r"[A-Za-z]{3}", code):
            raise invalid(param_name(path + ["price_data", "currency"]), f"Invalid currency: {code}.")
        code = code.lower()
        if currency is not None and code != currency:
            raise invalid("line_items", "All line items must use the same currency.")
        currency = code
        amount = positive_integer(price.get("unit_amount"), path + ["price_data", "unit_amount"])
        product = price.get("product_data")
        product_path = path + ["price_data", "product_data"]
        if not isinstance(product, dict):
            raise invalid(param_name(product_path + ["name"]),
                          f"Missing required param: {param_name(product_path + ['name'])}.", "parameter_missing")
        unknown_keys(product, {"name", "description"}, product_path)
        name = string(product.get("name"), product_path + ["name"])
        if not name.strip():
            raise invalid(param_name(product_path + ["name"]), "The product name must not be empty.")
        string(product.get("description"), product_path + ["description"], False)
        quantity = positive_integer(item.get("quantity"), path + ["quantity"])
        total += amount * quantity
        names.append(name)
    if total < MINIMUM_TOTAL.get(currency, 1):
        raise StripeError(400, f"The Checkout Session's total amount due must add up to at least "
                               f"{MINIMUM_TOTAL[currency]} {currency} in minor units.", code="amount_too_small")
    if total > 99999999:
        raise StripeError(400, "The Checkout Session's total amount due must be no more than 99999999 in minor units.",
                          code="amount_too_large")
    session = {"amount_subtotal": total, "amount_total": total, "currency": currency, "mode": mode}
    session["success_url"] = absolute_url(params.get("success_url"), ["success_url"], True)
    session["cancel_url"] = absolute_url(params.get("cancel_url"), ["cancel_url"], False)
    reference = string(params.get("client_reference_id"), ["client_reference_id"], False)
    if reference is not None and len(reference) > 200:
        raise invalid("client_reference_id", "client_reference_id must be at most 200 characters.")
    session["client_reference_id"] = reference or None
    email = string(params.get("customer_email"), ["customer_email"], False)
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise invalid("customer_email", f"Invalid email address: {email}", "email_invalid")
    session["customer_email"] = email
    locale = string(params.get("locale"), ["locale"], False)
    if locale is not None and locale not in LOCALES:
        raise invalid("locale", f"Invalid locale: must be one of {', '.join(sorted(LOCALES))}")
    session["locale"] = locale
    types = []
    if "payment_method_types" in params:
        for i, kind in enumerate(as_list(params["payment_method_types"], ["payment_method_types"])):
            kind = string(kind, ["payment_method_types", str(i)])
            if kind not in PAYMENT_METHOD_TYPES:
                raise invalid(f"payment_method_types[{i}]", f"Invalid payment_method_types[{i}]: must be one of "
                              f"{', '.join(sorted(PAYMENT_METHOD_TYPES))}")
            types.append(kind)
    session["payment_method_types"] = types or ["card"]
    metadata = params.get("metadata", {})
    if not isinstance(metadata, dict):
        raise invalid("metadata", "Invalid hash: metadata")
    if len(metadata) > 50:
        raise invalid("metadata", "Metadata can have at most 50 keys.")
    for key, value in metadata.items():
        name = f"metadata[{key}]"
        if not isinstance(value, str):
            raise invalid(name, f"Invalid value for {name}: metadata keys cannot contain '[' or ']'")
        if len(str(key)) > 40:
            raise invalid(name, "Metadata keys can be at most 40 characters long.")
        if len(value) > 500:
            raise invalid(name, "Metadata values can be at most 500 characters long.")
    session["metadata"] = {str(k): v for k, v in metadata.items() if v != ""}
    return session, names


class Stripe(local_http.Handler):
    secret_key = ""
    webhook_url = None
    webhook_secrets = []
    lock = threading.Lock()
    sessions = {}      # id -> session object
    products = {}      # session id -> product names
    idempotent = {}    # key -> (sorted parameters, status, body, session id)
    events = {}        # id -> (type, body bytes)

    # --- helpers ---------------------------------------------------------------------------

    def entry(self, kind, raw=b""):
        return {"kind": kind, "method": self.command, "path": self.path, "key": self.api_key(),
                "content_type": self.headers.get("Content-Type"), "stripe_version": self.headers.get("Stripe-Version"),
                "idempotency_key": self.headers.get("Idempotency-Key"), "user_agent": self.headers.get("User-Agent"),
                "body": raw.decode("utf-8", "replace")}

    def answer(self, entry, status, body=b"", headers=(), content_type="application/json"):
        entry["status"] = status
        self.record(entry)
        if content_type == "application/json":
            headers = list(headers) + [("Request-Id", new_id("req_", 14)), ("Stripe-Version", API_VERSION)]
        self.reply(status, body, content_type, headers)

    def api_key(self):
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return header[7:]
        if header.startswith("Basic "):
            try:
                return base64.b64decode(header[6:], validate=True).decode().partition(":")[0]
            except (ValueError, UnicodeDecodeError):
                return None
        return None

    def authorise(self):
        key = self.api_key()
        if not key:
            raise StripeError(401, "You did not provide an API key. You need to provide your API key in the "
                                   "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                                   "YOUR_SECRET_KEY').")
        if not hmac.compare_digest(key.encode(), self.secret_key.encode()):
            raise StripeError(401, f"Invalid API Key provided: {masked(key)}")
        version = self.headers.get("Stripe-Version")
        if version is not None and version != API_VERSION:
            raise StripeError(400, f"Invalid Stripe API version: {version}")

    def page_url(self, session_id):
        return f"http://127.0.0.1:{self.server.server_address[1]}/c/pay/{session_id}"

    # --- webhooks --------------------------------------------------------------------------

    def new_event(self, kind, session):
        event_id = new_id("evt_")
        event = {"id": event_id, "object": "event", "api_version": API_VERSION, "created": int(time.time()),
                 "data": {"object": copy.deepcopy(session)}, "livemode": False, "pending_webhooks": 1,
                 "request": {"id": None, "idempotency_key": None}, "type": kind}
        with self.lock:
            self.events[event_id] = (kind, json.dumps(event, indent=2).encode())
        return event_id

    def deliver(self, event_id):
        kind, body = self.events[event_id]
        entry = {"kind": "webhook", "event": event_id, "type": kind, "url": self.webhook_url}
        if not self.webhook_url:
            entry["status"] = "no endpoint"
            self.record(entry)
            return entry["status"]
        timestamp = str(int(time.time()))
        signatures = [f"v1={hmac.new(s.encode(), timestamp.encode() + b'.' + body, hashlib.sha256).hexdigest()}"
                      for s in self.webhook_secrets]
        entry["signature"] = ",".join([f"t={timestamp}"] + signatures + [f"v0={secrets.token_hex(32)}"])
        target = urllib.parse.urlsplit(self.webhook_url)
        connection_class = http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
        try:
            connection = connection_class(target.hostname, target.port, timeout=10)
            connection.request("POST", (target.path or "/") + (f"?{target.query}" if target.query else ""), body, {
                "Content-Type": "application/json; charset=utf-8", "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                "Accept": "*/*; q=0.5, application/xml", "Cache-Control": "no-cache",
                "Stripe-Signature": entry["signature"]})
            response = connection.getresponse()
            response.read()
            entry["status"] = response.status
            connection.close()
        except (OSError, http.client.HTTPException) as e:
            entry["status"] = f"error: {e}"
        self.record(entry)
        return entry["status"]

    def expire(self, session_id):
        with self.lock:
            session = self.sessions.get(session_id)
            if session is None:
                raise StripeError(404, f"No such checkout.session: '{session_id}'", "session", "resource_missing")
            if session["status"] != "open":
                raise StripeError(400, 'Only Checkout Sessions with a status in ["open"] can be expired.')
            session.update(status="expired", url=None)
            snapshot = copy.deepcopy(session)
        event_id = self.new_event("checkout.session.expired", snapshot)
        return snapshot, event_id, self.deliver(event_id)

    # --- the API ---------------------------------------------------------------------------

    def create(self, raw, entry):
        key = self.headers.get("Idempotency-Key")
        if key is not None and len(key) > 255:
            raise StripeError(400, "Idempotency-Key must be at most 255 characters long.")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            raise StripeError(400, f"Invalid request: unsupported Content-Type {content_type or '(none)'}. Send "
                                   "parameters as application/x-www-form-urlencoded.")
        params, signature = parse_form(raw)
        if key is not None:
            with self.lock:
                stored = self.idempotent.get(key)
            if stored is not None:
                if stored[0] != signature:
                    raise StripeError(400, "Keys for idempotent requests can only be used with the same parameters "
                                           "they were first used with. Try using a key other than "
                                           f"'{key}' if you meant to execute a different request.",
                                      kind="idempotency_error")
                entry.update(replayed=True, session=stored[3])
                return self.answer(entry, stored[1], stored[2], [("Idempotent-Replayed", "true"),
                                                                 ("Idempotency-Key", key)])
        draft, names = checked_session(params)
        special = SPECIAL.get(draft["amount_total"])
        if special in ("hang", "reset"):
            entry["status"] = special
            self.record(entry)
            return self.hang() if special == "hang" else self.reset()
        if special == "in-use":
            raise StripeError(409, "There is currently another in-progress request using this Idempotent Key (that "
                                   "probably means you submitted twice, and the other request is still going "
                                   "through): " + str(key) + ". Please try again later.", code="idempotency_key_in_use")
        if special == "rate":
            raise StripeError(429, "Request rate limit exceeded. Learn more about rate limits here "
                                   "https://stripe.com/docs/rate-limits.", code="rate_limit")
        if special == "redirect":
            return self.answer(entry, 302, b"", [("Location", "http://127.0.0.1:9/v1/checkout/sessions")])
        if special == "error":
            body = json.dumps({"error": {"type": "api_error", "message": "An unknown error occurred"}}).encode()
            self.remember(key, signature, 500, body, None)
            return self.answer(entry, 500, body)
        session_id = new_id("cs_test_a1", 56)
        now = int(time.time())
        fields = {**draft, "created": now, "expires_at": now + 86400, "livemode": False, "payment_intent": None,
                  "payment_status": "unpaid", "status": "open", "url": self.page_url(session_id)}
        # As Stripe writes objects: id and object first, the rest in alphabetical order.
        session = {"id": session_id, "object": "checkout.session", **dict(sorted(fields.items()))}
        with self.lock:
            self.sessions[session_id] = session
            self.products[session_id] = names
        reply = dict(session)
        if special == "bad-id":
            reply["id"] = "sess_" + session_id
        elif special == "bad-url":
            reply["url"] = "javascript:alert(1)"
        elif special == "big":
            reply["padding"] = "x" * (300 * 1024)
        body = json.dumps(reply, indent=2).encode()
        self.remember(key, signature, 200, body, session_id)
        entry["session"] = session_id
        if special == "lost":
            entry["status"] = "reset"
            self.record(entry)
            return self.reset()
        return self.answer(entry, 200, body, [("Idempotency-Key", key)] if key else [])

    def remember(self, key, signature, status, body, session_id):
        if key is not None:
            with self.lock:
                self.idempotent[key] = (signature, status, body, session_id)

    def do_api(self, raw):
        entry = self.entry("api", raw)
        try:
            self.authorise()
            path = urllib.parse.urlsplit(self.path).path
            if self.command == "POST" and path == "/v1/checkout/sessions":
                return self.create(raw, entry)
            match = re.fullmatch(r"/v1/checkout/sessions/([^/]+)(/expire)?", path)
            if match and self.command == "GET" and not match.group(2):
                with self.lock:
                    session = copy.deepcopy(self.sessions.get(match.group(1)))
                if session is None:
                    raise StripeError(404, f"No such checkout.session: '{match.group(1)}'", "session",
                                      "resource_missing")
                entry["session"] = session["id"]
                return self.answer(entry, 200, json.dumps(session, indent=2).encode())
            if match and self.command == "POST" and match.group(2):
                session, _, _ = self.expire(match.group(1))
                entry["session"] = session["id"]
                return self.answer(entry, 200, json.dumps(session, indent=2).encode())
            raise StripeError(404, f"Unrecognized request URL ({self.command}: {path}). Please see "
                                   "https://stripe.com/docs or we can help at https://support.stripe.com/.")
        except StripeError as e:
            return self.answer(entry, e.status, e.body)

    # --- the hosted page and the control endpoints -------------------------------------------

    def html_page(self, entry, status, title, content):
        page = (f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                f'</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{content}</body>\n</html>\n')
        return self.answer(entry, status, page.encode(), content_type="text/html; charset=utf-8")

    def do_page(self, session_id, raw):
        entry = self.entry("page", raw)
        with self.lock:
            session = self.sessions.get(session_id)
            names = self.products.get(session_id, [])
        if session is None:
            return self.html_page(entry, 404, "Not found", "<p>There is no such payment page.</p>\n")
        if session["status"] != "open":
            return self.html_page(entry, 410, "This payment page is no longer active",
                                  f"<p>The session is {html.escape(session['status'])}.</p>\n")
        if self.command == "GET":
            total = session["amount_total"]
            digits = 0 if session["currency"] in ZERO_DECIMAL else 2
            amount = f"{total // 10 ** digits}.{total % 10 ** digits:0{digits}d}" if digits else str(total)
            buttons = '<button type="submit" name="action" value="pay">Pay</button>\n'
            if session["cancel_url"]:
                buttons += '<button type="submit" name="action" value="cancel">Cancel</button>\n'
            return self.html_page(entry, 200, ", ".join(names),
                                  f'<p class="amount">{amount} {session["currency"].upper()}</p>\n'
                                  f'<form method="post" action="/c/pay/{html.escape(session_id)}">\n{buttons}</form>\n')
        fields = dict(urllib.parse.parse_qsl(raw.decode("ascii", "replace"), keep_blank_values=True))
        action = fields.get("action")
        if action == "cancel" and session["cancel_url"]:
            return self.answer(entry, 303, b"", [("Location", session["cancel_url"])], "text/plain")
        if action != "pay":
            return self.html_page(entry, 400, "Bad request", "<p>Choose Pay or Cancel.</p>\n")
        with self.lock:
            if session["status"] != "open":
                return self.html_page(entry, 410, "This payment page is no longer active", "")
            session.update(status="complete", payment_status="paid", payment_intent=new_id("pi_"), url=None)
            snapshot = copy.deepcopy(session)
        event_id = self.new_event("checkout.session.completed", snapshot)
        entry["event"] = event_id
        self.deliver(event_id)
        location = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
        return self.answer(entry, 303, b"", [("Location", location)], "text/plain")

    def do_control(self, path):
        entry = self.entry("control")
        try:
            resend = re.fullmatch(r"/_test/resend/([^/]+)", path)
            expire = re.fullmatch(r"/_test/expire/([^/]+)", path)
            if resend:
                if resend.group(1) not in self.events:
                    raise StripeError(404, f"No such event: '{resend.group(1)}'", "id", "resource_missing")
                return self.answer(entry, 200, {"event": resend.group(1), "delivered": self.deliver(resend.group(1))})
            if expire:
                _, event_id, delivered = self.expire(expire.group(1))
                return self.answer(entry, 200, {"event": event_id, "delivered": delivered})
            raise StripeError(404, f"Unrecognized request URL (POST: {path}).")
        except StripeError as e:
            return self.answer(entry, e.status, e.body)

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        page = re.fullmatch(r"/c/pay/([^/]+)", path)
        return self.do_page(page.group(1), b"") if page else self.do_api(b"")

    def do_POST(self):
        raw = self.read_body()
        path = urllib.parse.urlsplit(self.path).path
        page = re.fullmatch(r"/c/pay/([^/]+)", path)
        if page:
            return self.do_page(page.group(1), raw)
        if path.startswith("/_test/"):
            return self.do_control(path)
        return self.do_api(raw)


def main():
    parser = argparse.ArgumentParser(description="Stripe Checkout stand-in")
    parser.add_argument("--log", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--webhook-url")
    parser.add_argument("--webhook-secret", action="append", default=[])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.webhook_url and not args.webhook_secret:
        parser.error("--webhook-url needs at least one --webhook-secret")
    Stripe.log_path = args.log
    Stripe.secret_key = args.secret_key
    Stripe.webhook_url = args.webhook_url
    Stripe.webhook_secrets = args.webhook_secret
    return local_http.serve(Stripe, args.port)


if __name__ == "__main__":
    sys.exit(main())
