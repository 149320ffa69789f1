"""Pipes through the official Python SDK (workos 10.6.0): users' and organizations' connected accounts
(`client.pipes.*_connected_account`) and the data providers lists.
"""

from __future__ import annotations

import pytest
import workos
from workos import ConflictError, NotFoundError, UnprocessableEntityError


def test_a_users_connected_account_lifecycle(workos_client: workos.WorkOSClient) -> None:
    pipes = workos_client.pipes
    ada = workos_client.user_management.create_user(email="ada@example.com")
    created = pipes.create_user_connected_account(
        ada.id, "github", access_token="gho_access", refresh_token="ghr_refresh", expires_at="2099-01-01T00:00:00Z",
        scopes=["repo"], account_display_name="ada-gh", account_identifier="12345")
    assert created.id.startswith("data_installation_") and created.object == "connected_account"
    assert (created.user_id, created.organization_id, created.scopes) == (ada.id, None, ["repo"])
    assert created.state == "connected" and created.connection_role == "compatibility" and created.auth_method == "oauth"
    assert (created.account_display_name, created.account_identifier) == ("ada-gh", "12345")
    assert not hasattr(created, "access_token")

    fetched = pipes.get_user_connected_account(ada.id, "github", supports_multiple_connections=True)
    assert fetched.id == created.id and fetched.scopes == ["repo"] and fetched.created_at == created.created_at
    assert pipes.get_user_connected_account(ada.id, "github", connected_account_id=created.id).id == created.id
    with pytest.raises(NotFoundError):
        pipes.get_user_connected_account(ada.id, "slack")
    with pytest.raises(ConflictError):
        pipes.create_user_connected_account(ada.id, "github", access_token="again")

    updated = pipes.update_user_connected_account(ada.id, "github", state="needs_reauthorization",
                                                  account_display_name=None)
    assert updated.id == created.id and updated.state == "needs_reauthorization"
    assert updated.account_display_name is None and updated.account_identifier == "12345"
    reauthorized = pipes.update_user_connected_account(ada.id, "github", access_token="gho_new", scopes=["repo", "gist"],
                                                       connected_account_id=created.id, connection_intent="reauthorize")
    assert reauthorized.state == "connected" and reauthorized.scopes == ["repo", "gist"]

    events = [event.event for event in workos_client.events.list_events(
        events=["pipes.connected_account.connected", "pipes.connected_account.reauthorization_needed",
                "pipes.connected_account.disconnected"], order="asc")]
    assert events == ["pipes.connected_account.connected", "pipes.connected_account.reauthorization_needed",
                      "pipes.connected_account.connected"]

    pipes.delete_user_connected_account(ada.id, "github")
    with pytest.raises(NotFoundError):
        pipes.get_user_connected_account(ada.id, "github")


def test_user_accounts_scoped_to_an_organization(workos_client: workos.WorkOSClient) -> None:
    pipes = workos_client.pipes
    acme = workos_client.organizations.create_organization(name="Acme")
    ada = workos_client.user_management.create_user(email="ada@example.com")
    scoped = pipes.create_user_connected_account(ada.id, "slack", organization_id=acme.id, access_token="xoxp")
    assert scoped.organization_id == acme.id
    assert pipes.get_user_connected_account(ada.id, "slack", organization_id=acme.id).id == scoped.id
    with pytest.raises(NotFoundError):
        pipes.get_user_connected_account(ada.id, "slack")
    with pytest.raises(NotFoundError) as unavailable:
        pipes.create_user_connected_account(ada.id, "slack", organization_id=acme.id, access_token="x",
                                            connection_intent="add")
    assert unavailable.value.code == "multiple_connections_unavailable"
    pipes.delete_user_connected_account(ada.id, "slack", organization_id=acme.id, connected_account_id=scoped.id)
    with pytest.raises(NotFoundError):
        pipes.get_user_connected_account(ada.id, "slack", organization_id=acme.id)


