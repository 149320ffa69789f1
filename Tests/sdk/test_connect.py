"""Connect applications through the official Python SDK (workos 10.6.0): OAuth and M2M applications
and their client secrets, all through `client.connect`.
"""

from __future__ import annotations

import re

import pytest
import workos
from workos import NotFoundError, UnprocessableEntityError
from workos.common.models.connect_application_m2m import ConnectApplicationM2M
from workos.common.models.connect_application_oauth import ConnectApplicationOAuth
from workos.connect.models import CreateM2MApplication, CreateOAuthApplication, RedirectUriInput

APP_ID = re.compile(r"^conn_app_[0-9A-HJKMNP-TV-Z]{26}$")
CLIENT_ID = re.compile(r"^client_[0-9A-HJKMNP-TV-Z]{26}$")


def test_oauth_applications_through_every_create_call(workos_client: workos.WorkOSClient) -> None:
    connect = workos_client.connect
    acme = workos_client.organizations.create_organization(name="Acme")
    dashboard = connect.create_oauth_application(
        name="Dashboard", is_first_party=True, description="Ours", scopes=["openid", "profile"], uses_pkce=True,
        # The SDK puts this list in the body as given, so plain dicts are what it can send.
        redirect_uris=[{"uri": "https://app.example.com/callback"}, {"uri": "myapp://callback", "default": True}],
    )
    assert isinstance(dashboard, ConnectApplicationOAuth)
    assert APP_ID.match(dashboard.id) and CLIENT_ID.match(dashboard.client_id)
    assert (dashboard.name, dashboard.description, dashboard.scopes) == ("Dashboard", "Ours", ["openid", "profile"])
    assert dashboard.uses_pkce is True and dashboard.is_first_party is True
    assert dashboard.was_dynamically_registered is False and dashboard.organization_id is None
    assert [(uri.uri, uri.default) for uri in dashboard.redirect_uris] == [
        ("https://app.example.com/callback", False), ("myapp://callback", True)]

    partner = connect.create_application(body=CreateOAuthApplication(
        name="Partner", application_type="oauth", is_first_party=False, organization_id=acme.id,
        redirect_uris=[RedirectUriInput(uri="https://partner.example.com/cb")]))
    assert isinstance(partner, ConnectApplicationOAuth)
    assert partner.organization_id == acme.id and partner.is_first_party is False and partner.uses_pkce is False
    assert [(uri.uri, uri.default) for uri in partner.redirect_uris] == [("https://partner.example.com/cb", True)]

    fetched = connect.get_application(dashboard.client_id)
    assert isinstance(fetched, ConnectApplicationOAuth) and fetched.id == dashboard.id
    assert connect.get_application(dashboard.id).client_id == dashboard.client_id
    with pytest.raises(NotFoundError):
        connect.get_application("conn_app_missing")
    with pytest.raises(UnprocessableEntityError):
        connect.create_oauth_application(name="Orphan", is_first_party=False)


def test_m2m_applications_belong_to_an_organization(workos_client: workos.WorkOSClient) -> None:
    connect = workos_client.connect
    acme = workos_client.organizations.create_organization(name="Acme")
    billing = connect.create_m2m_application(name="Billing", organization_id=acme.id, scopes=["invoices:read"])
    assert isinstance(billing, ConnectApplicationM2M)
    assert billing.application_type == "m2m" and billing.organization_id == acme.id
    assert billing.scopes == ["invoices:read"] and billing.description is None
    reports = connect.create_application(body=CreateM2MApplication(
        name="Reports", application_type="m2m", organization_id=acme.id, description="Nightly"))
    assert isinstance(reports, ConnectApplicationM2M) and reports.description == "Nightly" and reports.scopes == []
    with pytest.raises(NotFoundError):
        connect.create_m2m_application(name="Lost", organization_id="org_missing")
    with pytest.raises(UnprocessableEntityError):
        connect.create_application(body={"application_type": "m2m", "name": "No organization"})

    workos_client.organizations.delete_organization(acme.id)
    with pytest.raises(NotFoundError):
        connect.get_application(billing.id)


