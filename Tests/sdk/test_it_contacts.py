"""An organization's IT contacts through the official Python SDK (workos 10.6.0).

Adding a contact sends nothing; inviting one mails it an Admin Portal link (read from the emulator's
outbox), at most one active per organization; revoking, or deleting the contact, revokes the link.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import urllib.error
import urllib.request

import pytest
import workos
from workos import ConflictError, NotFoundError, UnprocessableEntityError

CONTACT_ID = re.compile(r"^it_contact_[0-9A-HJKMNP-TV-Z]{26}$")


def opened(link: str) -> int:
    """The status a browser gets opening the portal link."""
    try:
        with urllib.request.urlopen(link, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_contacts_are_added_listed_and_deleted(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    orgs = workos_client.organizations
    acme = orgs.create_organization(name="Acme")
    dana = orgs.create_it_contact(acme.id, email="Dana@Acme.com")
    assert CONTACT_ID.match(dana.id) and dana.object == "it_contact" and dana.email == "dana@acme.com"
    assert dana.created_at == dana.updated_at
    erin = orgs.create_it_contact(acme.id, email="erin@acme.com")
    listed = orgs.list_it_contacts(acme.id)
    assert listed.object == "list" and [c.id for c in listed.data] == [erin.id, dana.id]
    assert listed.data[1].to_dict() == dana.to_dict()
    assert (listed.list_metadata.before, listed.list_metadata.after) == (None, None)
    assert control("GET", "/_emulator/outbox?kind=it_contact_invitation")["data"] == []

    with pytest.raises(ConflictError):
        orgs.create_it_contact(acme.id, email="dana@acme.com")
    with pytest.raises(UnprocessableEntityError):
        orgs.create_it_contact(acme.id, email="not-an-address")
    with pytest.raises(NotFoundError):
        orgs.list_it_contacts("org_missing")

    orgs.delete_it_contact(acme.id, dana.id)
    assert [c.id for c in orgs.list_it_contacts(acme.id).data] == [erin.id]
    with pytest.raises(NotFoundError):
        orgs.delete_it_contact(acme.id, dana.id)


def test_inviting_mails_a_portal_link_until_revoked(workos_client: workos.WorkOSClient,
                                                    control: Callable[..., Any]) -> None:
    orgs = workos_client.organizations
    acme = orgs.create_organization(name="Acme")
    dana = orgs.create_it_contact(acme.id, email="dana@acme.com")
    erin = orgs.create_it_contact(acme.id, email="erin@acme.com")
    assert orgs.invite_it_contact(acme.id, dana.id, intents=["sso", "directory_sync"]) is None
    mail = control("GET", "/_emulator/outbox/next?email=dana@acme.com&kind=it_contact_invitation&timeout_ms=2000")
    assert mail["related"]["it_contact_id"] == dana.id and mail["related"]["organization_id"] == acme.id
    assert mail["related"]["intents"] == ["sso", "directory_sync"]
    link = mail["url"]
    assert "/portal/launch?token=" in link

    with pytest.raises(ConflictError):
        orgs.invite_it_contact(acme.id, erin.id, intents=["sso"])
    with pytest.raises(UnprocessableEntityError):
        orgs.invite_it_contact(acme.id, erin.id, intents=["bring_your_own_key"])
    with pytest.raises(NotFoundError):
        orgs.invite_it_contact(acme.id, "it_contact_missing", intents=["sso"])

    assert orgs.revoke_it_contact(acme.id, dana.id) is None
    assert opened(link) == 410
    orgs.invite_it_contact(acme.id, erin.id, intents=["log_streams"])
    erin_link = control("GET", "/_emulator/outbox/next?email=erin@acme.com&timeout_ms=2000")["url"]
    assert opened(erin_link) == 200
    with pytest.raises(NotFoundError):
        orgs.revoke_it_contact(acme.id, "it_contact_missing")
