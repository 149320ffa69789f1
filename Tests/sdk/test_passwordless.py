"""Magic Link (the legacy passwordless API) through the official Python SDK (workos 10.6.0):
`client.passwordless` makes and sends the link, the browser follows it, and `client.sso` exchanges the
code for the profile, as after any SSO sign-in. The mailed link is read from the emulator's outbox.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Tuple

import pytest
import workos
from workos import NotFoundError, UnprocessableEntityError

CALLBACK = "http://localhost:3000/callback"
SESSION_ID = re.compile(r"^passwordless_session_[0-9A-HJKMNP-TV-Z]{26}$")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def follow(link: str) -> Tuple[int, Dict[str, str]]:
    """Opens the link as a browser would, without following its redirect: status and its query."""
    try:
        with urllib.request.build_opener(_NoRedirect).open(link, timeout=30) as response:
            return response.status, {}
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") or ""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
        query["redirect"] = location.split("?")[0]
        return error.code, query


def test_the_mailed_link_signs_the_address_in_through_sso(workos_client: workos.WorkOSClient,
                                                          control: Callable[..., Any]) -> None:
    control("POST", "/_emulator/clock", {"frozen": True})
    session = workos_client.passwordless.create_session(email="Ann@Example.com", type="MagicLink",
                                                        redirect_uri=CALLBACK, state="return-to-inbox")
    assert SESSION_ID.match(session.id) and session.object == "passwordless_session"
    assert session.email == "ann@example.com" and session.link.endswith("/confirm")
    clock = datetime.fromisoformat(control("GET", "/_emulator/clock")["now"].replace("Z", "+00:00"))
    assert datetime.fromisoformat(session.expires_at.replace("Z", "+00:00")) == clock + timedelta(seconds=900)

    assert workos_client.passwordless.send_session(session.id) is True
    mail = control("GET", "/_emulator/outbox/next?email=ann@example.com&timeout_ms=5000")
    assert mail["kind"] == "magic_link" and mail["url"] == session.link
    assert mail["related"]["passwordless_session_id"] == session.id

    status, query = follow(mail["url"])
    assert status == 302 and query["redirect"] == CALLBACK and query["state"] == "return-to-inbox"
    answer = workos_client.sso.get_profile_and_token(code=query["code"])
    profile = answer.profile
    assert profile.connection_type == "MagicLink" and profile.email == "ann@example.com"
    assert profile.idp_id == "ann@example.com" and profile.organization_id is None
    connection = workos_client.sso.get_connection(profile.connection_id)
    assert connection.connection_type == "MagicLink" and connection.state == "active"
    assert workos_client.sso.get_profile(access_token=answer.access_token).id == profile.id

    status, query = follow(session.link)
    assert status == 302 and query["error"] == "access_denied" and "code" not in query


def test_links_expire_and_bad_requests_are_refused(workos_client: workos.WorkOSClient,
                                                   control: Callable[..., Any]) -> None:
    passwordless = workos_client.passwordless
    session = passwordless.create_session(email="ann@example.com", type="MagicLink", redirect_uri=CALLBACK,
                                          expires_in=3600)
    control("POST", "/_emulator/clock", {"advance_seconds": 3600})
    with pytest.raises(UnprocessableEntityError):
        passwordless.send_session(session.id)
    status, query = follow(session.link)
    assert status == 302 and query["error"] == "access_denied"

    with pytest.raises(NotFoundError):
        passwordless.send_session("passwordless_session_missing")
    with pytest.raises(UnprocessableEntityError):
        passwordless.create_session(email="ann@example.com", type="MagicLink", redirect_uri=CALLBACK, expires_in=60)
    with pytest.raises(UnprocessableEntityError):
        passwordless.create_session(email="not-an-address", type="MagicLink", redirect_uri=CALLBACK)
    # Without a redirect URI, the environment's default one; this environment has none yet.
    with pytest.raises(UnprocessableEntityError):
        passwordless.create_session(email="ann@example.com", type="MagicLink")
    workos_client.user_management.create_redirect_uri(uri="https://app.example.com/callback")
    fallback = passwordless.create_session(email="ann@example.com", type="MagicLink")
    status, query = follow(fallback.link)
    assert query["redirect"] == "https://app.example.com/callback" and "code" in query


def test_an_organizations_magic_link_connection_signs_its_domain_in(workos_client: workos.WorkOSClient,
                                                                    control: Callable[..., Any]) -> None:
    created = control("POST", "/_emulator/scenarios", {
        "organizations": {"acme": {"name": "Acme", "domains": ["acme.com"]}},
        "connections": {"acme_link": {"organization": "acme", "type": "MagicLink"}},
    })["created"]
    session = workos_client.passwordless.create_session(email="alice@acme.com", type="MagicLink", redirect_uri=CALLBACK)
    status, query = follow(session.link)
    profile = workos_client.sso.get_profile_and_token(code=query["code"]).profile
    assert profile.connection_id == created["connections"]["acme_link"]["id"]
    assert profile.organization_id == created["organizations"]["acme"]["id"]
