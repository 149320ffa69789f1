"""Single Sign-On through the official Python SDK (workos 10.6.0): connections, the authorization
URL, the test identity provider, the code exchange, the profile and logout.

The browser's part (following redirects, answering the test identity provider's page) is plain
HTTP with urllib; everything an application does goes through `client.sso`.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple

import pytest
import workos
from workos import AuthenticationError, BadRequestError, NotFoundError
from workos.sso import CreateProtocolOptionsSAML, PatchProtocolOptionsSAML
from workos.sso.models import CreateConnectionSAMLOptions, PatchConnectionSAMLOptions

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
CALLBACK = "http://localhost:3000/callback"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "saml"

ACME = {
    "organizations": {"acme": {"name": "Acme", "domains": ["acme.com"]}},
    "connections": {
        "acme_sso": {
            "organization": "acme",
            "name": "Acme SSO",
            "profiles": [
                {"email": "alice@acme.com", "first_name": "Alice", "last_name": "Smith",
                 "groups": ["Engineering"], "role": "admin", "custom_attributes": {"department": "R&D"}},
                {"email": "bob@acme.com", "first_name": "Bob", "last_name": "Jones"},
            ],
        }
    },
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_browser = urllib.request.build_opener(_NoRedirect)


def browse(url: str, form: Optional[Dict[str, str]] = None) -> Tuple[int, Dict[str, str], str]:
    """What a browser sees for one request (a GET, or a form post): status, headers, body. Redirects
    are not followed, so a test can read where they lead."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if form is not None else "GET")
    try:
        with _browser.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def query(url: str) -> Dict[str, str]:
    return {key: values[-1] for key, values in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}


@pytest.fixture
def acme(control: Callable[..., Any]) -> Dict[str, Any]:
    """Acme (acme.com) with an active TestIdp connection offering Alice and Bob: their IDs."""
    created = control("POST", "/_emulator/scenarios", ACME)["created"]
    return {"organization": created["organizations"]["acme"]["id"], "connection": created["connections"]["acme_sso"]["id"]}


def sign_in(url: str, emulator_url: str, email: Optional[str] = None) -> Dict[str, str]:
    """Follows an authorization URL through the test identity provider's page, choosing `email` (or
    the page's first offered user): the callback's query."""
    status, headers, _ = browse(url)
    assert status == 302, f"authorize answered {status}"
    page = urllib.parse.urljoin(emulator_url, headers["Location"])
    status, _, html = browse(page)
    assert status == 200
    chosen = email or re.search(r'name="email" value="([^"]+)"', html).group(1)
    status, headers, _ = browse(page, {"action": "sign_in", "email": chosen})
    assert status == 303
    assert headers["Location"].startswith(CALLBACK + "?")
    return query(headers["Location"])


# --- sign-in ----------------------------------------------------------------------------------


def test_authorization_url_to_profile_and_token_without_a_browser(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any]
) -> None:
    url = workos_client.sso.get_authorization_url(
        organization=acme["organization"], redirect_uri=CALLBACK, state="state with spaces+plus",
        login_hint="bob@acme.com",
    )
    # The non-interactive mode: the test identity provider signs the login_hint user in at once.
    status, headers, _ = browse(url + "&test_idp=sign_in")
    assert status == 302
    callback = query(headers["Location"])
    assert callback["state"] == "state with spaces+plus"

    result = workos_client.sso.get_profile_and_token(code=callback["code"])
    assert result.token_type == "Bearer"
    assert result.expires_in == 600
    profile = result.profile
    assert re.fullmatch(rf"prof_{ULID}", profile.id)
    assert profile.email == "bob@acme.com"
    assert (profile.first_name, profile.last_name, profile.name) == ("Bob", "Jones", "Bob Jones")
    assert profile.organization_id == acme["organization"]
    assert profile.connection_id == acme["connection"]
    assert profile.connection_type == "TestIdp"
    assert profile.idp_id == "bob@acme.com"
    assert profile.raw_attributes["email"] == "bob@acme.com"


def test_choosing_a_user_on_the_test_identity_providers_page(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], emulator_url: str
) -> None:
    url = workos_client.sso.get_authorization_url(connection=acme["connection"], redirect_uri=CALLBACK, state="s1")
    callback = sign_in(url, emulator_url, "alice@acme.com")
    assert callback["state"] == "s1"
    profile = workos_client.sso.get_profile_and_token(code=callback["code"]).profile
    assert profile.email == "alice@acme.com"
    assert profile.groups == ["Engineering"]
    assert profile.role is not None and profile.role.slug == "admin"
    assert [role.slug for role in profile.roles or []] == ["admin"]
    assert profile.custom_attributes == {"department": "R&D"}


