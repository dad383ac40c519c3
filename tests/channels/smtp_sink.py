"""A real SMTP server for the channel tests: stores every message it accepts.

Usage: /usr/bin/python3 smtp_sink.py --dir DIR [--port N] [--reject-550 ADDR]... [--reject-451 ADDR]...
                                      [--reject-sender-553 ADDR]...
                                      [--idle-timeout SECONDS] [--reply-delay SECONDS]

Listens on 127.0.0.1 (port 0 or none: a free port), prints "LISTENING <port>" once it
accepts connections, and stops cleanly on end of standard input, SIGTERM or SIGINT.
Each accepted message becomes DIR/<n>.eml (the bytes after DATA, dot-unstuffed, as
received), DIR/<n>.envelope (line 1: the envelope sender, then one recipient a line) and
DIR/<n>.session ("connection <c>" - the c-th connection since the start - and
"peer <address>:<port>", one a line). DIR/connections holds the number of connections
clients opened, DIR/quits the number of QUIT commands answered. Files appear complete
(written under a temporary name, then renamed) before the server answers.
With --idle-timeout, a connection that stays idle that long is closed with
"421 4.4.2 Idle timeout" (as Postfix does), instead of aiosmtpd's silent close after 5 minutes.
"""
import argparse
import asyncio
import os
import socket
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from until_stopped import wait_until_stopped


class StoringHandler:
    def __init__(self, directory, reject_550, reject_451, reject_sender=()):
        self.directory = directory
        self.reject_550 = {a.lower() for a in reject_550}
        self.reject_451 = {a.lower() for a in reject_451}
        self.reject_sender = {a.lower() for a in reject_sender}
        self.count = 0
        self.reply_delay = 0.0
        self.connections = 0
        self.quits = 0
        self.lock = threading.Lock()

    def connection_opened(self):
        with self.lock:
            self.connections += 1
            number = self.connections
        self._write("connections", f"{number}\n".encode())
        return number

    def reset_connections(self):
        with self.lock:
            self.connections = 0
        self._write("connections", b"0\n")

    async def handle_QUIT(self, server, session, envelope):
        with self.lock:
            self.quits += 1
            number = self.quits
        self._write("quits", f"{number}\n".encode())
        return "221 Bye"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.lower() in self.reject_sender:
            return "553 5.7.1 Sender address not allowed"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

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
        peer = session.peer
        peer_text = f"{peer[0]}:{peer[1]}" if isinstance(peer, tuple) else str(peer)
        self._write(f"{number}.session",
                    f"connection {getattr(session, 'connection_number', 0)}\npeer {peer_text}\n".encode())
        self._write(f"{number}.eml", envelope.original_content)
        if self.reply_delay > 0:
            # Stored, but the client hears so only later: the window in which a client
            # that dies cannot know the message arrived (the dispatcher's crash test).
            await asyncio.sleep(self.reply_delay)
        return "250 2.0.0 Stored"

    def _write(self, name, data):
        final = os.path.join(self.directory, name)
        temporary = final + ".part"
        with open(temporary, "wb") as f:
            f.write(data)
        os.rename(temporary, final)


class CountingSMTP(SMTP):
    """Numbers each connection and, with an idle timeout, says 421 before closing."""

    def __init__(self, handler, idle_421, **kwargs):
        super().__init__(handler, **kwargs)
        self.idle_421 = idle_421

    def connection_made(self, transport):
        starttls = self._original_transport is not None
        super().connection_made(transport)
        if not starttls:
            self.session.connection_number = self.event_handler.connection_opened()

    def _timeout_cb(self):
        if self.idle_421 and self.transport is not None:
            self.transport.write(b"421 4.4.2 Idle timeout, closing connection\r\n")
        super()._timeout_cb()


class CountingController(Controller):
    def __init__(self, handler, idle_timeout, **kwargs):
        self.idle_timeout = idle_timeout
        super().__init__(handler, **kwargs)

    def factory(self):
        if self.idle_timeout:
            self.SMTP_kwargs["timeout"] = self.idle_timeout
        return CountingSMTP(self.handler, bool(self.idle_timeout), **self.SMTP_kwargs)


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
    parser.add_argument("--reject-sender-553", action="append", default=[])
    parser.add_argument("--idle-timeout", type=float, default=0)
    parser.add_argument("--reply-delay", type=float, default=0,
                        help="seconds between storing a message and answering 250")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    handler = StoringHandler(args.dir, args.reject_550, args.reject_451, args.reject_sender_553)
    handler.reply_delay = args.reply_delay
    port = args.port or free_port()
    controller = CountingController(handler, args.idle_timeout, hostname="127.0.0.1", port=port,
                                    decode_data=False)
    controller.start()  # returns once the server accepts connections
    # start() made a connection of its own to see the server answer: not a client's.
    handler.reset_connections()
    print(f"LISTENING {port}", flush=True)

    wait_until_stopped()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
