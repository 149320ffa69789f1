"""The Admin Portal through the official Python SDK (workos 10.6.0): `portal.generate_link` for each
intent, then the link's pages as a browser without JavaScript uses them (a cookie jar and form posts),
checking through the SDK that each page's change happened; revocation and expiry on the clock.
"""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Tuple

import pytest
import workos
from workos import NotFoundError, UnprocessableEntityError

INTENTS = ["sso", "dsync", "audit_logs", "log_streams", "domain_verification", "certificate_renewal"]


class Browser:
    """A cookie-keeping HTTP client: what the portal's plain HTML forms need."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> Tuple[int, str]:
        return self._send(urllib.request.Request(url))

    def submit(self, link: str, action: str, fields: dict[str, str]) -> Tuple[int, str]:
        token = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["token"][0]
        base = link.split("/portal/")[0]
        data = urllib.parse.urlencode(fields).encode()
        return self._send(urllib.request.Request(f"{base}{action}?token={urllib.parse.quote(token)}", data=data))

    def _send(self, request: urllib.request.Request) -> Tuple[int, str]:
        try:
            with self.opener.open(request) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def organization_id(workos_client: workos.WorkOSClient) -> str:
    return workos_client.organizations.create_organization(name="Acme").id


@pytest.mark.parametrize("intent", INTENTS)
def test_generate_link_for_each_intent(workos_client: workos.WorkOSClient, organization_id: str, intent: str) -> None:
    link = workos_client.admin_portal.generate_link(
        organization=organization_id, intent=intent, return_url="https://app.example/settings",
        success_url="https://app.example/done").link
    status, page = Browser().get(link)
    assert status == 200
    assert "https://app.example/done" in page and "https://app.example/settings" in page


def test_generate_link_rejects_bad_input(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    with pytest.raises(NotFoundError):
        workos_client.admin_portal.generate_link(organization="org_01HZZZZZZZZZZZZZZZZZZZZZZZ", intent="sso")
    with pytest.raises(UnprocessableEntityError):
        workos_client.admin_portal.generate_link(organization=organization_id, intent="bring_your_own_key")


def test_sso_intent_creates_an_active_connection(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    link = workos_client.admin_portal.generate_link(organization=organization_id, intent="sso").link
    browser = Browser()
    assert browser.get(link)[0] == 200
    status, page = browser.submit(link, "/portal/sso", {"connection_type": "TestIdp"})
    assert status == 200, page
    connections = workos_client.sso.list_connections(organization_id=organization_id).data
    assert [(c.connection_type, c.state) for c in connections] == [("TestIdp", "active")]
    assert [e.event for e in workos_client.events.list_events(events=["connection.activated"]).data] == ["connection.activated"]


def test_dsync_intent_shows_a_working_scim_endpoint(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    link = workos_client.admin_portal.generate_link(organization=organization_id, intent="dsync").link
    browser = Browser()
    browser.get(link)
    _, page = browser.submit(link, "/portal/dsync", {"type": "generic scim v2.0"})
    endpoint = re.search(r'data-field="scim_endpoint">([^<]+)<', page).group(1)
    token = re.search(r'data-field="bearer_token">([^<]+)<', page).group(1)
    request = urllib.request.Request(endpoint + "/Users", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    directories = workos_client.directory_sync.list_directories(organization_id=organization_id).data
    assert len(directories) == 1 and directories[0].state == "linked"


def test_domain_verification_intent(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    link = workos_client.admin_portal.generate_link(organization=organization_id, intent="domain_verification").link
    browser = Browser()
    browser.get(link)
    status, page = browser.submit(link, "/portal/domains", {"domain": "acme.example"})
    assert status == 200 and "acme.example is verified." in page
    domains = workos_client.organizations.get_organization(organization_id).domains
    assert [(d.domain, d.state) for d in domains] == [("acme.example", "verified")]


def test_audit_logs_intent_exports_a_csv(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    from datetime import datetime, timezone
    from workos.audit_logs import AuditLogEvent, AuditLogEventActor, AuditLogEventContext

    workos_client.audit_logs.create_event(organization_id=organization_id, event=AuditLogEvent(
        action="user.signed_in", occurred_at=datetime(2026, 1, 15, tzinfo=timezone.utc),
        actor=AuditLogEventActor(id="user_1", type="user", name="Jon"), targets=[],
        context=AuditLogEventContext(location="203.0.113.5")))
    link = workos_client.admin_portal.generate_link(organization=organization_id, intent="audit_logs").link
    browser = Browser()
    assert "user.signed_in" in browser.get(link)[1]
    _, page = browser.submit(link, "/portal/audit_logs/export",
                             {"range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z"})
    url = re.search(r'href="([^"]+)" id="export_download"', page).group(1).replace("&amp;", "&")
    status, csv_text = browser.get(url)
    assert status == 200
    assert csv_text.splitlines()[1].startswith("2026-01-15T00:00:00.000Z,user.signed_in,user_1,user,Jon,")


def test_revoked_and_expired_links(workos_client: workos.WorkOSClient, organization_id: str,
                                   control: Callable[..., Any]) -> None:
    revoked = workos_client.admin_portal.generate_link(
        organization=organization_id, intent="sso", external_user_id="admin_1").link
    workos_client.admin_portal.revoke_link(organization=organization_id, external_user_id="admin_1")
    status, page = Browser().get(revoked)
    assert status == 410 and "Link revoked" in page

    expiring = workos_client.admin_portal.generate_link(organization=organization_id, intent="sso").link
    control("POST", "/_emulator/clock", {"advance_seconds": 301})
    status, page = Browser().get(expiring)
    assert status == 410 and "Link expired" in page


def test_a_link_opens_one_session(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    link = workos_client.admin_portal.generate_link(organization=organization_id, intent="sso").link
    assert Browser().get(link)[0] == 200
    status, page = Browser().get(link)
    assert status == 403 and "Link already used" in page


def test_certificate_renewal_intent_uploads_an_idp_certificate(workos_client: workos.WorkOSClient, organization_id: str) -> None:
    from pathlib import Path
    from workos.sso import CreateProtocolOptionsSAML
    from workos.sso.models import CreateConnectionSAMLOptions

    draft = workos_client.sso.create_connection(
        organization_id=organization_id, connection_type="OktaSAML",
        protocol_options=CreateProtocolOptionsSAML(saml_options=CreateConnectionSAMLOptions(idp_sso_url="https://idp.example/sso")))
    assert draft.state == "draft"
    certificate = (Path(__file__).resolve().parents[2] / "fixtures" / "saml" / "idp-signing.crt").read_text()
    link = workos_client.admin_portal.generate_link(organization=organization_id, intent="certificate_renewal").link
    browser = Browser()
    assert "IdP signing certificates expire none yet" in browser.get(link)[1]
    status, page = browser.submit(link, "/portal/certificates", {"connection_id": draft.id, "certificate": certificate})
    assert status == 200 and "Certificate uploaded." in page
    assert workos_client.sso.get_connection(draft.id).state == "active"
