"""A stand-in for the Vonage Messages API (POST /v1/messages, SMS) for the channel tests.

Usage: /usr/bin/python3 vonage_stand_in.py --log FILE --api-key KEY --api-secret SECRET [--port N]

Checks each request as the gateway does and answers like it:
  * any path but /v1/messages, or a method but POST: 404 / 405 with a problem body;
  * HTTP Basic credentials other than KEY:SECRET: 401 with a problem body;
  * Content-Type other than application/json: 415; a body that is not a JSON object: 400;
  * message_type "text", channel "sms", to of 7 to 15 digits, from and text non-empty
    strings, client_ref (optional) a string of at most 100 characters, no other fields -
    otherwise 422 with a Vonage-style problem body (type, title, detail, instance,
    invalid_parameters);
  * then 202 {"message_uuid": "<uuid4>"}, except for these numbers in "to":
      4915100000429  429 Rate Limit Hit, Retry-After: 7
      4915100000500  500 Internal Error
      4915100000408  no answer (the connection stays open until the server stops)
      4915100000444  the connection is reset without an answer
      4915100000302  302 to another URL
      4915100000666  202 with a message_uuid that is not one
      4915100000777  202 with a valid message_uuid in a 200 KiB body
Every request becomes one JSON line in FILE: method, path, user (from Basic auth), the
Content-Type and Accept headers, body (the raw text), status (the answer, "hang" or
"reset") and message_uuid for 202s; written before the answer goes out.
"""
import argparse
import base64
import hmac
import json
import sys
import uuid

import local_http

SPECIAL = {
    "4915100000429": "rate",
    "4915100000500": "error",
    "4915100000408": "hang",
    "4915100000444": "reset",
    "4915100000302": "redirect",
    "4915100000666": "bad-uuid",
    "4915100000777": "big",
}
FIELDS = {"message_type", "channel", "to", "from", "text", "client_ref"}


def problem(kind, title, detail, **extra):
    body = {"type": f"https://developer.vonage.com/api-errors#{kind}", "title": title, "detail": detail,
            "instance": str(uuid.uuid4())}
    body.update(extra)
    return body


def invalid_parameters(message):
    found = []

    def bad(name, reason):
        found.append({"name": name, "reason": reason})

    if message.get("message_type") != "text":
        bad("message_type", "must be text")
    if message.get("channel") != "sms":
        bad("channel", "must be sms")
    to = message.get("to")
    if not (isinstance(to, str) and to.isascii() and to.isdigit() and 7 <= len(to) <= 15):
        bad("to", "must be 7 to 15 digits")
    sender = message.get("from")
    if not (isinstance(sender, str) and sender):
        bad("from", "must not be empty")
    text = message.get("text")
    if not (isinstance(text, str) and text):
        bad("text", "must not be empty")
    if "client_ref" in message:
        ref = message["client_ref"]
        if not (isinstance(ref, str) and len(ref) <= 100):
            bad("client_ref", "must be a string of at most 100 characters")
    for name in sorted(set(message) - FIELDS):
        bad(name, "is not a parameter of an SMS text message")
    return found


class Gateway(local_http.Handler):
    api_key = ""
    api_secret = ""

    def do_GET(self):
        self.reply(405, problem("method-not-allowed", "Method Not Allowed", "Use POST."))

    def credentials_ok(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None, False
        try:
            user, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None, False
        ok = hmac.compare_digest(user.encode(), self.api_key.encode()) and \
            hmac.compare_digest(password.encode(), self.api_secret.encode())
        return user, ok

    def do_POST(self):
        raw = self.read_body()
        user, authorised = self.credentials_ok()
        entry = {"method": "POST", "path": self.path, "user": user,
                 "content_type": self.headers.get("Content-Type"), "accept": self.headers.get("Accept"),
                 "body": raw.decode("utf-8", "replace")}

        def answer(status, body=b"", headers=(), content_type="application/json"):
            entry["status"] = status
            self.record(entry)
            self.reply(status, body, content_type, headers)

        if self.path != "/v1/messages":
            return answer(404, problem("not-found", "Not Found", "No such resource."))
        if not authorised:
            return answer(401, problem("unauthorized", "Unauthorized", "You did not provide correct credentials."))
        if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
            return answer(415, problem("unsupported-media-type", "Unsupported Media Type",
                                       "The Content-Type must be application/json."))
        try:
            message = json.loads(raw)
        except ValueError:
            message = None
        if not isinstance(message, dict):
            return answer(400, problem("bad-request", "Bad Request", "The request body is not a JSON object."))
        wrong = invalid_parameters(message)
        if wrong:
            return answer(422, problem("invalid-params", "Invalid params",
                                       "The value of one or more parameters is invalid.",
                                       invalid_parameters=wrong))
        special = SPECIAL.get(message["to"])
        if special == "rate":
            return answer(429, problem("rate-limit", "Rate Limit Hit", "Please wait, then retry your request"),
                          headers=[("Retry-After", "7")])
        if special == "error":
            return answer(500, problem("internal-error", "Internal Error", "Something went wrong."))
        if special in ("hang", "reset"):
            entry["status"] = special
            self.record(entry)
            return self.hang() if special == "hang" else self.reset()
        if special == "redirect":
            return answer(302, b"", headers=[("Location", "http://127.0.0.1:9/v1/messages")])
        message_uuid = str(uuid.uuid4())
        entry["message_uuid"] = message_uuid
        if special == "bad-uuid":
            entry["message_uuid"] = "not a uuid; DROP TABLE"
            return answer(202, {"message_uuid": entry["message_uuid"]})
        if special == "big":
            return answer(202, {"message_uuid": message_uuid, "padding": "x" * (200 * 1024)})
        return answer(202, {"message_uuid": message_uuid})


def main():
    parser = argparse.ArgumentParser(description="Vonage Messages API stand-in")
    parser.add_argument("--log", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--api-secret", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    Gateway.log_path = args.log
    Gateway.api_key = args.api_key
    Gateway.api_secret = args.api_secret
    return local_http.serve(Gateway, args.port)


if __name__ == "__main__":
    sys.exit(main())
