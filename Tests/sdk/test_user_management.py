"""User Management through the official Python SDK (workos 10.6.0): users, organization memberships,
invitations, email verification, password reset, magic auth and email change.

API calls go through `client.user_management` and `client.organization_membership`; raw HTTP is used
only for the emulator's control API (the outbox, where the codes and links it "mailed" are captured).
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List

import pytest
import workos
from workos import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError
from workos.organization_membership import RoleMultiple, RoleSingle
from workos.user_management import PasswordHashed, PasswordPlaintext

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
USER_ID = re.compile(rf"^user_{ULID}$")
MEMBERSHIP_ID = re.compile(rf"^om_{ULID}$")
INVITATION_ID = re.compile(rf"^invitation_{ULID}$")
BCRYPT_HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"


def outbox(emulator_url: str, env: Dict[str, Any], path: str, **query: Any) -> Any:
    """GET on the environment's outbox control route, with its API key."""
    url = f"{emulator_url}/_emulator/outbox{path}?{urllib.parse.urlencode(query)}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {env['api_key']}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def next_message(emulator_url: str, env: Dict[str, Any], email: str) -> Dict[str, Any]:
    """The next message the emulator "sent" to the address (waits up to 5 s for it)."""
    return outbox(emulator_url, env, "/next", email=email, timeout_ms=5000)


def membership_ids(page: Any) -> List[str]:
    return [m.id for m in page.auto_paging_iter()]


# --- users ------------------------------------------------------------------------------------


