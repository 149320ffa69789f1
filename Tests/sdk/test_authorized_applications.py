"""Authorized Connect applications and AuthKit OAuth resources through the official Python SDK (workos
10.6.0): `user_management.list_user_authorized_applications` / `delete_user_authorized_application`,
`organizations.list_authorized_applications`, and `user_management.*_authkit_oauth_resource`. Authorizations
come from the control route `POST /_emulator/authorized_applications`.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
import workos
from workos import ConflictError, NotFoundError, UnprocessableEntityError


def test_authorized_applications_are_listed_and_revoked(workos_client: workos.WorkOSClient,
                                                        control: Callable[..., Any]) -> None:
    vendor = workos_client.organizations.create_organization(name="Vendor")
    app = workos_client.connect.create_oauth_application(
        name="Zapier", is_first_party=False, organization_id=vendor.id, scopes=["openid", "profile"],
        redirect_uris=[{"uri": "https://zapier.example.com/callback"}])
    acme = workos_client.organizations.create_organization(name="Acme")
    ada = workos_client.user_management.create_user(email="ada@example.com")
    workos_client.organization_membership.create_organization_membership(user_id=ada.id, organization_id=acme.id)
    granted = control("POST", "/_emulator/authorized_applications", {
        "application_id": app.client_id, "user_id": ada.id, "organization_id": acme.id, "scopes": ["openid"],
        "oauth_resource": "https://api.example.com"})

    users = list(workos_client.user_management.list_user_authorized_applications(ada.id).auto_paging_iter())
    assert [item.id for item in users] == [granted["id"]]
    assert users[0].object == "authorized_connect_application" and users[0].granted_scopes == ["openid"]
    assert users[0].oauth_resource == "https://api.example.com"
    assert users[0].application.id == app.id and users[0].application.name == "Zapier"

    orgs = list(workos_client.organizations.list_authorized_applications(acme.id).auto_paging_iter())
    assert [(item.id, item.user_id, item.application.client_id) for item in orgs] == [(granted["id"], ada.id, app.client_id)]

    workos_client.user_management.delete_user_authorized_application(app.id, ada.id)
    assert list(workos_client.user_management.list_user_authorized_applications(ada.id).auto_paging_iter()) == []
    assert list(workos_client.organizations.list_authorized_applications(acme.id).auto_paging_iter()) == []
    with pytest.raises(NotFoundError):
        workos_client.user_management.delete_user_authorized_application(app.id, ada.id)


def test_authkit_oauth_resources(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    first = um.create_authkit_oauth_resource(uri="https://mcp.example.com", default=True)
    assert first.object == "authkit_oauth_resource" and first.id.startswith("authkit_oauth_resource_")
    assert (first.uri, first.default) == ("https://mcp.example.com", True)
    second = um.create_authkit_oauth_resource(uri="https://api.example.com/v1", default=True)
    listed = {resource.id: resource.default for resource in um.list_authkit_oauth_resources().auto_paging_iter()}
    assert listed == {first.id: False, second.id: True}
    assert [r.id for r in um.list_authkit_oauth_resources(order="asc", limit=1).auto_paging_iter()] == [first.id, second.id]

    with pytest.raises(ConflictError):
        um.create_authkit_oauth_resource(uri="https://mcp.example.com")
    with pytest.raises(UnprocessableEntityError):
        um.create_authkit_oauth_resource(uri="not a uri")

    um.delete_authkit_oauth_resource(first.id)
    assert [r.id for r in um.list_authkit_oauth_resources().auto_paging_iter()] == [second.id]
    with pytest.raises(NotFoundError):
        um.delete_authkit_oauth_resource(first.id)