def test_get_profile_with_the_access_token(workos_client: workos.WorkOSClient, acme: Dict[str, Any]) -> None:
    url = workos_client.sso.get_authorization_url(domain_hint="acme.com", redirect_uri=CALLBACK)
    code = query(browse(url + "&test_idp=sign_in")[1]["Location"])["code"]
    token = workos_client.sso.get_profile_and_token(code=code)
    profile = workos_client.sso.get_profile(access_token=token.access_token)
    assert profile.to_dict() == token.profile.to_dict()
    with pytest.raises(AuthenticationError):
        workos_client.sso.get_profile(access_token="not-a-token")


def test_a_code_is_used_once_and_expires_with_the_clock(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], control: Callable[..., Any]
) -> None:
    def code() -> str:
        url = workos_client.sso.get_authorization_url(connection=acme["connection"], redirect_uri=CALLBACK)
        return query(browse(url + "&test_idp=sign_in")[1]["Location"])["code"]

    used = code()
    workos_client.sso.get_profile_and_token(code=used)
    with pytest.raises(BadRequestError) as reused:
        workos_client.sso.get_profile_and_token(code=used)
    assert reused.value.error == "invalid_grant"

    stale = code()
    control("POST", "/_emulator/clock", {"advance_seconds": 601})
    with pytest.raises(BadRequestError) as expired:
        workos_client.sso.get_profile_and_token(code=stale)
    assert expired.value.error == "invalid_grant"


def test_pkce_with_a_public_client(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], env: Dict[str, Any], emulator_url: str
) -> None:
    public = workos.create_public_client(client_id=env["client_id"], base_url=emulator_url)
    started = public.sso.get_authorization_url_with_pkce(organization=acme["organization"], redirect_uri=CALLBACK)
    callback = sign_in(started["url"], emulator_url, "bob@acme.com")
    assert callback["state"] == started["state"]
    result = public.sso.get_profile_and_token_pkce(code=callback["code"], code_verifier=started["code_verifier"])
    assert result.profile.email == "bob@acme.com"


def test_an_identity_provider_error_comes_back_to_the_redirect_uri(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any]
) -> None:
    url = workos_client.sso.get_authorization_url(organization=acme["organization"], redirect_uri=CALLBACK, state="x")
    callback = query(browse(url + "&test_idp=fail")[1]["Location"])
    assert callback["error"] == "access_denied"
    assert callback["state"] == "x"

    bare = workos_client.organizations.create_organization(name="No SSO")
    url = workos_client.sso.get_authorization_url(organization=bare.id, redirect_uri=CALLBACK, state="y")
    status, headers, _ = browse(url)
    assert status == 302
    assert query(headers["Location"]) == {
        "error": "organization_invalid", "error_description": "No connection associated with organization", "state": "y",
    }


def test_logout(workos_client: workos.WorkOSClient, acme: Dict[str, Any]) -> None:
    url = workos_client.sso.get_authorization_url(connection=acme["connection"], redirect_uri=CALLBACK)
    token = workos_client.sso.get_profile_and_token(code=query(browse(url + "&test_idp=sign_in")[1]["Location"])["code"])
    logout = workos_client.sso.authorize_logout(profile_id=token.profile.id)
    assert logout.logout_url.endswith(logout.logout_token)
    status, _, html = browse(workos_client.sso.get_logout_url(token=logout.logout_token))
    assert status == 200 and "signed out" in html
    with pytest.raises(AuthenticationError):
        workos_client.sso.get_profile(access_token=token.access_token)
    with pytest.raises(NotFoundError):
        workos_client.sso.authorize_logout(profile_id="prof_01HZZZZZZZZZZZZZZZZZZZZZZZ")


# --- connections ------------------------------------------------------------------------------


def test_list_get_and_delete_connections(workos_client: workos.WorkOSClient, acme: Dict[str, Any]) -> None:
    listed = workos_client.sso.list_connections(organization_id=acme["organization"])
    assert [c.id for c in listed.data] == [acme["connection"]]
    connection = workos_client.sso.get_connection(acme["connection"])
    assert connection.name == "Acme SSO"
    assert connection.connection_type == "TestIdp"
    assert connection.state == "active"
    assert [d.domain for d in connection.domains] == ["acme.com"]
    assert [c.id for c in workos_client.sso.list_connections(domain="acme.com").data] == [acme["connection"]]
    assert workos_client.sso.list_connections(connection_type="OktaSAML").data == []

    workos_client.sso.delete_connection(acme["connection"])
    with pytest.raises(NotFoundError):
        workos_client.sso.get_connection(acme["connection"])
    assert workos_client.sso.list_connections().data == []


