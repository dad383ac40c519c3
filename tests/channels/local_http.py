"""What the HTTP stand-ins of the channel tests share: a threaded HTTP server on
127.0.0.1 that prints "LISTENING <port>" once it accepts connections and stops cleanly on
end of standard input, SIGTERM or SIGINT; JSON replies; a JSON-lines log of requests.

Standard library only (run with Debian's /usr/bin/python3).
"""
import json
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from until_stopped import wait_until_stopped

STOP = threading.Event()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that drops its connection (e.g. after reading as much as it wanted) is
        # not an error of the stand-in.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kulanz-test-stand-in"
    sys_version = ""
    log_lock = threading.Lock()
    log_path = None  # set by the script

    def log_message(self, format, *args):  # keep the test output clean
        pass

    def read_body(self, limit=1 << 20):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, limit))

    def reply(self, status, body=b"", content_type="application/json", headers=()):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def hang(self, seconds=30):
        """Keeps the connection open without answering, until the server stops."""
        STOP.wait(seconds)
        self.close_connection = True

    def reset(self):
        """Drops the connection with a TCP reset instead of an answer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def record(self, entry):
        """Appends one JSON line to the log; complete before the answer goes out."""
        with self.log_lock:
            with open(self.log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def serve(handler_class, port):
    server = Server(("127.0.0.1", port), handler_class)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    print(f"LISTENING {server.server_address[1]}", flush=True)

    wait_until_stopped(STOP)
    server.shutdown()
    server.server_close()
    return 0
