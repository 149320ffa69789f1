#!/usr/bin/env python3
"""Benchmarks of the emulator (release build), with moto's Cognito emulator as a peer in the same run.

Every figure is measured on loopback and bounded in time. Nothing here asserts a target: the table
shows the figures, the targets and ratios; CI runs `--smoke` only to prove every figure is produced.
A figure of the emulator's is valid only if every request it counts succeeded: one failure fails the run.
"""
from __future__ import annotations

import argparse
import http.client
import http.server
import json
import math
import os
import platform
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk_test_default"
CLIENT_ID = "client_default"
REDIRECT_URI = "http://localhost:3000/callback"
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
OUT = ROOT / "bench-results"


# ---------------------------------------------------------------- processes and HTTP

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(method: str, url: str, body: Any = None, key: Optional[str] = KEY,
         headers: Optional[Dict[str, str]] = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = response.read()
            return response.status, json.loads(payload) if payload else None
    except urllib.error.HTTPError as error:
        payload = error.read()
        return error.code, json.loads(payload) if payload else None


def data_directory() -> Path:
    """A new, empty data directory on the project's filesystem (under bench-results/, not /tmp: a tmpfs
    there would make writes look durable when they are not)."""
    OUT.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="data-", dir=OUT))


def filesystem(path: Path) -> str:
    """The type of the filesystem holding `path`: the deepest mount point above it in /proc/mounts."""
    path_text, deepest, kind = str(path.resolve()) + "/", "", "unknown"
    for line in Path("/proc/mounts").read_text().splitlines():
        _, point, fstype = line.split()[:3]
        point = point.rstrip("/") + "/"
        if path_text.startswith(point) and len(point) > len(deepest):
            deepest, kind = point, fstype
    return kind


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Emulator:
    """The emulator as a child process, on a free port."""

    def __init__(self, binary: Path, *args: str, db: str = ":memory:") -> None:
        self.port = free_port()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", str(self.port), "--db", db, "--log-level", "error", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_for_api(self, timeout: float = 30) -> float:
        """Seconds from spawn to the first successful API response."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                status, _ = call("GET", f"{self.url}/organizations?limit=1")
                if status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.0005)
        raise RuntimeError("the emulator did not answer in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Moto:
    """moto's server, serving Cognito's user-pool API."""

    def __init__(self) -> None:
        self.port = free_port()
        self.started = time.perf_counter()
        server = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
        self.process = subprocess.Popen([server, "-p", str(self.port)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"

    def cognito(self, action: str, body: Dict[str, Any]) -> tuple[int, Any]:
        return call("POST", self.url + "/", body, key=None, headers=self.headers(action))

    @staticmethod
    def headers(action: str) -> Dict[str, str]:
        return {
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{action}",
            "Content-Type": "application/x-amz-json-1.1",
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, "
                             "SignedHeaders=host, Signature=0",
        }

    def wait_for_api(self, timeout: float = 60) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                status, _ = self.cognito("ListUserPools", {"MaxResults": 1})
                if status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.002)
        raise RuntimeError("moto did not answer in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk_threads(connections: int) -> int:
    return max(1, min(connections, 2))


def wrk(url: str, connections: int, seconds: float, method: str = "GET", key: str = "",
        body_kind: str = "", extra_headers: Optional[Dict[str, str]] = None, body: str = "",
        tokens: Optional[Path] = None, strict: bool = True) -> Dict[str, float]:
    """Requests per second and latency percentiles (ms) from wrk; requests are counted only if 2xx.
    Strict (the emulator's figures): a single failed request makes the figure invalid, and the run fails."""
    threads = wrk_threads(connections)
    env = dict(os.environ, WRK_METHOD=method, WRK_KEY=key, WRK_BODY_KIND=body_kind, WRK_BODY=body,
               WRK_HEADERS=json.dumps(extra_headers or {}), WRK_THREADS=str(threads), WRK_TOKENS=str(tokens or ""))
    output = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
         "-s", str(WRK_SCRIPT), url], capture_output=True, text=True, env=env, check=True).stdout
    match = re.search(r"^WRKJSON (.*)$", output, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    summary = json.loads(match.group(1))
    failed = summary["errors"] + summary["http_errors"] + summary["unusable"]
    ok = summary["requests"] - failed
    if ok <= 0 or (strict and failed):
        raise RuntimeError(f"{failed} of {summary['requests']} requests to {url} failed ({body_kind or method}, "
                           f"{connections} connections): {summary}")
    return {
        "rps": ok / (summary["duration_us"] / 1e6),
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "requests": summary["requests"],
        "failed": failed,
    }


def timed(action: Callable[[], Any], runs: int) -> Dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50_ms": statistics.median(samples), "p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))],
            "runs": runs}


