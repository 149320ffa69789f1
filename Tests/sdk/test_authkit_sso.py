"""SSO through AuthKit with the official Python SDK (workos 10.6.0): `user_management`'s authorization
URL routed through an organization's connection at the test identity provider, the code exchanged
for a just-in-time provisioned user, and `sso_required` for the organization's addresses.

The browser's part is plain HTTP without following redirects (`browse` from the SSO suite).
"""

from __future__ import annotations

import urllib.parse
from typing import Any, Dict

import pytest
import workos
from workos._errors import SsoRequiredError
from workos.user_management import PasswordPlaintext

from test_sso import CALLBACK, acme, browse, query  # noqa: F401 (acme: the fixture)


def test_organization_id_signs_in_through_the_identity_provider_without_a_browser(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    url = um.get_authorization_url(organization_id=acme["organization"], redirect_uri=CALLBACK,
                                   login_hint="alice@acme.com", state="s-1")
    status, headers, _ = browse(url + "&test_idp=sign_in")
    assert status == 302 and headers["Location"].startswith(CALLBACK + "?")
    landed = query(headers["Location"])
    assert landed["state"] == "s-1"

    auth = um.authenticate_with_code(code=landed["code"])
    assert auth.authentication_method == "SSO"
    assert auth.organization_id == acme["organization"]
    assert (auth.user.email, auth.user.first_name, auth.user.email_verified) == ("alice@acme.com", "Alice", True)
    # Just in time: the membership, with the role the identity provider gave.
    memberships = workos_client.organization_membership.list_organization_memberships(user_id=auth.user.id).data
    assert [(m.organization_id, m.role.slug) for m in memberships] == [(acme["organization"], "admin")]


def test_connection_id_through_the_identity_provider_page(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], emulator_url: str
) -> None:
    um = workos_client.user_management
    url = um.get_authorization_url(connection_id=acme["connection"], redirect_uri=CALLBACK, state="s-2")
    status, headers, _ = browse(url)
    assert status == 302 and headers["Location"].startswith("/sso/test_idp/")
    page = urllib.parse.urljoin(emulator_url, headers["Location"])
    status, _, html = browse(page)
    assert status == 200 and "Acme SSO" in html
    status, headers, _ = browse(page, {"action": "sign_in", "email": "bob@acme.com"})
    assert status == 303
    landed = query(headers["Location"])
    assert landed["state"] == "s-2"

    auth = um.authenticate_with_code(code=landed["code"])
    assert (auth.user.email, auth.authentication_method, auth.organization_id) == ("bob@acme.com", "SSO", acme["organization"])


def test_the_identity_provider_failing_comes_back_as_an_error(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any]
) -> None:
    url = workos_client.user_management.get_authorization_url(
        connection_id=acme["connection"], redirect_uri=CALLBACK, state="s-3")
    status, headers, _ = browse(url + "&test_idp=fail")
    assert status == 302
    assert query(headers["Location"]) == {
        "error": "access_denied", "error_description": "The identity provider denied access to the application.",
        "state": "s-3",
    }


def test_a_password_of_the_organizations_domain_is_sso_required(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    um.create_user(email="dan@acme.com", password=PasswordPlaintext(password="correct-horse-9"), email_verified=True)
    with pytest.raises(SsoRequiredError) as raised:
        um.authenticate_with_password(email="dan@acme.com", password="correct-horse-9")
    assert raised.value.email == "dan@acme.com"
    assert raised.value.connection_ids == [acme["connection"]]
    assert raised.value.pending_authentication_token
