"""Organizations and organization domains, through the official Python SDK (workos 10.6.0).

Every API call here goes through `client.organizations` / `client.organization_domains`; raw HTTP
is used only by the fixtures, for the emulator's control API.
"""

from __future__ import annotations

import re
from datetime import timezone
from typing import Any, Callable, Dict, List

import pytest
import workos
from workos import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
)
from workos._errors import APIError
from workos.organizations.models import Organization, OrganizationDomainData

ULID = r"[0-9A-HJKMNP-TV-Z]{26}"
ORG_ID = re.compile(rf"^org_{ULID}$")
ORG_DOMAIN_ID = re.compile(rf"^org_domain_{ULID}$")
MISSING_ORG_ID = "org_01HZZZZZZZZZZZZZZZZZZZZZZZ"


def assert_utc(moment: Any) -> None:
    assert moment.tzinfo is not None, "timestamp has no time zone"
    assert moment.utcoffset() == timezone.utc.utcoffset(None), f"timestamp {moment} is not UTC"


def without_timestamps(model: Any) -> Dict[str, Any]:
    """The object's fields except created_at/updated_at (compared on their own in the timestamp test)."""
    data = model.to_dict()
    data.pop("created_at", None)
    data.pop("updated_at", None)
    if isinstance(data.get("domains"), list):
        data["domains"] = [
            {k: v for k, v in d.items() if k not in ("created_at", "updated_at")} for d in data["domains"]
        ]
    return data


def assert_request_id(error: APIError) -> None:
    assert isinstance(error.request_id, str) and error.request_id, (
        f"error carries no X-Request-ID (request_id={error.request_id!r})"
    )


# --- organizations ----------------------------------------------------------------------------


