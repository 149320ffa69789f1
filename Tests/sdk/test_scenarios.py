"""The ready-made scenarios in scenarios/ behave as their headers say, seen through the official SDK."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import workos
from workos._errors import OrganizationSelectionRequiredError

from conftest import _control
from test_sso import CALLBACK, browse, query

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture
def enterprise(emulator_url: str, make_client) -> Any:
    """An environment seeded with scenarios/enterprise-sso.yaml: (client, created objects)."""
    text = (SCENARIOS / "enterprise-sso.yaml").read_text()
    environment = _control(emulator_url, "POST", "/_emulator/environments", {"scenario": text})
    try:
        yield make_client(environment), environment["created"]
    finally:
        _control(emulator_url, "DELETE", f"/_emulator/environments/{environment['id']}")


def test_automatic_sign_in_needs_no_browser(enterprise: Any) -> None:
    client, created = enterprise
    url = client.sso.get_authorization_url(organization=created["organizations"]["acme"]["id"],
                                           login_hint="ada@acme.com", redirect_uri=CALLBACK, state="s1")
    status, headers, _ = browse(url)
    assert status == 302
    landed = query(headers["Location"])
    assert landed["state"] == "s1"
    profile = client.sso.get_profile_and_token(code=landed["code"]).profile
    assert (profile.email, profile.first_name, profile.connection_type) == ("ada@acme.com", "Ada", "OktaSAML")


@pytest.mark.parametrize("organization", ["initech", "umbrella"])
def test_draft_and_inactive_connections_refuse_sign_in(enterprise: Any, organization: str) -> None:
    client, created = enterprise
    url = client.sso.get_authorization_url(organization=created["organizations"][organization]["id"],
                                           redirect_uri=CALLBACK, state="s2")
    status, headers, _ = browse(url)
    assert status == 302
    landed: Dict[str, str] = query(headers["Location"])
    assert landed["error"] == "connection_unlinked"
    assert landed["state"] == "s2"


def test_connections_are_listed_by_organization(enterprise: Any) -> None:
    client, created = enterprise
    globex = client.sso.list_connections(organization_id=created["organizations"]["globex"]["id"]).data
    assert [(c.connection_type, c.state) for c in globex] == [("AzureSAML", "active")]
    states = sorted(c.state for c in client.sso.list_connections().auto_paging_iter())
    assert states == ["active", "active", "draft", "inactive"]


def claims(access_token: str) -> Dict[str, Any]:
    """The access token's payload (its signature is checked by the AuthKit suite)."""
    import base64
    import json
    payload = access_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture
def multi_tenant(emulator_url: str, make_client) -> Any:
    text = (SCENARIOS / "multi-tenant.yaml").read_text()
    environment = _control(emulator_url, "POST", "/_emulator/environments", {"scenario": text})
    try:
        yield make_client(environment), environment["created"]
    finally:
        _control(emulator_url, "DELETE", f"/_emulator/environments/{environment['id']}")


@pytest.mark.parametrize("email, role, permissions", [
    ("ann@acme.com", "admin", ["billing:manage", "members:manage", "reports:read"]),
    ("fin@acme.com", "org-finance", ["billing:manage", "reports:read"]),
])
def test_members_sign_in_with_their_roles_permissions(multi_tenant: Any, email: str, role: str,
                                                       permissions: List[str]) -> None:
    client, created = multi_tenant
    signed_in = client.user_management.authenticate_with_password(email=email, password="correct-horse-9")
    assert signed_in.organization_id == created["organizations"]["acme"]["id"]
    token = claims(signed_in.access_token)
    assert (token["role"], token["permissions"]) == (role, permissions)


def test_a_member_of_two_customers_chooses_one(multi_tenant: Any) -> None:
    client, created = multi_tenant
    with pytest.raises(OrganizationSelectionRequiredError) as chosen:
        client.user_management.authenticate_with_password(email="casey@consulting.example", password="correct-horse-9")
    offered = sorted(org["name"] if isinstance(org, dict) else org.name for org in chosen.value.organizations)
    assert offered == ["Acme Corporation", "Initech"]
