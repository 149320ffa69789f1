"""AuthKit waitlists through the official Python SDK (workos 10.6.0).

WorkOS makes waitlists in its dashboard and the default one when its first entry is added; the control
API (`POST /_emulator/waitlists`) stands in for the dashboard. Approving an entry invites its address,
and the invitation email is read from the emulator's outbox.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest
import workos
from workos import NotFoundError, UnprocessableEntityError

ENTRY_ID = re.compile(r"^wl_user_[0-9A-HJKMNP-TV-Z]{26}$")
WAITLIST_ID = re.compile(r"^waitlist_[0-9A-HJKMNP-TV-Z]{26}$")


def test_joining_the_default_waitlist_and_listing_its_entries(workos_client: workos.WorkOSClient,
                                                              control: Callable[..., Any]) -> None:
    um = workos_client.user_management
    with pytest.raises(NotFoundError):
        um.get_waitlist("default")
    entry = um.create_waitlist_entry("default", email="Dana@Example.com", additional_fields={"company": "Acme"},
                                     send_confirmation_email=True)
    assert ENTRY_ID.match(entry.id) and entry.object == "waitlist_entry"
    assert (entry.email, entry.state.value, entry.approved_at) == ("dana@example.com", "pending", None)
    assert entry.additional_fields == {"company": "Acme"} and entry.created_at == entry.updated_at

    waitlist = um.get_waitlist("default")
    assert WAITLIST_ID.match(waitlist.id) and waitlist.object == "waitlist" and entry.waitlist_id == waitlist.id
    assert um.get_waitlist(waitlist.id).to_dict() == waitlist.to_dict()
    assert [w.id for w in um.list_waitlists()] == [waitlist.id]

    # The same address again answers its entry, unchanged, without another email.
    assert um.create_waitlist_entry("default", email="dana@example.com").to_dict() == entry.to_dict()
    mail = control("GET", "/_emulator/outbox?kind=waitlist_confirmation")["data"]
    assert [m["to"] for m in mail] == ["dana@example.com"]

    erin = um.create_waitlist_entry(waitlist.id, email="erin@example.com")
    assert [e.id for e in um.list_waitlist_entries("default").auto_paging_iter()] == [erin.id, entry.id]
    assert [e.id for e in um.list_waitlist_entries("default", limit=1, order="asc").auto_paging_iter()] == [entry.id, erin.id]
    assert [e.email for e in um.list_waitlist_entries("default", email="ERIN@example.com")] == ["erin@example.com"]

    workos_client.user_management.create_user(email="user@example.com")
    with pytest.raises(UnprocessableEntityError) as refused:
        um.create_waitlist_entry("default", email="user@example.com")
    assert refused.value.code == "user_already_exists"
    with pytest.raises(NotFoundError):
        um.list_waitlist_entries("waitlist_missing")


def test_approving_invites_and_denying_can_be_reversed(workos_client: workos.WorkOSClient,
                                                       control: Callable[..., Any]) -> None:
    um = workos_client.user_management
    dana = um.create_waitlist_entry("default", email="dana@example.com")
    approved = um.create_waitlist_entry_approve(dana.id)
    assert approved.state.value == "approved" and approved.approved_at is not None and approved.id == dana.id
    invitation = list(um.list_invitations(email="dana@example.com"))[0]
    assert invitation.state == "pending" and invitation.organization_id is None
    mail = control("GET", "/_emulator/outbox/next?email=dana@example.com&kind=invitation&timeout_ms=2000")
    assert mail["token"] == invitation.token and mail["related"]["invitation_id"] == invitation.id
    with pytest.raises(UnprocessableEntityError) as again:
        um.create_waitlist_entry_approve(dana.id)
    assert again.value.code == "invalid_state"

    erin = um.create_waitlist_entry("default", email="erin@example.com")
    denied = um.create_waitlist_entry_deny(erin.id)
    assert denied.state.value == "denied" and denied.approved_at is None
    with pytest.raises(UnprocessableEntityError) as twice:
        um.create_waitlist_entry_deny(erin.id)
    assert twice.value.code == "invalid_state"
    assert [e.id for e in um.list_waitlist_entries("default", state="denied")] == [erin.id]
    assert um.create_waitlist_entry_approve(erin.id).state.value == "approved"
    assert [e.id for e in um.list_waitlist_entries("default", state="approved")] == [erin.id, dana.id]

    with pytest.raises(NotFoundError):
        um.create_waitlist_entry_approve("wl_user_missing")

    kinds = ["waitlist_user.created", "waitlist_user.approved", "waitlist_user.denied"]
    events = list(workos_client.events.list_events(events=kinds, order="asc", limit=100))
    assert [e.event for e in events] == ["waitlist_user.created", "waitlist_user.approved", "waitlist_user.created",
                                         "waitlist_user.denied", "waitlist_user.approved"]
    assert [e.data.id for e in events] == [dana.id, dana.id, erin.id, erin.id, erin.id]
    assert events[1].data.state.value == "approved" and events[3].data.waitlist_id == dana.waitlist_id


def test_deleting_an_entry_keeps_its_invitation(workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    dana = um.create_waitlist_entry("default", email="dana@example.com")
    um.create_waitlist_entry_approve(dana.id)
    um.delete_waitlist_entry(dana.id)
    assert list(um.list_waitlist_entries("default")) == []
    assert list(um.list_invitations(email="dana@example.com"))[0].state == "pending"
    with pytest.raises(NotFoundError):
        um.delete_waitlist_entry(dana.id)
    assert um.create_waitlist_entry("default", email="dana@example.com").id != dana.id


def test_waitlists_made_by_the_control_api(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    um = workos_client.user_management
    beta = control("POST", "/_emulator/waitlists", {})
    main = control("POST", "/_emulator/waitlists", {"default": True})
    assert um.get_waitlist("default").id == main["id"]
    page = um.list_waitlists(limit=1)
    assert [w.id for w in page] == [main["id"], beta["id"]] and page.list_metadata.after is None
    entry = um.create_waitlist_entry(beta["id"], email="dana@example.com")
    assert entry.waitlist_id == beta["id"]
    assert list(um.list_waitlist_entries("default")) == []
