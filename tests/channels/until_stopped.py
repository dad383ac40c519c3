"""How the local test servers (smtp_sink.py, local_http.py) end: on SIGTERM or SIGINT,
or when their standard input reaches its end (the test that started them closed it or
died), unless standard input is a terminal."""
import os
import signal
import sys
import threading


def wait_until_stopped(stop=None):
    """Blocks until the server should stop; sets `stop` (an Event, when given) then."""
    stop = stop or threading.Event()
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
