"""Directory Sync through the official Python SDK (workos 10.6.0): every `directory_sync.*` call,
every filter, auto-paging, and the errors it raises. Directories, users and groups are made through
the emulator's control API (the public API cannot create them)."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict

import pytest
import workos
from workos._errors import ConflictError, NotFoundError, UnprocessableEntityError

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"


@pytest.fixture
def org(workos_client: workos.WorkOSClient) -> Any:
    return workos_client.organizations.create_organization(name="Acme")


def make_directory(control: Callable[..., Any], org_id: str, **fields: Any) -> Dict[str, Any]:
    return control("POST", "/_emulator/directories", {"organization_id": org_id, **fields})


def test_get_and_list_directories_with_every_filter(workos_client: workos.WorkOSClient, control, org) -> None:
    okta = make_directory(control, org.id, name="Acme Okta", type="okta scim v2.0", domain="acme.com")
    other_org = workos_client.organizations.create_organization(name="Globex")
    google = make_directory(control, other_org.id, name="Globex Google", type="gsuite directory")

    directory = workos_client.directory_sync.get_directory(okta["id"])
    assert re.match(rf"^directory_{ULID}$", directory.id)
    assert directory.organization_id == org.id
    assert directory.name == "Acme Okta"
    assert directory.type == "okta scim v2.0"
    assert directory.state == "linked"
    assert directory.domain == "acme.com"
    assert directory.metadata.users.active == 0 and directory.metadata.groups == 0

    def ids(**filters: Any) -> list:
        return [d.id for d in workos_client.directory_sync.list_directories(**filters).data]

    assert ids() == [google["id"], okta["id"]]
    assert ids(organization_id=other_org.id) == [google["id"]]
    assert ids(search="okta") == [okta["id"]]
    assert ids(domain="acme.com") == [okta["id"]]
    assert ids(order="asc", limit=1) == [okta["id"]]
    with pytest.raises(NotFoundError):
        workos_client.directory_sync.get_directory("directory_01HZZZZZZZZZZZZZZZZZZZZZZZ")


def test_delete_directory(workos_client: workos.WorkOSClient, control, org) -> None:
    directory = make_directory(control, org.id)
    user = control("POST", f"/_emulator/directories/{directory['id']}/users", {"email": "a@acme.com"})
    workos_client.directory_sync.delete_directory(directory["id"])
    with pytest.raises(NotFoundError):
        workos_client.directory_sync.get_directory(directory["id"])
    with pytest.raises(NotFoundError):
        workos_client.directory_sync.get_user(user["id"])


def test_sync_is_queued_for_google_directories(workos_client: workos.WorkOSClient, control, org) -> None:
    google = make_directory(control, org.id, type="gsuite directory")
    assert workos_client.directory_sync.create_directory_sync(google["id"]).status == "queued"
    with pytest.raises(ConflictError):
        workos_client.directory_sync.create_directory_sync(google["id"])
    okta = make_directory(control, org.id, type="okta scim v2.0")
    with pytest.raises(UnprocessableEntityError):
        workos_client.directory_sync.create_directory_sync(okta["id"])
    with pytest.raises(NotFoundError):
        workos_client.directory_sync.create_directory_sync("directory_01HZZZZZZZZZZZZZZZZZZZZZZZ")


def test_users_and_groups_with_every_filter(workos_client: workos.WorkOSClient, control, org) -> None:
    directory = make_directory(control, org.id)
    base = f"/_emulator/directories/{directory['id']}"
    alice = control("POST", f"{base}/users", {
        "email": "alice@acme.com", "first_name": "Alice", "last_name": "Liddell", "job_title": "Engineer",
        "idp_id": "00u-alice", "custom_attributes": {"department": "R&D"}, "roles": ["admin"],
    })
    bob = control("POST", f"{base}/users", {"email": "bob@acme.com", "state": "suspended"})
    admins = control("POST", f"{base}/groups", {"name": "Admins", "idp_id": "g-admins", "members": [alice["id"]]})
    staff = control("POST", f"{base}/groups", {"name": "Staff", "members": [alice["id"], bob["id"]]})

    user = workos_client.directory_sync.get_user(alice["id"])
    assert user.directory_id == directory["id"] and user.organization_id == org.id
    assert user.idp_id == "00u-alice"
    assert user.email == "alice@acme.com" and user.username == "alice@acme.com"
    assert (user.first_name, user.last_name, user.name, user.job_title) == ("Alice", "Liddell", "Alice Liddell", "Engineer")
    assert user.state == "active"
    assert user.emails[0].value == "alice@acme.com" and user.emails[0].primary is True
    assert user.custom_attributes == {"department": "R&D"}
    assert user.raw_attributes["userName"] == "alice@acme.com"
    assert user.role.slug == "admin" and [r.slug for r in user.roles] == ["admin"]
    assert sorted(g.name for g in user.groups) == ["Admins", "Staff"]
    assert workos_client.directory_sync.get_user(bob["id"]).state == "suspended"

    def user_ids(**filters: Any) -> list:
        return [u.id for u in workos_client.directory_sync.list_users(**filters).data]

    assert user_ids(directory=directory["id"]) == [bob["id"], alice["id"]]
    assert user_ids(group=admins["id"]) == [alice["id"]]
    assert user_ids(group=staff["id"], order="asc") == [alice["id"], bob["id"]]
    assert user_ids(directory=directory["id"], idp_id="00u-alice") == [alice["id"]]
    assert user_ids(directory=directory["id"], email="bob@acme.com") == [bob["id"]]

    group = workos_client.directory_sync.get_group(admins["id"])
    assert (group.name, group.idp_id, group.directory_id, group.organization_id) == ("Admins", "g-admins", directory["id"], org.id)

    def group_ids(**filters: Any) -> list:
        return [g.id for g in workos_client.directory_sync.list_groups(**filters).data]

    assert group_ids(directory=directory["id"]) == [staff["id"], admins["id"]]
    assert group_ids(user=bob["id"]) == [staff["id"]]
    with pytest.raises(NotFoundError):
        workos_client.directory_sync.get_user("directory_user_01HZZZZZZZZZZZZZZZZZZZZZZZ")
    with pytest.raises(NotFoundError):
        workos_client.directory_sync.get_group("directory_group_01HZZZZZZZZZZZZZZZZZZZZZZZ")
    with pytest.raises(UnprocessableEntityError):
        workos_client.directory_sync.list_users(email="bob@acme.com")


def test_auto_paging_500_directory_users(workos_client: workos.WorkOSClient, control, org) -> None:
    users = {f"user-{n:03d}": {"email": f"user{n}@acme.com"} for n in range(500)}
    result = control("POST", "/_emulator/scenarios", {
        "organizations": {"acme2": {"name": "Acme Two"}},
        "directories": {"big": {"organization": "acme2", "users": users, "groups": {
            "everyone": {"name": "Everyone", "members": list(users)},
        }}},
    })
    directory = result["created"]["directories"]["big"]
    seen = [u.email for u in workos_client.directory_sync.list_users(directory=directory["id"], limit=100).auto_paging_iter()]
    assert len(seen) == 500 and len(set(seen)) == 500
    in_group = list(workos_client.directory_sync.list_users(group=directory["groups"]["everyone"], limit=100).auto_paging_iter())
    assert len(in_group) == 500
    assert workos_client.directory_sync.get_directory(directory["id"]).metadata.users.active == 500
