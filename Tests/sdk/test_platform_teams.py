"""Platform teams through the official Python SDK (workos 10.6.0): `platform_teams.create_team` and
`platform_teams.get_team`.
"""

from __future__ import annotations

import re

import pytest
import workos
from workos import NotFoundError, UnprocessableEntityError

TEAM_ID = re.compile(r"^team_[0-9A-HJKMNP-TV-Z]{26}$")


def test_a_created_team_reads_back(workos_client: workos.WorkOSClient) -> None:
    team = workos_client.platform_teams.create_team(admin_email="admin@acme.test", name="Acme")
    assert TEAM_ID.match(team.id)
    assert (team.object, team.name, team.production_state) == ("team", "Acme", "Inactive")
    assert team.production_enabled_at is None
    assert team.created_at == team.updated_at

    read = workos_client.platform_teams.get_team(team.id)
    assert (read.id, read.name, read.production_state, read.created_at) == (team.id, "Acme", "Inactive", team.created_at)


def test_unknown_teams_and_bad_input_are_refused(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(NotFoundError):
        workos_client.platform_teams.get_team("team_01HZBC6N1EB1ZY7KG32XABCDEF")
    with pytest.raises(UnprocessableEntityError):
        workos_client.platform_teams.create_team(admin_email="nobody", name="Acme")
