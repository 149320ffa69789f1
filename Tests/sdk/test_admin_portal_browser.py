"""The Admin Portal in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
follows a generated link, and an IT admin's clicks set up SSO (the connection becomes active and
`connection.activated` fires) and directory sync (a SCIM endpoint and token that work).

Skipped when Chromium or its driver is not installed.
"""

from __future__ import annotations

import shutil
import urllib.request
from typing import Any, Iterator

import pytest
import workos

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")


@pytest.fixture
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


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