def test_create_update_and_certificates_of_a_saml_connection(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any]
) -> None:
    created = workos_client.sso.create_connection(
        organization_id=acme["organization"], name="Acme Okta", connection_type="OktaSAML",
        protocol_options=CreateProtocolOptionsSAML(
            saml_options=CreateConnectionSAMLOptions(idp_entity_id="http://www.okta.com/acme")),
    )
    assert created.state == "draft"
    updated = workos_client.sso.update_connection(
        created.id, protocol_options=PatchProtocolOptionsSAML(
            saml_options=PatchConnectionSAMLOptions(idp_sso_url="https://acme.okta.com/app/sso/saml")),
    )
    assert updated.state == "draft"  # still no IdP signing certificate

    certificate = (FIXTURES / "idp-signing.crt").read_text()
    added = workos_client.sso.create_connection_saml_idp_signing_cert(created.id, value=certificate)
    assert added.not_after is not None and added.not_after.year == 2036
    assert workos_client.sso.get_connection(created.id).state == "active"
    assert [c.id for c in workos_client.sso.list_connection_saml_idp_signing_certs(created.id).data] == [added.id]

    signing = workos_client.sso.list_connection_saml_sp_signing_cert(created.id)
    assert signing.value.startswith("-----BEGIN CERTIFICATE-----")
    encryption = workos_client.sso.create_connection_saml_sp_encryption_cert(created.id)
    assert len(workos_client.sso.list_connection_saml_sp_encryption_certs(created.id).data) == 2
    workos_client.sso.delete_connection_saml_sp_encryption_cert(created.id, encryption.id)
    with pytest.raises(BadRequestError):
        workos_client.sso.delete_connection_saml_idp_signing_cert(created.id, added.id)


def test_the_default_scenario_routes_example_com_to_the_test_identity_provider(
    emulator_url: str, make_client: Callable[[Dict[str, Any]], workos.WorkOSClient], make_env: Callable[[], Dict[str, Any]]
) -> None:
    env = make_env()
    scenario = (Path(__file__).resolve().parents[2] / "scenarios" / "default.yaml").read_text()
    request = urllib.request.Request(
        f"{emulator_url}/_emulator/scenarios", data=scenario.encode(), method="POST",
        headers={"Authorization": f"Bearer {env['api_key']}", "Content-Type": "application/yaml"},
    )
    urllib.request.urlopen(request, timeout=30).read()
    client = make_client(env)
    [connection] = client.sso.list_connections(domain="example.com").data
    url = client.sso.get_authorization_url(organization=connection.organization_id, redirect_uri=CALLBACK)
    callback = sign_in(url, emulator_url)
    assert client.sso.get_profile_and_token(code=callback["code"]).profile.email == "alice@example.com"


def test_enterprise_sso_setup_as_workflow_2_describes_it(workos_client: workos.WorkOSClient, emulator_url: str) -> None:
    """workos-skill.md Workflow 2, the SSO part: a new customer organization gets a SAML connection
    (what the customer configures in the admin portal), and its users sign in through it."""
    from workos.organizations.models import OrganizationDomainData

    org = workos_client.organizations.create_organization(
        name="Enterprise Customer", domain_data=[OrganizationDomainData(domain="enterprise.com", state="verified")])
    connection = workos_client.sso.create_connection(
        organization_id=org.id, connection_type="OktaSAML",
        protocol_options=CreateProtocolOptionsSAML(saml_options=CreateConnectionSAMLOptions(
            idp_metadata_url="https://enterprise.okta.com/app/metadata")),
    )
    assert connection.state == "active"
    assert [d.domain for d in connection.domains] == ["enterprise.com"]

    url = workos_client.sso.get_authorization_url(organization=org.id, redirect_uri=CALLBACK, state="ent")
    status, headers, _ = browse(url)
    assert status == 302
    page = urllib.parse.urljoin(emulator_url, headers["Location"])
    status, headers, _ = browse(page, {"action": "sign_in", "email": "dana@enterprise.com", "first_name": "Dana"})
    assert status == 303
    callback = query(headers["Location"])
    assert callback["state"] == "ent"
    profile = workos_client.sso.get_profile_and_token(code=callback["code"]).profile
    assert (profile.email, profile.first_name, profile.connection_type) == ("dana@enterprise.com", "Dana", "OktaSAML")
    assert profile.organization_id == org.id
