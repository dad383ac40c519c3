"""A webhook receiver for the channel tests: verifies kulanz's signatures exactly as
docs/WEBHOOKS.md tells receivers to, and records every delivery.

Usage: /usr/bin/python3 webhook_receiver.py --log FILE --secret SECRET [--port N]

Paths:
  /hook      verifies the signature and the timestamp (five minutes' tolerance): 401 when
             they do not hold; 200 {"duplicate": true} for an event id it has already
             received, else 200 {"received": "<event id>"}
  /record    200 {"received": true} without any check (for events signed by others, which
             the test verifies itself from the log)
  /gone      410 Gone
  /fail      500, Retry-After: 30
  /redirect  302 to /hook
  /hang      no answer (the connection stays open until the server stops)
  /big       200 with a 200 KiB body
Every request becomes one JSON line in FILE - n (1, 2, ...), method, path, headers (name:
value as received), body (the raw text), verified, duplicate, status - and its raw body
the file FILE.<n>.body; both written before the answer goes out.
"""
import argparse
import hashlib
import hmac
import sys
import threading
import time

import local_http

# The recipe of docs/WEBHOOKS.md.
TOLERANCE_SECONDS = 300  # five minutes


def verify_kulanz_signature(secret: bytes, timestamp: str, signature: str, body: bytes, now=None) -> bool:
    if not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    expected = "v1=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())


class Receiver(local_http.Handler):
    secret = b""
    seen = set()
    count = 0
    state_lock = threading.Lock()

    def do_POST(self):
        body = self.read_body()
        timestamp = self.headers.get("X-Kulanz-Timestamp", "")
        signature = self.headers.get("X-Kulanz-Signature", "")
        event_id = self.headers.get("X-Kulanz-Event-Id", "")
        verified = verify_kulanz_signature(self.secret, timestamp, signature, body)
        with self.state_lock:
            Receiver.count += 1
            number = Receiver.count
            duplicate = verified and self.path == "/hook" and event_id in self.seen
            if verified and self.path == "/hook":
                self.seen.add(event_id)
        with open(f"{self.log_path}.{number}.body", "wb") as f:
            f.write(body)
        entry = {"n": number, "method": "POST", "path": self.path, "headers": dict(self.headers.items()),
                 "body": body.decode("utf-8", "replace"), "verified": verified, "duplicate": duplicate}

        def answer(status, reply=b"", headers=(), content_type="application/json"):
            entry["status"] = status
            self.record(entry)
            self.reply(status, reply, content_type, headers)

        if self.path == "/hook":
            if not verified:
                return answer(401, {"error": "invalid signature or timestamp"})
            return answer(200, {"duplicate": True} if duplicate else {"received": event_id})
        if self.path == "/record":
            return answer(200, {"received": True})
        if self.path == "/gone":
            return answer(410, {"error": "this endpoint was removed"})
        if self.path == "/fail":
            return answer(500, b"receiver is down", [("Retry-After", "30")], "text/plain")
        if self.path == "/redirect":
            return answer(302, b"", [("Location", "/hook")])
        if self.path == "/hang":
            entry["status"] = "hang"
            self.record(entry)
            return self.hang()
        if self.path == "/big":
            return answer(200, b"{" + b" " * (200 * 1024) + b"}")
        return answer(404, {"error": "no such path"})


def main():
    parser = argparse.ArgumentParser(description="webhook receiver that verifies kulanz signatures")
    parser.add_argument("--log", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    Receiver.log_path = args.log
    Receiver.secret = args.secret.encode()
    return local_http.serve(Receiver, args.port)


if __name__ == "__main__":
    sys.exit(main())
