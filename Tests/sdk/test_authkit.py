"""AuthKit through the official Python SDK: the authorization URL, the code exchange, every grant the
SDK offers, the 403 step-ups as the SDK's exception classes, sealed sessions verified against the
emulator's JWKS, refresh rotation and logout."""

from __future__ import annotations

import http.client
import urllib.parse
from typing import Any, Callable, Dict, Optional

import pyotp
import pytest
import workos
from cryptography.fernet import Fernet
from workos._errors import (
    BadRequestError,
    EmailVerificationRequiredError,
    MfaChallengeError,
    MfaEnrollmentError,
    OrganizationSelectionRequiredError,
)
from workos.organization_membership import RoleSingle
from workos.session import seal_session_from_auth_response
from workos.user_management import PasswordPlaintext

REDIRECT_URI = "http://localhost:3000/callback"
PASSWORD = "correct-horse-9"


def no_follow(url: str) -> http.client.HTTPResponse:
    """GETs a URL as a browser's first request, without following the redirect."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    connection.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
    response = connection.getresponse()
    response.read()
    return response


def redirect_query(url: str) -> Dict[str, str]:
    """Follows an authorization URL in automatic sign-in mode; answers the redirect's query."""
    response = no_follow(url + "&emulator_sign_in=automatic")
    assert response.status == 302, response.status
    location = response.getheader("Location")
    assert location.startswith(REDIRECT_URI), location
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def sign_up(client: workos.WorkOSClient, email: str, **fields: Any) -> Any:
    return client.user_management.create_user(email=email, password=PasswordPlaintext(password=PASSWORD),
                                             email_verified=True, **fields)


def code_for(client: workos.WorkOSClient, email: str, **params: Any) -> str:
    url = client.user_management.get_authorization_url(
        provider="authkit", redirect_uri=REDIRECT_URI, login_hint=email, state="s-1", **params)
    query = redirect_query(url)
    assert query["state"] == "s-1"
    return query["code"]


def sealed(client: workos.WorkOSClient, auth: Any, password: str) -> str:
    return seal_session_from_auth_response(access_token=auth.access_token, refresh_token=auth.refresh_token,
                                           user=auth.user.to_dict(), cookie_password=password)


def test_authorization_code_session_refresh_and_logout(workos_client: workos.WorkOSClient) -> None:
    user = sign_up(workos_client, "ann@example.com", first_name="Ann")
    auth = workos_client.user_management.authenticate_with_code(code=code_for(workos_client, "ann@example.com"))
    assert auth.user.id == user.id and auth.user.last_sign_in_at is not None
    assert auth.authentication_method == "Password"

    cookie_password = Fernet.generate_key().decode()
    session = workos_client.user_management.load_sealed_session(
        session_data=sealed(workos_client, auth, cookie_password), cookie_password=cookie_password)
    verified = session.authenticate()
    assert verified.authenticated, verified
    assert verified.session_id.startswith("session_") and verified.user["id"] == user.id

    refreshed = session.refresh()
    assert refreshed.authenticated, refreshed
    assert refreshed.session_id == verified.session_id
    # Rotation: the refresh token in the old cookie was spent.
    stale = workos_client.user_management.load_sealed_session(
        session_data=sealed(workos_client, auth, cookie_password), cookie_password=cookie_password)
    assert not stale.refresh().authenticated

    sessions = workos_client.user_management.list_sessions(user.id)
    assert [s.id for s in sessions.data] == [verified.session_id]
    assert sessions.data[0].status == "active" and sessions.data[0].auth_method == "password"

    logout_url = session.get_logout_url(return_to="http://localhost:3000/signed-out")
    response = no_follow(logout_url)
    assert response.status == 302 and response.getheader("Location") == "http://localhost:3000/signed-out"
    assert not session.refresh().authenticated
    assert workos_client.user_management.list_sessions(user.id).data[0].status == "revoked"


