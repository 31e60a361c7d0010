from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from coverage_app.models import CoverageState, Post

pytestmark = pytest.mark.django_db


def test_publish_post_publishes_cleaned_rich_text(live_event, journalist):
    call_command(
        "publish_post", live_event.slug, title="Wire copy", body="<b>Bold</b><script>x()</script>", author="journalist"
    )
    post = Post.objects.get()
    assert (post.title, post.body_html, post.author) == ("Wire copy", "<b>Bold</b>", journalist)


def test_publish_post_is_refused_while_paused_and_says_why(live_event, journalist):
    call_command("coverage", live_event.slug, "pause", message="Back soon")
    with pytest.raises(CommandError, match="Coverage is paused"):
        call_command("publish_post", live_event.slug, body="x", author="journalist")
    assert not Post.objects.exists()


def test_publish_post_refuses_an_unknown_author_or_event(live_event, journalist):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        call_command("publish_post", live_event.slug, body="x", author="nobody")
    with pytest.raises(CommandError, match="No event"):
        call_command("publish_post", "nope", body="x", author="journalist")


def test_coverage_records_the_command_line_as_the_actor_without_by(live_event):
    call_command("coverage", live_event.slug, "pause", message="Pausing")
    assert CoverageState.objects.filter(event=live_event).latest("seq").actor == "command line"


def test_coverage_records_the_given_user(live_event, editor):
    call_command("coverage", live_event.slug, "end", message="Done", by="editor")
    state = CoverageState.objects.filter(event=live_event).latest("seq")
    assert (state.status, state.by, state.message) == ("ended", editor, "Done")


def test_the_demo_content_loads_once(editor, journalist):
    from coverage_app import demo_content
    from coverage_app.models import Event

    event = demo_content.load(editor=editor, journalist=journalist)
    assert demo_content.load(editor=editor, journalist=journalist) is None
    assert Event.objects.filter(slug=demo_content.SLUG).count() == 1
    assert event.posts.count() == len(demo_content.POSTS)
    assert event.posts.filter(is_pinned=True).count() == 1
    kinds = set(event.posts.values_list("media__kind", flat=True))
    assert {"image", "map", "social"} <= kinds
    assert event.posts.filter(is_key_event=True).exists()
    assert event.posts.exclude(quote_text="").exists()
    assert event.key_points.startswith("<ul>")
    assert event.states.filter(status="paused").exists()
    gust = event.posts.get(title="Gust of 88mph at Kell Point")
    earlier = event.posts.get(title="First gusts reach the coast")
    assert f'href="{earlier.get_absolute_url()}"' in gust.body_html


def test_publish_post_as_a_contributor_exits_with_the_reason(live_event, roles):
    from coverage_app.roles import CONTRIBUTORS
    from tests.factories import make_user

    make_user("stringer", CONTRIBUTORS)
    with pytest.raises(CommandError, match="an editor publishes them"):
        call_command("publish_post", live_event.slug, body="x", author="stringer")
    assert not Post.objects.exists()


def test_the_demo_loads_a_second_story_in_arabic_shown_right_to_left_from_the_index(client, editor, journalist):
    from coverage_app import demo_content
    from coverage_app.models import Event

    demo_content.load(editor=editor, journalist=journalist)
    arabic = Event.objects.get(slug=demo_content.ARABIC_SLUG)
    assert (arabic.language, arabic.status, arabic.posts.count()) == ("ar", "live", len(demo_content.ARABIC_POSTS))
    index = client.get("/").content.decode()
    card = index[index.index(f'<a href="{arabic.get_absolute_url()}"') :][:1200]
    assert f'<h2 lang="ar" dir="rtl">{arabic.title}</h2>' in card  # its own words, not the badge
    assert '<html lang="ar" dir="rtl">' in client.get(arabic.get_absolute_url()).content.decode()
