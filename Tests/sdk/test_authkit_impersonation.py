"""Impersonation through the official Python SDK: the control API stands in for WorkOS's dashboard
("Impersonate user") and answers the code it would redirect with; `authenticate_with_code` then answers
the impersonator, the access token names them in `act`, and the sealed session keeps them."""

from __future__ import annotations

from typing import Any, Callable

import jwt
import workos
from cryptography.fernet import Fernet
from workos.session import seal_session_from_auth_response
from workos.user_management import PasswordPlaintext

REDIRECT_URI = "http://localhost:3000/callback"


def test_an_impersonation_signs_in_as_the_user(workos_client: workos.WorkOSClient, control: Callable[..., Any]) -> None:
    user = workos_client.user_management.create_user(email="ann@example.com", email_verified=True,
                                                     password=PasswordPlaintext(password="correct-horse-9"))
    started = control("POST", "/_emulator/impersonations", {
        "user_id": user.id, "impersonator_email": "support@example.com", "reason": "Ticket 42",
        "redirect_uri": REDIRECT_URI})
    assert started["url"].startswith(REDIRECT_URI + "?code=")

    auth = workos_client.user_management.authenticate_with_code(code=started["code"])
    assert auth.user.id == user.id
    assert auth.impersonator is not None
    assert auth.impersonator.email == "support@example.com" and auth.impersonator.reason == "Ticket 42"
    assert auth.authentication_method == "Impersonation"
    unverified = jwt.decode(auth.access_token, options={"verify_signature": False})
    assert unverified["act"] == {"sub": "support@example.com"}

    cookie_password = Fernet.generate_key().decode()
    session = workos_client.user_management.load_sealed_session(
        session_data=seal_session_from_auth_response(
            access_token=auth.access_token, refresh_token=auth.refresh_token, user=auth.user.to_dict(),
            impersonator=auth.impersonator.to_dict(), cookie_password=cookie_password),
        cookie_password=cookie_password)
    verified = session.authenticate()
    assert verified.authenticated, verified
    assert verified.impersonator == {"email": "support@example.com", "reason": "Ticket 42"}
    refreshed = session.refresh()
    assert refreshed.authenticated, refreshed
    assert refreshed.impersonator == {"email": "support@example.com", "reason": "Ticket 42"}

    listed = workos_client.user_management.list_sessions(user.id).data
    assert listed[0].auth_method == "impersonation"
    assert listed[0].impersonator is not None and listed[0].impersonator.email == "support@example.com"
    events = workos_client.events.list_events(events=["session.created"]).data
    assert events[0].data.impersonator.email == "support@example.com"
