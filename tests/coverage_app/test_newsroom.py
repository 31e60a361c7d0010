from __future__ import annotations

import pytest
from django.urls import reverse

from coverage_app import services
from coverage_app.models import Post
from tests.factories import composer_post as composer
from tests.factories import edit_form, make_user

pytestmark = pytest.mark.django_db


def desk_url(event, suffix=""):
    return f"/newsroom/events/{event.slug}/{suffix}"


def test_an_anonymous_visitor_is_sent_to_sign_in(client, live_event):
    response = client.get(desk_url(live_event))
    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/")
    assert client.post(desk_url(live_event, "posts/"), composer(**{"body": "x"})).status_code == 302
    assert not Post.objects.exists()


def test_a_journalist_publishes_from_the_desk(client, live_event, journalist):
    client.force_login(journalist)
    response = client.post(
        desk_url(live_event, "posts/"),
        composer(
            title="At the scene", body="Crowds are gathering.", byline_name="Mara Okafor", byline_role="correspondent"
        ),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.title, post.byline, post.author) == ("At the scene", "Mara Okafor, correspondent", journalist)
    assert "Published" in client.get(desk_url(live_event)).content.decode()


def test_publishing_with_htmx_returns_a_fresh_composer_and_an_event(client, live_event, journalist):
    client.force_login(journalist)
    response = client.post(
        desk_url(live_event, "posts/"), composer(title="Quick", body="Fast."), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "coverage-changed" in response["HX-Trigger"]
    assert 'id="composer"' in response.content.decode()
    assert "Fast." not in response.content.decode()


def test_publishing_while_paused_shows_why_and_keeps_the_text(client, live_event, journalist, editor):
    services.coverage_pause(event=live_event, by=editor, message="Back soon")
    client.force_login(journalist)
    response = client.post(desk_url(live_event, "posts/"), composer(**{"title": "Blocked", "body": "Keep this text."}))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Coverage is paused" in html
    assert "Keep this text." in html
    assert not Post.objects.exists()


def test_an_empty_post_is_refused_with_a_clear_error(client, live_event, journalist):
    client.force_login(journalist)
    response = client.post(desk_url(live_event, "posts/"), composer(**{"title": "Nothing", "body": "<p></p>"}))
    assert response.status_code == 422
    assert "Write something" in response.content.decode()
    assert not Post.objects.exists()


def test_a_journalist_edits_and_deletes_their_own_post(client, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Typo", body="Teh text")
    client.force_login(journalist)
    response = client.post(
        desk_url(live_event, f"posts/{post.pk}/edit/"), edit_form(post, title="Fixed", body="The text")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body_html) == ("Fixed", "<p>The text</p>")
    client.post(desk_url(live_event, f"posts/{post.pk}/delete/"))
    post.refresh_from_db()
    assert post.deleted_at is not None


def test_saving_a_post_unchanged_on_the_desk_sends_nothing_and_says_only_saved(client, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Kick-off", body="<p>Under way</p>")
    client.force_login(journalist)
    response = client.post(desk_url(live_event, f"posts/{post.pk}/edit/"), edit_form(post), follow=True)
    live_event.refresh_from_db()
    assert (live_event.seq, Post.objects.get(pk=post.pk).version) == (post.seq, post.version)
    page = response.content.decode()
    assert "Saved." in page
    assert "Post updated on every reader page." not in page  # no reader got anything


def test_a_journalist_cannot_edit_or_delete_anothers_post(client, live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=editor, title="Editor's", body="Text")
    client.force_login(journalist)
    assert (
        client.post(
            desk_url(live_event, f"posts/{post.pk}/edit/"), edit_form(post, title="Mine now", body="x")
        ).status_code
        == 403
    )
    assert client.post(desk_url(live_event, f"posts/{post.pk}/delete/")).status_code == 403
    post.refresh_from_db()
    assert (post.title, post.deleted_at) == ("Editor's", None)


def test_a_journalist_cannot_pause_or_pin(client, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="x", body="x")
    client.force_login(journalist)
    assert client.post(desk_url(live_event, "coverage/"), {"action": "pause", "message": "no"}).status_code == 403
    assert client.post(desk_url(live_event, f"posts/{post.pk}/pin/")).status_code == 403
    live_event.refresh_from_db()
    post.refresh_from_db()
    assert (live_event.status, post.is_pinned) == ("live", False)


def test_an_editor_pauses_resumes_and_ends_coverage(client, live_event, editor):
    client.force_login(editor)
    client.post(desk_url(live_event, "coverage/"), {"action": "pause", "message": "Back at 7am"})
    live_event.refresh_from_db()
    assert (live_event.status, live_event.status_message) == ("paused", "Back at 7am")
    client.post(desk_url(live_event, "coverage/"), {"action": "resume"})
    client.post(desk_url(live_event, "coverage/"), {"action": "end", "message": "That's all"})
    live_event.refresh_from_db()
    assert live_event.status == "ended"
    assert [s.status for s in live_event.states.order_by("seq")] == ["live", "paused", "live", "ended"]


def test_an_unknown_coverage_action_changes_nothing(client, live_event, editor):
    client.force_login(editor)
    client.post(desk_url(live_event, "coverage/"), {"action": "explode"})
    live_event.refresh_from_db()
    assert (live_event.status, live_event.seq) == ("live", 0)


def test_an_editor_pins_and_unpins(client, live_event, editor):
    post = services.post_publish(event=live_event, author=editor, title="x", body="x")
    client.force_login(editor)
    client.post(desk_url(live_event, f"posts/{post.pk}/pin/"))
    post.refresh_from_db()
    assert post.is_pinned
    client.post(desk_url(live_event, f"posts/{post.pk}/pin/"))
    post.refresh_from_db()
    assert not post.is_pinned


def test_a_user_without_a_role_cannot_see_the_newsroom(client, live_event, roles):
    client.force_login(make_user("reader"))
    assert client.get("/newsroom/").status_code == 403
    assert client.get(desk_url(live_event)).status_code == 403


def test_an_anonymous_visitor_reaches_no_newsroom_view_or_api(client, live_event, journalist):
    from django.urls import get_resolver

    post = services.post_publish(event=live_event, author=journalist, title="x", body="x")
    values = {"slug": live_event.slug, "pk": post.pk}
    newsroom = next(r for r in get_resolver().url_patterns if getattr(r, "namespace", "") == "newsroom")
    for pattern in newsroom.url_patterns:
        if pattern.name in {"login", "logout"}:
            continue
        url = reverse(f"newsroom:{pattern.name}", kwargs={key: values[key] for key in pattern.pattern.converters})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in {302, 405}, (pattern.name, method, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/newsroom/login/"), pattern.name
    for url in (f"/api/newsroom/events/{live_event.slug}/posts", f"/api/newsroom/posts/{post.pk}"):
        assert client.post(url, data="{}", content_type="application/json").status_code == 401
    post.refresh_from_db()
    assert (post.title, post.deleted_at, post.is_pinned) == ("x", None, False)


def test_key_points_come_back_one_per_line_for_editing(client, live_event, editor):
    client.force_login(editor)
    client.post(desk_url(live_event, "key-points/"), {"key_points": "Two rescued\nPower back"})
    html = client.get(desk_url(live_event)).content.decode()
    assert ">Two rescued\nPower back</textarea>" in html
    assert "{#" not in html  # no template comment leaks into the page


def test_refreshing_one_part_of_the_desk_reads_only_what_that_part_shows(
    client, live_event, editor, django_assert_max_num_queries
):
    for n in range(5):
        services.post_publish(event=live_event, author=editor, title=f"Post {n}", body="x")
    client.force_login(editor)
    with django_assert_max_num_queries(8):  # session, user, permissions, event, the audit trail
        response = client.get(desk_url(live_event) + "?part=activity", headers={"HX-Request": "true"})
    assert "Recent changes" in response.content.decode()
    assert "Post 4" in response.content.decode()
