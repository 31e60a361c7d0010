from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest
from asgiref.sync import SyncToAsync
from django.apps import apps
from django.db import connection, connections

from coverage_app.broadcast import CHANNEL
from coverage_app.roles import EDITORS, JOURNALISTS, sync_roles
from tests.factories import make_event, make_user


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_reader_count_reports(settings):
    """In-process consumer tests would start the reader-count reporter; server processes keep it."""
    settings.READER_COUNT_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    """Sign-in throttling and cached pages live in the cache; each test starts without them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _close_connections_of_the_async_thread() -> Iterator[None]:
    """Async ORM calls run on asgiref's worker thread; its connection must not outlive the test,
    or the test database cannot be dropped at the end of the run."""
    yield
    executor = SyncToAsync.single_thread_executor
    executor.submit(connections.close_all).result()


@pytest.fixture
def roles(db) -> None:
    # A transactional test's flush removes the groups the data migration made.
    sync_roles(apps)


@pytest.fixture
def editor(roles):
    return make_user("editor", EDITORS, first_name="Sam", last_name="Idris")


@pytest.fixture
def journalist(roles):
    return make_user("journalist", JOURNALISTS, first_name="Mara", last_name="Okafor")


@pytest.fixture
def live_event(db):
    return make_event()


def connection_params() -> dict:
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context"):
        params.pop(key, None)
    return params


def database_url() -> str:
    """The test database as a URL, for server and command processes started by a test."""
    params = connection_params()
    host = quote(params.get("host", "") or "127.0.0.1", safe="")
    password = f":{quote(params['password'], safe='')}" if params.get("password") else ""
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{params.get('user', 'postgres')}{password}@{host}{port}/{params['dbname']}"


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a child process that works on the test database."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return env | {"DATABASE_URL": database_url(), "DEBUG": "1", "SECRET_KEY": "test-" + "k" * 60} | extra


class Notifications:
    """A real LISTEN on the broadcast channel, on a connection of its own."""

    def __init__(self) -> None:
        self.conn = psycopg.connect(**connection_params(), autocommit=True)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def next(self, timeout: float) -> str:
        for notification in self.conn.notifies(timeout=timeout, stop_after=1):
            return notification.payload
        raise TimeoutError("no notification")

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def notifications(transactional_db) -> Iterator[Notifications]:
    listener = Notifications()
    yield listener
    listener.close()
