"""Audit Logs through the official Python SDK (workos 10.6.0): events with and without a schema,
schemas and actions, retention, and an export whose CSV is downloaded and compared with what was written.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from datetime import datetime, timezone
from typing import Any

import pytest
import workos
from workos import BadRequestError, NotFoundError, UnprocessableEntityError
from workos.audit_logs import (
    AuditLogEvent,
    AuditLogEventActor,
    AuditLogEventContext,
    AuditLogEventTarget,
    AuditLogSchemaActor,
    AuditLogSchemaTarget,
    RetentionPeriod,
    RetentionPeriodInDays,
)


def event(action: str, when: datetime, actor: str = "user_1", actor_name: str = "Jon Smith",
          targets: list[AuditLogEventTarget] | None = None, metadata: dict[str, Any] | None = None) -> AuditLogEvent:
    return AuditLogEvent(
        action=action,
        occurred_at=when,
        actor=AuditLogEventActor(id=actor, type="user", name=actor_name),
        targets=targets if targets is not None else [AuditLogEventTarget(id="team_1", type="team", name="Core")],
        context=AuditLogEventContext(location="203.0.113.5", user_agent="Chrome/104.0"),
        metadata=metadata,
    )


@pytest.fixture
def organization_id(workos_client: workos.WorkOSClient) -> str:
    return workos_client.organizations.create_organization(name="Acme").id


def test_create_event_without_a_schema(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    created = workos_client.audit_logs.create_event(
        organization_id=organization_id,
        event=event("user.signed_in", datetime(2026, 1, 10, tzinfo=timezone.utc), metadata={"plan": "pro", "seats": 3}),
        idempotency_key="first-sign-in",
    )
    assert created.success is True
    with pytest.raises(UnprocessableEntityError):
        workos_client.audit_logs.create_event(
            organization_id=organization_id,
            event=event("user.signed_in", datetime(2026, 1, 10, tzinfo=timezone.utc), metadata={"note": "x" * 501}),
        )
    with pytest.raises(NotFoundError):
        workos_client.audit_logs.create_event(
            organization_id="org_01HZZZZZZZZZZZZZZZZZZZZZZZ", event=event("a", datetime.now(timezone.utc)))


def test_create_event_with_a_schema(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    schema = workos_client.audit_logs.create_schema(
        "invoice.paid",
        actor=AuditLogSchemaActor(metadata={"type": "object", "properties": {"role": {"type": "string"}}}),
        targets=[AuditLogSchemaTarget(type="invoice", metadata={
            "type": "object", "properties": {"cost": {"type": "number"}}, "required": ["cost"]})],
        metadata={"type": "object", "properties": {"currency": {"type": "string"}}},
    )
    assert schema.version == 1
    assert schema.targets[0].type == "invoice"
    assert schema.actor is not None and schema.actor.metadata["properties"]["role"] == {"type": "string"}

    paid = event("invoice.paid", datetime(2026, 1, 12, tzinfo=timezone.utc),
                 targets=[AuditLogEventTarget(id="inv_1", type="invoice", metadata={"cost": 42.5})],
                 metadata={"currency": "EUR"})
    assert workos_client.audit_logs.create_event(organization_id=organization_id, event=paid).success

    with pytest.raises(BadRequestError) as rejected:
        workos_client.audit_logs.create_event(
            organization_id=organization_id,
            event=event("invoice.paid", datetime(2026, 1, 12, tzinfo=timezone.utc),
                        targets=[AuditLogEventTarget(id="inv_2", type="invoice", metadata={"cost": "a lot"})]))
    assert rejected.value.code == "invalid_audit_log_event"

    second = workos_client.audit_logs.create_schema("invoice.paid", targets=[AuditLogSchemaTarget(type="invoice")])
    assert second.version == 2
    versions = workos_client.audit_logs.list_action_schemas("invoice.paid", order="asc")
    assert [s.version for s in versions.data] == [1, 2]
    actions = workos_client.audit_logs.list_actions()
    assert [(a.name, a.schema.version) for a in actions.data] == [("invoice.paid", 2)]


def test_retention(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    assert workos_client.audit_logs.get_organization_audit_logs_retention(organization_id).retention_period_in_days == 30
    updated = workos_client.audit_logs.update_organization_audit_logs_retention(
        organization_id, retention=RetentionPeriodInDays(retention_period_in_days=365))
    assert updated.retention_period_in_days == 365
    by_period = workos_client.audit_logs.update_organization_audit_logs_retention(
        organization_id, retention=RetentionPeriod(retention_period="2_YEARS"))
    assert by_period.retention_period_in_days == 730
    with pytest.raises(UnprocessableEntityError):
        workos_client.audit_logs.update_organization_audit_logs_retention(
            organization_id, retention=RetentionPeriodInDays(retention_period_in_days=7))


def test_export_downloads_the_rows_written(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    written = [
        event("user.signed_in", datetime(2026, 1, 10, 9, tzinfo=timezone.utc)),
        event("document.shared", datetime(2026, 1, 11, 9, tzinfo=timezone.utc), actor="user_2", actor_name="Ada, L.",
              targets=[AuditLogEventTarget(id="doc_1", type="document", name='Plan "B"')], metadata={"public": True}),
        event("user.signed_in", datetime(2026, 1, 12, 9, tzinfo=timezone.utc), actor="user_2", actor_name="Ada, L."),
        event("user.signed_in", datetime(2026, 3, 1, tzinfo=timezone.utc)),  # outside the range
    ]
    for item in written:
        workos_client.audit_logs.create_event(organization_id=organization_id, event=item)

    def export_rows(**filters: Any) -> list[dict[str, str]]:
        export = workos_client.audit_logs.create_export(
            organization_id=organization_id, range_start="2026-01-01T00:00:00Z", range_end="2026-02-01T00:00:00Z",
            **filters)
        assert export.state == "ready"
        assert workos_client.audit_logs.get_export(export.id).url == export.url
        with urllib.request.urlopen(export.url) as response:  # no API key: the URL carries its token
            assert response.headers["Content-Type"].startswith("text/csv")
            return list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))

    rows = export_rows()
    assert [(r["occurred_at"], r["action"], r["actor_id"], r["actor_name"]) for r in rows] == [
        ("2026-01-10T09:00:00.000Z", "user.signed_in", "user_1", "Jon Smith"),
        ("2026-01-11T09:00:00.000Z", "document.shared", "user_2", "Ada, L."),
        ("2026-01-12T09:00:00.000Z", "user.signed_in", "user_2", "Ada, L."),
    ]
    assert json.loads(rows[1]["targets"]) == [{"id": "doc_1", "type": "document", "name": 'Plan "B"'}]
    assert json.loads(rows[1]["metadata"]) == {"public": True}
    assert rows[0]["location"] == "203.0.113.5" and rows[0]["user_agent"] == "Chrome/104.0"

    assert [r["action"] for r in export_rows(actions=["document.shared"])] == ["document.shared"]
    assert len(export_rows(actor_ids=["user_2"])) == 2
    assert len(export_rows(actor_names=["Jon Smith"])) == 1
    assert [r["actor_id"] for r in export_rows(targets=["document"])] == ["user_2"]

    with pytest.raises(NotFoundError):
        workos_client.audit_logs.get_export("audit_log_export_01HZZZZZZZZZZZZZZZZZZZZZZZ")
