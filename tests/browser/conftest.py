"""Real browser tests: Debian's chromium driven by Playwright, against a real ASGI server process
(uvicorn, as the demo uses) on the test database. pytest-django's live_server is WSGI: no sockets."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import Server
from tests.tools import npm_file

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PASSWORD = "pass-word-123"  # tests.factories.make_user's


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM in fixtures is still sync.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="package")
def server(browser, django_db_setup, django_db_blocker) -> Iterator[Server]:
    with django_db_blocker.unblock():
        # Browser tests publish and load at once; a page may otherwise be up to a second old (the
        # fast path's re-read of the seq). The page's script catches up from it (and counts what it
        # catches up in "since your last visit": test_reader_page.py runs a deliberately stale
        # server for that), but some tests mean the page as served: a fresh load in test_xss.py
        # must render every payload itself, not receive it as frames.
        server = Server(LIVE_PAGE_RECHECK_SECONDS="0")
        server.start()
    yield server
    server.stop()


@pytest.fixture
def new_page(browser, server):
    contexts = []

    csp_violations = []

    def open_page(
        path: str = "/",
        *,
        width: int = 1280,
        height: int = 900,
        bypass_csp: bool = False,
        color_scheme: str = "light",
        timezone_id: str | None = None,
    ):
        context = browser.new_context(
            base_url=server.url,
            viewport={"width": width, "height": height},
            bypass_csp=bypass_csp,
            color_scheme=color_scheme,
            timezone_id=timezone_id,
        )
        contexts.append(context)
        page = context.new_page()
        # The product must work under its own Content-Security-Policy: a refusal fails the test.
        page.on(
            "console", lambda message: "Content Security Policy" in message.text and csp_violations.append(message.text)
        )
        page.set_default_timeout(10_000)
        page.goto(path)
        return page

    yield open_page
    for context in contexts:
        context.close()
    wait_for_the_server_to_finish_its_queries()
    assert csp_violations == []


def wait_for_the_server_to_finish_its_queries(timeout: float = 10) -> None:
    """A page closed mid-request leaves the server finishing it; the test's flush (TRUNCATE) must
    not race that request's queries, or Postgres may find a deadlock and the flush fails. Quiet
    means: no other session of the test database has started or ended a statement for 300 ms (the
    hub's one-table reads are left out: they can only wait for a TRUNCATE, never deadlock with it)."""
    from django.db import connection

    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND application_name NOT LIKE '%% hub'"
                " AND (state <> 'idle' OR state_change > now() - interval '300 milliseconds')"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.02)


def sign_in(page, username: str) -> None:
    page.goto("/newsroom/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/newsroom/")


@pytest.fixture(autouse=True)
def _fast_password_hasher():
    """Overrides the suite's MD5 hasher: the server process checks passwords with the real ones."""


@pytest.fixture(scope="package")
def axe_script() -> Path:
    """axe-core from the npm registry, installed once into the git-ignored data folder."""
    return npm_file("axe-core@4", "axe.min.js")
