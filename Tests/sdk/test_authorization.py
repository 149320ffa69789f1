"""Authorization (roles, permissions, resources, role assignments, access checks) through the
official Python SDK (workos 10.6.0).

Every API call goes through `client.authorization` (and `client.organization_membership` for the
memberships roles are given to); raw HTTP is used only by the fixtures, for the control API.
"""

from __future__ import annotations

import re
from typing import Any, List

import pytest
import workos
from workos import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError
from workos.authorization import (
    ParentByExternalId,
    ParentResourceByExternalId,
    ParentResourceById,
    ResourceTargetByExternalId,
    ResourceTargetById,
)
from workos.organization_membership import RoleMultiple, RoleSingle

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
ROLE_ID = re.compile(rf"^role_{ULID}$")
PERMISSION_ID = re.compile(rf"^perm_{ULID}$")
RESOURCE_ID = re.compile(rf"^authz_resource_{ULID}$")
ASSIGNMENT_ID = re.compile(rf"^role_assignment_{ULID}$")


def slugs(items: Any) -> List[str]:
    return [item.slug for item in items]


def new_membership(client: workos.WorkOSClient, organization_id: str, email: str, role: Any = None) -> Any:
    user = client.user_management.create_user(email=email)
    return client.organization_membership.create_organization_membership(
        user_id=user.id, organization_id=organization_id, role=role
    )


# --- permissions ------------------------------------------------------------------------------