def test_an_organizations_connected_account(workos_client: workos.WorkOSClient) -> None:
    pipes = workos_client.pipes
    acme = workos_client.organizations.create_organization(name="Acme")
    ada = workos_client.user_management.create_user(email="ada@example.com")
    stranger = workos_client.user_management.create_user(email="stranger@example.com")
    membership = workos_client.organization_membership.create_organization_membership(user_id=ada.id, organization_id=acme.id)
    with pytest.raises(UnprocessableEntityError):
        pipes.create_organization_connected_account(acme.id, "google-drive", user_id=stranger.id, access_token="ya29")

    created = pipes.create_organization_connected_account(acme.id, "google-drive", user_id=ada.id, access_token="ya29",
                                                          scopes=["drive.readonly"])
    assert (created.organization_id, created.user_id, created.established_by_user_id) == (acme.id, None, ada.id)
    assert created.state == "connected" and created.state_reason is None
    assert pipes.get_organization_connected_account(acme.id, "google-drive").id == created.id

    updated = pipes.update_organization_connected_account(acme.id, "google-drive", user_id=ada.id,
                                                          account_display_name="Shared drive")
    assert updated.account_display_name == "Shared drive" and updated.state == "connected"

    # The member who established it is deactivated: the account needs an admin to reconnect it.
    workos_client.organization_membership.deactivate_organization_membership(membership.id)
    orphaned = pipes.get_organization_connected_account(acme.id, "google-drive", connected_account_id=created.id)
    assert orphaned.state == "needs_reauthorization" and orphaned.state_reason == "establishing_member_membership_ended"
    assert orphaned.established_by_user_id is None

    pipes.delete_organization_connected_account(acme.id, "google-drive", supports_multiple_connections=True)
    with pytest.raises(NotFoundError):
        pipes.get_organization_connected_account(acme.id, "google-drive")


def test_data_providers_show_each_owners_connection(workos_client: workos.WorkOSClient) -> None:
    pipes = workos_client.pipes
    acme = workos_client.organizations.create_organization(name="Acme")
    ada = workos_client.user_management.create_user(email="ada@example.com")
    workos_client.organization_membership.create_organization_membership(user_id=ada.id, organization_id=acme.id)
    mine = pipes.create_user_connected_account(ada.id, "github", access_token="gho")
    shared = pipes.create_organization_connected_account(acme.id, "slack", user_id=ada.id, access_token="xoxb")

    users = pipes.list_user_data_providers(ada.id, supports_multiple_connections=True)
    assert users.object == "list" and [p.slug for p in users.data] == ["github", "google-drive", "notion", "slack"]
    github = users.data[0]
    assert github.object == "data_provider" and github.name == "GitHub" and github.integration_type == "github"
    assert github.connection_owner == "user" and github.ownership == "userland_user" and github.auth_methods == ["oauth"]
    assert github.connected_account is not None and github.connected_account.id == mine.id
    assert [account.id for account in github.connected_accounts] == [mine.id]
    assert users.data[3].connected_account is None and users.data[3].connected_accounts == []
    assert all(p.connected_account is None for p in pipes.list_user_data_providers(ada.id, organization_id=acme.id).data)

    orgs = pipes.list_organization_data_providers(acme.id)
    slack = next(p for p in orgs.data if p.slug == "slack")
    assert slack.connection_owner == "organization" and slack.connected_account is not None
    assert slack.connected_account.id == shared.id and slack.connected_account.established_by_user_id == ada.id
    with pytest.raises(NotFoundError):
        pipes.list_organization_data_providers("org_missing")


def test_deleting_the_owner_disconnects_their_accounts(workos_client: workos.WorkOSClient) -> None:
    pipes = workos_client.pipes
    ada = workos_client.user_management.create_user(email="ada@example.com")
    account = pipes.create_user_connected_account(ada.id, "notion", access_token="secret_notion")
    workos_client.user_management.delete_user(ada.id)
    disconnected = list(workos_client.events.list_events(events=["pipes.connected_account.disconnected"]))
    assert [event.data.id for event in disconnected] == [account.id]