# ---------------------------------------------------------------- the measurements

def measure_startup(binary: Path, runs: int) -> Dict[str, Any]:
    """Spawn → first API answer, stored as users run it by default: in a data directory, a new one each
    run (a scenario seeds only an empty environment)."""
    def once(*args: str) -> float:
        directory = data_directory()
        emulator = Emulator(binary, *args, db=str(directory))
        try:
            return emulator.wait_for_api() * 1000
        finally:
            emulator.stop()
            shutil.rmtree(directory, ignore_errors=True)

    empty = sorted(once() for _ in range(runs))
    seeded = sorted(once("--scenario", str(ROOT / "scenarios/default.yaml")) for _ in range(runs))
    return {"storage": "a new data directory (the default)", "empty_ms": statistics.median(empty),
            "default_scenario_ms": statistics.median(seeded), "runs": runs}


def organizations_scenario(count: int) -> Dict[str, Any]:
    return {"organizations": {f"o{i}": {"name": f"Organization {i}", "domains": [f"org{i}.example"]}
                              for i in range(count)}}


def measure_reset_and_fork(emulator: Emulator, objects: int, runs: int) -> Dict[str, Any]:
    """Reset of an environment holding `objects` objects, and forking one from a snapshot of it."""
    status, _ = call("POST", f"{emulator.url}/_emulator/scenarios", organizations_scenario(objects // 2))
    assert status == 201, status
    call("POST", f"{emulator.url}/_emulator/snapshots", {"name": "bench"})

    def reset_once() -> None:
        call("POST", f"{emulator.url}/_emulator/snapshots/bench/restore")
        started = time.perf_counter()
        call("POST", f"{emulator.url}/_emulator/reset")
        reset_samples.append((time.perf_counter() - started) * 1000)

    reset_samples: List[float] = []
    for _ in range(runs):
        reset_once()
    reset_samples.sort()
    forked: List[str] = []

    def fork() -> None:
        status, environment = call("POST", f"{emulator.url}/_emulator/environments", {"snapshot": "bench"}, key=None)
        assert status == 201, environment
        forked.append(environment["id"])

    def delete_forks() -> None:
        for environment_id in forked:
            call("DELETE", f"{emulator.url}/_emulator/environments/{environment_id}", key=None)
        forked.clear()

    # As a suite uses them: a fork per test, deleted when the test ends (the deletion is not timed).
    per_test: List[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        fork()
        per_test.append((time.perf_counter() - started) * 1000)
        delete_forks()
    per_test.sort()
    # All kept at once (parallel tests): every fork's pages are fresh memory the kernel must map.
    fork_figures = timed(fork, runs)
    delete_forks()
    return {
        "storage": "in memory",
        "objects": objects,
        "reset": {"p50_ms": statistics.median(reset_samples),
                  "p99_ms": reset_samples[min(len(reset_samples) - 1, int(len(reset_samples) * 0.99))], "runs": runs},
        "fork": {"p50_ms": statistics.median(per_test),
                 "p99_ms": per_test[min(len(per_test) - 1, int(len(per_test) * 0.99))], "runs": runs},
        "fork_all_kept": fork_figures,
    }


def sign_in(url: str, email: str) -> str:
    """A new session for the user, the way an app gets one (automatic sign-in at the authorize endpoint,
    then the code grant); answers its refresh token."""
    query = urllib.parse.urlencode({"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "response_type": "code",
                                    "provider": "authkit", "login_hint": email, "emulator_sign_in": "automatic"})
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=60)
    try:
        connection.request("GET", f"/user_management/authorize?{query}")
        response = connection.getresponse()
        response.read()
        location = response.getheader("Location") or ""
    finally:
        connection.close()
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query)).get("code")
    assert response.status == 302 and code, (response.status, location)
    status, auth = call("POST", f"{url}/user_management/authenticate", {
        "grant_type": "authorization_code", "client_id": CLIENT_ID, "client_secret": KEY, "code": code})
    assert status == 200 and auth.get("refresh_token"), auth
    return auth["refresh_token"]