def test_create_organization_returns_full_object(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(
        name="Foo Corp",
        domain_data=[OrganizationDomainData(domain="foo-corp.com", state="verified")],
        metadata={"tier": "enterprise", "region": "eu"},
        external_id="ext-foo-1",
    )

    assert isinstance(org, Organization)
    assert org.object == "organization"
    assert ORG_ID.match(org.id), org.id
    assert org.name == "Foo Corp"
    assert org.metadata == {"tier": "enterprise", "region": "eu"}
    assert org.external_id == "ext-foo-1"
    assert_utc(org.created_at)
    assert_utc(org.updated_at)
    assert org.updated_at >= org.created_at

    assert len(org.domains) == 1
    domain = org.domains[0]
    assert domain.object == "organization_domain"
    assert ORG_DOMAIN_ID.match(domain.id), domain.id
    assert domain.organization_id == org.id
    assert domain.domain == "foo-corp.com"
    assert domain.state == "verified"
    assert_utc(domain.created_at)


def test_create_organization_minimal_has_empty_collections(workos_client: workos.WorkOSClient) -> None:
    org = workos_client.organizations.create_organization(name="Bare Inc")
    assert ORG_ID.match(org.id)
    assert org.domains == []
    assert org.metadata == {}
    assert org.external_id is None


def test_get_organization_by_id_and_by_external_id(workos_client: workos.WorkOSClient) -> None:
    created = workos_client.organizations.create_organization(
        name="Lookup Ltd",
        domain_data=[OrganizationDomainData(domain="lookup.example.com", state="verified")],
        metadata={"k": "v"},
        external_id="crm-42",
    )

    by_id = workos_client.organizations.get_organization(created.id)
    assert without_timestamps(by_id) == without_timestamps(created)

    by_external = workos_client.organizations.get_organization_by_external_id("crm-42")
    assert by_external.id == created.id
    assert without_timestamps(by_external) == without_timestamps(created)

    with pytest.raises(NotFoundError) as raised:
        workos_client.organizations.get_organization_by_external_id("crm-does-not-exist")
    assert raised.value.status_code == 404
    assert_request_id(raised.value)


def test_update_organization(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    created = orgs.create_organization(
        name="Old Name",
        metadata={"tier": "free", "region": "eu"},
        external_id="ext-update-1",
    )

    before_update = orgs.get_organization(created.id)
    renamed = orgs.update_organization(created.id, name="New Name")
    assert renamed.id == created.id
    assert renamed.name == "New Name"
    # Fields that were not sent keep their values.
    assert renamed.metadata == {"tier": "free", "region": "eu"}
    assert renamed.external_id == "ext-update-1"
    assert renamed.created_at == before_update.created_at
    assert renamed.updated_at >= before_update.updated_at

    remetadata = orgs.update_organization(created.id, metadata={"tier": "enterprise", "region": "eu"})
    assert remetadata.metadata == {"tier": "enterprise", "region": "eu"}
    assert remetadata.name == "New Name"

    cleared = orgs.update_organization(created.id, external_id=None)
    assert cleared.external_id is None
    assert cleared.name == "New Name"

    fetched = orgs.get_organization(created.id)
    assert fetched.name == "New Name"
    assert fetched.metadata == {"tier": "enterprise", "region": "eu"}
    assert fetched.external_id is None
    with pytest.raises(NotFoundError):
        orgs.get_organization_by_external_id("ext-update-1")

    # A cleared external id is free again, and can be set anew.
    reset = orgs.update_organization(created.id, external_id="ext-update-2")
    assert reset.external_id == "ext-update-2"
    assert orgs.get_organization_by_external_id("ext-update-2").id == created.id


def test_update_missing_organization_raises_not_found(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(NotFoundError) as raised:
        workos_client.organizations.update_organization(MISSING_ORG_ID, name="Nobody")
    assert_request_id(raised.value)


def test_list_auto_paging_over_250_organizations(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    created_ids: List[str] = [orgs.create_organization(name=f"Org {i:03d}").id for i in range(250)]
    assert len(set(created_ids)) == 250

    # Default order is descending by creation time; default page size is 10.
    first_page = orgs.list_organizations()
    assert len(first_page.data) == 10
    assert first_page.list_metadata.before is None
    assert first_page.list_metadata.after == first_page.data[-1].id
    assert [o.id for o in first_page.data] == list(reversed(created_ids))[:10]

    seen_desc = [o.id for o in first_page.auto_paging_iter()]
    assert len(seen_desc) == 250
    assert len(set(seen_desc)) == 250, "an organization was listed more than once"
    assert seen_desc == list(reversed(created_ids))

    # Ascending order, 100 per page.
    asc_page = orgs.list_organizations(order="asc", limit=100)
    assert len(asc_page.data) == 100
    assert asc_page.list_metadata.after == asc_page.data[-1].id
    seen_asc = [o.id for o in asc_page.auto_paging_iter()]
    assert seen_asc == created_ids

    # The last page says there is nothing after it.
    last_page = orgs.list_organizations(order="asc", limit=100, after=created_ids[199])
    assert [o.id for o in last_page.data] == created_ids[200:]
    assert last_page.list_metadata.after is None
    assert not last_page.has_more()


def test_list_cursors_before_and_after(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    created_ids = [orgs.create_organization(name=f"Cursor {i}").id for i in range(25)]
    newest_first = list(reversed(created_ids))

    page1 = orgs.list_organizations(limit=10)
    page2 = orgs.list_organizations(limit=10, after=page1.list_metadata.after)
    assert [o.id for o in page2.data] == newest_first[10:20]
    assert page2.list_metadata.before == page2.data[0].id
    assert page2.list_metadata.after == page2.data[-1].id

    back = orgs.list_organizations(limit=10, before=page2.list_metadata.before)
    assert [o.id for o in back.data] == [o.id for o in page1.data]


def test_list_filter_by_domains(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    alpha = orgs.create_organization(
        name="Alpha", domain_data=[OrganizationDomainData(domain="alpha.example.com", state="verified")]
    )
    beta = orgs.create_organization(
        name="Beta", domain_data=[OrganizationDomainData(domain="beta.example.com", state="verified")]
    )
    orgs.create_organization(
        name="Gamma", domain_data=[OrganizationDomainData(domain="gamma.example.com", state="verified")]
    )
    orgs.create_organization(name="No Domain")

    only_alpha = orgs.list_organizations(domains=["alpha.example.com"])
    assert [o.id for o in only_alpha.data] == [alpha.id]

    alpha_and_beta = orgs.list_organizations(domains=["alpha.example.com", "beta.example.com"])
    assert sorted(o.id for o in alpha_and_beta.data) == sorted([alpha.id, beta.id])

    nobody = orgs.list_organizations(domains=["nowhere.example.com"])
    assert nobody.data == []
    assert nobody.list_metadata.after is None


def test_list_search_by_name(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    acme = orgs.create_organization(name="Acme Widgets")
    orgs.create_organization(name="Globex")
    found = orgs.list_organizations(search="Acme")
    assert [o.id for o in found.data] == [acme.id]


def test_delete_organization_then_get_raises_not_found(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    keep = orgs.create_organization(name="Keep")
    doomed = orgs.create_organization(
        name="Doomed",
        domain_data=[OrganizationDomainData(domain="doomed.example.com", state="verified")],
        external_id="ext-doomed",
    )

    assert orgs.delete_organization(doomed.id) is None

    with pytest.raises(NotFoundError) as raised:
        orgs.get_organization(doomed.id)
    assert raised.value.status_code == 404
    assert_request_id(raised.value)
    with pytest.raises(NotFoundError):
        orgs.get_organization_by_external_id("ext-doomed")
    with pytest.raises(NotFoundError):
        workos_client.organization_domains.get_organization_domain(doomed.domains[0].id)

    remaining = [o.id for o in orgs.list_organizations().auto_paging_iter()]
    assert remaining == [keep.id]

    # Its domain and external id are free for another organization.
    reborn = orgs.create_organization(
        name="Reborn",
        domain_data=[OrganizationDomainData(domain="doomed.example.com", state="verified")],
        external_id="ext-doomed",
    )
    assert reborn.id != doomed.id


def test_timestamps_are_identical_in_every_response(workos_client: workos.WorkOSClient) -> None:
    """An object's created_at/updated_at must read the same from create, get, list and update."""
    orgs = workos_client.organizations
    mismatches: List[str] = []
    for i in range(30):
        created = orgs.create_organization(
            name=f"Clock {i}", domain_data=[OrganizationDomainData(domain=f"clock{i}.example.com", state="verified")]
        )
        fetched = orgs.get_organization(created.id)
        for field in ("created_at", "updated_at"):
            if getattr(created, field) != getattr(fetched, field):
                mismatches.append(
                    f"organization {field}: POST {getattr(created, field).isoformat()} != GET {getattr(fetched, field).isoformat()}"
                )
        if created.domains[0].created_at != fetched.domains[0].created_at:
            mismatches.append(
                f"embedded domain created_at: POST {created.domains[0].created_at.isoformat()} "
                f"!= GET {fetched.domains[0].created_at.isoformat()}"
            )
        updated = orgs.update_organization(created.id, name=f"Clock {i} renamed")
        if updated.created_at != fetched.created_at:
            mismatches.append(
                f"organization created_at: GET {fetched.created_at.isoformat()} != PUT {updated.created_at.isoformat()}"
            )
        refetched = orgs.get_organization(created.id)
        if refetched.updated_at != updated.updated_at:
            mismatches.append(
                f"organization updated_at: PUT {updated.updated_at.isoformat()} != GET {refetched.updated_at.isoformat()}"
            )
    listed = {o.id: o for o in orgs.list_organizations(limit=100).data}
    for o in listed.values():
        fetched = orgs.get_organization(o.id)
        if o.created_at != fetched.created_at:
            mismatches.append(f"organization created_at: LIST {o.created_at.isoformat()} != GET {fetched.created_at.isoformat()}")
    assert not mismatches, f"{len(mismatches)} timestamp mismatches, e.g.:\n" + "\n".join(mismatches[:10])


def test_get_unknown_organization_raises_not_found(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(NotFoundError) as raised:
        workos_client.organizations.get_organization(MISSING_ORG_ID)
    error = raised.value
    assert error.status_code == 404
    assert_request_id(error)
    assert error.response_json is not None and isinstance(error.response_json.get("message"), str)
    assert MISSING_ORG_ID in error.message


def test_duplicate_domain_across_organizations_conflicts(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    first = orgs.create_organization(
        name="First", domain_data=[OrganizationDomainData(domain="shared.example.com", state="verified")]
    )
    second = orgs.create_organization(name="Second")

    with pytest.raises(ConflictError) as on_create:
        orgs.create_organization(
            name="Third", domain_data=[OrganizationDomainData(domain="shared.example.com", state="verified")]
        )
    assert on_create.value.status_code == 409
    assert_request_id(on_create.value)

    with pytest.raises(ConflictError) as on_domain_create:
        workos_client.organization_domains.create_organization_domain(
            domain="shared.example.com", organization_id=second.id
        )
    assert on_domain_create.value.status_code == 409
    assert_request_id(on_domain_create.value)

    with pytest.raises(ConflictError):
        orgs.update_organization(
            second.id, domain_data=[OrganizationDomainData(domain="shared.example.com", state="verified")]
        )

    # Nothing was half-created by the refused calls.
    assert [o.name for o in orgs.list_organizations(order="asc").auto_paging_iter()] == ["First", "Second"]
    assert orgs.get_organization(second.id).domains == []
    assert [d.domain for d in orgs.get_organization(first.id).domains] == ["shared.example.com"]


def test_duplicate_external_id_is_bad_request(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    orgs.create_organization(name="Owner", external_id="ext-dup")
    other = orgs.create_organization(name="Other", external_id="ext-other")

    with pytest.raises(BadRequestError) as on_create:
        orgs.create_organization(name="Copycat", external_id="ext-dup")
    assert on_create.value.status_code == 400
    assert on_create.value.code == "external_id_already_used"
    assert_request_id(on_create.value)

    with pytest.raises(BadRequestError) as on_update:
        orgs.update_organization(other.id, external_id="ext-dup")
    assert on_update.value.code == "external_id_already_used"
    assert orgs.get_organization(other.id).external_id == "ext-other"


def test_environments_are_isolated(
    workos_client: workos.WorkOSClient,
    make_env: Callable[[], Dict[str, Any]],
    make_client: Callable[[Dict[str, Any]], workos.WorkOSClient],
) -> None:
    org = workos_client.organizations.create_organization(
        name="Private",
        domain_data=[OrganizationDomainData(domain="private.example.com", state="verified")],
        external_id="ext-private",
    )

    other_env = make_env()
    with make_client(other_env) as other:
        with pytest.raises(NotFoundError):
            other.organizations.get_organization(org.id)
        with pytest.raises(NotFoundError):
            other.organizations.get_organization_by_external_id("ext-private")
        with pytest.raises(NotFoundError):
            other.organization_domains.get_organization_domain(org.domains[0].id)
        assert other.organizations.list_organizations().data == []
        assert other.organizations.list_organizations(domains=["private.example.com"]).data == []

        # Uniqueness is per environment too: the same domain and external id are free there.
        twin = other.organizations.create_organization(
            name="Twin",
            domain_data=[OrganizationDomainData(domain="private.example.com", state="verified")],
            external_id="ext-private",
        )
        assert twin.id != org.id

        # ... and the other environment cannot touch the first one's data.
        with pytest.raises(NotFoundError):
            other.organizations.update_organization(org.id, name="Hijacked")

    assert [o.id for o in workos_client.organizations.list_organizations().data] == [org.id]
    assert workos_client.organizations.get_organization(org.id).name == "Private"


def test_unknown_api_key_is_rejected(
    env: Dict[str, Any], make_client: Callable[[Dict[str, Any]], workos.WorkOSClient]
) -> None:
    with make_client({**env, "api_key": "sk_test_not_a_real_key"}) as stranger:
        with pytest.raises(AuthenticationError) as raised:
            stranger.organizations.list_organizations()
    assert raised.value.status_code == 401
    assert_request_id(raised.value)


def test_idempotency_key_replays_create(workos_client: workos.WorkOSClient) -> None:
    orgs = workos_client.organizations
    first = orgs.create_organization(name="Once", request_options={"idempotency_key": "idem-org-1"})
    again = orgs.create_organization(name="Once", request_options={"idempotency_key": "idem-org-1"})
    assert again.id == first.id
    assert [o.id for o in orgs.list_organizations().data] == [first.id]


def test_error_request_ids_differ_between_requests(workos_client: workos.WorkOSClient) -> None:
    ids = []
    for _ in range(2):
        with pytest.raises(NotFoundError) as raised:
            workos_client.organizations.get_organization(MISSING_ORG_ID)
        assert_request_id(raised.value)
        ids.append(raised.value.request_id)
    assert ids[0] != ids[1]


# --- organization domains ---------------------------------------------------------------------


def test_organization_domain_lifecycle(workos_client: workos.WorkOSClient) -> None:
    domains = workos_client.organization_domains
    org = workos_client.organizations.create_organization(name="Domain Owner")

    created = domains.create_organization_domain(domain="pending.example.com", organization_id=org.id)
    assert created.object == "organization_domain"
    assert ORG_DOMAIN_ID.match(created.id), created.id
    assert created.organization_id == org.id
    assert created.domain == "pending.example.com"
    assert created.state == "pending"
    assert created.verification_strategy == "dns"
    assert isinstance(created.verification_token, str) and created.verification_token
    assert_utc(created.created_at)

    fetched = domains.get_organization_domain(created.id)
    assert without_timestamps(fetched) == without_timestamps(created)

    # The organization embeds its domains.
    embedded = workos_client.organizations.get_organization(org.id).domains
    assert [(d.id, d.domain, d.state) for d in embedded] == [(created.id, "pending.example.com", "pending")]

    verified = domains.verify_organization_domain(created.id)
    assert verified.id == created.id
    assert verified.state == "verified"
    assert verified.updated_at >= fetched.updated_at
    assert domains.get_organization_domain(created.id).state == "verified"
    assert workos_client.organizations.get_organization(org.id).domains[0].state == "verified"

    with pytest.raises(BadRequestError) as raised:
        domains.verify_organization_domain(created.id)
    assert raised.value.status_code == 400
    assert raised.value.code == "domain_already_verified"
    assert_request_id(raised.value)

    assert domains.delete_organization_domain(created.id) is None
    with pytest.raises(NotFoundError) as gone:
        domains.get_organization_domain(created.id)
    assert_request_id(gone.value)
    assert workos_client.organizations.get_organization(org.id).domains == []

    with pytest.raises(NotFoundError):
        domains.delete_organization_domain(created.id)


def test_organization_domain_under_invalid_tld_fails_verification(workos_client: workos.WorkOSClient) -> None:
    domains = workos_client.organization_domains
    org = workos_client.organizations.create_organization(name="Failing")
    created = domains.create_organization_domain(domain="fail.invalid", organization_id=org.id)
    assert created.state == "pending"

    failed = domains.verify_organization_domain(created.id)
    assert failed.state == "failed"
    assert domains.get_organization_domain(created.id).state == "failed"
    assert workos_client.organizations.get_organization(org.id).domains[0].state == "failed"


def test_get_unknown_organization_domain_raises_not_found(workos_client: workos.WorkOSClient) -> None:
    with pytest.raises(NotFoundError) as raised:
        workos_client.organization_domains.get_organization_domain("org_domain_01HZZZZZZZZZZZZZZZZZZZZZZZ")
    assert_request_id(raised.value)
