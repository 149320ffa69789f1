"""The test identity provider's page in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, which `.ci/run` installs) picks a user, and lands on the application's redirect
URI with a code that the SDK exchanges for the profile.

Skipped when Chromium or its driver is not installed.
"""

from __future__ import annotations

import http.server
import shutil
import threading
import urllib.parse
from typing import Any, Dict, Iterator, List

import pytest
import workos

from test_sso import acme  # noqa: F401 (the fixture: Acme with its TestIdp connection)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")


@pytest.fixture
def callback() -> Iterator[Dict[str, Any]]:
    """The application's redirect URI: a loopback server that records each query it receives."""
    received: List[Dict[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server interface)
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/callback":  # not the browser's /favicon.ico
                received.append({key: values[-1] for key, values in urllib.parse.parse_qs(url.query).items()})
            body = b"<!doctype html><title>Signed in</title><h1>Back in the application</h1>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/callback", "received": received}
    server.shutdown()
    server.server_close()


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
    # A click that submits a form returns before the next page has loaded: wait for elements to appear.
    driver.implicitly_wait(10)
    yield driver
    driver.quit()


def wait_for_callback(browser: Any, callback: Dict[str, Any]) -> Dict[str, str]:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(lambda driver: driver.current_url.startswith(callback["url"]))
    assert len(callback["received"]) == 1
    return callback["received"][0]


def test_a_person_picks_a_user_on_the_page_and_lands_on_the_redirect_uri(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], browser: Any, callback: Dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    url = workos_client.sso.get_authorization_url(organization=acme["organization"], redirect_uri=callback["url"],
                                                  state="from the browser")
    browser.get(url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Test identity provider"
    assert "Acme SSO" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.XPATH, "//button[normalize-space()='Alice Smith (alice@acme.com)']").click()

    landed = wait_for_callback(browser, callback)
    assert landed["state"] == "from the browser"
    profile = workos_client.sso.get_profile_and_token(code=landed["code"]).profile
    assert profile.email == "alice@acme.com"
    assert profile.connection_id == acme["connection"]


def test_a_person_types_a_guest_by_the_fields_labels(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], browser: Any, callback: Dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    url = workos_client.sso.get_authorization_url(connection=acme["connection"], redirect_uri=callback["url"])
    browser.get(url)
    for label, text in (("Email", "guest@partner.org"), ("First name", "Gus"), ("Last name", "Guest")):
        field_id = browser.find_element(By.XPATH, f"//label[starts-with(normalize-space(), '{label}')]").get_attribute("for")
        browser.find_element(By.ID, field_id).send_keys(text)
    browser.find_element(By.XPATH, "//fieldset[legend='Sign in as someone else']//button").click()

    profile = workos_client.sso.get_profile_and_token(code=wait_for_callback(browser, callback)["code"]).profile
    assert (profile.email, profile.name) == ("guest@partner.org", "Gus Guest")


def test_a_person_makes_the_identity_provider_fail(
    workos_client: workos.WorkOSClient, acme: Dict[str, Any], browser: Any, callback: Dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    url = workos_client.sso.get_authorization_url(connection=acme["connection"], redirect_uri=callback["url"], state="f")
    browser.get(url)
    browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Fail')]").click()
    assert wait_for_callback(browser, callback) == {
        "error": "access_denied", "error_description": "The identity provider denied access to the application.", "state": "f",
    }