def unspent_refresh_tokens(url: str, email: str, connections: int, directory: Path) -> Path:
    """A file of new refresh tokens for one wrk run, one a line. wrk.lua deals them to its threads, and
    each connection then follows its own chain of rotated tokens: a thread needs as many as its
    connections, and a few spare (wrk's first thread spends one before the run)."""
    threads = wrk_threads(connections)
    count = threads * (math.ceil(connections / threads) + 4)
    path = directory / f"refresh-tokens-{connections}.txt"
    path.write_text("".join(sign_in(url, email) + "\n" for _ in range(count)))
    return path


def measure_requests(binary: Path, seconds: float, connection_counts: List[int]) -> Dict[str, Any]:
    """Throughput and latency per request kind, against an emulator storing its data as users run it by
    default: in a data directory (SQLite files in WAL mode), so every write is on disk when it answers."""
    directory = data_directory()
    emulator = Emulator(binary, db=str(directory))
    try:
        emulator.wait_for_api()
        url = emulator.url
        status, user = call("POST", f"{url}/user_management/users", {"email": "bench-read@example.com"})
        assert status == 201, user
        status, signer = call("POST", f"{url}/user_management/users",
                              {"email": "bench-refresh@example.com", "email_verified": True})
        assert status == 201, signer
        for i in range(30):
            call("POST", f"{url}/organizations", {"name": f"Listed {i}"})
        kinds = {
            "health": dict(url=f"{url}/_emulator/health"),
            "get_user": dict(url=f"{url}/user_management/users/{user['id']}", key=KEY),
            "list_organizations": dict(url=f"{url}/organizations?limit=10", key=KEY),
            "create_user": dict(url=f"{url}/user_management/users", key=KEY, method="POST", body_kind="user"),
            "refresh": dict(url=f"{url}/user_management/authenticate", key=KEY, method="POST", body_kind="refresh",
                            body=CLIENT_ID),
        }
        by_connections: Dict[str, Any] = {}
        for connections in connection_counts:
            row = {}
            for name, spec in kinds.items():
                if name == "refresh":
                    spec = dict(spec, tokens=unspent_refresh_tokens(url, signer["email"], connections, directory))
                row[name] = wrk(connections=connections, seconds=seconds, **spec)
            ceiling = row["health"]["rps"]
            for name, figures in row.items():
                figures["of_ceiling"] = figures["rps"] / ceiling
            by_connections[str(connections)] = row
        return {"storage": f"a data directory (SQLite WAL files on {filesystem(directory)})",
                "connections": by_connections}
    finally:
        emulator.stop()
        shutil.rmtree(directory, ignore_errors=True)


def measure_scale(binary: Path, sizes: List[int], seconds: float) -> Dict[str, Any]:
    """List-page latency and RSS with many users. The users are written straight into the
    environment's SQLite file while the emulator is stopped: creating a million through the API would
    take far longer than the measurement, and a page's cost does not depend on how its rows arrived."""
    results: Dict[str, Any] = {}
    for size in sizes:
        directory = data_directory()
        try:
            emulator = Emulator(binary, db=str(directory))
            emulator.wait_for_api()
            emulator.stop()
            database = sqlite3.connect(directory / "environments" / "environment_default.sqlite")
            now = int(time.time() * 1000)
            database.execute(
                """WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                   INSERT INTO users (id, email, email_verified, metadata, created_at, updated_at)
                   SELECT printf('user_01BENCH%014d', i), printf('user%d@scale.example', i), 1, '{}', ?, ?
                   FROM n""", (size - 1, now, now))
            database.commit()
            database.close()
            emulator = Emulator(binary, db=str(directory))
            emulator.wait_for_api()
            try:
                middle = f"user_01BENCH{size // 2:014d}"
                first = wrk(f"{emulator.url}/user_management/users?limit=10", 1, seconds, key=KEY)
                deep = wrk(f"{emulator.url}/user_management/users?limit=10&after={middle}", 1, seconds, key=KEY)
                results[str(size)] = {"first_page_p50_ms": first["p50_ms"], "deep_page_p50_ms": deep["p50_ms"],
                                      "rss_mb": rss_mb(emulator.process.pid)}
            finally:
                emulator.stop()
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    return results


