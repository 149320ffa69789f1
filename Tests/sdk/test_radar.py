"""Standalone Radar through the official Python SDK (workos 10.6.0): `radar.create_attempt` answers
verdicts decided by the environment's lists, `radar.update_attempt` records outcomes, and
`radar.add_list_entry` / `radar.remove_list_entry` edit the lists.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict

import pytest
import workos
from workos import BadRequestError, NotFoundError

ATTEMPT_ID = re.compile(r"^radar_att_[0-9A-HJKMNP-TV-Z]{26}$")


def assess(client: workos.WorkOSClient, email: str = "ada@example.com", ip: str = "203.0.113.7") -> Any:
    return client.radar.create_attempt(
        ip_address=ip, user_agent="Mozilla/5.0", email=email, auth_method="Password", action="sign-in"
    )


def test_an_attempt_no_list_mentions_is_allowed(workos_client: workos.WorkOSClient) -> None:
    verdict = assess(workos_client)
    assert verdict.verdict == "allow"
    assert verdict.reason == "No Radar control triggered"
    assert ATTEMPT_ID.match(verdict.attempt_id)
    assert verdict.control is None and verdict.blocklist_type is None


def test_block_and_allow_entries_decide_the_verdict(workos_client: workos.WorkOSClient) -> None:
    radar = workos_client.radar
    assert radar.add_list_entry("ip_address", "block", entry="198.51.100.42") is None
    assert radar.add_list_entry("email", "block", entry="eve@example.com") is None

    by_ip = assess(workos_client, ip="198.51.100.42")
    assert (by_ip.verdict, by_ip.control, by_ip.blocklist_type) == ("block", "restriction", "ip_address")
    by_email = assess(workos_client, email="Eve@Example.com")
    assert (by_email.verdict, by_email.blocklist_type) == ("block", "email")

    # An allow entry exempts a known-good user from the block lists.
    radar.add_list_entry("email", "allow", entry="ada@example.com")
    allowed = assess(workos_client, email="ada@example.com", ip="198.51.100.42")
    assert allowed.verdict == "allow" and allowed.control is None

    radar.remove_list_entry("ip_address", "block", entry="198.51.100.42")
    assert assess(workos_client, email="bob@example.com", ip="198.51.100.42").verdict == "allow"
    with pytest.raises(NotFoundError):
        radar.remove_list_entry("ip_address", "block", entry="198.51.100.42")


def test_adding_an_entry_twice_answers_already_present(workos_client: workos.WorkOSClient) -> None:
    radar = workos_client.radar
    assert radar.add_list_entry("domain", "block", entry="evil.test") is None
    again = radar.add_list_entry("domain", "block", entry="EVIL.test")
    assert again is not None and again.message == "Entry already present in list"
    assert assess(workos_client, email="mallory@evil.test").blocklist_type == "domain"


def test_lists_belong_to_their_environment(
    workos_client: workos.WorkOSClient,
    make_env: Callable[[], Dict[str, Any]],
    make_client: Callable[[Dict[str, Any]], workos.WorkOSClient],
) -> None:
    workos_client.radar.add_list_entry("email", "block", entry="eve@example.com")
    other = make_client(make_env())
    assert assess(other, email="eve@example.com").verdict == "allow"


def test_update_attempt_records_success_and_refuses_unknown_attempts(workos_client: workos.WorkOSClient) -> None:
    attempt = assess(workos_client)
    assert workos_client.radar.update_attempt(attempt.attempt_id, challenge_status="success", attempt_status="success") is None
    with pytest.raises(NotFoundError):
        workos_client.radar.update_attempt("radar_att_01HZBC6N1EB1ZY7KG32X", attempt_status="success")


def test_bad_input_is_a_bad_request(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(BadRequestError):
        workos_client.radar.create_attempt(
            ip_address="not-an-ip", user_agent="Mozilla/5.0", email="ada@example.com", auth_method="Password", action="sign-in"
        )
    with pytest.raises(BadRequestError):
        workos_client.radar.add_list_entry("ip_address", "block", entry="999.1.1.1")
    with pytest.raises(BadRequestError):
        workos_client.radar.add_list_entry("phone", "block", entry="+15555550100")
