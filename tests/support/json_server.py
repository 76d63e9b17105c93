"""A loopback JSON server for the outer edges we do not own (an LLM endpoint, WeChat's API)."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

Respond = Callable[[str, str, dict | None, Message], dict]
"""respond(method, path, json_body_or_None, headers (case-insensitive)) → the JSON payload to send back."""


@contextmanager
def json_server(respond: Respond, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Serve ``respond`` on 127.0.0.1 for the duration of the block (over TLS with ``tls``); yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: dict | None) -> None:
            data = json.dumps(respond(self.command, self.path, body, self.headers)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer(None)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if "x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):  # e.g. Telegram's Bot API
                self._answer(dict(parse_qsl(raw.decode())))
            else:
                self._answer(json.loads(raw) if raw else {})

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
