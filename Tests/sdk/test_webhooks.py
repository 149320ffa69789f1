"""Webhooks through the official Python SDK (workos 10.6.0): endpoints through `client.webhooks`,
every delivered payload checked with the SDK's own `webhooks.verify_event`, the same events read
back through `events.list_events`, and the faults a handler must survive.

A test drives delivery with the control API's flush (`POST /_emulator/webhooks/flush`), which returns
when nothing is due, so no test sleeps waiting for a webhook.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
import workos
from workos import ConflictError, NotFoundError, UnprocessableEntityError
from workos.common.models.organization_created import OrganizationCreated
from workos.common.models.organization_deleted import OrganizationDeleted
from workos.common.models.organization_updated import OrganizationUpdated
from workos.webhooks.models import WebhookEndpoint

from webhook_support import Receiver, control

ENDPOINT_ID = re.compile(r"^we_[0-9A-HJKMNP-TV-Z]{26}$")
ORGANIZATION_EVENTS = ["organization.created", "organization.updated", "organization.deleted"]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()


def flush(emulator_url: str, env: Dict[str, Any]) -> Dict[str, Any]:
    status, body = control(emulator_url, env["api_key"], "POST", "/_emulator/webhooks/flush", {})
    assert status == 200, body
    return body


def deliveries(emulator_url: str, env: Dict[str, Any], query: str = "") -> List[Dict[str, Any]]:
    status, body = control(emulator_url, env["api_key"], "GET", f"/_emulator/webhook_deliveries?order=asc&limit=100{query}")
    assert status == 200, body
    return body["data"]


def set_faults(emulator_url: str, env: Dict[str, Any], endpoint: WebhookEndpoint, **faults: Any) -> None:
    status, body = control(emulator_url, env["api_key"], "PUT", f"/_emulator/webhook_endpoints/{endpoint.id}/faults", faults)
    assert status == 200, body


# --- endpoints -------------------------------------------------------------------------------


def test_webhook_endpoint_crud(workos_client: workos.WorkOSClient) -> None:
    created = workos_client.webhooks.create_webhook_endpoint(
        endpoint_url="https://example.com/webhooks", events=["user.created", "dsync.user.created"])
    assert isinstance(created, WebhookEndpoint)
    assert ENDPOINT_ID.match(created.id), created.id
    assert created.secret.startswith("whsec_")
    assert created.status == "enabled"
    assert created.events == ["user.created", "dsync.user.created"]

    updated = workos_client.webhooks.update_webhook_endpoint(created.id, status="disabled", events=["user.deleted"])
    assert updated.status == "disabled"
    assert updated.events == ["user.deleted"]
    assert updated.secret == created.secret
    assert updated.updated_at >= created.updated_at

    listed = workos_client.webhooks.list_webhook_endpoints()
    assert [endpoint.id for endpoint in listed.data] == [created.id]

    workos_client.webhooks.delete_webhook_endpoint(created.id)
    assert workos_client.webhooks.list_webhook_endpoints().data == []
    with pytest.raises(NotFoundError):
        workos_client.webhooks.delete_webhook_endpoint(created.id)


def test_webhook_endpoint_errors(workos_client: workos.WorkOSClient) -> None:
    workos_client.webhooks.create_webhook_endpoint(endpoint_url="https://example.com/a", events=["user.created"])
    with pytest.raises(ConflictError) as duplicate:
        workos_client.webhooks.create_webhook_endpoint(endpoint_url="https://example.com/a", events=["user.updated"])
    assert duplicate.value.code == "duplicate_endpoint"
    with pytest.raises(UnprocessableEntityError) as bad_url:
        workos_client.webhooks.create_webhook_endpoint(endpoint_url="not a url", events=["user.created"])
    assert bad_url.value.code == "invalid_url"
    with pytest.raises(UnprocessableEntityError) as unknown:
        workos_client.webhooks.create_webhook_endpoint(endpoint_url="https://example.com/b", events=["user.exploded"])
    assert unknown.value.errors[0]["code"] == "unknown_event_type"
    with pytest.raises(NotFoundError):
        workos_client.webhooks.update_webhook_endpoint("we_01HZZZZZZZZZZZZZZZZZZZZZZZ", status="enabled")


# --- delivery ----------------------------------------------------------------------------------


def test_every_delivery_verifies_with_the_sdk(emulator_url: str, env: Dict[str, Any],
                                             workos_client: workos.WorkOSClient, receiver: Receiver) -> None:
    endpoint = workos_client.webhooks.create_webhook_endpoint(endpoint_url=receiver.url, events=ORGANIZATION_EVENTS)
    org = workos_client.organizations.create_organization(name="Acme")
    workos_client.organizations.update_organization(org.id, name="Acme Inc")
    workos_client.organizations.delete_organization(org.id)
    flush(emulator_url, env)

    # One object's events reach one endpoint in order.
    events = [workos_client.webhooks.verify_event(event_body=received.body, event_signature=received.signature,
                                                   secret=endpoint.secret) for received in receiver.received]
    assert [type(event) for event in events] == [OrganizationCreated, OrganizationUpdated, OrganizationDeleted]
    assert all(event.data.id == org.id for event in events)
    assert events[1].data.name == "Acme Inc"

    listed = workos_client.events.list_events(events=ORGANIZATION_EVENTS, order="asc").data
    assert [event.id for event in listed] == [event.id for event in events]
    assert [event.created_at for event in listed] == [event.created_at for event in events]
    assert all(delivery["state"] == "delivered" for delivery in deliveries(emulator_url, env))


def test_retries_and_the_delivery_log(emulator_url: str, env: Dict[str, Any],
                                      workos_client: workos.WorkOSClient, receiver: Receiver) -> None:
    endpoint = workos_client.webhooks.create_webhook_endpoint(endpoint_url=receiver.url, events=ORGANIZATION_EVENTS)
    receiver.statuses = [500]
    workos_client.organizations.create_organization(name="Acme")
    flush(emulator_url, env)

    [delivery] = deliveries(emulator_url, env)
    assert delivery["state"] == "pending"
    [attempt] = delivery["attempts"]
    assert attempt["status"] == 500
    assert attempt["next_retry_at"] == delivery["next_attempt_at"]
    assert isinstance(attempt["latency_ms"], int)

    # Redelivering a pending delivery attempts it now rather than at its retry time.
    status, redelivered = control(emulator_url, env["api_key"], "POST",
                                  f"/_emulator/webhook_deliveries/{delivery['id']}/redeliver", {})
    assert status == 200, redelivered
    flush(emulator_url, env)
    [delivery] = deliveries(emulator_url, env)
    assert delivery["state"] == "delivered"
    assert [attempt["status"] for attempt in delivery["attempts"]] == [500, 200]
    first, second = receiver.received
    assert first.body == second.body
    for received in receiver.received:
        workos_client.webhooks.verify_event(event_body=received.body, event_signature=received.signature,
                                            secret=endpoint.secret)


def test_faults_a_handler_must_survive(emulator_url: str, env: Dict[str, Any],
                                       workos_client: workos.WorkOSClient, receiver: Receiver) -> None:
    endpoint = workos_client.webhooks.create_webhook_endpoint(endpoint_url=receiver.url, events=ORGANIZATION_EVENTS)

    def verify(received: Any) -> Any:
        return workos_client.webhooks.verify_event(event_body=received.body, event_signature=received.signature,
                                                   secret=endpoint.secret)

    set_faults(emulator_url, env, endpoint, bad_signature=True, count=1)
    workos_client.organizations.create_organization(name="Forged")
    flush(emulator_url, env)
    with pytest.raises(ValueError, match="Signature hash does not match"):
        verify(receiver.received[-1])

    set_faults(emulator_url, env, endpoint, stale_timestamp_seconds=600, count=1)
    workos_client.organizations.create_organization(name="Stale")
    flush(emulator_url, env)
    with pytest.raises(ValueError, match="Timestamp outside the tolerance zone"):
        verify(receiver.received[-1])

    set_faults(emulator_url, env, endpoint, duplicate=True, count=1)
    workos_client.organizations.create_organization(name="Twice")
    flush(emulator_url, env)
    twice = [verify(received) for received in receiver.received[-2:]]
    assert twice[0].id == twice[1].id and twice[0].data.name == "Twice"

    # A dropped webhook never arrives; the Events API is how a handler catches up.
    set_faults(emulator_url, env, endpoint, drop=True, count=1)
    dropped = workos_client.organizations.create_organization(name="Dropped")
    flush(emulator_url, env)
    assert all(received.json["data"]["id"] != dropped.id for received in receiver.received)
    assert dropped.id in [event.data.id for event in workos_client.events.list_events(events=["organization.created"]).data]
    assert [delivery["state"] for delivery in deliveries(emulator_url, env, "&state=dropped")] == ["dropped"]


def test_unknown_fields_and_endpoints_in_the_control_api(emulator_url: str, env: Dict[str, Any],
                                                         workos_client: workos.WorkOSClient) -> None:
    endpoint = workos_client.webhooks.create_webhook_endpoint(endpoint_url="https://example.com/x", events=["user.created"])
    status, body = control(emulator_url, env["api_key"], "PUT", f"/_emulator/webhook_endpoints/{endpoint.id}/faults",
                           {"explode": True})
    assert status == 422 and body["errors"][0]["code"] == "unknown_field"
    status, _ = control(emulator_url, env["api_key"], "POST", "/_emulator/webhook_deliveries/webhook_delivery_x/redeliver", {})
    assert status == 404


# --- the integration guide (reference/workos-skill.md §5 and Workflow 3) ----------------------


def test_skill_webhook_handler_works_as_written(spawn_emulator: Callable[..., Any]) -> None:
    """The guide's handler: verify the signature with the secret from the environment, switch on the
    event type, answer 200 (or 400 for a bad signature). The emulator is started with
    `--webhook URL,secret`, the guide's one-endpoint setup, and the directory events of Workflow 3
    are emitted through the control API."""
    workos_webhook_secret = "wh_secret_from_the_dashboard"
    handled: List[str] = []
    client = workos.WorkOSClient(api_key="sk_test_default", client_id="client_default",
                                 base_url="http://127.0.0.1:1", max_retries=0)

    def handle(body: bytes, signature: Optional[str]) -> int:
        try:
            webhook = client.webhooks.verify_event(event_body=body, event_signature=signature or "",
                                                   secret=workos_webhook_secret)
        except ValueError:
            return 400
        event = webhook.to_dict()["event"]
        if event in ("directory.user_created", "directory.user_updated", "directory.user_deleted"):
            handled.append(event)
        return 200

    receiver = Receiver(handler=handle)
    try:
        emulator = spawn_emulator("--db", ":memory:", "--webhook", f"{receiver.url},{workos_webhook_secret}")
        base_url = emulator.wait_until_listening(60)
        assert any(f"webhook: {receiver.url}" in line for line in emulator.output)
        for event in ("directory.user_created", "directory.user_updated", "directory.user_deleted"):
            status, body = control(base_url, "sk_test_default", "POST", "/_emulator/events",
                                   {"event": event, "data": {"id": "directory_user_01", "email": "ada@example.com"}})
            assert status == 201, body
        flush(base_url, {"api_key": "sk_test_default"})
        assert handled == ["directory.user_created", "directory.user_updated", "directory.user_deleted"]
    finally:
        receiver.close()


# --- durability ---------------------------------------------------------------------------------


def test_accepted_events_survive_a_crash(spawn_emulator: Callable[..., Any], tmp_path: Path) -> None:
    """Kill -9 the emulator while its receiver sits on every delivery; start it again on the same data
    directory: every event accepted before the crash is delivered."""
    gate = threading.Event()

    def slow(body: bytes, signature: Optional[str]) -> int:
        gate.wait(30)
        return 200

    receiver = Receiver(handler=slow)
    try:
        first = spawn_emulator("--db", str(tmp_path))
        base_url = first.wait_until_listening(60)
        client = workos.WorkOSClient(api_key="sk_test_default", client_id="client_default",
                                     base_url=base_url, max_retries=0)
        endpoint = client.webhooks.create_webhook_endpoint(endpoint_url=receiver.url, events=["organization.created"])
        created = [client.organizations.create_organization(name=f"Org {index}").id for index in range(5)]
        receiver.wait_for(1)
        first.process.kill()
        first.process.wait(10)
        gate.set()

        second = spawn_emulator("--db", str(tmp_path))
        base_url = second.wait_until_listening(60)
        flush(base_url, {"api_key": "sk_test_default"})
        delivered = {}
        for received in receiver.received:
            event = client.webhooks.verify_event(event_body=received.body, event_signature=received.signature,
                                                 secret=endpoint.secret)
            delivered[event.data.id] = event.id
        assert sorted(delivered) == sorted(created)
        assert {delivery["state"] for delivery in deliveries(base_url, {"api_key": "sk_test_default"})} == {"delivered"}
    finally:
        gate.set()
        receiver.close()
