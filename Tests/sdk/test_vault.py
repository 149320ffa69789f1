"""Vault through the official Python SDK (workos 10.6.0): data keys (`create_data_key`,
`create_decrypt`, `create_rekey`), the SDK's local AES-GCM `encrypt`/`decrypt` helpers over them, and
key-value objects (`create_kv`, `get_kv`, `get_name`, `list_kv`, `update_kv`, `list_kv_metadata`,
`list_kv_versions`, `delete_kv`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any, Callable, Dict

import pytest
import workos
from cryptography.exceptions import InvalidTag
from workos import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError

DATA_KEY_ID = re.compile(r"^dek_[0-9A-HJKMNP-TV-Z]{26}$")
OBJECT_ID = re.compile(r"^kv_[0-9A-HJKMNP-TV-Z]{26}$")


def test_data_keys_are_made_decrypted_and_rekeyed(workos_client: workos.WorkOSClient) -> None:
    vault = workos_client.vault
    made = vault.create_data_key(context={"organization_id": "org_1"})
    assert DATA_KEY_ID.match(made.id) and made.context == {"organization_id": "org_1"}
    assert len(base64.b64decode(made.data_key)) == 32

    decrypted = vault.create_decrypt(keys=made.encrypted_keys)
    assert (decrypted.id, decrypted.data_key) == (made.id, made.data_key)

    rekeyed = vault.create_rekey(context={"organization_id": "org_2"}, encrypted_keys=made.encrypted_keys)
    assert (rekeyed.id, rekeyed.data_key, rekeyed.context) == (made.id, made.data_key, {"organization_id": "org_2"})
    assert rekeyed.encrypted_keys != made.encrypted_keys
    assert vault.create_decrypt(keys=rekeyed.encrypted_keys).data_key == made.data_key

    with pytest.raises(BadRequestError) as refused:
        vault.create_decrypt(keys=base64.b64encode(b"not a sealed key").decode())
    assert refused.value.error
    with pytest.raises(UnprocessableEntityError):
        vault.create_data_key(context={f"k{i}": "v" for i in range(11)})


def test_the_sdk_encrypts_locally_and_decrypts_through_the_emulator(workos_client: workos.WorkOSClient) -> None:
    vault = workos_client.vault
    sealed = vault.encrypt(data="card 4242 4242 4242 4242", key_context={"organization_id": "org_1"})
    assert "4242" not in base64.b64decode(sealed).decode("latin-1")
    assert vault.decrypt(encrypted_data=sealed) == "card 4242 4242 4242 4242"

    bound = vault.encrypt(data="ssn", key_context={"user": "u_1"}, associated_data="user:u_1")
    assert vault.decrypt(encrypted_data=bound, associated_data="user:u_1") == "ssn"
    with pytest.raises(InvalidTag):
        vault.decrypt(encrypted_data=bound, associated_data="user:u_2")


def test_sealed_keys_open_only_in_their_own_environment(workos_client: workos.WorkOSClient,
                                                         make_env: Callable[[], Dict[str, Any]],
                                                         make_client: Callable[[Dict[str, Any]], workos.WorkOSClient]) -> None:
    sealed = workos_client.vault.encrypt(data="secret", key_context={"organization_id": "org_1"})
    other = make_client(make_env())
    with pytest.raises(BadRequestError):
        other.vault.decrypt(encrypted_data=sealed)


def test_objects_are_stored_read_updated_and_deleted(workos_client: workos.WorkOSClient,
                                                     env: Dict[str, Any]) -> None:
    vault = workos_client.vault
    created = vault.create_kv(name="db-password", value="hunter2", key_context={"organization_id": "org_1"})
    assert OBJECT_ID.match(created.id) and created.environment_id == env["id"]
    assert created.context == {"organization_id": "org_1"} and DATA_KEY_ID.match(created.key_id)
    assert created.updated_by.id == env["id"] and created.version_id

    by_id = vault.get_kv(created.id)
    assert (by_id.id, by_id.name, by_id.value) == (created.id, "db-password", "hunter2")
    assert by_id.metadata.version_id == created.version_id and by_id.metadata.updated_at == created.updated_at
    by_name = vault.get_name("db-password")
    assert (by_name.id, by_name.value) == (created.id, "hunter2")

    with pytest.raises(ConflictError):
        vault.create_kv(name="db-password", value="x", key_context={"organization_id": "org_1"})

    updated = vault.update_kv(created.id, value="correct horse", version_check=created.version_id)
    assert updated.id == created.id and updated.name == "db-password"
    assert updated.metadata.version_id != created.version_id and updated.metadata.key_id != created.key_id
    assert vault.get_kv(created.id).value == "correct horse"
    with pytest.raises(ConflictError):
        vault.update_kv(created.id, value="stale", version_check=created.version_id)
    vault.update_kv(created.id, value="no check")

    described = vault.list_kv_metadata(created.id)
    assert described.id == created.id and described.metadata.context == {"organization_id": "org_1"}
    assert not hasattr(described, "value")

    versions = vault.list_kv_versions(created.id)
    assert [v.current_version for v in versions.data] == [True, False, False]
    assert versions.data[1].id == updated.metadata.version_id and versions.data[2].id == created.version_id
    assert versions.data[2].etag == hashlib.md5(b"hunter2").hexdigest() and versions.data[2].size == 7
    assert versions.list_metadata.after is None

    with pytest.raises(ConflictError):
        vault.delete_kv(created.id, version_check=created.version_id)
    vault.delete_kv(created.id, version_check=vault.list_kv_metadata(created.id).metadata.version_id)
    for read in (lambda: vault.get_kv(created.id), lambda: vault.get_name("db-password"),
                 lambda: vault.list_kv_metadata(created.id), lambda: vault.list_kv_versions(created.id),
                 lambda: vault.delete_kv(created.id)):
        with pytest.raises(NotFoundError):
            read()


def test_objects_list_in_pages_and_filter_by_name(workos_client: workos.WorkOSClient) -> None:
    vault = workos_client.vault
    for name in ("alpha", "beta", "gamma-db", "delta-db"):
        vault.create_kv(name=name, value="v", key_context={"k": "v"})
    page = vault.list_kv(limit=3)
    assert [o.name for o in page.data] == ["delta-db", "gamma-db", "beta"] and page.data[0].updated_at is not None
    assert [o.name for o in page.auto_paging_iter()] == ["delta-db", "gamma-db", "beta", "alpha"]
    assert [o.name for o in vault.list_kv(order="asc").data] == ["alpha", "beta", "gamma-db", "delta-db"]
    assert [o.name for o in vault.list_kv(search="-db").data] == ["delta-db", "gamma-db"]
    assert [o.name for o in vault.list_kv(updated_after="2999-01-01T00:00:00Z").data] == []
    with pytest.raises(BadRequestError):
        vault.list_kv(updated_after="yesterday")

    odd = vault.create_kv(name="team a/db pass", value="ü", key_context={"k": "v"})
    assert vault.get_name("team a/db pass").id == odd.id and vault.get_kv(odd.id).value == "ü"
