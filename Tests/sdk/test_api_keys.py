"""API keys through the official Python SDK (workos 10.6.0): organization keys (`client.api_keys`),
user keys (`client.user_management`), validation, expiry, deletion, and their events.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest
import workos
from workos import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError

API_KEY_ID = re.compile(r"^api_key_[0-9A-HJKMNP-TV-Z]{26}$")


def now(control: Callable[..., Any]) -> datetime:
    return datetime.fromisoformat(control("GET", "/_emulator/clock")["now"].replace("Z", "+00:00"))


def test_organization_keys_are_shown_once_and_validated(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Acme")
    for slug in ("posts:read", "posts:write"):
        workos_client.authorization.create_permission(slug=slug, name=slug)
    keys = workos_client.api_keys
    created = keys.create_organization_api_key(org.id, name="Production", permissions=["posts:read", "posts:write"],
                                               expires_at="2099-01-01T00:00:00Z")
    assert API_KEY_ID.match(created.id) and created.object == "api_key"
    assert (created.owner.type, created.owner.id) == ("organization", org.id)
    assert created.name == "Production" and created.permissions == ["posts:read", "posts:write"]
    assert created.value.startswith("sk_") and created.obfuscated_value == "sk_..." + created.value[-4:]
    assert created.expires_at == datetime(2099, 1, 1, tzinfo=timezone.utc) and created.last_used_at is None
    assert created.created_at == created.updated_at

    listed = list(keys.list_organization_api_keys(org.id).auto_paging_iter())
    assert [key.id for key in listed] == [created.id]
    assert not hasattr(listed[0], "value") and listed[0].obfuscated_value == created.obfuscated_value

    validation = keys.create_validation(value=created.value)
    assert validation.api_key is not None and validation.api_key.id == created.id
    assert validation.api_key.owner.id == org.id and validation.api_key.last_used_at is not None
    assert validation.agent_registration_id is None
    assert keys.create_validation(value="sk_unknown").api_key is None

    second = keys.create_organization_api_key(org.id, name="Staging")
    assert second.permissions == [] and second.expires_at is None
    assert [key.id for key in keys.list_organization_api_keys(org.id, limit=1).auto_paging_iter()] == [second.id, created.id]
    assert [key.id for key in keys.list_organization_api_keys(org.id, order="asc")] == [created.id, second.id]


def test_bad_keys_are_refused(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Acme")
    keys = workos_client.api_keys
    with pytest.raises(UnprocessableEntityError) as refused:
        keys.create_organization_api_key(org.id, name="k", permissions=["posts:nope"])
    assert refused.value.code == "invalid_request_parameters"
    with pytest.raises(UnprocessableEntityError):
        keys.create_organization_api_key(org.id, name="k", expires_at="2000-01-01T00:00:00Z")
    with pytest.raises(NotFoundError):
        keys.create_organization_api_key("org_missing", name="k")
    with pytest.raises(NotFoundError):
        keys.list_organization_api_keys("org_missing")
    with pytest.raises(UnprocessableEntityError):
        keys.create_validation(value="")


def test_expiry_can_be_scheduled_cleared_or_immediate(workos_client: workos.WorkOSClient,
                                                      control: Callable[..., Any]) -> None:
    control("POST", "/_emulator/clock", {"frozen": True})
    org = workos_client.organizations.create_organization(name="Acme")
    keys = workos_client.api_keys
    created = keys.create_organization_api_key(org.id, name="Production")

    later = now(control) + timedelta(hours=1)
    scheduled = keys.create_api_key_expire(created.id, expires_at=later.isoformat().replace("+00:00", "Z"))
    assert scheduled.expires_at == later and scheduled.owner.type == "organization"
    control("POST", "/_emulator/clock", {"advance_seconds": 3599})
    assert keys.create_validation(value=created.value).api_key is not None

    assert keys.create_api_key_expire(created.id, expires_at=None).expires_at is None
    control("POST", "/_emulator/clock", {"advance_seconds": 2})
    assert keys.create_validation(value=created.value).api_key is not None

    expired = keys.create_api_key_expire(created.id)
    assert expired.expires_at == now(control)
    assert keys.create_validation(value=created.value).api_key is None
    with pytest.raises(ConflictError) as again:
        keys.create_api_key_expire(created.id)
    assert again.value.code == "api_key_already_expired"
    with pytest.raises(NotFoundError):
        keys.create_api_key_expire("api_key_missing")


def test_deleting_revokes_and_events_tell_the_story(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Acme")
    keys = workos_client.api_keys
    created = keys.create_organization_api_key(org.id, name="Production")
    keys.create_api_key_expire(created.id, expires_at="2099-01-01T00:00:00Z")
    assert keys.delete_api_key(created.id) is None
    assert keys.create_validation(value=created.value).api_key is None
    assert list(keys.list_organization_api_keys(org.id)) == []
    with pytest.raises(NotFoundError):
        keys.delete_api_key(created.id)

    events = list(workos_client.events.list_events(events=["api_key.created", "api_key.updated", "api_key.revoked"],
                                                   order="asc"))
    assert [event.event for event in events] == ["api_key.created", "api_key.updated", "api_key.revoked"]
    assert all(event.data.id == created.id and event.data.owner.id == org.id for event in events)
    assert events[1].data.previous_attributes.expires_at is None
    assert events[1].data.expires_at == datetime(2099, 1, 1, tzinfo=timezone.utc)
    assert [event.id for event in workos_client.events.list_events(events=["api_key.created"], organization_id=org.id)] \
        == [events[0].id]


def test_user_keys_belong_to_an_active_membership(workos_client: workos.WorkOSClient) -> None:
    acme = workos_client.organizations.create_organization(name="Acme")
    globex = workos_client.organizations.create_organization(name="Globex")
    ann = workos_client.user_management.create_user(email="ann@example.com")
    workos_client.authorization.create_permission(slug="posts:read", name="Read posts")
    users = workos_client.user_management
    with pytest.raises(UnprocessableEntityError):
        users.create_user_api_key(ann.id, name="CLI", organization_id=acme.id)
    workos_client.organization_membership.create_organization_membership(user_id=ann.id, organization_id=acme.id)
    workos_client.organization_membership.create_organization_membership(user_id=ann.id, organization_id=globex.id)

    in_acme = users.create_user_api_key(ann.id, name="CLI", organization_id=acme.id, permissions=["posts:read"],
                                        expires_at="2099-01-01T00:00:00Z")
    assert API_KEY_ID.match(in_acme.id) and in_acme.value.startswith("sk_")
    assert (in_acme.owner.type, in_acme.owner.id, in_acme.owner.organization_id) == ("user", ann.id, acme.id)
    assert in_acme.permissions == ["posts:read"] and in_acme.expires_at == datetime(2099, 1, 1, tzinfo=timezone.utc)
    in_globex = users.create_user_api_key(ann.id, name="CI", organization_id=globex.id)

    assert [key.id for key in users.list_user_api_keys(ann.id)] == [in_globex.id, in_acme.id]
    only_acme = list(users.list_user_api_keys(ann.id, organization_id=acme.id))
    assert [key.id for key in only_acme] == [in_acme.id] and only_acme[0].owner.organization_id == acme.id

    validated = workos_client.api_keys.create_validation(value=in_acme.value).api_key
    assert validated is not None and validated.owner.type == "user" and validated.owner.organization_id == acme.id

    with pytest.raises(BadRequestError):
        users.create_user_api_key(ann.id, name="CLI", organization_id=acme.id, permissions=["posts:nope"])
    with pytest.raises(NotFoundError):
        users.create_user_api_key("user_missing", name="CLI", organization_id=acme.id)
    with pytest.raises(NotFoundError):
        users.list_user_api_keys("user_missing")


def test_the_api_keys_widget_manages_its_organizations_keys(workos_client: workos.WorkOSClient,
                                                            emulator_url: str, env: dict) -> None:
    acme = workos_client.organizations.create_organization(name="Acme")
    globex = workos_client.organizations.create_organization(name="Globex")
    admin = workos_client.user_management.create_user(email="admin@acme.com")
    workos_client.organization_membership.create_organization_membership(user_id=admin.id, organization_id=acme.id)
    token = workos_client.widgets.create_token(organization_id=acme.id, user_id=admin.id,
                                               scopes=["widgets:api-keys:manage"]).token
    widget = workos.WorkOSClient(api_key=token, client_id=env["client_id"], base_url=emulator_url, max_retries=0)
    created = widget.api_keys.create_organization_api_key(acme.id, name="From the widget")
    assert [key.id for key in widget.api_keys.list_organization_api_keys(acme.id)] == [created.id]
    with pytest.raises(workos.AuthorizationError):
        widget.api_keys.list_organization_api_keys(globex.id)
    widget.api_keys.delete_api_key(created.id)
    assert list(workos_client.api_keys.list_organization_api_keys(acme.id)) == []
