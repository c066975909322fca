"""The thin HTTP server around ``App``: the standard library's ``ThreadingHTTPServer``, one thread per connection.

It reads a request (refusing one that is too large before reading its body), hands it to ``App.handle`` and
writes the answer. Everything else happens in the app.

The answer goes out in one write (status line, headers and body together) on a socket with ``TCP_NODELAY``:
two writes without it make the second wait for the client's delayed ACK (about 40 ms per request on a
kept-alive connection). A request with two Content-Length headers is refused (a proxy in front might read the
other one: request smuggling). Each request has an overall deadline (``request_timeout``) for sending it and
for taking the answer: a watchdog thread disconnects a client that drips bytes, which a per-read socket timeout
alone would let hold a thread for ever.

>>> import kg, threading, urllib.request
>>> app = App.open(kg.build("data", shacl=False), Settings(workers=1, port=0))
>>> server = make_server(app)
>>> threading.Thread(target=server.serve_forever, daemon=True).start()
>>> with urllib.request.urlopen(app.base_url + "/health") as r:
...     r.status, r.headers["Content-Type"]
(200, 'application/json')
>>> server.shutdown(); server.server_close(); app.close()
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from kg.serve.app import App
from kg.serve.protocol import host_port
from kg.serve.settings import Settings
from kg.serve.workers import ServerError


class Handler(BaseHTTPRequestHandler):
    """Reads one request at a time from a connection and lets the app answer it."""

    server_version = "diplomatic-kg"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a kept-alive connection may stay idle between two requests
    disable_nagle_algorithm = True  # TCP_NODELAY: see the module docstring
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s: %(explain)s\n"
    server: Server

    def handle_one_request(self) -> None:
        try:
            first = self.rfile.peek(1)  # idle until the client starts a request: the idle timeout applies
        except (TimeoutError, OSError):
            self.close_connection = True
            return
        if not first:
            self.close_connection = True
            return
        self.server.watchdog.start(self)  # from its first byte, the request has request_timeout seconds
        try:
            super().handle_one_request()
        finally:
            self.server.watchdog.stop(self)

    def do_GET(self) -> None:
        self._answer()

    do_HEAD = do_POST = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = do_GET

    def _answer(self) -> None:
        app = self.server.app
        limit = app.settings.max_request_bytes
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "send a Content-Length (chunked requests are not accepted)")
        if len(self.headers.get_all("Content-Length", [])) > 1:
            return self._refuse(400, "the request has more than one Content-Length header")
        if len(self.headers.get_all("Host", [])) != 1 and self.request_version == "HTTP/1.1":
            return self._refuse(400, "an HTTP/1.1 request needs one Host header")
        length_text = self.headers.get("Content-Length")
        body = b""
        if length_text is not None:
            try:
                length = int(length_text)
                if length < 0:
                    raise ValueError
            except ValueError:
                return self._refuse(400, f"bad Content-Length: {length_text!r}")
            if length > limit:
                return self._refuse(413, f"the request body has {length} bytes, more than the server's limit of "
                                         f"{limit} (max_request_bytes)")
            body = self.rfile.read(length)
            if len(body) < length:
                self.close_connection = True
                return
        elif self.command == "POST":
            return self._refuse(411, "a POST needs a Content-Length")
        parts = urlsplit(self.path)
        self.server.watchdog.stop(self)  # answering is bounded by the app's own limits
        status, headers, data = app.handle(self.command, parts.path or "/", parts.query, dict(self.headers), body)
        self.server.watchdog.start(self)  # taking the answer: request_timeout seconds again
        self._send(status, headers, data)

    def _refuse(self, status: int, message: str) -> None:
        # The body was not read, so the connection cannot carry another request.
        self.close_connection = True
        self._send(status, [("Content-Type", "text/plain; charset=utf-8"), ("Connection", "close")],
                   (message + "\n").encode("utf-8"))

    def _send(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        # end_headers() would write the headers now and the body in a second write: one write instead.
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(data)
        self.wfile.write(b"".join(self._headers_buffer))
        self._headers_buffer = []

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} - {format % args}")


class Server(ThreadingHTTPServer):
    """A threading HTTP server holding the app; ``log`` receives one line per request (None: quiet)."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, app: App, address: tuple[str, int], log: Callable[[str], None] | None = None):
        self.app = app
        self.log = log
        self.watchdog = Watchdog(app.settings.request_timeout)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    def server_close(self) -> None:
        self.watchdog.close()
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # a client that left is no error
            super().handle_error(request, client_address)


class Watchdog:
    """Disconnects the connections whose request went past its deadline (``start`` to ``stop``).

    One thread for all connections, looking every quarter of a second (at most ``timeout`` / 4); shutting a
    socket down ends the read or write its handler is blocked in.
    """

    def __init__(self, timeout: float):
        self.timeout = timeout
        self._deadlines: dict[Any, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-serve-watchdog", daemon=True)
        self._thread.start()

    def start(self, handler: Any) -> None:
        with self._lock:
            self._deadlines[handler] = time.monotonic() + self.timeout

    def stop(self, handler: Any) -> None:
        with self._lock:
            self._deadlines.pop(handler, None)

    def _run(self) -> None:
        while not self._stop.wait(min(0.25, self.timeout / 4)):
            now = time.monotonic()
            with self._lock:
                late = [h for h, t in self._deadlines.items() if t < now]
                for h in late:
                    del self._deadlines[h]
            for h in late:
                h.close_connection = True
                with suppress(OSError):
                    h.connection.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)


def make_server(app: App, log: Callable[[str], None] | None = None) -> Server:
    """An HTTP server for ``app`` on the host and port of its settings (port 0: any free one), bound and
    listening; ``app.base_url`` is set to its address."""
    settings = app.settings
    try:
        server = Server(app, (settings.host, settings.port), log)
    except OSError as e:
        where = host_port(settings.host, settings.port)
        raise ServerError(f"cannot listen on {where}: {e.strerror or e}") from e
    app.base_url = f"http://{host_port(settings.host, server.server_address[1])}"
    return server


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def serve(source: Any, settings: Settings | None = None, *, say: Callable[[str], None] = _stderr,
          log: Callable[[str], None] | None = _stderr) -> None:
    """Serve a graph until interrupted (Ctrl-C or SIGTERM): prepare the store, start the workers, listen.

    ``source`` is what ``App.open`` takes. ``say`` gets the messages (the address, a warning for an address
    that is not loopback), ``log`` one line per request.
    """
    settings = settings or Settings()
    warning = exposure_warning(settings)
    if warning:
        say(warning)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
    try:
        with App.open(source, settings) as app, make_server(app, log) as server:
            say(f"serving {app.stats['quads']:,} quads at {app.base_url}/  (query page: {app.base_url}/query, "
                f"SPARQL endpoint: {app.base_url}/sparql); Ctrl-C stops")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                say("stopping")
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def exposure_warning(settings: Settings) -> str | None:
    """The warning for a server that other machines can reach, None on loopback.

    >>> exposure_warning(Settings()) is None, exposure_warning(Settings(host="0.0.0.0"))[:39]
    (True, 'warning: listening on 0.0.0.0, so other')
    """
    if settings.loopback:
        return None
    return (f"warning: listening on {settings.host}, so other machines can reach this server; it has no "
            "authentication (it is read-only and bounded). Use --host 127.0.0.1 to keep it to this machine.")


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


__all__ = ["Handler", "Server", "Watchdog", "exposure_warning", "make_server", "serve"]
