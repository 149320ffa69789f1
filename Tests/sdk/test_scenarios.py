"""The ready-made scenarios in scenarios/ behave as their headers say, seen through the official SDK."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import workos
import pyotp
from workos._errors import MfaChallengeError, MfaEnrollmentError, OrganizationSelectionRequiredError

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


def test_invited_and_active_members_and_a_pinned_invitation_token(multi_tenant: Any, emulator_url: str) -> None:
    client, created = multi_tenant
    um = client.user_management
    organizations = {name: org["id"] for name, org in created["organizations"].items()}
    invited = {name: sorted((i.email, i.state, i.role_slug) for i in um.list_invitations(organization_id=org_id).auto_paging_iter())
               for name, org_id in organizations.items()}
    assert invited == {
        "acme": [("dana@acme.com", "pending", "admin"), ("gus@globex.com", "pending", "member")],
        "globex": [("hana@globex.com", "accepted", "member")],
        "initech": [("ivan@initech.example", "revoked", "member")],
    }
    # Gus already has an account, so his invitation gave him a pending membership in Acme.
    gus = um.list_users(email="gus@globex.com").data[0]
    statuses = {m.organization_id: m.status for m in
                client.organization_membership.list_organization_memberships(user_id=gus.id, statuses=["active", "pending"]).data}
    assert statuses == {organizations["globex"]: "active", organizations["acme"]: "pending"}

    invitation = um.find_invitation_by_token("invite-dana-to-acme")
    assert invitation.accept_invitation_url == f"{emulator_url}/invite?invitation_token=invite-dana-to-acme"
    assert invitation.inviter_user_id == created["users"]["ann"]["id"]
    accepted = um.accept_invitation(invitation.id)
    assert accepted.state == "accepted"
    dana = um.get_user(accepted.accepted_user_id)
    memberships = client.organization_membership.list_organization_memberships(user_id=dana.id).data
    assert [(m.organization_id, m.role.slug, m.status) for m in memberships] == [(organizations["acme"], "admin", "active")]


@pytest.fixture
def mfa_required(emulator_url: str, make_client) -> Any:
    text = (SCENARIOS / "mfa-required.yaml").read_text()
    environment = _control(emulator_url, "POST", "/_emulator/environments", {"scenario": text})
    try:
        yield make_client(environment), environment["created"]
    finally:
        _control(emulator_url, "DELETE", f"/_emulator/environments/{environment['id']}")


def test_mfa_required_an_enrolled_user_answers_a_challenge(mfa_required: Any) -> None:
    client, created = mfa_required
    assert created["authkit"]["mfa_required"] is True
    with pytest.raises(MfaChallengeError) as required:
        client.user_management.authenticate_with_password(email="tess@acme.com", password="correct-horse-9")
    factors = required.value.authentication_factors
    assert len(factors) == 1 and factors[0]["type"] == "totp"
    challenge = client.multi_factor_auth.challenge_factor(factors[0]["id"])
    signed_in = client.user_management.authenticate_with_totp(
        code=pyotp.TOTP("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").now(),
        pending_authentication_token=required.value.pending_authentication_token,
        authentication_challenge_id=challenge.id)
    assert signed_in.user.email == "tess@acme.com"
    assert signed_in.organization_id == created["organizations"]["acme"]["id"]
    assert claims(signed_in.access_token)["role"] == "admin"


def test_mfa_required_an_unenrolled_user_enrols_first(mfa_required: Any) -> None:
    client, created = mfa_required
    with pytest.raises(MfaEnrollmentError) as required:
        client.user_management.authenticate_with_password(email="nora@acme.com", password="correct-horse-9")
    assert required.value.user["id"] == created["users"]["nora"]["id"]
    enrolled = client.multi_factor_auth.create_user_auth_factor(created["users"]["nora"]["id"], type="totp",
                                                               totp_issuer="Acme")
    signed_in = client.user_management.authenticate_with_totp(
        code=pyotp.TOTP(enrolled.authentication_factor.totp.secret).now(),
        pending_authentication_token=required.value.pending_authentication_token,
        authentication_challenge_id=enrolled.authentication_challenge.id)
    assert signed_in.user.email == "nora@acme.com"
