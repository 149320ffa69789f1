"""The control API scripting what the official SDK then sees: time, faults, snapshots, scenarios,
the journal."""
from datetime import datetime, timedelta, timezone

import pytest
import workos
from workos._errors import NotFoundError, RateLimitExceededError, ServerError
from workos.organizations.models import OrganizationDomainData

from conftest import _control


def test_advancing_the_clock_moves_what_the_sdk_reads(workos_client: workos.WorkOSClient, control) -> None:
    control("POST", "/_emulator/clock", {"now": "2031-03-04T05:06:07.089Z", "frozen": True})
    org = workos_client.organizations.create_organization(name="Frozen in time")
    assert org.created_at == datetime(2031, 3, 4, 5, 6, 7, 89000, tzinfo=timezone.utc)

    control("POST", "/_emulator/clock", {"advance_seconds": 3600})
    renamed = workos_client.organizations.update_organization(org.id, name="An hour later")
    assert renamed.updated_at - org.created_at == timedelta(hours=1)
    assert control("GET", "/_emulator/clock")["now"] == "2031-03-04T06:06:07.089Z"


def test_injected_faults_surface_as_sdk_errors(workos_client: workos.WorkOSClient, control) -> None:
    control("POST", "/_emulator/faults", {"method": "GET", "path": "/organizations/*", "status": 500, "count": 1})
    control("POST", "/_emulator/faults", {
        "method": "POST", "path": "/organizations", "status": 429, "count": 1,
        "body": {"code": "rate_limit_exceeded", "message": "Too many requests"},
    })
    org_id = "org_01HZZZZZZZZZZZZZZZZZZZZZZZ"
    with pytest.raises(ServerError):
        workos_client.organizations.get_organization(org_id)
    with pytest.raises(NotFoundError):  # the fault was used up: the real answer again
        workos_client.organizations.get_organization(org_id)
    with pytest.raises(RateLimitExceededError):
        workos_client.organizations.create_organization(name="Throttled")
    assert workos_client.organizations.create_organization(name="Let through").name == "Let through"


def test_snapshot_and_restore_round_trip(workos_client: workos.WorkOSClient, control) -> None:
    kept = workos_client.organizations.create_organization(name="Kept", domain_data=[OrganizationDomainData(domain="kept.example", state="verified")])
    control("POST", "/_emulator/snapshots", {"name": f"sdk-{kept.id}"})
    workos_client.organizations.delete_organization(kept.id)
    workos_client.organizations.create_organization(name="Added after the snapshot")

    control("POST", f"/_emulator/snapshots/sdk-{kept.id}/restore")
    names = [org.name for org in workos_client.organizations.list_organizations().auto_paging_iter()]
    assert names == ["Kept"]
    assert workos_client.organizations.get_organization(kept.id).domains[0].domain == "kept.example"
    control("DELETE", f"/_emulator/snapshots/sdk-{kept.id}")


def test_an_environment_seeded_from_a_scenario(emulator_url: str, make_client) -> None:
    scenario = """
organizations:
  acme:
    name: Acme
    external_id: crm-acme
    domains: [acme.example, {domain: acme-staging.example, state: pending}]
"""
    environment = _control(emulator_url, "POST", "/_emulator/environments", {"scenario": scenario})
    try:
        client = make_client(environment)
        acme = client.organizations.get_organization_by_external_id("crm-acme")
        assert acme.id == environment["created"]["organizations"]["acme"]["id"]
        assert sorted((d.domain, d.state) for d in acme.domains) == [("acme-staging.example", "pending"), ("acme.example", "verified")]
    finally:
        _control(emulator_url, "DELETE", f"/_emulator/environments/{environment['id']}")


def test_the_journal_shows_what_the_sdk_sent(workos_client: workos.WorkOSClient, control) -> None:
    workos_client.organizations.create_organization(name="Journaled", metadata={"secret": "hunter2"})
    entry = control("GET", "/_emulator/requests?method=POST")["data"][0]
    assert entry["path"] == "/organizations"
    assert entry["status"] == 201
    assert entry["request_body"]["name"] == "Journaled"
    assert entry["request_body"]["metadata"]["secret"] == "[redacted]"
