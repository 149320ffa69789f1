"""JWT templates through the official Python SDK: the template is saved with `update_jwt_template`, and
the claims it renders ride in every access token, verified against the emulator's JWKS."""

from __future__ import annotations

from typing import Any, Dict

import jwt
import pytest
import workos
from cryptography.fernet import Fernet
from workos import NotFoundError, UnprocessableEntityError
from workos.session import seal_session_from_auth_response, unseal_data
from workos.user_management import PasswordPlaintext

PASSWORD = "correct-horse-9"
TEMPLATE = """{
  "urn:myapp:full_name": "{{ user.first_name }} {{ user.last_name || 'Unknown' }}",
  "urn:myapp:email": {{ user.email }},
  "urn:myapp:language": "{{ user.metadata.language || 'en' }}",
  "urn:myapp:tier": {{ organization.metadata.tier || 'bronze' }}
}"""


def verified_claims(client: workos.WorkOSClient, access_token: str) -> Dict[str, Any]:
    signing_key = jwt.PyJWKClient(client.user_management.get_jwks_url()).get_signing_key_from_jwt(access_token)
    return jwt.decode(access_token, signing_key.key, algorithms=["RS256"], options={"verify_aud": False})


def test_the_template_adds_its_claims_to_every_token(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(NotFoundError):
        workos_client.user_management.list_jwt_template()
    saved = workos_client.user_management.update_jwt_template(content=TEMPLATE)
    assert saved.content == TEMPLATE
    assert workos_client.user_management.list_jwt_template().content == TEMPLATE

    user = workos_client.user_management.create_user(email="ann@example.com", first_name="Ann",
                                                     password=PasswordPlaintext(password=PASSWORD), email_verified=True,
                                                     metadata={"language": "es"})
    org = workos_client.organizations.create_organization(name="Acme", metadata={"tier": "gold"})
    workos_client.organization_membership.create_organization_membership(user_id=user.id, organization_id=org.id)
    auth = workos_client.user_management.authenticate_with_password(email="ann@example.com", password=PASSWORD)
    claims = verified_claims(workos_client, auth.access_token)
    assert claims["urn:myapp:full_name"] == "Ann Unknown"
    assert claims["urn:myapp:email"] == "ann@example.com"
    assert claims["urn:myapp:language"] == "es"
    assert claims["urn:myapp:tier"] == "gold"
    assert claims["sub"] == user.id and claims["org_id"] == org.id

    # A sealed session still verifies, and its refresh carries the claims again.
    cookie_password = Fernet.generate_key().decode()
    session = workos_client.user_management.load_sealed_session(
        session_data=seal_session_from_auth_response(access_token=auth.access_token, refresh_token=auth.refresh_token,
                                                     user=auth.user.to_dict(), cookie_password=cookie_password),
        cookie_password=cookie_password)
    assert session.authenticate().authenticated
    refreshed = session.refresh()
    assert refreshed.authenticated, refreshed
    token = unseal_data(refreshed.sealed_session, cookie_password)["access_token"]
    assert verified_claims(workos_client, token)["urn:myapp:language"] == "es"


@pytest.mark.parametrize("content", [
    '{ "iss": {{ user.email }} }',
    '[ {{ user.email }} ]',
    '{ "user": "{{ user.metadata }}" }',
    '{ "a": {{ user.email || || user.email }} }',
    '{ "a": {{ user.id }',
    '{ "a": {{ unknown.variable }} }',
])
def test_invalid_templates_are_unprocessable(workos_client: workos.WorkOSClient, content: str) -> None:
    with pytest.raises(UnprocessableEntityError):
        workos_client.user_management.update_jwt_template(content=content)
