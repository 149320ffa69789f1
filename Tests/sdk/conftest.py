"""Fixtures for the SDK suite: the official `workos` Python SDK against a running emulator.

The session starts one emulator (`serve --port 0 --db :memory:`) unless WORKOS_EMULATOR_URL
names one that is already running. Every test gets an environment of its own, created through
the control API and deleted afterwards, so tests never see each other's data.

Environment variables:
  WORKOS_EMULATOR_BIN  the emulator binary (default: <repo>/.build/debug/workos-emulator)
  WORKOS_EMULATOR_URL  use this running emulator instead of starting one
"""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional

import pytest
import workos

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BINARY = REPO_ROOT / ".build" / "debug" / "workos-emulator"
LISTENING = re.compile(r"listening on (http://\S+)")
STARTUP_TIMEOUT_SECONDS = 60.0


class _Emulator:
    """A running emulator process whose output is drained in the background."""

    def __init__(self, binary: Path, args: tuple[str, ...] = ("--db", ":memory:")) -> None:
        if not binary.is_file() or not os.access(binary, os.X_OK):
            raise RuntimeError(
                f"emulator binary not found or not executable: {binary} "
                "(build it, or set WORKOS_EMULATOR_BIN / WORKOS_EMULATOR_URL)"
            )
        env = dict(os.environ)
        # The emulator reads these as defaults; the command line below must decide alone.
        for name in ("PORT", "WORKOS_EMULATOR_DB", "WORKOS_EMULATOR_HOST"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )
        self.output: collections.deque[str] = collections.deque(maxlen=500)
        self._base_url: Optional[str] = None
        self._ready = threading.Event()
        # Drain stdout for the whole session so the emulator never blocks on a full pipe.
        self._reader = threading.Thread(target=self._drain, name="workos-emulator-output", daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))
            if self._base_url is None:
                match = LISTENING.search(line)
                if match:
                    self._base_url = match.group(1).rstrip("/")
                    self._ready.set()
        self._ready.set()  # the process ended; wake whoever waits

    def wait_until_listening(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.1):
            if time.monotonic() > deadline:
                break
        if self._base_url is None:
            self.stop()
            raise RuntimeError(
                "emulator did not report a listening address within "
                f"{timeout:.0f}s (exit code {self.process.poll()}); output:\n" + "\n".join(self.output)
            )
        return self._base_url

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=5)


def _control(base_url: str, method: str, path: str, body: Optional[Dict[str, Any]] = None,
             api_key: Optional[str] = None) -> Any:
    """Calls the emulator's control API (raw HTTP; the SDK does not know it), in the environment of
    `api_key` (the default environment without one)."""
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(f"{base_url}{path}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if api_key is not None:
        request.add_header("Authorization", f"Bearer {api_key}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace")
        raise RuntimeError(f"control API {method} {path} answered {error.code}: {detail}") from error
    return json.loads(payload) if payload else None


@pytest.fixture(scope="session")
def emulator_url() -> Iterator[str]:
    """Base URL of the emulator under test (started for the session unless WORKOS_EMULATOR_URL is set)."""
    external = os.environ.get("WORKOS_EMULATOR_URL")
    if external:
        yield external.rstrip("/")
        return
    binary = Path(os.environ.get("WORKOS_EMULATOR_BIN") or DEFAULT_BINARY)
    emulator = _Emulator(binary)
    try:
        yield emulator.wait_until_listening(STARTUP_TIMEOUT_SECONDS)
    finally:
        emulator.stop()


@pytest.fixture
def spawn_emulator() -> Iterator[Callable[..., _Emulator]]:
    """Starts emulator processes of the test's own (`spawn_emulator("--db", dir, "--webhook", url)`),
    for tests of start-up options and restarts; each is stopped when the test ends. Returns the
    process object; its `wait_until_listening` gives the base URL."""
    binary = Path(os.environ.get("WORKOS_EMULATOR_BIN") or DEFAULT_BINARY)
    if not binary.is_file():
        pytest.skip(f"no emulator binary at {binary} to start processes from")
    started: list[_Emulator] = []

    def spawn(*args: str) -> _Emulator:
        emulator = _Emulator(binary, args)
        started.append(emulator)
        return emulator

    yield spawn
    for emulator in started:
        emulator.stop()


@pytest.fixture
def make_env(emulator_url: str) -> Iterator[Callable[[], Dict[str, Any]]]:
    """Creates isolated environments on demand; every one is deleted when the test ends."""
    created: list[str] = []

    def make() -> Dict[str, Any]:
        environment = _control(emulator_url, "POST", "/_emulator/environments", {})
        for key in ("id", "api_key", "client_id"):
            assert environment.get(key), f"control API environment lacks {key!r}: {environment}"
        created.append(environment["id"])
        return environment

    yield make
    for environment_id in reversed(created):
        _control(emulator_url, "DELETE", f"/_emulator/environments/{environment_id}")


@pytest.fixture
def env(make_env: Callable[[], Dict[str, Any]]) -> Dict[str, Any]:
    """A fresh environment for this test: {"id", "api_key", "client_id", ...}."""
    return make_env()


@pytest.fixture
def make_client(emulator_url: str) -> Callable[[Dict[str, Any]], workos.WorkOSClient]:
    """Builds an SDK client for a given environment (no retries, so errors surface at once)."""

    def make(environment: Dict[str, Any]) -> workos.WorkOSClient:
        return workos.WorkOSClient(
            api_key=environment["api_key"],
            client_id=environment["client_id"],
            base_url=emulator_url,
            max_retries=0,
        )

    return make


@pytest.fixture
def workos_client(env: Dict[str, Any], make_client: Callable[[Dict[str, Any]], workos.WorkOSClient]) -> Iterator[workos.WorkOSClient]:
    """The official SDK client, pointed at this test's environment."""
    client = make_client(env)
    yield client
    close = getattr(client, "close", None)
    if callable(close):
        close()


@pytest.fixture
def control(emulator_url: str, env: Dict[str, Any]) -> Callable[..., Any]:
    """Calls the control API in this test's environment: control("POST", "/_emulator/clock", {...})."""

    def call(method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
        return _control(emulator_url, method, path, body, api_key=env["api_key"])

    return call
