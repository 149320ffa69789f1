"""The Events API through the official Python SDK (workos 10.6.0): `client.events.list_events`.

Events are made by real API calls (organizations) and by the control API's `POST /_emulator/events`,
which emits any event type through the same path.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict

import pytest
import workos
from workos import UnprocessableEntityError
from workos.common.models.organization_created import OrganizationCreated
from workos.common.models.organization_updated import OrganizationUpdated
from workos.events.models.event_schema import EventSchemaUnknown

from webhook_support import control


def test_events_filter_is_required(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(UnprocessableEntityError) as raised:
        workos_client.events.list_events(events=[])
    assert raised.value.errors and raised.value.errors[0]["field"] == "events"
    assert raised.value.errors[0]["code"] == "required"


def test_list_events_parses_into_the_sdk_models(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Acme")
    workos_client.organizations.update_organization(org.id, name="Acme Inc")

    page = workos_client.events.list_events(events=["organization.created", "organization.updated"], order="asc")
    assert [type(event) for event in page.data] == [OrganizationCreated, OrganizationUpdated]
    created, updated = page.data
    assert created.object == "event"
    assert created.id.startswith("event_")
    assert created.data.id == org.id and created.data.name == "Acme"
    assert updated.data.name == "Acme Inc"
    assert created.created_at.tzinfo is not None
    assert created.created_at <= updated.created_at


def test_filters_by_organization_and_time(workos_client: workos.WorkOSClient) -> None:
    acme = workos_client.organizations.create_organization(name="Acme")
    workos_client.organizations.create_organization(name="Beta")

    mine = workos_client.events.list_events(events=["organization.created"], organization_id=acme.id)
    assert [event.data.id for event in mine.data] == [acme.id]

    future = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    past = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    assert workos_client.events.list_events(events=["organization.created"], range_start=future).data == []
    assert len(workos_client.events.list_events(events=["organization.created"], range_start=past, range_end=future).data) == 2


def test_auto_paging_walks_every_event(workos_client: workos.WorkOSClient) -> None:
    for index in range(7):
        workos_client.organizations.create_organization(name=f"Org {index}")
    page = workos_client.events.list_events(events=["organization.created"], limit=3, order="asc")
    assert len(page.data) == 3
    names = [event.data.name for event in page.auto_paging_iter()]
    assert names == [f"Org {index}" for index in range(7)]


def test_emitted_events_are_listed_too(emulator_url: str, env: Dict[str, Any], workos_client: workos.WorkOSClient) -> None:
    status, emitted = control(emulator_url, env["api_key"], "POST", "/_emulator/events",
                              {"event": "directory.user_created", "data": {"id": "directory_user_1", "email": "a@b.c"}})
    assert status == 201, emitted
    listed = workos_client.events.list_events(events=["directory.user_created"]).data
    assert len(listed) == 1
    # Not an event type the SDK knows: it parses as the catch-all model.
    assert isinstance(listed[0], EventSchemaUnknown)
    assert listed[0].raw_data["id"] == emitted["id"]
