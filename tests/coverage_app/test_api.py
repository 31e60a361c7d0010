from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from coverage_app import services
from coverage_app.api import issue_token
from coverage_app.models import ApiToken, Change, Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, journalist):
    token = issue_token(user=journalist, name="Wire feed")

    def call(method, path, body=None, *, token=token, headers=None, content_type="application/json"):
        headers = ({"Authorization": f"Bearer {token}"} if token else {}) | (headers or {})
        data = json.dumps(body) if body is not None and not isinstance(body, (str, bytes)) else body
        return getattr(client, method)(path, data=data, content_type=content_type, headers=headers)

    return call


def test_a_script_publishes_a_post(api, live_event, journalist):
    response = api(
        "post",
        f"/api/newsroom/events/{live_event.slug}/posts",
        {"title": "From the wire", "body": "<p>Filed.</p>", "is_key_event": True},
    )
    assert response.status_code == 201
    post = Post.objects.get()
    assert response.json() | {"seq": 1} == response.json()
    assert (post.title, post.author, post.is_key_event, post.state) == ("From the wire", journalist, True, "published")
    assert response["Location"] == f"/api/newsroom/posts/{post.pk}"


def test_a_retried_request_with_the_same_idempotency_key_posts_once(api, live_event):
    body = {"title": "Once", "body": "x"}
    first = api("post", f"/api/newsroom/events/{live_event.slug}/posts", body, headers={"Idempotency-Key": "feed-123"})
    again = api("post", f"/api/newsroom/events/{live_event.slug}/posts", body, headers={"Idempotency-Key": "feed-123"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert first.json()["id"] == again.json()["id"]
    assert Post.objects.count() == Change.objects.count() == 1


def test_a_script_edits_and_deletes_its_post(api, live_event):
    post_id = api(
        "post", f"/api/newsroom/events/{live_event.slug}/posts", {"title": "Draft title", "body": "x"}
    ).json()["id"]
    edited = api("patch", f"/api/newsroom/posts/{post_id}", {"title": "Better title"})
    assert edited.status_code == 200
    assert (edited.json()["title"], edited.json()["body"]) == ("Better title", "<p>x</p>")
    assert api("delete", f"/api/newsroom/posts/{post_id}").status_code == 204
    assert Post.objects.get().deleted_at is not None
    assert api("get", f"/api/newsroom/posts/{post_id}").status_code == 404


def test_an_edit_from_a_stale_version_is_a_conflict(api, live_event, editor):
    created = api("post", f"/api/newsroom/events/{live_event.slug}/posts", {"title": "x", "body": "x"}).json()
    services.post_edit(post=Post.objects.get(), by=editor, title="Editor was here")
    response = api("patch", f"/api/newsroom/posts/{created['id']}", {"title": "Mine", "version": created["version"]})
    assert response.status_code == 409
    assert Post.objects.get().title == "Editor was here"


def test_social_video_and_map_media_come_with_the_post(api, live_event):
    response = api(
        "post", f"/api/newsroom/events/{live_event.slug}/posts",
        {"title": "x", "body": "x", "media": [
            {"kind": "social", "social_author": "Grid", "social_text": "Crews out"},
            {"kind": "video", "url": "https://vimeo.com/123456"},
        ]},
    )  # fmt: skip
    assert response.status_code == 201
    assert sorted(Post.objects.get().media.values_list("kind", flat=True)) == ["social", "video"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message", "field"),
    [
        ("{not json", "application/json", 400, "not valid JSON", None),
        ("[1, 2]", "application/json", 400, "must be a JSON object", None),
        ({"title": "x"}, "application/json", 400, "Some fields are not valid", "body"),
        ({"body": "x", "state": "live"}, "application/json", 400, "(state)", "state"),
        ({"body": "x", "media": [{"kind": "image"}]}, "application/json", 400, "media[0].kind", "media[0].kind"),
        (
            {"body": "x", "media": [{"kind": "video", "url": "https://evil.example/v"}]},
            "application/json",
            400,
            "media[0].url",
            "media[0].url",
        ),
        ("title=x", "application/x-www-form-urlencoded", 415, "Send JSON", None),
    ],
)
def test_bad_requests_get_a_clear_json_error_and_write_nothing(
    api, live_event, body, content_type, status, message, field
):
    response = api("post", f"/api/newsroom/events/{live_event.slug}/posts", body, content_type=content_type)
    assert response.status_code == status
    assert message in response.json()["error"]
    if field:
        assert list(response.json()["fields"]) == [field]
    assert not Post.objects.exists()


def test_publishing_while_paused_is_refused_with_409(api, live_event, editor):
    services.coverage_pause(event=live_event, by=editor)
    response = api("post", f"/api/newsroom/events/{live_event.slug}/posts", {"body": "x"})
    assert response.status_code == 409
    assert "Coverage is paused" in response.json()["error"]
    assert not Post.objects.exists()


def test_no_token_or_a_wrong_one_is_refused(api, live_event):
    assert api("post", f"/api/newsroom/events/{live_event.slug}/posts", {"body": "x"}, token=None).status_code == 401
    response = api("post", f"/api/newsroom/events/{live_event.slug}/posts", {"body": "x"}, token="lb_forged")
    assert response.status_code == 401
    assert "not valid" in response.json()["error"]
    assert not Post.objects.exists()


def test_a_session_cookie_is_not_enough(client, live_event, journalist):
    client.force_login(journalist)
    response = client.post(f"/api/newsroom/events/{live_event.slug}/posts", data="{}", content_type="application/json")
    assert response.status_code == 401


def test_a_token_of_one_user_cannot_act_as_another(api, live_event, editor):
    editors_post = services.post_publish(event=live_event, author=editor, title="Editor's", body="x")
    assert api("patch", f"/api/newsroom/posts/{editors_post.pk}", {"title": "Hijacked"}).status_code == 403
    assert api("delete", f"/api/newsroom/posts/{editors_post.pk}").status_code == 403
    created = api(
        "post", f"/api/newsroom/events/{live_event.slug}/posts", {"body": "x", "byline_name": "Sam Idris"}
    ).json()
    assert Post.objects.get(pk=created["id"]).author.username == "journalist"  # a byline is not an identity
    editors_post.refresh_from_db()
    assert (editors_post.title, editors_post.deleted_at) == ("Editor's", None)


def test_tokens_are_made_listed_and_revoked_from_the_command_line(journalist):
    out = io.StringIO()
    call_command("api_token", "create", "journalist", "--name", "Bot", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("lb_")
    assert ApiToken.objects.get().key_hash != token  # only the hash is stored
    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert "journalist\tBot\tnever used" in listing.getvalue()
    call_command("api_token", "revoke", str(ApiToken.objects.get().pk), stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_the_byline_defaults_to_the_tokens_user(api, live_event, journalist):
    created = api("post", f"/api/newsroom/events/{live_event.slug}/posts", {"body": "x"}).json()
    assert created["byline_name"] == "Mara Okafor"
