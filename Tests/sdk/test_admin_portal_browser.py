"""The Admin Portal in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
follows a generated link, and an IT admin's clicks set up SSO (the connection becomes active and
`connection.activated` fires; then workos-skill.md Workflow 2 signs a user in through it) and directory
sync (a SCIM endpoint and token that work).

Skipped when Chromium or its driver is not installed.
"""

from __future__ import annotations

import shutil
import urllib.request
from typing import Any, Dict

import pytest
import workos

from test_sso_browser import browser, callback, wait_for_callback  # noqa: F401 (fixtures: headless Chromium, the redirect URI)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")


def test_an_admin_sets_up_sso_in_the_portal(workos_client: workos.WorkOSClient, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    organization = workos_client.organizations.create_organization(name="Acme")
    link = workos_client.admin_portal.generate_link(
        organization=organization.id, intent="sso", success_url="https://app.example/done").link
    browser.get(link)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Set up single sign-on"
    Select(browser.find_element(By.ID, "connection_type")).select_by_value("TestIdp")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert "active" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert browser.find_element(By.ID, "finish").get_attribute("href") == "https://app.example/done"

    connections = workos_client.sso.list_connections(organization_id=organization.id).data
    assert [c.state for c in connections] == ["active"]
    events = workos_client.events.list_events(events=["connection.activated"]).data
    assert len(events) == 1


def test_an_admin_sets_up_directory_sync_in_the_portal(workos_client: workos.WorkOSClient, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    organization = workos_client.organizations.create_organization(name="Acme")
    link = workos_client.admin_portal.generate_link(organization=organization.id, intent="dsync").link
    browser.get(link)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    endpoint = browser.find_element(By.CSS_SELECTOR, "[data-field=scim_endpoint]").text
    token = browser.find_element(By.CSS_SELECTOR, "[data-field=bearer_token]").text
    request = urllib.request.Request(endpoint + "/Users", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def test_enterprise_sso_setup_as_workflow_2_describes_it_in_a_browser(
    workos_client: workos.WorkOSClient, browser: Any, callback: Dict[str, Any]
) -> None:
    """workos-skill.md Workflow 2: the organization, the portal link, the customer's IT admin setting up
    SSO in the portal (here with an Okta SAML metadata URL), then a user signing in through it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from workos.organizations.models import OrganizationDomainData

    org = workos_client.organizations.create_organization(
        name="Enterprise Customer", domain_data=[OrganizationDomainData(domain="enterprise.com", state="verified")])
    link = workos_client.admin_portal.generate_link(
        organization=org.id, intent="sso", return_url="https://yourapp.example/settings").link
    browser.get(link)
    Select(browser.find_element(By.ID, "connection_type")).select_by_value("OktaSAML")
    browser.find_element(By.ID, "idp_metadata_url").send_keys("https://enterprise.okta.com/app/metadata")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert "active" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert browser.find_element(By.LINK_TEXT, "Back to the application").get_attribute("href") == "https://yourapp.example/settings"

    url = workos_client.sso.get_authorization_url(organization=org.id, redirect_uri=callback["url"], state="ent")
    browser.get(url)
    for label, text in (("Email", "dana@enterprise.com"), ("First name", "Dana")):
        field_id = browser.find_element(By.XPATH, f"//label[starts-with(normalize-space(), '{label}')]").get_attribute("for")
        browser.find_element(By.ID, field_id).send_keys(text)
    browser.find_element(By.XPATH, "//fieldset[legend='Sign in as someone else']//button").click()
    landed = wait_for_callback(browser, callback)
    assert landed["state"] == "ent"
    profile = workos_client.sso.get_profile_and_token(code=landed["code"]).profile
    assert (profile.email, profile.connection_type, profile.organization_id) == ("dana@enterprise.com", "OktaSAML", org.id)
