"""Organization groups and the roles groups hold, through the official Python SDK (workos 10.6.0):
`client.groups`, `client.authorization`'s group role assignments, and
`client.organization_membership.list_organization_membership_groups`.

The two group `PATCH` operations came in workos 10.7/10.8 (`authorization.patch_group_role_assignments`,
`groups.update_group_organization_memberships`); the pinned client sends them here exactly as those
methods do: the same path, the same `add`/`remove` body, no answer expected.
"""

from __future__ import annotations

import re
from typing import Any, List, Optional, Tuple

import pytest
import workos
from workos import ConflictError, NotFoundError, UnprocessableEntityError
from workos.authorization import ReplaceGroupRoleAssignmentEntry, ResourceTargetByExternalId

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
GROUP_ID = re.compile(rf"^group_{ULID}$")
GROUP_ASSIGNMENT_ID = re.compile(rf"^gra_{ULID}$")


def ids(items: Any) -> List[str]:
    return [item.id for item in items]


def new_membership(client: workos.WorkOSClient, organization_id: str, email: str) -> Any:
    user = client.user_management.create_user(email=email)
    return client.organization_membership.create_organization_membership(user_id=user.id, organization_id=organization_id)


def patch_group_role_assignments(client: workos.WorkOSClient, group_id: str, *,
                                 add: Optional[List[ReplaceGroupRoleAssignmentEntry]] = None,
                                 remove: Optional[List[ReplaceGroupRoleAssignmentEntry]] = None) -> None:
    """workos 10.8's `authorization.patch_group_role_assignments`, through the pinned client."""
    body = {k: [entry.to_dict() for entry in v] for k, v in {"add": add, "remove": remove}.items() if v is not None}
    client.request(method="patch", path=("authorization", "groups", group_id, "role_assignments"), body=body)


def update_group_organization_memberships(client: workos.WorkOSClient, organization_id: str, group_id: str, *,
                                          add: Optional[List[str]] = None, remove: Optional[List[str]] = None) -> None:
    """workos 10.8's `groups.update_group_organization_memberships`, through the pinned client."""
    body = {k: v for k, v in {"add": add, "remove": remove}.items() if v is not None}
    client.request(method="patch", path=("organizations", organization_id, "groups", group_id, "organization-memberships"),
                   body=body)


def event_member_ids(client: workos.WorkOSClient, organization_id: str) -> List[Tuple[str, str]]:
    events = client.events.list_events(events=["group.member_added", "group.member_removed"],
                                       organization_id=organization_id, order="asc")
    def member(data: Any) -> str:
        return data["organization_membership_id"] if isinstance(data, dict) else data.organization_membership_id
    return [(event.event, member(event.data)) for event in events]


