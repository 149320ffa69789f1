"""The command line, driving a running emulator as a user's shell script would."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Dict, List

import workos

from conftest import DEFAULT_BINARY, _control

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
BINARY = Path(os.environ.get("WORKOS_EMULATOR_BIN") or DEFAULT_BINARY)


def cli(*args: str, url: str, key: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WORKOS_BASE_URL=url)
    env.pop("WORKOS_API_KEY", None)
    if key:
        env["WORKOS_API_KEY"] = key
    return subprocess.run([str(BINARY), *args], capture_output=True, text=True, env=env, timeout=60)


def exports(output: str) -> Dict[str, str]:
    return dict(re.findall(r"^export (\w+)='([^']*)'$", output, re.M))


def test_environments_create_prints_exports_an_sdk_can_use(emulator_url: str) -> None:
    made = cli("environments", "create", "--scenario", str(SCENARIOS / "multi-tenant.yaml"), url=emulator_url)
    assert made.returncode == 0, made.stderr
    variables = exports(made.stdout)
    assert variables["WORKOS_BASE_URL"] == emulator_url
    client = workos.WorkOSClient(api_key=variables["WORKOS_API_KEY"], client_id=variables["WORKOS_CLIENT_ID"],
                                 base_url=variables["WORKOS_BASE_URL"], max_retries=0)
    names = sorted(org.name for org in client.organizations.list_organizations().auto_paging_iter())
    assert names == ["Acme Corporation", "Globex", "Initech"]
    environment = [e for e in _control(emulator_url, "GET", "/_emulator/environments")["data"]
                   if e["api_key"] == variables["WORKOS_API_KEY"]][0]
    _control(emulator_url, "DELETE", f"/_emulator/environments/{environment['id']}")


def test_snapshot_restore_reset_and_trigger(emulator_url: str, env: Dict[str, str], workos_client: workos.WorkOSClient) -> None:
    key = env["api_key"]
    workos_client.organizations.create_organization(name="Before")
    assert cli("snapshot", f"cli-{env['id']}", url=emulator_url, key=key).returncode == 0
    workos_client.organizations.create_organization(name="After")
    assert cli("restore", f"cli-{env['id']}", url=emulator_url, key=key).returncode == 0
    assert [o.name for o in workos_client.organizations.list_organizations().data] == ["Before"]

    triggered = cli("trigger", "organization.updated", url=emulator_url, key=key)
    assert triggered.returncode == 0, triggered.stderr
    event_id = triggered.stdout.strip()
    listed = workos_client.events.list_events(events=["organization.updated"]).data
    assert [e.id for e in listed] == [event_id]

    assert cli("reset", url=emulator_url, key=key).returncode == 0
    assert workos_client.organizations.list_organizations().data == []
    _control(emulator_url, "DELETE", f"/_emulator/snapshots/cli-{env['id']}")


def test_validate_reports_problems_with_lines(tmp_path: Path) -> None:
    good: List[str] = [str(path) for path in sorted(SCENARIOS.glob("*.yaml"))]
    assert subprocess.run([str(BINARY), "validate", *good], capture_output=True, timeout=60).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("organizations:\n  acme:\n    nme: Acme\n")
    checked = subprocess.run([str(BINARY), "validate", str(bad)], capture_output=True, text=True, timeout=60)
    assert checked.returncode != 0
    assert "organizations.acme.nme (line 3)" in checked.stdout


def test_an_unreachable_emulator_is_a_clear_error() -> None:
    failed = cli("reset", url="http://127.0.0.1:9")
    assert failed.returncode != 0
    assert failed.stderr.strip()