class Receiver(http.server.BaseHTTPRequestHandler):
    arrivals: Dict[str, float] = {}
    arrived = threading.Condition()

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        assert self.headers.get("WorkOS-Signature", "").startswith("t=")
        event = json.loads(body)
        with Receiver.arrived:
            Receiver.arrivals[event["data"].get("id", "")] = time.perf_counter()
            Receiver.arrived.notify_all()
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def measure_webhooks(emulator: Emulator, runs: int) -> Dict[str, Any]:
    """Event committed (the API answered) → the receiver holds the signed request."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, _ = call("POST", f"{emulator.url}/webhook_endpoints", {
            "endpoint_url": f"http://127.0.0.1:{server.server_address[1]}/hook", "events": ["organization.created"]})
        assert status == 201
        samples = []
        for i in range(runs):
            status, org = call("POST", f"{emulator.url}/organizations", {"name": f"Hooked {i}"})
            committed = time.perf_counter()
            with Receiver.arrived:
                Receiver.arrived.wait_for(lambda: org["id"] in Receiver.arrivals, timeout=10)
            samples.append((Receiver.arrivals[org["id"]] - committed) * 1000)
        samples.sort()
        return {"storage": "in memory", "p50_ms": statistics.median(samples),
                "p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))], "runs": runs}
    finally:
        server.shutdown()


def measure_peer(runs: int, seconds: float, connection_counts: List[int]) -> Dict[str, Any]:
    startup = []
    for _ in range(runs):
        moto = Moto()
        try:
            startup.append(moto.wait_for_api() * 1000)
        finally:
            moto.stop()
    moto = Moto()
    moto.wait_for_api()
    try:
        _, pool = moto.cognito("CreateUserPool", {"PoolName": "bench"})
        pool_id = pool["UserPool"]["Id"]
        moto.cognito("AdminCreateUser", {"UserPoolId": pool_id, "Username": "bench-read"})
        requests: Dict[str, Any] = {}
        for connections in connection_counts:
            requests[str(connections)] = {
                "admin_get_user": wrk(moto.url + "/", connections, seconds, method="POST", body_kind="static",
                                      extra_headers=Moto.headers("AdminGetUser"), strict=False,
                                      body=json.dumps({"UserPoolId": pool_id, "Username": "bench-read"})),
                "admin_create_user": wrk(moto.url + "/", connections, seconds, method="POST", body_kind="cognito",
                                         extra_headers=Moto.headers("AdminCreateUser"), body=pool_id, strict=False),
            }
        return {"startup_ms": statistics.median(sorted(startup)), "requests": requests}
    finally:
        moto.stop()


# ---------------------------------------------------------------- the report

REQUEST_KINDS = ["health", "get_user", "list_organizations", "create_user", "refresh"]
PEER_KINDS = ["admin_get_user", "admin_create_user"]


def missing_figures(results: Dict[str, Any], connection_counts: List[int], sizes: List[int]) -> List[str]:
    """The figures the run should have produced and did not (absent, or not a positive number)."""
    expected = [("startup", "empty_ms"), ("startup", "default_scenario_ms"), ("idle_rss_mb",),
                ("reset_and_fork", "reset", "p50_ms"), ("reset_and_fork", "reset", "p99_ms"),
                ("reset_and_fork", "fork", "p50_ms"), ("reset_and_fork", "fork", "p99_ms"),
                ("reset_and_fork", "fork_all_kept", "p50_ms"), ("reset_and_fork", "fork_all_kept", "p99_ms"),
                ("webhooks", "p50_ms"), ("webhooks", "p99_ms"), ("peer", "startup_ms")]
    for connections in map(str, connection_counts):
        for kind in REQUEST_KINDS:
            expected += [("requests", "connections", connections, kind, figure)
                         for figure in ("rps", "p50_ms", "p99_ms", "of_ceiling")]
        expected += [("peer", "requests", connections, kind, "rps") for kind in PEER_KINDS]
    for size in map(str, sizes):
        expected += [("scale", size, figure) for figure in ("first_page_p50_ms", "deep_page_p50_ms", "rss_mb")]
    missing = []
    for path in expected:
        value: Any = results
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            missing.append(".".join(path))
    return missing


def report(results: Dict[str, Any]) -> str:
    lines = [f"workos-emulator benchmarks · {results['date']} · {results['machine']} · "
             f"`{results['command']}` in {results['elapsed_s']:.0f} s", ""]

    def row(name: str, value: str, target: str = "") -> None:
        lines.append(f"  {name:<46} {value:>18}   {target}")

    s = results["startup"]
    lines.append(f"  start-up, stored in {s['storage']}")
    row("start-up to first API answer, empty", f"{s['empty_ms']:.1f} ms", "target ≤ 100 ms")
    row("start-up to first API answer, default scenario", f"{s['default_scenario_ms']:.1f} ms")
    lines.append("")
    r = results["reset_and_fork"]
    lines.append(f"  reset, fork, idle RSS and webhooks: stored {r['storage']} (--db :memory:)")
    row(f"reset with {r['objects']} objects, p50 / p99", f"{r['reset']['p50_ms']:.2f} / {r['reset']['p99_ms']:.2f} ms", "target p50 ≤ 5 ms")
    row(f"fork from a snapshot of them, deleted after use, p50 / p99", f"{r['fork']['p50_ms']:.2f} / {r['fork']['p99_ms']:.2f} ms", "target ≤ 10 ms")
    row(f"fork, {r['fork_all_kept']['runs']} kept alive at once, p50 / p99",
        f"{r['fork_all_kept']['p50_ms']:.2f} / {r['fork_all_kept']['p99_ms']:.2f} ms")
    lines.append("")
    lines.append(f"  requests, durable: stored in {results['requests']['storage']}")
    for connections, row_figures in results["requests"]["connections"].items():
        lines.append(f"  {connections} connection(s): requests/s · p50 · p99 · share of the health ceiling · failed")
        for name, f in row_figures.items():
            lines.append(f"    {name:<22} {f['rps']:>10.0f}/s {f['p50_ms']:>8.2f} ms {f['p99_ms']:>8.2f} ms "
                         f"{f['of_ceiling']:>7.0%} {f['failed']:>6}")
    lines.append("")
    for size, f in results["scale"].items():
        row(f"{int(size):,} users: first / deep page p50", f"{f['first_page_p50_ms']:.2f} / {f['deep_page_p50_ms']:.2f} ms",
            f"RSS {f['rss_mb']:.0f} MB")
    row("idle RSS", f"{results['idle_rss_mb']:.1f} MB", "target ≤ 40 MB")
    w = results["webhooks"]
    row("webhook: commit → receiver, p50 / p99", f"{w['p50_ms']:.2f} / {w['p99_ms']:.2f} ms", "target p50 ≤ 5 ms")
    lines.append("")
    p = results["peer"]
    lines.append("  moto (Cognito) side by side: emulator / peer")
    row("start-up", f"{s['empty_ms']:.0f} vs {p['startup_ms']:.0f} ms", f"{p['startup_ms'] / s['empty_ms']:.1f}× faster")
    for connections, figures in p["requests"].items():
        ours = results["requests"]["connections"][connections]
        for theirs_name, ours_name in (("admin_get_user", "get_user"), ("admin_create_user", "create_user")):
            ratio = ours[ours_name]["rps"] / figures[theirs_name]["rps"]
            failed = figures[theirs_name]["failed"]
            row(f"{ours_name} vs {theirs_name} @{connections}",
                f"{ours[ours_name]['rps']:.0f} vs {figures[theirs_name]['rps']:.0f}/s",
                f"{ratio:.1f}×" + (f" (moto failed {failed} requests)" if failed else ""))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", type=Path, required=True)
    parser.add_argument("--smoke", action="store_true", help="seconds, tiny sizes: proves every figure is produced")
    args = parser.parse_args()
    started = time.perf_counter()
    smoke = args.smoke
    seconds = 1 if smoke else 5
    connection_counts = [1, 16] if smoke else [1, 16, 64]
    sizes = [1_000, 10_000] if smoke else [1_000, 100_000, 1_000_000]
    results: Dict[str, Any] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, {platform.machine()}",
        "command": "scripts/bench" + (" --smoke" if smoke else ""),
    }
    results["startup"] = measure_startup(args.binary, 3 if smoke else 9)
    emulator = Emulator(args.binary)
    emulator.wait_for_api()
    try:
        time.sleep(0.2)
        results["idle_rss_mb"] = rss_mb(emulator.process.pid)
        results["reset_and_fork"] = measure_reset_and_fork(emulator, 200 if smoke else 10_000, 5 if smoke else 50)
        call("POST", f"{emulator.url}/_emulator/reset")
        results["webhooks"] = measure_webhooks(emulator, 20 if smoke else 200)
    finally:
        emulator.stop()
    results["requests"] = measure_requests(args.binary, seconds, connection_counts)
    results["scale"] = measure_scale(args.binary, sizes, seconds)
    results["peer"] = measure_peer(1 if smoke else 3, seconds, connection_counts)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    OUT.mkdir(exist_ok=True)
    # A smoke run keeps to its own file: it must not overwrite the figures of a full run.
    (OUT / ("bench-smoke.json" if smoke else "bench.json")).write_text(json.dumps(results, indent=2) + "\n")
    missing = missing_figures(results, connection_counts, sizes)
    if missing:
        sys.exit("figures missing from the run: " + ", ".join(missing))
    print(report(results))


if __name__ == "__main__":
    main()