def test_lists_filter_and_paginate(workos_client: workos.WorkOSClient) -> None:
    connect = workos_client.connect
    acme = workos_client.organizations.create_organization(name="Acme")
    first = connect.create_oauth_application(name="One", is_first_party=True)
    second = connect.create_m2m_application(name="Two", organization_id=acme.id)
    third = connect.create_oauth_application(name="Three", is_first_party=False, organization_id=acme.id)
    assert [app.id for app in connect.list_applications()] == [third.id, second.id, first.id]
    assert [app.id for app in connect.list_applications(limit=1, order="asc").auto_paging_iter()] \
        == [first.id, second.id, third.id]
    assert [app.id for app in connect.list_applications(organization_id=acme.id)] == [third.id, second.id]
    assert len(list(connect.list_applications(registration_types=["authenticated", "dynamic"]))) == 3
    assert list(connect.list_applications(registration_types=["dynamic"])) == []


def test_updates_and_deletion(workos_client: workos.WorkOSClient) -> None:
    connect = workos_client.connect
    dashboard = connect.create_oauth_application(name="Dashboard", is_first_party=True, description="Ours",
                                                 scopes=["openid"])
    renamed = connect.update_application(dashboard.id, name="Console", redirect_uris=[
        RedirectUriInput(uri="https://a.example/cb"), RedirectUriInput(uri="https://b.example/cb", default=True)])
    assert isinstance(renamed, ConnectApplicationOAuth)
    assert renamed.name == "Console" and renamed.description == "Ours" and renamed.scopes == ["openid"]
    assert [(uri.uri, uri.default) for uri in renamed.redirect_uris] == [
        ("https://a.example/cb", False), ("https://b.example/cb", True)]
    cleared = connect.update_application(dashboard.client_id, description=None, scopes=None, redirect_uris=None)
    assert cleared.description is None and cleared.scopes == [] and cleared.redirect_uris == []

    acme = workos_client.organizations.create_organization(name="Acme")
    billing = connect.create_m2m_application(name="Billing", organization_id=acme.id)
    with pytest.raises(UnprocessableEntityError):
        connect.update_application(billing.id, redirect_uris=[RedirectUriInput(uri="https://a.example/cb")])
    assert connect.update_application(billing.id, scopes=["invoices:read"]).scopes == ["invoices:read"]

    assert connect.delete_application(dashboard.id) is None
    with pytest.raises(NotFoundError):
        connect.get_application(dashboard.id)
    with pytest.raises(NotFoundError):
        connect.delete_application(dashboard.id)


def test_client_secrets_are_shown_once(workos_client: workos.WorkOSClient) -> None:
    connect = workos_client.connect
    dashboard = connect.create_oauth_application(name="Dashboard", is_first_party=True)
    assert connect.list_application_client_secrets(dashboard.id) == []
    first = connect.create_application_client_secret(dashboard.id)
    assert first.id.startswith("secret_") and first.object == "connect_application_secret"
    assert len(first.secret) >= 40 and first.secret_hint == first.secret[-4:] and first.last_used_at is None
    second = connect.create_application_client_secret(dashboard.client_id)
    assert second.secret != first.secret

    listed = connect.list_application_client_secrets(dashboard.id)
    assert [secret.id for secret in listed] == [first.id, second.id]
    assert [secret.secret_hint for secret in listed] == [first.secret_hint, second.secret_hint]
    assert not hasattr(listed[0], "secret")

    assert connect.delete_client_secret(first.id) is None
    assert [secret.id for secret in connect.list_application_client_secrets(dashboard.id)] == [second.id]
    with pytest.raises(NotFoundError):
        connect.delete_client_secret(first.id)
    connect.delete_application(dashboard.id)
    with pytest.raises(NotFoundError):
        connect.list_application_client_secrets(dashboard.id)
    with pytest.raises(NotFoundError):
        connect.create_application_client_secret(dashboard.id)