def test_create_user_returns_full_object(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    user = um.create_user(
        email="  Marcelina.Davis@Example.com ",
        first_name="Marcelina",
        last_name="Davis",
        name="Marcelina Davis",
        email_verified=True,
        metadata={"timezone": "America/New_York"},
        external_id="f1ffa2b2",
        password=PasswordPlaintext(password="strong_password_123!"),
    )
    assert USER_ID.match(user.id), user.id
    assert user.object == "user"
    assert user.email == "marcelina.davis@example.com"
    assert (user.first_name, user.last_name, user.name) == ("Marcelina", "Davis", "Marcelina Davis")
    assert user.email_verified is True
    assert user.metadata == {"timezone": "America/New_York"}
    assert user.external_id == "f1ffa2b2"
    assert user.profile_picture_url is None and user.last_sign_in_at is None and user.locale is None
    assert user.created_at.tzinfo is not None and user.updated_at == user.created_at

    fetched = um.get_user(user.id)
    assert fetched.to_dict() == {k: v for k, v in user.to_dict().items() if k != "radar_auth_attempt_id"}
    assert um.get_user_by_external_id("f1ffa2b2").id == user.id
    with pytest.raises(NotFoundError):
        um.get_user("user_01HZZZZZZZZZZZZZZZZZZZZZZZ")
    with pytest.raises(NotFoundError):
        um.get_user_by_external_id("nobody")


def test_duplicate_email_is_refused_case_insensitively(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    um.create_user(email="taken@example.com")
    with pytest.raises(BadRequestError) as raised:
        um.create_user(email="TAKEN@example.com")
    assert raised.value.code == "user_creation_error"
    assert [e["code"] for e in raised.value.errors] == ["email_not_available"]
    with pytest.raises(UnprocessableEntityError):
        um.create_user(email="not-an-email")


def test_password_strength_and_imported_hashes(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    with pytest.raises(BadRequestError) as raised:
        um.create_user(email="weak@example.com", password=PasswordPlaintext(password="abc"))
    assert raised.value.code == "password_strength_error"
    assert {e["code"] for e in raised.value.errors} == {"password_too_short", "password_too_weak"}

    imported = um.create_user(
        email="imported@example.com",
        password=PasswordHashed(password_hash=BCRYPT_HASH, password_hash_type="bcrypt"),
    )
    assert imported.email == "imported@example.com"
    with pytest.raises(BadRequestError) as raised:
        um.create_user(
            email="broken@example.com",
            password=PasswordHashed(password_hash="plain-text", password_hash_type="bcrypt"),
        )
    assert raised.value.code == "invalid_password_hash"

    user = um.create_user(email="changer@example.com")
    updated = um.update_user(user.id, password=PasswordPlaintext(password="a much better secret"))
    assert updated.id == user.id
    with pytest.raises(BadRequestError) as raised:
        um.update_user(user.id, password=PasswordPlaintext(password="password123"))
    assert raised.value.code == "password_strength_error"


def test_update_user_changes_only_what_it_names(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    user = um.create_user(email="ann@example.com", first_name="Ann", external_id="ann-1", metadata={"k": "v"})
    renamed = um.update_user(user.id, first_name="Anne", locale="en-GB", email_verified=True)
    assert (renamed.first_name, renamed.locale, renamed.email_verified) == ("Anne", "en-GB", True)
    assert renamed.external_id == "ann-1" and renamed.metadata == {"k": "v"}
    assert renamed.updated_at >= user.updated_at

    cleared = um.update_user(user.id, external_id=None, metadata=None)
    assert cleared.external_id is None and cleared.metadata == {}
    moved = um.update_user(user.id, email="Anne@Example.com")
    assert moved.email == "anne@example.com"

    um.create_user(email="other@example.com")
    with pytest.raises(BadRequestError) as raised:
        um.update_user(user.id, email="other@example.com")
    assert raised.value.code == "email_not_available"
    with pytest.raises(BadRequestError) as raised:
        um.update_user(user.id, locale="not a locale")
    assert raised.value.code == "invalid_locale"


def test_delete_user_and_identities(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    user = um.create_user(email="gone@example.com")
    assert um.get_user_identities(user.id) == []
    um.delete_user(user.id)
    with pytest.raises(NotFoundError):
        um.get_user(user.id)
    with pytest.raises(NotFoundError):
        um.delete_user(user.id)
    with pytest.raises(NotFoundError):
        um.get_user_identities(user.id)


def test_list_users_by_email(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    ids = [um.create_user(email=f"list{i}@example.com").id for i in range(3)]
    assert [u.id for u in um.list_users(email="LIST1@example.com")] == [ids[1]]
    newest_first = um.list_users(limit=2)
    assert [u.id for u in newest_first.data] == [ids[2], ids[1]]
    assert [u.id for u in newest_first.auto_paging_iter()] == list(reversed(ids))


def test_auto_paging_300_users_filtered_by_organization(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    memberships = workos_client.organization_membership
    org = workos_client.organizations.create_organization(name="Big Co")
    other = workos_client.organizations.create_organization(name="Small Co")
    members: List[str] = []
    for i in range(300):
        user = um.create_user(email=f"member{i:03d}@example.com")
        memberships.create_organization_membership(user_id=user.id, organization_id=org.id)
        members.append(user.id)
        if i % 3 == 0:
            outsider = um.create_user(email=f"outsider{i:03d}@example.com")
            memberships.create_organization_membership(user_id=outsider.id, organization_id=other.id)

    listed = [u.id for u in um.list_users(organization_id=org.id, limit=100).auto_paging_iter()]
    assert len(listed) == 300
    assert listed == list(reversed(members))
    ascending = [u.id for u in um.list_users(organization_id=org.id, order="asc").auto_paging_iter()]
    assert ascending == members
    assert len([u for u in um.list_users(organization_id=other.id, limit=100).auto_paging_iter()]) == 100


# --- organization memberships ----------------------------------------------------------------


def test_membership_lifecycle(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    memberships = workos_client.organization_membership
    org = workos_client.organizations.create_organization(name="Acme Corp")
    user = um.create_user(email="mel@example.com", first_name="Mel")

    created = memberships.create_organization_membership(
        user_id=user.id, organization_id=org.id, role=RoleSingle(role_slug="admin")
    )
    assert MEMBERSHIP_ID.match(created.id)
    assert created.status == "active" and created.directory_managed is False
    assert created.organization_name == "Acme Corp"
    assert created.role.slug == "admin" and [r.slug for r in created.roles] == ["admin"]
    assert created.user.id == user.id and created.user.first_name == "Mel"

    fetched = memberships.get_organization_membership(created.id)
    assert fetched.to_dict() == created.to_dict()
    for slug in ("billing", "viewer"):  # environment roles besides the built-in member and admin
        workos_client.authorization.create_environment_role(slug=slug, name=slug.capitalize())
    updated = memberships.update_organization_membership(created.id, role=RoleMultiple(role_slugs=["billing", "viewer"]))
    assert updated.role.slug == "billing" and [r.slug for r in updated.roles] == ["billing", "viewer"]

    deactivated = memberships.deactivate_organization_membership(created.id)
    assert deactivated.status == "inactive"
    assert membership_ids(memberships.list_organization_memberships(organization_id=org.id)) == []
    assert membership_ids(
        memberships.list_organization_memberships(organization_id=org.id, statuses=["active", "inactive"])
    ) == [created.id]
    reactivated = memberships.reactivate_organization_membership(created.id)
    assert reactivated.status == "active" and reactivated.role.slug == "billing"
    assert membership_ids(memberships.list_organization_memberships(user_id=user.id)) == [created.id]

    with pytest.raises(ConflictError):
        memberships.create_organization_membership(user_id=user.id, organization_id=org.id)
    with pytest.raises(BadRequestError) as raised:
        memberships.list_organization_memberships()
    assert raised.value.code == "missing_user_id_or_organization_id"
    with pytest.raises(NotFoundError):
        memberships.create_organization_membership(user_id=user.id, organization_id="org_01HZZZZZZZZZZZZZZZZZZZZZZZ")

    memberships.delete_organization_membership(created.id)
    with pytest.raises(NotFoundError):
        memberships.get_organization_membership(created.id)


def test_pending_membership_status_errors(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    memberships = workos_client.organization_membership
    org = workos_client.organizations.create_organization(name="Invites Inc")
    user = um.create_user(email="pending@example.com")
    um.send_invitation(email="pending@example.com", organization_id=org.id)
    pending = memberships.list_organization_memberships(user_id=user.id, statuses=["pending"]).data
    assert [m.status for m in pending] == ["pending"]
    with pytest.raises(BadRequestError) as raised:
        memberships.deactivate_organization_membership(pending[0].id)
    assert raised.value.code == "cannot_deactivate_pending_organization_membership"
    with pytest.raises(BadRequestError) as raised:
        memberships.reactivate_organization_membership(pending[0].id)
    assert raised.value.code == "cannot_reactivate_pending_organization_membership"


def test_memberships_leave_with_their_organization(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    memberships = workos_client.organization_membership
    org = workos_client.organizations.create_organization(name="Short Lived")
    user = um.create_user(email="survivor@example.com")
    membership = memberships.create_organization_membership(user_id=user.id, organization_id=org.id)
    workos_client.organizations.delete_organization(org.id)
    with pytest.raises(NotFoundError):
        memberships.get_organization_membership(membership.id)
    assert um.get_user(user.id).id == user.id


# --- invitations ------------------------------------------------------------------------------


def test_invitation_send_read_and_accept(
    workos_client: workos.WorkOSClient, emulator_url: str, env: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    org = workos_client.organizations.create_organization(name="Joinable")
    inviter = um.create_user(email="boss@example.com")
    invitation = um.send_invitation(
        email="new.hire@example.com",
        organization_id=org.id,
        role_slug="admin",
        expires_in_days=3,
        inviter_user_id=inviter.id,
    )
    assert INVITATION_ID.match(invitation.id)
    assert invitation.state == "pending" and invitation.role_slug == "admin"
    assert invitation.organization_id == org.id and invitation.inviter_user_id == inviter.id
    assert invitation.accepted_at is None and invitation.accepted_user_id is None
    assert (invitation.expires_at - invitation.created_at).days == 3
    assert invitation.accept_invitation_url.startswith(emulator_url)
    assert invitation.accept_invitation_url.endswith(f"invitation_token={invitation.token}")

    mail = next_message(emulator_url, env, "new.hire@example.com")
    assert mail["kind"] == "invitation" and mail["token"] == invitation.token
    assert mail["url"] == invitation.accept_invitation_url

    assert um.get_invitation(invitation.id).to_dict() == invitation.to_dict()
    assert um.find_invitation_by_token(invitation.token).id == invitation.id
    assert [i.id for i in um.list_invitations(organization_id=org.id)] == [invitation.id]
    assert [i.id for i in um.list_invitations(email="NEW.HIRE@example.com")] == [invitation.id]

    with pytest.raises(BadRequestError) as raised:
        um.send_invitation(email="new.hire@example.com", organization_id=org.id)
    assert raised.value.code == "email_already_invited_to_organization"

    resent = um.resend_invitation(invitation.id)
    assert resent.token == invitation.token
    assert next_message(emulator_url, env, "new.hire@example.com")["kind"] == "invitation"

    accepted = um.accept_invitation(invitation.id)
    assert accepted.state == "accepted" and accepted.accepted_at is not None
    joined = um.get_user(accepted.accepted_user_id)
    assert joined.email == "new.hire@example.com" and joined.email_verified is True
    member = workos_client.organization_membership.list_organization_memberships(user_id=joined.id).data
    assert [(m.organization_id, m.role.slug) for m in member] == [(org.id, "admin")]

    with pytest.raises(BadRequestError) as raised:
        um.accept_invitation(invitation.id)
    assert raised.value.code == "invite_not_pending"


def test_revoked_invitation_cannot_be_accepted(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    invitation = um.send_invitation(email="maybe@example.com")
    revoked = um.revoke_invitation(invitation.id)
    assert revoked.state == "revoked" and revoked.revoked_at is not None
    with pytest.raises(BadRequestError) as raised:
        um.accept_invitation(invitation.id)
    assert raised.value.code == "invite_not_pending"
    with pytest.raises(BadRequestError) as raised:
        um.resend_invitation(invitation.id)
    assert raised.value.code == "invite_revoked"
    with pytest.raises(BadRequestError) as raised:
        um.send_invitation(email="x@example.com", expires_in_days=31)
    assert raised.value.code == "expires_in_days_too_long"
    with pytest.raises(NotFoundError):
        um.get_invitation("invitation_01HZZZZZZZZZZZZZZZZZZZZZZZ")


# --- codes: email verification, password reset, magic auth, email change -----------------------


def test_email_verification_with_the_mailed_code(
    workos_client: workos.WorkOSClient, emulator_url: str, env: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    user = um.create_user(email="verify@example.com")
    sent = um.send_verification_email(user.id)
    assert sent.user.id == user.id

    mail = next_message(emulator_url, env, "verify@example.com")
    assert mail["kind"] == "email_verification" and re.fullmatch(r"\d{6}", mail["code"])
    verification = um.get_email_verification(mail["related"]["email_verification_id"])
    assert verification.code == mail["code"] and verification.user_id == user.id

    with pytest.raises(BadRequestError) as raised:
        um.verify_email(user.id, code="000000" if mail["code"] != "000000" else "111111")
    assert raised.value.code == "email_verification_code_incorrect"
    verified = um.verify_email(user.id, code=mail["code"])
    assert verified.user.email_verified is True
    with pytest.raises(BadRequestError) as raised:
        um.send_verification_email(user.id)
    assert raised.value.code == "email_already_verified"


def test_password_reset_with_the_mailed_token(
    workos_client: workos.WorkOSClient, emulator_url: str, env: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    user = um.create_user(email="forgot@example.com", password=PasswordPlaintext(password="the old password"))
    reset = um.reset_password(email="forgot@example.com")
    assert reset.user_id == user.id and reset.email == "forgot@example.com"
    assert reset.password_reset_url.endswith(f"token={reset.password_reset_token}")
    assert um.get_password_reset(reset.id).to_dict() == reset.to_dict()

    mail = next_message(emulator_url, env, "forgot@example.com")
    assert mail["kind"] == "password_reset" and mail["token"] == reset.password_reset_token

    with pytest.raises(BadRequestError) as raised:
        um.confirm_password_reset(token=mail["token"], new_password="short")
    assert raised.value.code == "password_reset_error"
    confirmed = um.confirm_password_reset(token=mail["token"], new_password="a brand new secret")
    assert confirmed.user.id == user.id and confirmed.user.email_verified is True
    with pytest.raises(BadRequestError):
        um.confirm_password_reset(token=mail["token"], new_password="another new secret")
    with pytest.raises(NotFoundError):
        um.reset_password(email="nobody@example.com")


def test_magic_auth_code_from_the_outbox(
    workos_client: workos.WorkOSClient, emulator_url: str, env: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    magic = um.create_magic_auth(email="Magic@Example.com")
    assert magic.email == "magic@example.com" and re.fullmatch(r"\d{6}", magic.code)
    assert (magic.expires_at - magic.created_at).total_seconds() == 600
    # An unknown address is signed up by its first code.
    assert um.get_user(magic.user_id).email == "magic@example.com"
    assert um.get_magic_auth(magic.id).to_dict() == {k: v for k, v in magic.to_dict().items() if k != "radar_auth_attempt_id"}
    assert next_message(emulator_url, env, "magic@example.com")["code"] == magic.code


def test_email_change_with_the_mailed_code(
    workos_client: workos.WorkOSClient, emulator_url: str, env: Dict[str, Any]
) -> None:
    um = workos_client.user_management
    user = um.create_user(email="old@example.com")
    um.create_user(email="taken@example.com")
    change = um.send_email_change(user.id, new_email="New@Example.com")
    assert change.new_email == "new@example.com" and change.user.email == "old@example.com"
    code = next_message(emulator_url, env, "new@example.com")["code"]
    confirmed = um.confirm_email_change(user.id, code=code)
    assert confirmed.user.email == "new@example.com"
    assert um.get_user(user.id).email == "new@example.com"
    with pytest.raises(ConflictError) as raised:
        um.send_email_change(user.id, new_email="taken@example.com")
    assert raised.value.code == "email_not_available"


# --- the outbox -------------------------------------------------------------------------------


def test_outbox_next_waits_for_the_message(
    workos_client: workos.WorkOSClient, emulator_url: str, env: Dict[str, Any]
) -> None:
    received: Dict[str, Any] = {}
    waiter = threading.Thread(target=lambda: received.update(next_message(emulator_url, env, "waiting@example.com")))
    waiter.start()
    magic = workos_client.user_management.create_magic_auth(email="waiting@example.com")
    waiter.join(timeout=10)
    assert received.get("code") == magic.code

    listed = outbox(emulator_url, env, "", email="waiting@example.com")
    assert [m["kind"] for m in listed["data"]] == ["magic_auth"]
    with pytest.raises(urllib.error.HTTPError) as raised:
        outbox(emulator_url, env, "/next", email="waiting@example.com", timeout_ms=100)
    assert raised.value.code == 408
    assert json.loads(raised.value.read())["code"] == "outbox_timeout"
