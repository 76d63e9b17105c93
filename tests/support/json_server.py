"""A loopback JSON server for the outer edges we do not own (an LLM endpoint, WeChat's API)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Respond = Callable[[str, str, dict | None, Message], dict]
"""respond(method, path, json_body_or_None, headers (case-insensitive)) → the JSON payload to send back."""


@contextmanager
def json_server(respond: Respond) -> Iterator[str]:
    """Serve ``respond`` on 127.0.0.1 for the duration of the block; yields the base URL."""

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
            self._answer(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
