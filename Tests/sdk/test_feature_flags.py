"""Feature flags through the official Python SDK (workos 10.6.0).

Flags are made in WorkOS's dashboard; here the control API (`POST /_emulator/feature_flags`) and
scenario files stand in for it. Everything else goes through `client.feature_flags`, and the
`feature_flags` claim is read from the access token of a real password sign-in.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any, Callable, Dict, List

import pytest
import workos
from workos import BadRequestError, NotFoundError

FLAG_ID = re.compile(r"^flag_[0-9A-HJKMNP-TV-Z]{26}$")
PASSWORD = "correct-horse-9"


def slugs(items: Any) -> List[str]:
    return [item.slug for item in items]


def claims(access_token: str) -> Dict[str, Any]:
    payload = access_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_flags_made_by_the_control_api_read_through_the_sdk(workos_client: workos.WorkOSClient,
                                                           control: Callable[..., Any]) -> None:
    made = control("POST", "/_emulator/feature_flags",
                   {"slug": "advanced-analytics", "name": "Advanced Analytics", "description": "New dashboard",
                    "tags": ["reports"]})
    flags = workos_client.feature_flags
    flag = flags.get_feature_flag("advanced-analytics")
    assert FLAG_ID.match(flag.id) and flag.id == made["id"]
    assert (flag.name, flag.description, flag.tags, flag.owner) == ("Advanced Analytics", "New dashboard", ["reports"], None)
    assert flag.enabled is False and flag.default_value is False

    control("POST", "/_emulator/feature_flags", {"slug": "beta"})
    assert slugs(flags.list_feature_flags(order="asc").auto_paging_iter()) == ["advanced-analytics", "beta"]
    assert slugs(flags.list_feature_flags(limit=1, order="asc").auto_paging_iter()) == ["advanced-analytics", "beta"]

    assert flags.enable_feature_flag("beta").enabled is True
    assert flags.get_feature_flag("beta").enabled is True
    assert flags.disable_feature_flag("beta").enabled is False
    with pytest.raises(NotFoundError):
        flags.get_feature_flag("nope")
    with pytest.raises(NotFoundError):
        flags.enable_feature_flag("nope")


def test_targets_decide_the_flags_of_organizations_and_users(workos_client: workos.WorkOSClient,
                                                            control: Callable[..., Any]) -> None:
    acme = workos_client.organizations.create_organization(name="Acme")
    globex = workos_client.organizations.create_organization(name="Globex")
    alice = workos_client.user_management.create_user(email="alice@acme.com")
    bob = workos_client.user_management.create_user(email="bob@globex.com")
    workos_client.organization_membership.create_organization_membership(user_id=alice.id, organization_id=acme.id)
    for slug in ("org-beta", "user-beta"):
        control("POST", "/_emulator/feature_flags", {"slug": slug, "enabled": True})
    flags = workos_client.feature_flags

    flags.add_flag_target(acme.id, "org-beta")
    flags.add_flag_target(bob.id, "user-beta")
    flags.add_flag_target(bob.id, "user-beta")  # again: still one target
    assert slugs(flags.list_organization_feature_flags(acme.id).auto_paging_iter()) == ["org-beta"]
    assert slugs(flags.list_organization_feature_flags(globex.id).auto_paging_iter()) == []
    assert slugs(flags.list_user_feature_flags(alice.id).auto_paging_iter()) == ["org-beta"]
    assert slugs(flags.list_user_feature_flags(bob.id).auto_paging_iter()) == ["user-beta"]

    flags.remove_flag_target(acme.id, "org-beta")
    assert slugs(flags.list_user_feature_flags(alice.id).auto_paging_iter()) == []

    with pytest.raises(BadRequestError) as bad:
        flags.add_flag_target("conn_123", "org-beta")
    assert bad.value.code == "invalid_resource_id_format"
    with pytest.raises(NotFoundError):
        flags.add_flag_target("org_01MISSING", "org-beta")
    with pytest.raises(NotFoundError):
        flags.remove_flag_target(acme.id, "nope")
    with pytest.raises(NotFoundError):
        flags.list_organization_feature_flags("org_01MISSING")
    with pytest.raises(NotFoundError):
        flags.list_user_feature_flags("user_01MISSING")

    events = workos_client.events.list_events(events=["flag.rule_updated"]).data
    assert len(events) == 3


def test_a_sign_in_carries_the_flags_in_effect(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    control("POST", "/_emulator/scenarios", {
        "organizations": {"acme": {"name": "Acme"}},
        "users": {"alice": {"email": "alice@acme.com", "password": PASSWORD, "memberships": [{"organization": "acme"}]}},
        "feature_flags": {
            "beta-dashboard": {"enabled": True, "targets": {"organizations": ["acme"]}},
            "early-access": {"enabled": True, "targets": {"users": ["alice"]}},
            "dormant": {"targets": {"organizations": ["acme"]}},
        },
    })
    auth = workos_client.user_management.authenticate_with_password(email="alice@acme.com", password=PASSWORD)
    assert claims(auth.access_token)["feature_flags"] == ["beta-dashboard", "early-access"]

    workos_client.feature_flags.disable_feature_flag("early-access")
    workos_client.feature_flags.enable_feature_flag("dormant")
    refreshed = workos_client.user_management.authenticate_with_refresh_token(refresh_token=auth.refresh_token)
    assert claims(refreshed.access_token)["feature_flags"] == ["beta-dashboard", "dormant"]
