"""Agents through the official Python SDK (workos 10.6.0, `client.agents`): blueprints, token mints
and their validation by the virtual clock, instances and sessions.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest
import workos
from workos import BadRequestError, NotFoundError, UnprocessableEntityError
from workos.agents import (
    AgentBlueprintsCreateRequestInvocableAs,
    AgentBlueprintsCreateRequestInvocableBy,
    AgentBlueprintsCreateRequestSessionSetting,
    AgentBlueprintsUpdateRequestSessionSetting,
)

BLUEPRINT_ID = re.compile(r"^agent_blueprint_[0-9A-HJKMNP-TV-Z]{26}$")


def test_blueprints_are_created_read_listed_updated_and_deleted(workos_client: workos.WorkOSClient) -> None:
    agents = workos_client.agents
    workos_client.authorization.create_permission(slug="crm:read", name="CRM read")
    org = workos_client.organizations.create_organization(name="Acme")
    created = agents.create_blueprint(
        name="Prospecting Agent", description="Finds prospects", permissions=["crm:read"],
        invocable_by=AgentBlueprintsCreateRequestInvocableBy(role_slugs=["manager"], organization_ids=[org.id]),
        invocable_as=AgentBlueprintsCreateRequestInvocableAs(instance_types=["autonomous"]),
        session_settings=AgentBlueprintsCreateRequestSessionSetting(
            max_age_seconds=7200, access_token_ttl_seconds=120, refresh_token_ttl_seconds=600),
    )
    assert BLUEPRINT_ID.match(created.id) and created.object == "agent_blueprint"
    assert created.permissions == ["crm:read"] and created.description == "Finds prospects"
    assert created.invocable_by.organization_ids == [org.id] and created.invocable_by.role_slugs == ["manager"]
    assert created.invocable_as.instance_types == ["autonomous"]
    assert created.session_settings.access_token_ttl_seconds == 120

    assert agents.get_blueprint(created.id).name == "Prospecting Agent"
    second = agents.create_blueprint(name="Second")
    page = agents.list_blueprints(limit=1)
    assert [b.id for b in page.data] == [second.id]
    assert [b.id for b in page.auto_paging_iter()] == [second.id, created.id]

    updated = agents.update_blueprint(created.id, name="Renamed", description=None,
                                      session_settings=AgentBlueprintsUpdateRequestSessionSetting(max_age_seconds=60))
    assert updated.name == "Renamed" and updated.description is None
    assert updated.session_settings.max_age_seconds == 60 and updated.session_settings.access_token_ttl_seconds == 120
    assert updated.permissions == ["crm:read"]

    agents.delete_blueprint(created.id)
    with pytest.raises(NotFoundError):
        agents.get_blueprint(created.id)


def test_bad_blueprints_are_refused(workos_client: workos.WorkOSClient) -> None:
    agents = workos_client.agents
    with pytest.raises(UnprocessableEntityError):
        agents.create_blueprint(name="Agent", permissions=["no:such-permission"])
    with pytest.raises(UnprocessableEntityError):
        agents.create_blueprint(name="")
    with pytest.raises(NotFoundError):
        agents.update_blueprint("agent_blueprint_missing", name="X")
    with pytest.raises(NotFoundError):
        agents.delete_blueprint("agent_blueprint_missing")


def test_tokens_mint_validate_refresh_and_expire(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    agents = workos_client.agents
    org = workos_client.organizations.create_organization(name="Acme")
    blueprint = agents.create_blueprint(name="Agent", session_settings=AgentBlueprintsCreateRequestSessionSetting(
        max_age_seconds=3600, access_token_ttl_seconds=60, refresh_token_ttl_seconds=600))
    control("POST", "/_emulator/clock", {"frozen": True})
    token = agents.create_blueprint_token(blueprint.id, type="autonomous", organization_id=org.id, intent="triage")
    assert token.new_instance and token.expires_in == 60 and token.token_type == "Bearer"

    valid = agents.validate_blueprint_token(blueprint.id, agent_access_token=token.access_token)
    assert valid.valid and valid.organization_id == org.id and valid.intent == "triage"
    assert valid.agent_instance_id == token.agent_instance_id and valid.acting_user_id is None

    again = agents.create_blueprint_token(blueprint.id, type="autonomous", organization_id=org.id)
    assert not again.new_instance and again.agent_instance_id == token.agent_instance_id

    control("POST", "/_emulator/clock", {"advance_seconds": 61})
    with pytest.raises(BadRequestError) as expired:
        agents.validate_blueprint_token(blueprint.id, agent_access_token=token.access_token)
    assert expired.value.code == "invalid_agent_access_token"

    refreshed = agents.create_blueprint_token(blueprint.id, type="refresh", refresh_token=token.refresh_token)
    assert refreshed.agent_instance_session_id == token.agent_instance_session_id
    assert agents.validate_blueprint_token(blueprint.id, agent_access_token=refreshed.access_token).valid
    with pytest.raises(BadRequestError) as replay:
        agents.create_blueprint_token(blueprint.id, type="refresh", refresh_token=token.refresh_token)
    assert replay.value.code == "invalid_refresh_token"

    chained = agents.create_blueprint_token(blueprint.id, type="agent_delegated", agent_access_token=refreshed.access_token)
    assert chained.agent_instance_id == token.agent_instance_id
    assert chained.agent_instance_session_id != token.agent_instance_session_id


def test_instances_and_sessions_are_listed_revoked_and_deleted(workos_client: workos.WorkOSClient) -> None:
    agents = workos_client.agents
    acme = workos_client.organizations.create_organization(name="Acme")
    globex = workos_client.organizations.create_organization(name="Globex")
    blueprint = agents.create_blueprint(name="Agent")
    a = agents.create_blueprint_token(blueprint.id, type="autonomous", organization_id=acme.id)
    b = agents.create_blueprint_token(blueprint.id, type="autonomous", organization_id=globex.id)

    assert [i.id for i in agents.list_instances(organization_id=acme.id).data] == [a.agent_instance_id]
    assert [i.id for i in agents.list_instances(agent_blueprint_id=blueprint.id).data] == [b.agent_instance_id, a.agent_instance_id]
    instance = agents.get_instance(a.agent_instance_id)
    assert instance.object == "agent_instance" and instance.type == "autonomous"
    assert instance.organization_membership_id is None

    sessions = agents.list_sessions(agent_instance_id=b.agent_instance_id).data
    assert [s.id for s in sessions] == [b.agent_instance_session_id]
    session = agents.get_session(a.agent_instance_session_id)
    assert session.status == "active" and session.revoked_at is None

    revoked = agents.revoke_session(a.agent_instance_session_id)
    assert revoked.status == "revoked" and revoked.revoked_at is not None
    with pytest.raises(BadRequestError) as dead:
        agents.validate_blueprint_token(blueprint.id, agent_access_token=a.access_token)
    assert dead.value.code == "session_revoked"

    agents.delete_instance(b.agent_instance_id)
    with pytest.raises(NotFoundError):
        agents.get_instance(b.agent_instance_id)
    assert [s.id for s in agents.list_sessions(organization_id=globex.id).data] == []


def test_registrations_read_and_revoke(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    agents = workos_client.agents
    org = workos_client.organizations.create_organization(name="Acme")
    made = control("POST", "/_emulator/agents/registrations", {"organization_id": org.id, "kind": "service_auth"})
    registration = agents.get_registration(made["id"])
    assert registration.organization_id == org.id and registration.status == "verified"
    assert registration.kind == "service_auth" and registration.claim is None and registration.revoked_at is None
    revoked = agents.revoke_registration(made["id"])
    assert revoked.status == "revoked" and revoked.revoked_at is not None
    with pytest.raises(NotFoundError):
        agents.get_registration("agent_reg_missing")