def test_a_code_works_once_and_expires_on_the_clock(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    sign_up(workos_client, "bo@example.com")
    code = code_for(workos_client, "bo@example.com")
    workos_client.user_management.authenticate_with_code(code=code)
    with pytest.raises(BadRequestError) as reused:
        workos_client.user_management.authenticate_with_code(code=code)
    assert reused.value.error == "invalid_grant"

    late = code_for(workos_client, "bo@example.com")
    control("POST", "/_emulator/clock", {"advance_seconds": 601})
    with pytest.raises(BadRequestError) as expired:
        workos_client.user_management.authenticate_with_code(code=late)
    assert expired.value.error == "invalid_grant"


def test_pkce_with_a_public_client(workos_client: workos.WorkOSClient, env: Dict[str, Any], emulator_url: str) -> None:
    sign_up(workos_client, "cy@example.com")
    public = workos.create_public_client(client_id=env["client_id"], base_url=emulator_url)
    started = public.user_management.get_authorization_url_with_pkce(
        redirect_uri=REDIRECT_URI, provider="authkit", login_hint="cy@example.com")
    query = redirect_query(started["url"])
    assert query["state"] == started["state"]
    with pytest.raises(BadRequestError):
        public.user_management.authenticate_with_code_pkce(code=query["code"], code_verifier="x" * 43)
    query = redirect_query(started["url"])
    auth = public.user_management.authenticate_with_code_pkce(code=query["code"], code_verifier=started["code_verifier"])
    assert auth.user.email == "cy@example.com"
    refreshed = public.user_management.authenticate_with_refresh_token(refresh_token=auth.refresh_token)
    assert refreshed.refresh_token != auth.refresh_token


def test_social_provider_signs_up_and_links_an_identity(workos_client: workos.WorkOSClient) -> None:
    url = workos_client.user_management.get_authorization_url(
        provider="GoogleOAuth", redirect_uri=REDIRECT_URI, login_hint="dee@example.com")
    auth = workos_client.user_management.authenticate_with_code(code=redirect_query(url)["code"])
    assert auth.authentication_method == "GoogleOAuth" and auth.user.email_verified
    identities = workos_client.user_management.get_user_identities(auth.user.id)
    assert [(i.provider, i.type) for i in identities] == [("GoogleOAuth", "OAuth")]


def test_password_and_its_failure(workos_client: workos.WorkOSClient) -> None:
    sign_up(workos_client, "eve@example.com")
    auth = workos_client.user_management.authenticate_with_password(email="eve@example.com", password=PASSWORD)
    assert auth.user.email == "eve@example.com" and auth.organization_id is None
    with pytest.raises(BadRequestError) as wrong:
        workos_client.user_management.authenticate_with_password(email="eve@example.com", password="nope-nope-1")
    assert wrong.value.code == "invalid_credentials"


def test_magic_auth_with_the_code_from_the_outbox(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    workos_client.user_management.create_magic_auth(email="fay@example.com")
    code = control("GET", "/_emulator/outbox/next?email=fay@example.com&timeout_ms=2000")["code"]
    auth = workos_client.user_management.authenticate_with_magic_auth(code=code, email="fay@example.com")
    assert auth.authentication_method == "MagicAuth" and auth.user.email_verified
    with pytest.raises(BadRequestError) as reused:
        workos_client.user_management.authenticate_with_magic_auth(code=code, email="fay@example.com")
    assert reused.value.code == "one_time_code_previously_used"


def test_mfa_challenge_with_a_pyotp_code(workos_client: workos.WorkOSClient) -> None:
    user = sign_up(workos_client, "gus@example.com")
    enrolled = workos_client.multi_factor_auth.create_user_auth_factor(user.id, type="totp", totp_issuer="Acme")
    totp = pyotp.TOTP(enrolled.authentication_factor.totp.secret)
    assert enrolled.authentication_factor.totp.qr_code.startswith("data:image/")
    with pytest.raises(MfaChallengeError) as required:
        workos_client.user_management.authenticate_with_password(email="gus@example.com", password=PASSWORD)
    factors = required.value.authentication_factors
    assert [f["id"] for f in factors] == [enrolled.authentication_factor.id]
    challenge = workos_client.multi_factor_auth.challenge_factor(factors[0]["id"])
    with pytest.raises(BadRequestError) as wrong:
        workos_client.user_management.authenticate_with_totp(
            code="000000" if totp.now() != "000000" else "111111",
            pending_authentication_token=required.value.pending_authentication_token,
            authentication_challenge_id=challenge.id)
    assert wrong.value.code == "invalid_one_time_code"
    auth = workos_client.user_management.authenticate_with_totp(
        code=totp.now(), pending_authentication_token=required.value.pending_authentication_token,
        authentication_challenge_id=challenge.id)
    assert auth.user.id == user.id


def test_mfa_enrollment_when_the_environment_requires_it(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    control("PUT", "/_emulator/authkit", {"mfa_required": True})
    user = sign_up(workos_client, "hal@example.com")
    with pytest.raises(MfaEnrollmentError) as required:
        workos_client.user_management.authenticate_with_password(email="hal@example.com", password=PASSWORD)
    assert required.value.user["id"] == user.id
    secret = pyotp.random_base32()
    enrolled = workos_client.multi_factor_auth.create_user_auth_factor(user.id, type="totp", totp_secret=secret)
    auth = workos_client.user_management.authenticate_with_totp(
        code=pyotp.TOTP(secret).now(), pending_authentication_token=required.value.pending_authentication_token,
        authentication_challenge_id=enrolled.authentication_challenge.id)
    assert auth.user.id == user.id
    assert [f.id for f in workos_client.multi_factor_auth.list_user_auth_factors(user.id).data] == [enrolled.authentication_factor.id]


def test_organization_selection_and_switching_on_refresh(workos_client: workos.WorkOSClient, env: Dict[str, Any],
                                                         emulator_url: str) -> None:
    user = sign_up(workos_client, "ivy@example.com")
    acme = workos_client.organizations.create_organization(name="Acme")
    globex = workos_client.organizations.create_organization(name="Globex")
    workos_client.organization_membership.create_organization_membership(user_id=user.id, organization_id=acme.id,
                                                                    role=RoleSingle(role_slug="admin"))
    workos_client.organization_membership.create_organization_membership(user_id=user.id, organization_id=globex.id)
    with pytest.raises(OrganizationSelectionRequiredError) as required:
        workos_client.user_management.authenticate_with_password(email="ivy@example.com", password=PASSWORD)
    assert sorted(o["name"] for o in required.value.organizations) == ["Acme", "Globex"]
    auth = workos_client.user_management.authenticate_with_organization_selection(
        pending_authentication_token=required.value.pending_authentication_token, organization_id=acme.id)
    assert auth.organization_id == acme.id

    cookie_password = Fernet.generate_key().decode()
    session = workos_client.user_management.load_sealed_session(
        session_data=sealed(workos_client, auth, cookie_password), cookie_password=cookie_password)
    claims = session.authenticate()
    assert (claims.organization_id, claims.role, list(claims.roles), list(claims.permissions)) == (acme.id, "admin", ["admin"], [])
    switched = session.refresh(organization_id=globex.id)
    assert switched.authenticated and switched.organization_id == globex.id and switched.role == "member"


def test_email_verification_when_required(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    control("PUT", "/_emulator/authkit", {"email_verification_required": True})
    workos_client.user_management.create_user(email="jo@example.com", password=PasswordPlaintext(password=PASSWORD))
    with pytest.raises(EmailVerificationRequiredError) as required:
        workos_client.user_management.authenticate_with_password(email="jo@example.com", password=PASSWORD)
    assert required.value.email == "jo@example.com" and required.value.email_verification_id.startswith("email_verification_")
    code = control("GET", "/_emulator/outbox/next?email=jo@example.com&kind=email_verification&timeout_ms=2000")["code"]
    auth = workos_client.user_management.authenticate_with_email_verification(
        code=code, pending_authentication_token=required.value.pending_authentication_token)
    assert auth.user.email_verified


def test_revoked_session_cannot_refresh(workos_client: workos.WorkOSClient) -> None:
    sign_up(workos_client, "kit@example.com")
    auth = workos_client.user_management.authenticate_with_password(email="kit@example.com", password=PASSWORD)
    session_id = workos_client.user_management.list_sessions(auth.user.id).data[0].id
    workos_client.user_management.revoke_session(session_id=session_id)
    with pytest.raises(BadRequestError) as refused:
        workos_client.user_management.authenticate_with_refresh_token(refresh_token=auth.refresh_token)
    assert refused.value.error == "invalid_grant"


def test_jwks(workos_client: workos.WorkOSClient, env: Dict[str, Any]) -> None:
    jwks = workos_client.user_management.get_jwks(env["client_id"])
    key = jwks.keys[0]
    assert key.kid.startswith("key_") and key.x_5_c and key.x_5_t_s_256
    assert workos_client.user_management.get_jwks_url().endswith(f"/sso/jwks/{env['client_id']}")


def test_standalone_mfa_as_the_skill_shows_it(workos_client: workos.WorkOSClient) -> None:
    factor = workos_client.multi_factor_auth.enroll_factor(type="totp", totp_issuer="YourApp", totp_user="user@example.com")
    assert factor.totp.uri.startswith("otpauth://totp/YourApp:user@example.com?secret=")
    challenge = workos_client.multi_factor_auth.challenge_factor(factor.id)
    assert not workos_client.multi_factor_auth.verify_challenge(challenge.id, code="000000" if pyotp.TOTP(factor.totp.secret).now() != "000000" else "111111").valid
    verified = workos_client.multi_factor_auth.verify_challenge(challenge.id, code=pyotp.TOTP(factor.totp.secret).now())
    assert verified.valid and verified.challenge.id == challenge.id


def post_form(url: str, fields: Dict[str, str]) -> http.client.HTTPResponse:
    """POSTs a hosted page's form as a browser would, without following the redirect."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    connection.request("POST", parts.path, body=urllib.parse.urlencode(fields),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.body = response.read().decode()  # type: ignore[attr-defined]
    return response


def test_device_code_approved_on_the_device_page(workos_client: workos.WorkOSClient, env: Dict[str, Any],
                                                emulator_url: str, control: Callable[..., Any]) -> None:
    user = sign_up(workos_client, "lou@example.com")
    device = workos_client.user_management.create_device(client_id=env["client_id"])
    assert device.verification_uri == f"{emulator_url}/authkit/device"
    with pytest.raises(BadRequestError) as waiting:
        workos_client.user_management.authenticate_with_device_code(device_code=device.device_code)
    assert waiting.value.error == "authorization_pending"

    entered = post_form(device.verification_uri, {"user_code": device.user_code})
    assert entered.status == 302
    request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(entered.getheader("Location")).query))["request"]
    approved = post_form(f"{emulator_url}/authkit/sign-in", {"request": request, "email": "lou@example.com", "password": PASSWORD})
    assert "Device connected" in approved.body  # type: ignore[attr-defined]

    control("POST", "/_emulator/clock", {"advance_seconds": device.interval or 5})
    auth = workos_client.user_management.authenticate_with_device_code(device_code=device.device_code)
    assert auth.user.id == user.id


def test_tokens_survive_a_restart_and_a_snapshot(spawn_emulator: Callable[..., Any], tmp_path: Any) -> None:
    """The signing key lives in the environment's database: after a restart on the same data directory
    the JWKS is the same, a session issued before verifies and refreshes; a snapshot keeps it too."""
    first = spawn_emulator("--db", str(tmp_path))
    base_url = first.wait_until_listening(60)
    client = workos.WorkOSClient(api_key="sk_test_default", client_id="client_default", base_url=base_url, max_retries=0)
    sign_up(client, "rex@example.com")
    auth = client.user_management.authenticate_with_password(email="rex@example.com", password=PASSWORD)
    kid = client.user_management.get_jwks("client_default").keys[0].kid
    first.stop()

    second = spawn_emulator("--db", str(tmp_path))
    base_url = second.wait_until_listening(60)
    client = workos.WorkOSClient(api_key="sk_test_default", client_id="client_default", base_url=base_url, max_retries=0)
    assert client.user_management.get_jwks("client_default").keys[0].kid == kid
    cookie_password = Fernet.generate_key().decode()
    session = client.user_management.load_sealed_session(
        session_data=sealed(client, auth, cookie_password), cookie_password=cookie_password)
    assert session.authenticate().authenticated
    assert session.refresh().authenticated
