"""The API's OpenAPI document checked against its real answers: schemathesis generates requests from
the document (valid ones and deliberately invalid ones), sends them to the app in-process over WSGI,
and checks every answer against what the document promises. No input may give a 500."""

from __future__ import annotations

import contextlib
import os
from datetime import timedelta

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coverage_app import services
from coverage_app.api import issue_token
from coverage_app.api_schemas import ACTION_BODIES, BODY_EXAMPLES, openapi_document
from coverage_app.lifecycle import Action
from coverage_app.models import Post
from coverage_app.roles import CONTRIBUTORS
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# Enough to reach every operation's answers, few enough that the whole file takes seconds; raise it
# for a longer hunt (API_FUZZ_EXAMPLES=500 uv run pytest tests/coverage_app/test_api_openapi.py).
EXAMPLES_PER_OPERATION = int(os.environ.get("API_FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@contextlib.contextmanager
def inside_the_test_transaction():
    # Django's own test client does this: a request's end must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def app(settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    with inside_the_test_transaction():
        yield WSGIHandler()


@pytest.fixture
def schema(app):
    config = SchemathesisConfig(seed=20261201)
    # The token is ours to send (below), not a parameter for schemathesis to invent or break.
    config.projects.default.generation.update(with_security_parameters=False)
    return schemathesis.openapi.from_wsgi("/api/newsroom/openapi.json", app, config=config)


@pytest.fixture
def posts(live_event, journalist, editor, roles):
    """Posts in every state, so generated requests reach real ones and not only 404s."""
    contributor = make_user("stringer", CONTRIBUTORS)
    unpublished = [
        services.post_save_unpublished(event=live_event, author=journalist, state=Post.State.DRAFT, body="d"),
        services.post_save_unpublished(
            event=live_event, author=journalist, state=Post.State.SCHEDULED, body="s",
            scheduled_for=timezone.now() + timedelta(hours=1),
        ),
        services.post_save_unpublished(event=live_event, author=contributor, state=Post.State.SUBMITTED, body="c"),
    ]  # fmt: skip
    published = [services.post_publish(event=live_event, author=journalist, title=f"P{n}", body="x") for n in range(3)]
    return [post.pk for post in unpublished + published]


def test_the_document_is_served_and_names_every_api_route(client):
    answer = client.get("/api/newsroom/openapi.json")
    assert answer.status_code == 200
    assert answer.json() == openapi_document()
    assert set(answer.json()["paths"]) == {
        "/api/newsroom/events/{slug}/posts",
        "/api/newsroom/posts/{id}",
        *(f"/api/newsroom/posts/{{id}}/{action}" for action in ACTION_BODIES),
    }
    assert set(ACTION_BODIES) | {"edit", "delete"} == set(Action) - {"save_draft"}  # every move of the table


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_its_document_says(schema, live_event, editor, posts, mode):
    token = issue_token(user=editor, name="schemathesis")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 4 + len(ACTION_BODIES)
    checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS
    statuses = set()

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,  # the same requests on every run: a failure reproduces
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode), target=st.sampled_from(posts), real=st.booleans())
        def call(case, target, real):
            if real and not (case.meta and case.meta.is_negative_at(ParameterLocation.PATH)):
                # Half the requests name a real event or post instead of a random one.
                if "id" in (case.path_parameters or {}):
                    case.path_parameters["id"] = target
                if "slug" in (case.path_parameters or {}):
                    case.path_parameters["slug"] = live_event.slug
            # Every example starts from the same posts: an earlier DELETE must not leave only 404s.
            with transaction.atomic():
                answer = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)
                transaction.set_rollback(True)
            statuses.add((case.operation.label, answer.status_code))

        call()
        if mode == GenerationMode.POSITIVE and operation.label == "POST /api/newsroom/events/{slug}/posts":
            # The document's own example, on a real event, must be what the server accepts: this
            # holds whatever random bodies the generator drew (most are not text a reader can see).
            case = operation.Case(
                body=BODY_EXAMPLES["PostCreate"],
                path_parameters={"slug": live_event.slug},
                media_type="application/json",
            )
            with transaction.atomic():
                answer = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)
                transaction.set_rollback(True)
            statuses.add((operation.label, answer.status_code))
    # The examples reached real posts and real refusals, not only 404s.
    if mode == GenerationMode.POSITIVE:
        assert {("GET /api/newsroom/posts/{id}", 200), ("POST /api/newsroom/events/{slug}/posts", 201)} <= statuses
        assert {label for label, status in statuses if status in {200, 204}} >= {"DELETE /api/newsroom/posts/{id}"}
    else:
        assert {status for _, status in statuses} >= {400, 404}
