"""A real browser signs up and signs in through the hosted pages: headless Chromium driven by selenium
(Debian's chromium and chromium-driver, which .ci/run installs), landing on the application's redirect
URI with a code that the SDK exchanges."""

from __future__ import annotations

import http.server
import shutil
import threading
import urllib.parse
from typing import Any, Dict, Iterator

import pytest
import workos
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from test_sso import acme  # noqa: F401 (the fixture: Acme with its TestIdp connection)

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")


class _Callback(http.server.BaseHTTPRequestHandler):
    """The application's redirect URI: answers every request with a page that says so."""

    def do_GET(self) -> None:  # noqa: N802 (the handler's name is http.server's)
        body = b"<!doctype html><title>Callback</title><p>signed in</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def callback_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Callback)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/callback"
    server.shutdown()


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # A click that submits a form returns before the next page has loaded: wait for elements to appear.
    driver.implicitly_wait(10)
    yield driver
    driver.quit()


def _fill(browser: webdriver.Chrome, label_for: str, text: str) -> None:
    field = browser.find_element(By.ID, label_for)
    field.clear()
    field.send_keys(text)


def _landed_code(browser: webdriver.Chrome, callback_url: str) -> str:
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(callback_url))
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(browser.current_url).query))
    assert query["state"] == "browser"
    return query["code"]


def test_sign_up_then_sign_in_through_the_hosted_pages(browser: webdriver.Chrome, callback_url: str,
                                                      workos_client: workos.WorkOSClient) -> None:
    um = workos_client.user_management
    browser.get(um.get_authorization_url(provider="authkit", redirect_uri=callback_url, screen_hint="sign-up",
                                         state="browser"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign up"
    _fill(browser, "field-email", "web@example.com")
    _fill(browser, "field-first_name", "Web")
    _fill(browser, "field-password", "correct-horse-9")
    browser.find_element(By.CSS_SELECTOR, "form[action='/authkit/sign-up'] button").click()
    signed_up = um.authenticate_with_code(code=_landed_code(browser, callback_url))
    assert signed_up.user.email == "web@example.com" and signed_up.user.first_name == "Web"

    browser.get(um.get_authorization_url(provider="authkit", redirect_uri=callback_url, state="browser"))
    _fill(browser, "field-email", "web@example.com")
    _fill(browser, "field-password", "wrong-horse-1")
    browser.find_element(By.CSS_SELECTOR, "form[action='/authkit/sign-in'] button").click()
    alert = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert "incorrect" in alert.text
    _fill(browser, "field-password", "correct-horse-9")
    browser.find_element(By.CSS_SELECTOR, "form[action='/authkit/sign-in'] button").click()
    signed_in = um.authenticate_with_code(code=_landed_code(browser, callback_url))
    assert signed_in.user.id == signed_up.user.id and signed_in.authentication_method == "Password"


def test_an_address_of_an_sso_domain_goes_through_the_test_identity_provider(
        browser: webdriver.Chrome, callback_url: str, workos_client: workos.WorkOSClient, acme: Dict[str, Any]) -> None:
    um = workos_client.user_management
    browser.get(um.get_authorization_url(provider="authkit", redirect_uri=callback_url, state="browser"))
    _fill(browser, "field-email", "carol@acme.com")
    browser.find_element(By.CSS_SELECTOR, "form[action='/authkit/sign-in'] button").click()
    WebDriverWait(browser, 10).until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Test identity provider"))
    browser.find_element(By.XPATH, "//fieldset[legend='Sign in as someone else']//button").click()
    signed_in = um.authenticate_with_code(code=_landed_code(browser, callback_url))
    assert (signed_in.user.email, signed_in.authentication_method) == ("carol@acme.com", "SSO")
    assert signed_in.organization_id == acme["organization"]