def test_groups_and_their_members(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Acme")
    groups = workos_client.groups
    eng = groups.create_organization_group(org.id, name="Engineering", description="Builders")
    assert GROUP_ID.match(eng.id)
    assert (eng.name, eng.description, eng.organization_id) == ("Engineering", "Builders", org.id)
    design = groups.create_organization_group(org.id, name="Design")
    assert design.description is None
    assert groups.get_organization_group(org.id, eng.id) == eng
    assert ids(groups.list_organization_groups(org.id)) == [design.id, eng.id]
    assert ids(groups.list_organization_groups(org.id, search="engin")) == [eng.id]
    renamed = groups.update_organization_group(org.id, eng.id, name="Eng", description=None)
    assert (renamed.name, renamed.description) == ("Eng", None)
    with pytest.raises(UnprocessableEntityError):
        groups.create_organization_group(org.id, name="")

    ann = new_membership(workos_client, org.id, "ann@example.com")
    bob = new_membership(workos_client, org.id, "bob@example.com")
    assert groups.create_group_organization_membership(org.id, eng.id, organization_membership_id=ann.id).id == eng.id
    groups.create_group_organization_membership(org.id, eng.id, organization_membership_id=bob.id)
    assert ids(groups.list_group_organization_memberships(org.id, eng.id, order="asc")) == [ann.id, bob.id]
    assert ids(workos_client.organization_membership.list_organization_membership_groups(ann.id)) == [eng.id]
    other = workos_client.organizations.create_organization(name="Other")
    outsider = new_membership(workos_client, other.id, "out@example.com")
    with pytest.raises(UnprocessableEntityError):
        groups.create_group_organization_membership(org.id, eng.id, organization_membership_id=outsider.id)

    groups.delete_group_organization_membership(org.id, eng.id, ann.id)
    assert ids(groups.list_group_organization_memberships(org.id, eng.id)) == [bob.id]
    with pytest.raises(NotFoundError):
        groups.delete_group_organization_membership(org.id, eng.id, ann.id)
    groups.delete_organization_group(org.id, eng.id)
    with pytest.raises(NotFoundError):
        groups.get_organization_group(org.id, eng.id)
    with pytest.raises(NotFoundError):
        groups.get_organization_group(other.id, design.id)


def group_with_roles_to_give(workos_client: workos.WorkOSClient) -> Tuple[Any, Any, Any]:
    """An organization with a reader role (`posts:read`), an environment workspace role (`ws:edit`) and a
    workspace `ws-1`, and its group `Eng` with one member, ann: (organization, group, membership)."""
    authz = workos_client.authorization
    org = workos_client.organizations.create_organization(name="Acme")
    authz.create_permission(slug="posts:read", name="Read posts")
    authz.create_permission(slug="ws:edit", name="Edit workspaces", resource_type_slug="workspace")
    authz.create_organization_role(org.id, slug="org-reader", name="Reader")
    authz.add_organization_role_permission(org.id, "org-reader", body_slug="posts:read")
    authz.create_environment_role(slug="ws-admin", name="Workspace admin", resource_type_slug="workspace")
    authz.add_environment_role_permission("ws-admin", body_slug="ws:edit")
    authz.create_resource(external_id="ws-1", name="WS", resource_type_slug="workspace", organization_id=org.id)
    group = workos_client.groups.create_organization_group(org.id, name="Eng")
    member = new_membership(workos_client, org.id, "ann@example.com")
    workos_client.groups.create_group_organization_membership(org.id, group.id, organization_membership_id=member.id)
    return org, group, member


def test_group_role_assignments_reach_the_members(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org, group, member = group_with_roles_to_give(workos_client)

    def may(permission: str, target: Any) -> bool:
        return authz.check(member.id, permission_slug=permission, resource_target=target).authorized

    organization = ResourceTargetByExternalId(resource_external_id=org.id, resource_type_slug="organization")
    workspace = ResourceTargetByExternalId(resource_external_id="ws-1", resource_type_slug="workspace")
    assert not may("posts:read", organization)

    reader = authz.create_group_role_assignment(group.id, role_slug="org-reader")
    assert GROUP_ASSIGNMENT_ID.match(reader.id)
    assert (reader.group_id, reader.role.slug, reader.resource.external_id) == (group.id, "org-reader", org.id)
    assert may("posts:read", workspace)
    with pytest.raises(ConflictError):
        authz.create_group_role_assignment(group.id, role_slug="org-reader")
    with pytest.raises(UnprocessableEntityError):
        authz.create_group_role_assignment(group.id, role_slug="ws-admin")
    assert authz.get_group_role_assignment(group.id, reader.id) == reader

    held = list(authz.list_role_assignments(member.id))
    assert [(a.source.type.value if hasattr(a.source.type, "value") else a.source.type) for a in held] == ["group"]
    assert held[0].source.group_role_assignment_id == reader.id and held[0].source.group.name == "Eng"

    replaced = authz.update_group_role_assignments(group.id, role_assignments=[
        ReplaceGroupRoleAssignmentEntry(role_slug="org-reader"),
        ReplaceGroupRoleAssignmentEntry(role_slug="ws-admin", resource_external_id="ws-1", resource_type_slug="workspace"),
    ])
    assert [a.role.slug for a in replaced.data] == ["org-reader", "ws-admin"] and replaced.data[0].id == reader.id
    assert may("ws:edit", workspace) and not may("ws:edit", organization)
    assert ids(authz.list_group_role_assignments(group.id, order="asc")) == ids(replaced.data)

    authz.delete_group_role_assignments(group.id, role_slug="ws-admin", resource_external_id="ws-1", resource_type_slug="workspace")
    assert not may("ws:edit", workspace)
    authz.delete_group_role_assignment(group.id, reader.id)
    assert not may("posts:read", organization)
    with pytest.raises(NotFoundError):
        authz.delete_group_role_assignment(group.id, reader.id)
    with pytest.raises(NotFoundError):
        authz.list_group_role_assignments("group_01HXYZ123456789ABCDEFGHIJ").data


def test_members_are_added_and_removed_together(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org = workos_client.organizations.create_organization(name="Acme")
    authz.create_permission(slug="posts:read", name="Read posts")
    authz.create_organization_role(org.id, slug="org-reader", name="Reader")
    authz.add_organization_role_permission(org.id, "org-reader", body_slug="posts:read")
    group = workos_client.groups.create_organization_group(org.id, name="Eng")
    authz.create_group_role_assignment(group.id, role_slug="org-reader")
    ann = new_membership(workos_client, org.id, "ann@example.com")
    bob = new_membership(workos_client, org.id, "bob@example.com")
    organization = ResourceTargetByExternalId(resource_external_id=org.id, resource_type_slug="organization")

    def members() -> List[str]:
        return ids(workos_client.groups.list_group_organization_memberships(org.id, group.id, order="asc"))

    def may_read(membership_id: str) -> bool:
        return authz.check(membership_id, permission_slug="posts:read", resource_target=organization).authorized

    update_group_organization_memberships(workos_client, org.id, group.id, add=[ann.id, bob.id], remove=[])
    assert members() == [ann.id, bob.id] and may_read(ann.id) and may_read(bob.id)
    # Bob is there already: adding him again changes nothing.
    update_group_organization_memberships(workos_client, org.id, group.id, add=[bob.id], remove=[ann.id])
    assert members() == [bob.id] and not may_read(ann.id) and may_read(bob.id)
    assert event_member_ids(workos_client, org.id) == [
        ("group.member_added", ann.id), ("group.member_added", bob.id), ("group.member_removed", ann.id)]

    outsider = new_membership(workos_client, workos_client.organizations.create_organization(name="Other").id, "out@example.com")
    with pytest.raises(UnprocessableEntityError):
        update_group_organization_memberships(workos_client, org.id, group.id, add=[ann.id, outsider.id])
    with pytest.raises(UnprocessableEntityError):
        update_group_organization_memberships(workos_client, org.id, group.id, add=[ann.id], remove=[ann.id])
    with pytest.raises(NotFoundError):
        update_group_organization_memberships(workos_client, org.id, group.id, remove=[bob.id, "om_01HXYZ123456789ABCDEFGHIJ"])
    with pytest.raises(NotFoundError):
        update_group_organization_memberships(workos_client, org.id, "group_01HXYZ123456789ABCDEFGHIJ", add=[ann.id])
    assert members() == [bob.id]


def test_group_role_assignments_are_added_and_removed_together(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org, group, member = group_with_roles_to_give(workos_client)
    reader = authz.create_group_role_assignment(group.id, role_slug="org-reader")

    def may(permission: str, target: Any) -> bool:
        return authz.check(member.id, permission_slug=permission, resource_target=target).authorized

    organization = ResourceTargetByExternalId(resource_external_id=org.id, resource_type_slug="organization")
    workspace = ResourceTargetByExternalId(resource_external_id="ws-1", resource_type_slug="workspace")
    on_workspace = ReplaceGroupRoleAssignmentEntry(role_slug="ws-admin", resource_external_id="ws-1", resource_type_slug="workspace")
    reading = ReplaceGroupRoleAssignmentEntry(role_slug="org-reader")

    # org-reader is held already: it stays as it is.
    patch_group_role_assignments(workos_client, group.id, add=[reading, on_workspace])
    held = list(authz.list_group_role_assignments(group.id, order="asc"))
    assert [a.role.slug for a in held] == ["org-reader", "ws-admin"] and held[0].id == reader.id
    assert may("ws:edit", workspace) and may("posts:read", organization)
    assert sorted(a.source.group_role_assignment_id for a in authz.list_role_assignments(member.id)) == sorted(ids(held))

    with pytest.raises(NotFoundError):
        patch_group_role_assignments(workos_client, group.id, remove=[reading], add=[ReplaceGroupRoleAssignmentEntry(role_slug="org-nobody")])
    with pytest.raises(UnprocessableEntityError):
        patch_group_role_assignments(workos_client, group.id, add=[on_workspace], remove=[on_workspace])
    with pytest.raises(UnprocessableEntityError):
        patch_group_role_assignments(workos_client, group.id, remove=[reading], add=[ReplaceGroupRoleAssignmentEntry(role_slug="ws-admin")])
    with pytest.raises(NotFoundError):
        patch_group_role_assignments(workos_client, "group_01HXYZ123456789ABCDEFGHIJ", add=[reading])
    assert ids(authz.list_group_role_assignments(group.id, order="asc")) == ids(held)

    patch_group_role_assignments(workos_client, group.id, remove=[reading])
    assert ids(authz.list_group_role_assignments(group.id)) == [held[1].id]
    assert not may("posts:read", organization) and may("ws:edit", workspace)
