"""The SCIM 2.0 endpoint as real SCIM software sees it: the `scim2-tester` compliance checker (RFC
7643/7644) and `scim2-client` provisioning a directory the way an identity provider does, with the
official WorkOS SDK reading the result through the Directory Sync API."""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Dict, Iterator

import httpx2
import pytest
import workos
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import PatchOp, PatchOperation, SearchRequest
from scim2_tester import Status, check_server
from workos.common.models import DsyncDeleted
from workos.organizations.models import OrganizationDomainData


@pytest.fixture
def directory(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> Dict[str, Any]:
    org = workos_client.organizations.create_organization(
        name="Acme", domain_data=[OrganizationDomainData(domain="acme.com", state="verified")])
    return control("POST", "/_emulator/directories", {"organization_id": org.id, "type": "okta scim v2.0"})


@pytest.fixture
def scim_client(directory: Dict[str, Any]) -> Iterator[SyncSCIMClient]:
    http = httpx2.Client(base_url=directory["scim"]["base_url"],
                         headers={"Authorization": f"Bearer {directory['scim']['bearer_token']}"})
    client = SyncSCIMClient(http)
    yield client
    http.close()


def test_scim2_tester_finds_the_endpoint_compliant(scim_client: SyncSCIMClient) -> None:
    results = check_server(scim_client)
    statuses = Counter(result.status for result in results)
    failures = [f"{r.resource_type or ''} {r.title}: {r.reason}" for r in results
                if r.status in (Status.ERROR, Status.CRITICAL)]
    print(f"scim2-tester: {len(results)} checks, " + ", ".join(f"{s.name.lower()} {n}" for s, n in sorted(statuses.items(), key=lambda i: i[0].value)))
    assert not failures, "\n".join(failures)
    assert statuses[Status.SUCCESS] > 100


def test_provisioning_with_scim2_client_shows_in_the_directory_sync_api(
        scim_client: SyncSCIMClient, workos_client: workos.WorkOSClient, directory: Dict[str, Any]) -> None:
    scim_client.discover()
    User = scim_client.get_resource_model("User")
    Group = scim_client.get_resource_model("Group")
    sync = workos_client.directory_sync

    # An identity provider looks the user up by userName, finds nothing, and creates it.
    assert scim_client.query(User, query_parameters=SearchRequest(filter='userName eq "ada@acme.com"')).total_results == 0
    ada = scim_client.create(User(user_name="ada@acme.com", external_id="00u-ada", active=True,
                                  name={"given_name": "Ada", "family_name": "Lovelace"},
                                  emails=[{"value": "ada@acme.com", "type": "work", "primary": True}]))
    user = sync.get_user(ada.id)
    assert (user.email, user.first_name, user.idp_id, user.state) == ("ada@acme.com", "Ada", "00u-ada", "active")
    assert [u.id for u in sync.list_users(directory=directory["id"]).data] == [ada.id]

    # A group with the user in it.
    team = scim_client.create(Group(display_name="Engineering", members=[{"value": ada.id}]))
    assert [g.id for g in sync.list_groups(user=ada.id).data] == [team.id]
    assert [u.id for u in sync.list_users(group=team.id).data] == [ada.id]

    # An attribute changes, then the user is deactivated, as Okta does it.
    scim_client.modify(User, ada.id, PatchOp[User](operations=[
        PatchOperation(op=PatchOperation.Op.replace_, path="name.givenName", value="Augusta Ada"),
    ]))
    assert sync.get_user(ada.id).first_name == "Augusta Ada"
    scim_client.modify(User, ada.id, PatchOp[User](operations=[
        PatchOperation(op=PatchOperation.Op.replace_, value={"active": False}),
    ]))
    assert sync.get_user(ada.id).state == "inactive"
    assert sync.get_directory(directory["id"]).metadata.users.inactive == 1

    # The user leaves the group, the group is renamed, then both are deleted.
    scim_client.modify(Group, team.id, PatchOp[Group](operations=[
        PatchOperation(op=PatchOperation.Op.remove, path=f'members[value eq "{ada.id}"]'),
        PatchOperation(op=PatchOperation.Op.replace_, path="displayName", value="Platform"),
    ]))
    assert sync.list_users(group=team.id).data == []
    assert sync.get_group(team.id).name == "Platform"
    scim_client.delete(Group, team.id)
    scim_client.delete(User, ada.id)
    assert sync.list_users(directory=directory["id"]).data == []
    assert sync.list_groups(directory=directory["id"]).data == []


def test_scim_provisioning_feeds_authkit_memberships_with_mapped_roles(
        scim_client: SyncSCIMClient, workos_client: workos.WorkOSClient, directory: Dict[str, Any],
        control: Callable[..., Any]) -> None:
    control("PATCH", f"/_emulator/directories/{directory['id']}",
            {"group_roles": [{"group": "Admins", "role": "admin"}]})
    scim_client.discover()
    User = scim_client.get_resource_model("User")
    Group = scim_client.get_resource_model("Group")
    memberships = workos_client.organization_membership
    org_id = directory["organization_id"]

    ada = scim_client.create(User(user_name="ada@acme.com", active=True,
                                  name={"given_name": "Ada", "family_name": "Lovelace"},
                                  emails=[{"value": "ada@acme.com", "type": "work", "primary": True}]))
    [membership] = memberships.list_organization_memberships(organization_id=org_id).data
    assert membership.directory_managed is True
    assert membership.status == "active"
    assert membership.role.slug == "member"
    user = workos_client.user_management.get_user(membership.user_id)
    assert (user.email, user.first_name, user.last_name) == ("ada@acme.com", "Ada", "Lovelace")

    # The identity provider puts Ada in the group mapped to `admin`: the directory user and the
    # membership both take the role.
    scim_client.create(Group(display_name="Admins", members=[{"value": ada.id}]))
    assert workos_client.directory_sync.get_user(ada.id).role.slug == "admin"
    [membership] = memberships.list_organization_memberships(organization_id=org_id).data
    assert membership.role.slug == "admin"

    # Deactivated in the identity provider: the membership becomes inactive.
    scim_client.modify(User, ada.id, PatchOp[User](operations=[
        PatchOperation(op=PatchOperation.Op.replace_, value={"active": False}),
    ]))
    assert memberships.list_organization_memberships(organization_id=org_id).data == []
    [inactive] = memberships.list_organization_memberships(organization_id=org_id, statuses=["inactive"]).data
    assert (inactive.id, inactive.directory_managed) == (membership.id, True)

    # Deleted: the membership goes, the user stays.
    scim_client.delete(User, ada.id)
    assert memberships.list_organization_memberships(organization_id=org_id, statuses=["active", "inactive"]).data == []
    assert workos_client.user_management.get_user(membership.user_id).email == "ada@acme.com"


def test_scim_users_outside_the_verified_domains_are_invited_and_join_by_signing_in_with_it(
        scim_client: SyncSCIMClient, workos_client: workos.WorkOSClient, directory: Dict[str, Any],
        control: Callable[..., Any]) -> None:
    scim_client.discover()
    User = scim_client.get_resource_model("User")
    user_management = workos_client.user_management
    memberships = workos_client.organization_membership
    org_id = directory["organization_id"]
    every = ["active", "inactive", "pending"]

    scim_client.create(User(user_name="lin@contractor.example", active=True, name={"given_name": "Lin"},
                            emails=[{"value": "lin@contractor.example", "type": "work", "primary": True}]))
    # acme.com is the organization's verified domain, contractor.example is not: a pending membership
    # and an invitation, emailed.
    [membership] = memberships.list_organization_memberships(organization_id=org_id, statuses=every).data
    assert (membership.status, membership.directory_managed) == ("pending", True)
    [invitation] = user_management.list_invitations(organization_id=org_id, email="lin@contractor.example").data
    assert (invitation.state, invitation.role_slug) == ("pending", "member")
    mail = control("GET", "/_emulator/outbox/next?email=lin@contractor.example&kind=invitation&timeout_ms=2000")
    assert mail["token"] == invitation.token
    assert mail["url"] == invitation.accept_invitation_url

    # Signing in with the invitation accepts it: she is an active member of the organization.
    user_management.create_magic_auth(email="lin@contractor.example", invitation_token=invitation.token)
    code = control("GET", "/_emulator/outbox/next?email=lin@contractor.example&kind=magic_auth&timeout_ms=2000")["code"]
    auth = user_management.authenticate_with_magic_auth(code=code, email="lin@contractor.example",
                                                        invitation_token=invitation.token)
    assert auth.organization_id == org_id
    assert user_management.get_invitation(invitation.id).state == "accepted"
    [joined] = memberships.list_organization_memberships(organization_id=org_id, statuses=every).data
    assert (joined.id, joined.status, joined.directory_managed) == (membership.id, "active", True)


def test_deleting_the_directory_sends_dsync_deleted_alone_and_its_memberships_go(
        scim_client: SyncSCIMClient, workos_client: workos.WorkOSClient, directory: Dict[str, Any]) -> None:
    scim_client.discover()
    User = scim_client.get_resource_model("User")
    Group = scim_client.get_resource_model("Group")
    org_id = directory["organization_id"]
    ada = scim_client.create(User(user_name="ada@acme.com", active=True,
                                  emails=[{"value": "ada@acme.com", "type": "work", "primary": True}]))
    scim_client.create(User(user_name="lin@contractor.example", active=True,
                            emails=[{"value": "lin@contractor.example", "type": "work", "primary": True}]))
    scim_client.create(Group(display_name="Engineering", members=[{"value": ada.id}]))
    statuses = ["active", "inactive", "pending"]
    listed = workos_client.organization_membership.list_organization_memberships(organization_id=org_id, statuses=statuses)
    assert sorted(m.status for m in listed.data) == ["active", "pending"]

    workos_client.directory_sync.delete_directory(directory["id"])
    assert workos_client.organization_membership.list_organization_memberships(
        organization_id=org_id, statuses=statuses).data == []
    [invitation] = workos_client.user_management.list_invitations(organization_id=org_id).data
    assert invitation.state == "revoked"
    # WorkOS sends a sole dsync.deleted for a deleted directory, shaped as the SDK's DsyncDeleted.
    deletions = workos_client.events.list_events(
        events=["dsync.deleted", "dsync.user.deleted", "dsync.group.deleted"], order="asc").data
    assert [type(event) for event in deletions] == [DsyncDeleted]
    [deleted] = deletions
    assert (deleted.data.id, deleted.data.organization_id, deleted.data.name) == (directory["id"], org_id, "Acme")
    assert (deleted.data.state, deleted.data.type) == ("deleting", "okta scim v2.0")
