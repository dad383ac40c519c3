"""A real SMTP server for the channel tests: stores every message it accepts.

Usage: /usr/bin/python3 smtp_sink.py --dir DIR [--port N] [--reject-550 ADDR]... [--reject-451 ADDR]...

Listens on 127.0.0.1 (port 0 or none: a free port), prints "LISTENING <port>" once it
accepts connections, and stops cleanly on end of standard input, SIGTERM or SIGINT.
Each accepted message becomes DIR/<n>.eml (the bytes after DATA, dot-unstuffed, as
received) and DIR/<n>.envelope (line 1: the envelope sender, then one recipient a line);
files appear complete (written under a temporary name, then renamed) before the server
answers 250.
"""
import argparse
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class StoringHandler:
    def __init__(self, directory, reject_550, reject_451):
        self.directory = directory
        self.reject_550 = {a.lower() for a in reject_550}
        self.reject_451 = {a.lower() for a in reject_451}
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject_550:
            return "550 5.1.1 Mailbox unavailable"
        if address.lower() in self.reject_451:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        self._write(f"{number}.envelope",
                    "\n".join([envelope.mail_from or ""] + list(envelope.rcpt_tos)).encode() + b"\n")
        self._write(f"{number}.eml", envelope.original_content)
        return "250 2.0.0 Stored"

    def _write(self, name, data):
        final = os.path.join(self.directory, name)
        temporary = final + ".part"
        with open(temporary, "wb") as f:
            f.write(data)
        os.rename(temporary, final)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description="SMTP server that stores what it receives")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reject-550", action="append", default=[])
    parser.add_argument("--reject-451", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    handler = StoringHandler(args.dir, args.reject_550, args.reject_451)
    port = args.port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, decode_data=False)
    controller.start()  # returns once the server accepts connections
    print(f"LISTENING {port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def watch_stdin():
        # Unbuffered reads: a buffered reader's lock would still be held by this daemon
        # thread when the interpreter shuts down after SIGTERM.
        try:
            while os.read(0, 4096):
                pass
        except (OSError, ValueError):
            return
        stop.set()

    if not sys.stdin.isatty():
        threading.Thread(target=watch_stdin, daemon=True).start()
    while not stop.wait(0.2):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
