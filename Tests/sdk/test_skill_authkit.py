"""The AuthKit snippets of reference/workos-skill.md (sections 1, 8, 10 and 11, the session best
practices and workflow 1), in the Python SDK's words, against the emulator."""

from __future__ import annotations

import http.client
import urllib.parse
from typing import Any, Callable

import pyotp
import workos
from workos.organizations.models import OrganizationDomainData

REDIRECT_URI = "https://yourapp.com/callback"


def _follow(url: str) -> dict:
    """The browser's leg in automatic sign-in: the code and state the redirect carries."""
    parts = urllib.parse.urlsplit(url + "&emulator_sign_in=automatic")
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    connection.request("GET", f"{parts.path}?{parts.query}")
    response = connection.getresponse()
    assert response.status == 302
    location = response.getheader("Location")
    assert location.startswith(REDIRECT_URI), location
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def test_section_1_authkit(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    um.create_redirect_uri(uri=REDIRECT_URI)  # the dashboard's redirect URI setting
    um.create_user(email="user@example.com", first_name="John", last_name="Doe", email_verified=False)
    auth_url = um.get_authorization_url(provider="authkit", redirect_uri=REDIRECT_URI, state="optional-state",
                                        login_hint="user@example.com")
    query = _follow(auth_url)
    assert query["state"] == "optional-state"
    response = um.authenticate_with_code(code=query["code"])
    assert response.user.email == "user@example.com" and response.access_token and response.refresh_token
    assert response.organization_id is None


def test_section_8_session_management(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    code = um.get_magic_auth(um.create_magic_auth(email="user@example.com").id).code
    stored = um.authenticate_with_magic_auth(code=code, email="user@example.com")
    refreshed = um.authenticate_with_refresh_token(refresh_token=stored.refresh_token)
    assert refreshed.access_token and refreshed.refresh_token != stored.refresh_token
    session_id = um.list_sessions(stored.user.id).data[0].id
    um.revoke_session(session_id=session_id)
    assert um.list_sessions(stored.user.id).data[0].status == "revoked"


def test_section_10_magic_auth(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    um = workos_client.user_management
    um.create_magic_auth(email="user@example.com")
    magic_code = control("GET", "/_emulator/outbox/next?email=user@example.com&timeout_ms=2000")["code"]
    response = um.authenticate_with_magic_auth(code=magic_code, email="user@example.com")
    assert response.user.email == "user@example.com" and response.access_token


def test_section_11_mfa(workos_client: workos.WorkOSClient) -> None:
    mfa = workos_client.multi_factor_auth
    factor = mfa.enroll_factor(type="totp", totp_issuer="YourApp", totp_user="user@example.com")
    challenge = mfa.challenge_factor(factor.id)
    result = mfa.verify_challenge(challenge.id, code=pyotp.TOTP(factor.totp.secret).now())
    assert result.valid


def test_workflow_1_signup_with_organization(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    um.create_redirect_uri(uri=REDIRECT_URI)
    org = workos_client.organizations.create_organization(name="Acme Corp", domain_data=[OrganizationDomainData(domain="acme.com", state="verified")])
    url = um.get_authorization_url(provider="GoogleOAuth", redirect_uri=REDIRECT_URI, organization_id=org.id,
                                   login_hint="new.hire@acme.com")
    response = um.authenticate_with_code(code=_follow(url)["code"])
    assert response.organization_id == org.id
    memberships = workos_client.organization_membership.list_organization_memberships(user_id=response.user.id)
    assert [m.organization_id for m in memberships.data] == [org.id]
