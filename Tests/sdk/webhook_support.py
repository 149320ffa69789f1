"""Helpers for the webhook and events suites: a real HTTP receiver on 127.0.0.1, and the emulator's
control API scoped to a test's environment (the SDK knows neither)."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional


@dataclass
class Received:
    """One POST as the receiver got it: the raw body is what the signature covers."""

    body: bytes
    signature: Optional[str]

    @property
    def json(self) -> Dict[str, Any]:
        return json.loads(self.body)


class Receiver:
    """An http.server thread on a free loopback port. It answers 200 unless `statuses` says otherwise,
    or, given a `handler`, whatever the handler returns for (body, signature)."""

    def __init__(self, handler: Optional[Callable[[bytes, Optional[str]], int]] = None) -> None:
        self.received: List[Received] = []
        self.statuses: List[int] = []
        self.handler = handler
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                signature = self.headers.get("WorkOS-Signature")
                with receiver._lock:
                    receiver.received.append(Received(body, signature))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                if receiver.handler is not None:
                    status = receiver.handler(body, signature)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/webhooks"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def wait_for(self, count: int, timeout: float = 10.0) -> List[Received]:
        """For background delivery, which no flush waits on."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count:
            assert time.monotonic() < deadline, f"expected {count} webhooks, got {len(self.received)}"
            time.sleep(0.02)
        return list(self.received)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def control(base_url: str, api_key: str, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
    """Calls the control API for the environment of `api_key`; returns (status, parsed body)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base_url}{path}", data=data, method=method)
    request.add_header("Authorization", f"Bearer {api_key}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            return response.status, (json.loads(payload) if payload else None)
    except urllib.error.HTTPError as error:
        payload = error.read()
        return error.code, (json.loads(payload) if payload else None)
