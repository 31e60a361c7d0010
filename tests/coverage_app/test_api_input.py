"""Bad input to the newsroom API: every wrong JSON type, size, date or key is a JSON 400 (or 413/415)
that names the field, never a 500, never stored as text, and the refused request changes nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from coverage_app import services
from coverage_app.models import Post
from coverage_app.roles import CONTRIBUTORS
from tests.api_client import Api, state_of_the_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LATER = (timezone.now() + timedelta(days=1)).isoformat()
OVERFLOW = "9999-12-31T23:59:59-14:00"  # year 10000 in UTC: Postgres stores it, Python cannot read it back


@pytest.fixture(autouse=True)
def _own_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def contributor(roles):
    return make_user("stringer", CONTRIBUTORS)


@pytest.fixture
def api(journalist):
    return Api(journalist)


def refused(response, status, field=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["error"]
    if field is not None:
        assert field in answer["fields"], answer
        assert field in answer["error"]
    return answer


WRONG_CREATES = {
    "state as a list": ({"body": "x", "state": []}, "state"),
    "state as a number": ({"body": "x", "state": 1}, "state"),
    "title as an object": ({"body": "x", "title": {"a": 1}}, "title"),
    "title as a number": ({"body": "x", "title": 5}, "title"),
    "title as null": ({"body": "x", "title": None}, "title"),
    "body as a list": ({"body": ["<p>x</p>"]}, "body"),
    "body as true": ({"body": True}, "body"),
    "body missing": ({"title": "x"}, "body"),
    "body with no text": ({"body": "<p> </p>"}, "body"),
    "byline as a number": ({"body": "x", "byline_name": 7}, "byline_name"),
    "key event as text": ({"body": "x", "is_key_event": "yes"}, "is_key_event"),
    "key event as 1": ({"body": "x", "is_key_event": 1}, "is_key_event"),
    "a huge body": ({"body": "x" * 20001}, "body"),
    "a long title": ({"body": "x", "title": "t" * 201}, "title"),
    "a NUL in the title": ({"body": "x", "title": "a\x00b"}, "title"),
    "an unknown field": ({"body": "x", "tittle": "typo"}, "tittle"),
    "an attribution without a quote": ({"body": "x", "quote_attribution": "The mayor"}, "quote_text"),
    "media as an object": ({"body": "x", "media": {"kind": "video"}}, "media"),
    "media kind as a list": ({"body": "x", "media": [{"kind": ["video"]}]}, "media[0].kind"),
    "media kind missing": ({"body": "x", "media": [{"url": "https://vimeo.com/1"}]}, "media[0].kind"),
    "media item as text": ({"body": "x", "media": ["video"]}, "media[0]"),
    "media url as a number": ({"body": "x", "media": [{"kind": "video", "url": 5}]}, "media[0].url"),
    "media url not embeddable": (
        {"body": "x", "media": [{"kind": "map", "url": "https://evil.example/map"}]},
        "media[0].url",
    ),
    "media field unknown": (
        {"body": "x", "media": [{"kind": "social", "social_author": "A", "social_text": "t", "html": "<b>"}]},
        "media[0].html",
    ),
    "a social post without text": (
        {"body": "x", "media": [{"kind": "social", "social_author": "A"}]},
        "media[0].social_text",
    ),
    "too many media": ({"body": "x", "media": [{"kind": "video", "url": "https://vimeo.com/1"}] * 13}, "media"),
    "an overflowing backdate": ({"body": "x", "published_at": OVERFLOW}, "published_at"),
    "an overflowing schedule": ({"body": "x", "state": "scheduled", "scheduled_for": OVERFLOW}, "scheduled_for"),
    "a backdate before 2000": ({"body": "x", "published_at": "1999-12-31T23:00:00+00:00"}, "published_at"),
    "a schedule after 2100": (
        {"body": "x", "state": "scheduled", "scheduled_for": "2101-01-02T00:00:00Z"},
        "scheduled_for",
    ),
    "a backdate in the future": ({"body": "x", "published_at": LATER}, "published_at"),
    "a schedule in the past": (
        {"body": "x", "state": "scheduled", "scheduled_for": "2020-01-01T00:00:00Z"},
        "scheduled_for",
    ),
    "a schedule without a time": ({"body": "x", "state": "scheduled"}, "scheduled_for"),
    "a schedule time on a draft": ({"body": "x", "state": "draft", "scheduled_for": LATER}, "scheduled_for"),
    "a date as a number": ({"body": "x", "published_at": 1764547200}, "published_at"),
    "a date without its zone": ({"body": "x", "published_at": "2026-01-01T10:00:00"}, "published_at"),
    "a date that is not one": ({"body": "x", "published_at": "yesterday"}, "published_at"),
    "a year with five digits": ({"body": "x", "published_at": "10000-01-01T00:00:00Z"}, "published_at"),
}


@pytest.mark.parametrize("case", WRONG_CREATES.values(), ids=WRONG_CREATES.keys())
def test_a_create_with_a_wrong_field_is_a_400_naming_it_and_changes_nothing(api, live_event, case):
    body, field = case
    before = state_of_the_world()
    refused(api.create(live_event, body), 400, field)
    assert state_of_the_world() == before


RAW_BODIES = {
    "a list": "[1, 2]",
    "a string": '"post"',
    "a number": "1",
    "null": "null",
    "not JSON": "{not json",
    "not UTF-8": b'{"body": "\xff\xfe"}',
    "NaN": '{"body": "x", "is_key_event": NaN}',
    "Infinity": '{"body": "x", "title": Infinity}',
    "an overflowing number": '{"body": "x", "title": 1e999}',
    "an endless integer": '{"body": "x", "title": ' + "9" * 5000 + "}",
    "a duplicate key": '{"body": "<p>Safe</p>", "body": "<p>Other</p>"}',
    "deep nesting": '{"body": "x", "title": ' + "[" * 50 + "]" * 50 + "}",
    "nesting past the parser's limit": '{"body": "x", "title": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "a lone surrogate": '{"body": "x", "title": "\\ud800"}',
}


@pytest.mark.parametrize("body", RAW_BODIES.values(), ids=RAW_BODIES.keys())
def test_a_body_that_is_not_a_plain_json_object_is_a_400_and_changes_nothing(api, live_event, body):
    before = state_of_the_world()
    refused(api.create(live_event, body), 400)
    assert state_of_the_world() == before


def test_a_duplicate_key_is_named(api, live_event):
    answer = refused(api.create(live_event, '{"body": "x", "body": "y"}'), 400)
    assert answer["fields"] == {"body": ["Sent twice."]}


def test_a_body_over_256_kb_is_a_413(api, live_event):
    before = state_of_the_world()
    refused(api.create(live_event, {"body": "x", "title": "t" * 300_000}), 413)
    assert state_of_the_world() == before


def test_a_form_post_is_a_415(api, live_event):
    refused(api.create(live_event, "body=x", content_type="application/x-www-form-urlencoded"), 415)
    assert not Post.objects.exists()


def test_a_sane_backdate_and_schedule_are_accepted(api, live_event):
    backdated = api.create(live_event, {"body": "x", "published_at": "2026-11-28T14:05:00+01:00"})
    assert backdated.status_code == 201
    assert backdated.json()["published_at"] in {"2026-11-28T13:05:00Z", "2026-11-28T13:05:00+00:00"}
    scheduled = api.create(live_event, {"body": "later", "state": "scheduled", "scheduled_for": LATER})
    assert scheduled.status_code == 201
    assert scheduled.json()["state"] == "scheduled"
    assert Post.objects.get(pk=scheduled.json()["id"]).scheduled_for is not None


@pytest.fixture
def own_post(api, live_event):
    return services.post_publish(event=live_event, author=api.user, title="Mine", body="x")


WRONG_PATCHES = {
    "title as an object": ({"title": {"a": 1}}, "title"),
    "body as a list": ({"body": ["x"]}, "body"),
    "title as null": ({"title": None}, "title"),
    "key event as text": ({"is_key_event": "true"}, "is_key_event"),
    "version as text": ({"version": "1"}, "version"),
    "version as a float": ({"version": 1.5}, "version"),
    "version as true": ({"version": True}, "version"),
    "an enormous version": ({"version": 10**30}, "version"),
    "state published": ({"state": "published"}, "state"),
    "state as a list": ({"state": []}, "state"),
    "a backdate": ({"published_at": "2026-01-01T00:00:00Z"}, "published_at"),
    "a long correction note": ({"correction_note": "c" * 1001}, "correction_note"),
    "an attribution without a quote": ({"quote_attribution": "The mayor"}, "quote_text"),
}


@pytest.mark.parametrize("case", WRONG_PATCHES.values(), ids=WRONG_PATCHES.keys())
def test_an_edit_with_a_wrong_field_is_a_400_naming_it_and_changes_nothing(api, own_post, case):
    body, field = case
    before = state_of_the_world()
    refused(api("patch", f"/api/newsroom/posts/{own_post.pk}", body), 400, field)
    assert state_of_the_world() == before


@pytest.mark.parametrize("body", ['{"title": "a", "title": "b"}', "[]", '{"title": NaN}', "nope"])
def test_an_edit_with_a_body_that_is_not_a_plain_object_is_a_400(api, own_post, body):
    before = state_of_the_world()
    refused(api("patch", f"/api/newsroom/posts/{own_post.pk}", body), 400)
    assert state_of_the_world() == before


WRONG_MOVES = {
    "a note as a list": ("send_back", {"note": ["x"]}, "note"),
    "no note": ("send_back", {}, "note"),
    "an empty note": ("send_back", {"note": ""}, "note"),
    "a blank note": ("send_back", {"note": "   "}, "note"),
    "a schedule time as a number": ("schedule", {"scheduled_for": 1764547200}, "scheduled_for"),
    "an overflowing schedule time": ("schedule", {"scheduled_for": OVERFLOW}, "scheduled_for"),
    "a schedule time in the past": ("schedule", {"scheduled_for": "2021-06-01T12:00:00Z"}, "scheduled_for"),
    "a field a move does not take": ("publish", {"published_at": "2021-06-01T12:00:00Z"}, "published_at"),
}


@pytest.mark.parametrize("case", WRONG_MOVES.values(), ids=WRONG_MOVES.keys())
def test_a_move_with_a_wrong_field_is_a_400_and_changes_nothing(live_event, editor, contributor, case):
    action, body, field = case
    submission = services.post_save_unpublished(
        event=live_event, author=contributor, state=Post.State.SUBMITTED, body="x", title="For review"
    )
    before = state_of_the_world()
    refused(Api(editor)("post", f"/api/newsroom/posts/{submission.pk}/{action}", body), 400, field)
    assert state_of_the_world() == before


@pytest.mark.parametrize("path", ["/api/newsroom/posts/abc", "/api/newsroom/posts/0", f"/api/newsroom/posts/{2**70}"])
def test_a_malformed_post_id_is_a_json_404(api, path):
    assert refused(api("get", path), 404) == {"error": "No such post."}


@pytest.mark.parametrize("slug", ["no-such-event", "bad%00slug", "x" * 300])
def test_an_unknown_or_malformed_event_is_a_json_404(api, slug):
    before = state_of_the_world()
    refused(api("post", f"/api/newsroom/events/{slug}/posts", {"body": "x"}), 404)
    assert state_of_the_world() == before


def test_a_wrong_method_is_a_json_405_with_allow(api, own_post):
    response = api("put", f"/api/newsroom/posts/{own_post.pk}", {"title": "x"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, PATCH, DELETE"
    assert json.loads(response.content)["error"]


def test_a_move_takes_no_body_or_an_empty_object_but_not_a_form(api, own_post, editor):
    desk = Api(editor)
    assert desk("post", f"/api/newsroom/posts/{own_post.pk}/pin").status_code == 200
    assert desk("post", f"/api/newsroom/posts/{own_post.pk}/unpin", {}).status_code == 200
    before = state_of_the_world()
    answer = desk(
        "post", f"/api/newsroom/posts/{own_post.pk}/pin", "x=1", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 415
    assert state_of_the_world() == before
