"""A forward proxy on loopback that counts what passes through it: HTTP ``CONNECT`` tunnels, plain-HTTP
absolute-form requests and SOCKS5, each routed to a local stand-in for the real host (or refused)."""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Proxy:
    url: str
    routes: dict[str, tuple[str, int]]  # "host" → where the stand-in for it listens; others are refused
    seen: list[tuple[str, str]] = field(default_factory=list)  # (protocol, "host:port") per request

    def targets(self, protocol: str) -> list[str]:
        return [target for proto, target in self.seen if proto == protocol]


def _pipe(a: socket.socket, b: socket.socket) -> None:
    def copy(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    other = threading.Thread(target=copy, args=(b, a), daemon=True)
    other.start()
    copy(a, b)
    other.join(timeout=5)


def _read_head(sock: socket.socket, first: bytes) -> bytes:
    head = first
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return head


@contextmanager
def loopback_proxy(routes: dict[str, tuple[str, int]], scheme: str = "http") -> Iterator[Proxy]:
    """Run the proxy for the block; ``scheme`` only sets the URL handed to clients (http or socks5)."""
    proxy = Proxy("", routes)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            client: socket.socket = self.request
            first = client.recv(1)
            if first == b"\x05":
                self._socks5(client)
            elif first:
                self._http(client, first)

        def _upstream(self, protocol: str, host: str, port: int) -> socket.socket | None:
            proxy.seen.append((protocol, f"{host}:{port}"))
            if host not in proxy.routes:
                return None
            return socket.create_connection(proxy.routes[host], timeout=10)

        def _http(self, client: socket.socket, first: bytes) -> None:
            head = _read_head(client, first)
            request_line, _, rest = head.partition(b"\r\n")
            method, target, version = request_line.decode("latin-1").split(" ", 2)
            if method == "CONNECT":
                host, _, port = target.rpartition(":")
                upstream = self._upstream("CONNECT", host, int(port))
                if upstream is None:
                    client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                    return
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                leftover = rest.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in rest else b""
                if leftover:
                    upstream.sendall(leftover)
                _pipe(client, upstream)
                return
            url = urlsplit(target)
            upstream = self._upstream("HTTP", url.hostname or "", url.port or 80)
            if upstream is None:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            path = (url.path or "/") + (f"?{url.query}" if url.query else "")
            upstream.sendall(f"{method} {path} {version}\r\n".encode("latin-1") + rest)
            _pipe(client, upstream)

        def _socks5(self, client: socket.socket) -> None:
            methods = client.recv(1)[0]
            client.recv(methods)
            client.sendall(b"\x05\x00")  # no authentication
            _, command, _, atyp = client.recv(4)
            if atyp == 3:
                host = client.recv(client.recv(1)[0]).decode()
            elif atyp == 1:
                host = socket.inet_ntoa(client.recv(4))
            else:
                host = socket.inet_ntop(socket.AF_INET6, client.recv(16))
            (port,) = struct.unpack("!H", client.recv(2))
            upstream = self._upstream("SOCKS5", host, port) if command == 1 else None
            if upstream is None:
                client.sendall(b"\x05\x04\x00\x01" + bytes(6))  # host unreachable
                return
            client.sendall(b"\x05\x00\x00\x01" + bytes(6))
            _pipe(client, upstream)

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    proxy.url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
