"""Widgets: `widgets.create_token`, and the token as the key of the calls its scopes permit."""
from __future__ import annotations

from typing import Any, Callable, Dict

import jwt
import pytest
import workos
from workos._errors import AuthenticationError, AuthorizationError, NotFoundError, UnprocessableEntityError


@pytest.fixture
def acme(workos_client: workos.WorkOSClient) -> Dict[str, Any]:
    """Acme with an admin and a member, and Globex with a member of its own."""
    acme = workos_client.organizations.create_organization(name="Acme")
    globex = workos_client.organizations.create_organization(name="Globex")
    admin = workos_client.user_management.create_user(email="ann@acme.com")
    member = workos_client.user_management.create_user(email="bob@acme.com")
    other = workos_client.user_management.create_user(email="gus@globex.com")
    memberships = workos_client.organization_membership
    memberships.create_organization_membership(user_id=admin.id, organization_id=acme.id)
    memberships.create_organization_membership(user_id=member.id, organization_id=acme.id)
    memberships.create_organization_membership(user_id=other.id, organization_id=globex.id)
    return {"acme": acme.id, "globex": globex.id, "admin": admin.id, "outsider": other.id}


def test_the_token_is_a_jwt_the_jwks_verifies(workos_client: workos.WorkOSClient, acme: Dict[str, Any],
                                               env: Dict[str, Any], emulator_url: str) -> None:
    token = workos_client.widgets.create_token(organization_id=acme["acme"], user_id=acme["admin"],
                                               scopes=["widgets:users-table:manage"]).token
    key = jwt.PyJWKClient(f"{emulator_url}/sso/jwks/{env['client_id']}").get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key.key, algorithms=["RS256"], audience="widgets")
    assert (claims["sub"], claims["org_id"], claims["permissions"]) == (acme["admin"], acme["acme"],
                                                                         ["widgets:users-table:manage"])
    assert claims["exp"] - claims["iat"] == 3600


def test_errors(workos_client: workos.WorkOSClient, acme: Dict[str, Any]) -> None:
    widgets = workos_client.widgets
    with pytest.raises(NotFoundError):
        widgets.create_token(user_id="user_01HZZZZZZZZZZZZZZZZZZZZZZZ")
    with pytest.raises(NotFoundError):
        widgets.create_token(organization_id="org_01HZZZZZZZZZZZZZZZZZZZZZZZ", user_id=acme["admin"])
    with pytest.raises(UnprocessableEntityError):
        widgets.create_token(organization_id=acme["acme"], user_id=acme["outsider"])
    with pytest.raises(UnprocessableEntityError):
        widgets.create_token(organization_id=acme["acme"], user_id=acme["admin"], scopes=["widgets:everything"])


def test_the_token_opens_its_organizations_members_and_nothing_else(
        workos_client: workos.WorkOSClient, acme: Dict[str, Any], env: Dict[str, Any],
        make_client: Callable[[Dict[str, Any]], workos.WorkOSClient], control: Callable[..., Any]) -> None:
    token = workos_client.widgets.create_token(organization_id=acme["acme"], user_id=acme["admin"],
                                               scopes=["widgets:users-table:manage"]).token
    widget = make_client({"api_key": token, "client_id": env["client_id"]})
    members = widget.organization_membership.list_organization_memberships(organization_id=acme["acme"]).data
    assert len(members) == 2
    invited = widget.user_management.send_invitation(email="new@acme.com", organization_id=acme["acme"])
    assert invited.organization_id == acme["acme"]
    with pytest.raises(AuthorizationError):
        widget.organization_membership.list_organization_memberships(organization_id=acme["globex"])
    with pytest.raises(AuthorizationError):
        widget.organizations.list_organizations()
    control("POST", "/_emulator/clock", {"advance_seconds": 3600})
    with pytest.raises(AuthenticationError):
        widget.organization_membership.list_organization_memberships(organization_id=acme["acme"])