def test_permissions_lifecycle(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    created = authz.create_permission(slug="posts:read", name="Read posts", description="Any post")
    assert PERMISSION_ID.match(created.id)
    assert (created.slug, created.name, created.description) == ("posts:read", "Read posts", "Any post")
    assert created.system is False and created.resource_type_slug == "organization"
    assert authz.get_permission("posts:read").to_dict() == created.to_dict()

    updated = authz.update_permission("posts:read", name="Read", description=None)
    assert updated.name == "Read" and updated.description is None
    authz.create_permission(slug="posts:write", name="Write posts")
    assert slugs(authz.list_permissions(order="asc").auto_paging_iter()) == ["posts:read", "posts:write"]

    authz.delete_permission("posts:read")
    with pytest.raises(NotFoundError):
        authz.get_permission("posts:read")
    with pytest.raises(ConflictError) as taken:
        authz.create_permission(slug="posts:write", name="Again")
    assert taken.value.code == "permission_slug_conflict"
    with pytest.raises(UnprocessableEntityError):
        authz.create_permission(slug="Not A Slug", name="Bad")


# --- environment roles ------------------------------------------------------------------------


def test_environment_roles(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    built_in = authz.list_environment_roles()
    assert slugs(built_in.data) == ["member", "admin"]
    assert all(ROLE_ID.match(role.id) and role.type == "EnvironmentRole" for role in built_in.data)

    authz.create_permission(slug="posts:read", name="Read posts")
    authz.create_permission(slug="posts:write", name="Write posts")
    editor = authz.create_environment_role(slug="editor", name="Editor", description="Edits posts")
    assert (editor.slug, editor.permissions, editor.resource_type_slug) == ("editor", [], "organization")
    assert authz.get_environment_role("editor").to_dict() == editor.to_dict()
    assert authz.update_environment_role("editor", name="Post editor").name == "Post editor"
    assert authz.add_environment_role_permission("editor", body_slug="posts:read").permissions == ["posts:read"]
    replaced = authz.set_environment_role_permissions("editor", permissions=["posts:write", "posts:read"])
    assert replaced.permissions == ["posts:write", "posts:read"]
    assert slugs(authz.list_environment_roles().data) == ["member", "admin", "editor"]

    with pytest.raises(ConflictError) as taken:
        authz.create_environment_role(slug="admin", name="Admin again")
    assert taken.value.code == "role_slug_conflict"
    with pytest.raises(NotFoundError):
        authz.add_environment_role_permission("editor", body_slug="posts:delete")
    with pytest.raises(NotFoundError):
        authz.get_environment_role("nope")


# --- organization roles -----------------------------------------------------------------------


def test_organization_roles(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org = workos_client.organizations.create_organization(name="Acme")
    authz.create_permission(slug="invoices:read", name="Read invoices")
    authz.create_permission(slug="invoices:pay", name="Pay invoices")

    billing = authz.create_organization_role(org.id, slug="org-billing", name="Billing")
    assert billing.type == "OrganizationRole" and billing.description is None
    generated = authz.create_organization_role(org.id, name="Support Lead")
    assert re.match(r"^org-support-lead-[0-9a-z]{6}$", generated.slug)
    assert slugs(authz.list_organization_roles(org.id).data) == ["member", "admin", "org-billing", generated.slug]
    assert authz.get_organization_role(org.id, "admin").type == "EnvironmentRole"

    assert authz.update_organization_role(org.id, "org-billing", description="Pays").description == "Pays"
    added = authz.add_organization_role_permission(org.id, "org-billing", body_slug="invoices:read")
    assert added.permissions == ["invoices:read"]
    replaced = authz.set_organization_role_permissions(org.id, "org-billing", permissions=["invoices:read", "invoices:pay"])
    assert replaced.permissions == ["invoices:read", "invoices:pay"]
    authz.remove_organization_role_permission(org.id, "org-billing", "invoices:read")
    assert authz.get_organization_role(org.id, "org-billing").permissions == ["invoices:pay"]

    with pytest.raises(ConflictError) as taken:
        authz.create_organization_role(org.id, slug="org-billing", name="Again")
    assert taken.value.code == "organization_role_slug_conflict"
    with pytest.raises(UnprocessableEntityError):
        authz.create_organization_role(org.id, slug="billing", name="No prefix")
    with pytest.raises(BadRequestError):
        authz.update_organization_role(org.id, "member", name="Not here")

    holder = new_membership(workos_client, org.id, "payer@example.com", RoleSingle(role_slug="org-billing"))
    assert holder.role.slug == "org-billing"
    with pytest.raises(ConflictError) as in_use:
        authz.delete_organization_role(org.id, "org-billing")
    assert in_use.value.code == "role_has_assignments"
    authz.delete_organization_role(org.id, generated.slug)
    with pytest.raises(NotFoundError):
        authz.get_organization_role(org.id, generated.slug)


# --- memberships' roles -----------------------------------------------------------------------


def test_membership_roles_must_exist(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Acme")
    member = new_membership(workos_client, org.id, "plain@example.com")
    assert member.role.slug == "member"
    admin = new_membership(workos_client, org.id, "boss@example.com", RoleSingle(role_slug="admin"))
    assert admin.role.slug == "admin" and [r.slug for r in admin.roles] == ["admin"]

    with pytest.raises(UnprocessableEntityError) as unknown:
        new_membership(workos_client, org.id, "nobody@example.com", RoleSingle(role_slug="owner"))
    assert unknown.value.code == "invalid_role"
    with pytest.raises(UnprocessableEntityError) as update:
        workos_client.organization_membership.update_organization_membership(
            member.id, role=RoleMultiple(role_slugs=["admin", "owner"])
        )
    assert update.value.code == "invalid_role"


# --- resources --------------------------------------------------------------------------------


def test_resources(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org = workos_client.organizations.create_organization(name="Acme")
    root = authz.get_resource_by_external_id(org.id, "organization", org.id)
    assert RESOURCE_ID.match(root.id) and root.parent_resource_id is None and root.name == "Acme"

    workspace = authz.create_resource(
        external_id="ws-1", name="Engineering", resource_type_slug="workspace", organization_id=org.id
    )
    assert workspace.parent_resource_id == root.id and workspace.description is None
    project = authz.create_resource(
        external_id="p-1", name="Web", resource_type_slug="project", organization_id=org.id,
        description="The site", parent_resource=ParentResourceByExternalId(
            parent_resource_external_id="ws-1", parent_resource_type_slug="workspace"),
    )
    assert project.parent_resource_id == workspace.id
    assert authz.get_resource(project.id).to_dict() == project.to_dict()
    children = authz.list_resources(
        organization_id=org.id, parent=ParentByExternalId(parent_resource_type_slug="workspace", parent_external_id="ws-1")
    )
    assert [r.id for r in children.auto_paging_iter()] == [project.id]
    assert [r.external_id for r in authz.list_resources(resource_type_slug="workspace").auto_paging_iter()] == ["ws-1"]

    assert authz.update_resource(project.id, name="Website").name == "Website"
    moved = authz.update_resource_by_external_id(
        org.id, "project", "p-1", parent_resource=ParentResourceById(parent_resource_id=root.id)
    )
    assert moved.parent_resource_id == root.id

    with pytest.raises(ConflictError) as taken:
        authz.create_resource(external_id="ws-1", name="Again", resource_type_slug="workspace", organization_id=org.id)
    assert taken.value.code == "authorization_resource_external_id_conflict"
    authz.create_resource(
        external_id="p-2", name="API", resource_type_slug="project", organization_id=org.id,
        parent_resource=ParentResourceById(parent_resource_id=workspace.id),
    )
    with pytest.raises(ConflictError) as dependents:
        authz.delete_resource(workspace.id)
    assert dependents.value.code == "resource_has_dependents"
    authz.delete_resource(workspace.id, cascade_delete=True)
    authz.delete_resource_by_external_id(org.id, "project", "p-1")
    with pytest.raises(NotFoundError):
        authz.get_resource_by_external_id(org.id, "project", "p-2")
    with pytest.raises(BadRequestError):
        authz.delete_resource(root.id)


# --- role assignments and checks --------------------------------------------------------------


def test_checks_and_role_assignments(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org = workos_client.organizations.create_organization(name="Acme")
    authz.create_permission(slug="posts:read", name="Read posts")
    authz.create_permission(slug="ws:edit", name="Edit workspaces", resource_type_slug="workspace")
    authz.add_environment_role_permission("member", body_slug="posts:read")
    authz.create_environment_role(slug="ws-admin", name="Workspace admin", resource_type_slug="workspace")
    authz.set_environment_role_permissions("ws-admin", permissions=["ws:edit"])
    workspace = authz.create_resource(external_id="ws-1", name="WS", resource_type_slug="workspace", organization_id=org.id)
    authz.create_resource(
        external_id="p-1", name="P", resource_type_slug="project", organization_id=org.id,
        parent_resource=ParentResourceById(parent_resource_id=workspace.id),
    )
    membership = new_membership(workos_client, org.id, "dev@example.com")
    on_org = ResourceTargetByExternalId(resource_external_id=org.id, resource_type_slug="organization")
    on_project = ResourceTargetByExternalId(resource_external_id="p-1", resource_type_slug="project")

    assert authz.check(membership.id, permission_slug="posts:read", resource_target=on_org).authorized is True
    assert authz.check(membership.id, permission_slug="posts:read", resource_target=on_project).authorized is True
    assert authz.check(membership.id, permission_slug="ws:edit", resource_target=on_project).authorized is False

    assignment = authz.assign_role(
        membership.id, role_slug="ws-admin", resource_target=ResourceTargetById(resource_id=workspace.id)
    )
    assert ASSIGNMENT_ID.match(assignment.id)
    assert assignment.role.slug == "ws-admin" and assignment.resource.id == workspace.id
    assert assignment.source.type == "direct" and assignment.source.group_role_assignment_id is None
    assert [a.id for a in authz.list_role_assignments(membership.id).auto_paging_iter()] == [assignment.id]
    assert authz.check(membership.id, permission_slug="ws:edit", resource_target=on_project).authorized is True
    assert authz.check(membership.id, permission_slug="ws:edit", resource_target=on_org).authorized is False
    effective = authz.list_effective_permissions_by_external_id(membership.id, "project", "p-1", order="asc")
    assert slugs(effective.auto_paging_iter()) == ["posts:read", "ws:edit"]
    assert slugs(authz.list_effective_permissions(membership.id, workspace.id).auto_paging_iter()) == [
        "ws:edit", "posts:read"]

    authz.remove_role(membership.id, role_slug="ws-admin", resource_target=ResourceTargetById(resource_id=workspace.id))
    assert authz.check(membership.id, permission_slug="ws:edit", resource_target=on_project).authorized is False
    again = authz.assign_role(
        membership.id, role_slug="ws-admin",
        resource_target=ResourceTargetByExternalId(resource_external_id="ws-1", resource_type_slug="workspace"),
    )
    authz.remove_role_assignment(membership.id, again.id)
    assert list(authz.list_role_assignments(membership.id).auto_paging_iter()) == []

    with pytest.raises(UnprocessableEntityError):
        authz.assign_role(membership.id, role_slug="ws-admin", resource_target=on_project)
    with pytest.raises(NotFoundError):
        authz.check(membership.id, permission_slug="posts:read",
                    resource_target=ResourceTargetByExternalId(resource_external_id="nope", resource_type_slug="project"))
    with pytest.raises(NotFoundError):
        authz.check("om_01HZZZZZZZZZZZZZZZZZZZZZZZ", permission_slug="posts:read", resource_target=on_org)


def test_discovery(workos_client: workos.WorkOSClient) -> None:
    authz = workos_client.authorization
    org = workos_client.organizations.create_organization(name="Acme")
    authz.create_permission(slug="ws:edit", name="Edit workspaces", resource_type_slug="workspace")
    authz.create_environment_role(slug="ws-admin", name="Workspace admin", resource_type_slug="workspace")
    authz.add_environment_role_permission("ws-admin", body_slug="ws:edit")
    engineering = authz.create_resource(external_id="ws-1", name="Eng", resource_type_slug="workspace", organization_id=org.id)
    authz.create_resource(external_id="ws-2", name="Ops", resource_type_slug="workspace", organization_id=org.id)
    admin = new_membership(workos_client, org.id, "lead@example.com")
    new_membership(workos_client, org.id, "bystander@example.com")
    assignment = authz.assign_role(admin.id, role_slug="ws-admin", resource_target=ResourceTargetById(resource_id=engineering.id))

    editable = authz.list_resources_for_membership(
        admin.id, permission_slug="ws:edit",
        parent_resource=ParentResourceByExternalId(parent_resource_external_id=org.id, parent_resource_type_slug="organization"),
    )
    assert [r.external_id for r in editable.auto_paging_iter()] == ["ws-1"]
    assert [a.id for a in authz.list_role_assignments_for_resource(engineering.id).auto_paging_iter()] == [assignment.id]
    by_external_id = authz.list_role_assignments_for_resource_by_external_id(org.id, "workspace", "ws-1", role_slug="ws-admin")
    assert [a.id for a in by_external_id.auto_paging_iter()] == [assignment.id]

    editors = authz.list_memberships_for_resource(engineering.id, permission_slug="ws:edit")
    assert [(m.id, m.user.email) for m in editors.auto_paging_iter()] == [(admin.id, "lead@example.com")]
    direct = authz.list_memberships_for_resource_by_external_id(
        org.id, "workspace", "ws-2", permission_slug="ws:edit", assignment="direct"
    )
    assert list(direct.auto_paging_iter()) == []
