"""Browser tests: Playwright drives the system's Chromium against pytest-django's live server.

Playwright never downloads a browser here (`playwright install` is not used):
we launch the Chromium the operating system provides, found through the
CHROMIUM_PATH environment variable or on the PATH. axe-core comes from the
axe-playwright-python package, so no script is fetched from the network.
"""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD, TOTP_SECRET, totp_code

# Playwright's sync API runs an asyncio event loop in the test's thread (in a
# greenlet), so Django believes every ORM call made while the browser is open
# comes from async code and raises SynchronousOnlyOperation: for factories in
# the test body and for the database flush after each test. The calls really are
# synchronous and the live server answers from its own thread, so it is safe to
# switch the check off for the browser tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS = Path(__file__).parent / "artifacts"

# Headless, as root, with the network closed: no sandbox (root), no GPU, and none
# of the background calls home a desktop browser makes.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
]

# The WCAG 2.1 A and AA rules the accessibility statement promises, plus axe's
# best practices (landmarks, heading order, one h1), which are cheap to keep.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

NARROW_WIDTH = 360


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path:
        return path
    message = (
        "Chromium was not found for the browser tests. Install it with "
        "`apt-get install chromium` (Debian/Ubuntu) or point CHROMIUM_PATH to a "
        "Chromium or Chrome executable."
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@contextmanager
def open_page(request, browser, live_server, **context_options):
    """A fresh Finnish-speaking browser tab whose relative URLs go to the live server.

    Uncaught JavaScript errors and Content-Security-Policy violations (an inline
    script or style the policy refused) fail the test. On failure a screenshot is saved
    under tests/browser/artifacts/ for the CI logs.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="fi-FI",
        viewport={"width": 1280, "height": 900},
        **context_options,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        yield page
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    finally:
        context.close()
    assert not js_errors, f"JavaScript errors on the page: {js_errors}"
    assert not csp_violations, f"Content-Security-Policy violations: {csp_violations}"


@pytest.fixture
def page(request, browser, live_server):
    with open_page(request, browser, live_server) as page:
        yield page


@pytest.fixture
def page_without_js(request, browser, live_server):
    """Every page must work without JavaScript; this tab has it switched off."""
    with open_page(request, browser, live_server, java_script_enabled=False) as page:
        yield page


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Lets the `page` fixture know whether the test itself failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def log_in(page, user, *, totp_secret: str = TOTP_SECRET) -> None:
    """Log `user` in on the login page, their address verified as after signing up.

    When the account has an authenticator app (the staff personas do), allauth asks
    for its code next: the code is computed from `totp_secret`. The login ends on My
    page, or on the desk for a liaison.
    """
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/(my|moderation|accounts/2fa/authenticate)/$"))
    if "/2fa/authenticate/" in page.url:
        page.locator("#id_code").fill(totp_code(totp_secret))
        page.locator("main form button[type=submit]").first.click()
        # Staff with the desk land on it, everyone else on My page.
        page.wait_for_url(re.compile(r".*/(my|moderation)/$"))


def assert_no_axe_violations(page) -> None:
    """Run axe-core on the page as it is now and fail listing every violation."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' > '.join(map(str, node['target']))}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"      {summary}")
    pytest.fail("\n".join(lines), pytrace=False)


def assert_fits_narrow_screen(page) -> None:
    """At 360 px the page scrolls only vertically."""
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > NARROW_WIDTH:
        too_wide = page.evaluate(
            """width => [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > width + 0.5)
                .slice(0, 10)
                .map(el => el.tagName.toLowerCase()
                    + (el.id ? "#" + el.id : "")
                    + (el.className && typeof el.className === "string"
                        ? "." + el.className.trim().split(/\\s+/).join(".") : ""))""",
            NARROW_WIDTH,
        )
        pytest.fail(
            f"{page.url} is {scroll_width} px wide at {NARROW_WIDTH} px; "
            f"elements reaching past the edge: {too_wide}",
            pytrace=False,
        )
