"""What the desk says and sends for the outsider's findings: the pause and end messages readers get
when none is typed, the pin that replaces another, and posts readers never saw."""

from __future__ import annotations

import pytest

from coverage_app import services
from coverage_app.models import Post
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def desk_url(event, suffix=""):
    return f"/newsroom/events/{event.slug}/{suffix}"


def test_the_message_boxes_are_empty_with_the_events_default_as_placeholder(client, editor):
    event = make_event(language="de")
    client.force_login(editor)
    html = client.get(desk_url(event)).content.decode()
    pause = services_default("pause", "de")
    assert f'placeholder="{pause}"' in html
    assert f">{pause}</textarea>" not in html  # nothing to type in front of
    assert '<textarea id="pause-message" name="message" rows="2" maxlength="1000" placeholder=' in html


def services_default(action: str, language: str) -> str:
    from coverage_app.newsroom.forms import reader_defaults

    return reader_defaults(language)[action]


@pytest.mark.parametrize("action", ["pause", "end"])
def test_left_empty_readers_get_the_default_in_the_events_language(client, editor, action):
    event = make_event(language="fr")
    client.force_login(editor)
    client.post(desk_url(event, "coverage/"), {"action": action, "message": "  "})
    event.refresh_from_db()
    assert event.status == {"pause": "paused", "end": "ended"}[action]
    assert event.status_message == services_default(action, "fr")
    assert event.status_message != services_default(action, "en")  # French, whatever the desk speaks


def test_a_typed_message_is_sent_alone(client, editor, live_event):
    client.force_login(editor)
    client.post(desk_url(live_event, "coverage/"), {"action": "pause", "message": "Back at 07:00."})
    live_event.refresh_from_db()
    assert live_event.status_message == "Back at 07:00."


def test_pinning_names_the_post_it_replaces_on_the_button_and_after(client, editor, live_event):
    old = services.post_publish(event=live_event, author=editor, title="What a red warning means", body="x")
    services.post_pin(post=old, by=editor)
    new = services.post_publish(event=live_event, author=editor, title="Roads closed", body="y")
    client.force_login(editor)
    html = client.get(desk_url(live_event)).content.decode()
    assert "Pin — replaces “What a red warning means”" in html
    response = client.post(desk_url(live_event, f"posts/{new.pk}/pin/"), headers={"HX-Request": "true"})
    assert "in place of \\u201cWhat a red warning means\\u201d" in response["HX-Trigger"]
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.is_pinned, new.is_pinned) == (False, True)


def test_an_untitled_pinned_post_is_named_by_its_time(client, editor, live_event):
    old = services.post_publish(event=live_event, author=editor, title="", body="x")
    services.post_pin(post=old, by=editor)
    services.post_publish(event=live_event, author=editor, title="Roads closed", body="y")
    client.force_login(editor)
    html = client.get(desk_url(live_event)).content.decode()
    assert f"Pin — replaces the {old.published_at.astimezone(live_event.tz):%H:%M} post" in html


def test_a_post_not_yet_published_has_no_reader_link_or_share_and_discarding_it_says_so(
    client, editor, journalist, live_event
):
    queued = services.post_save_unpublished(
        event=live_event, author=journalist, state=Post.State.SUBMITTED, title="From the scene", body="w"
    )
    client.force_login(editor)
    html = client.get(desk_url(live_event)).content.decode()
    queue = html[html.index(f'id="queue-post-{queued.pk}"') :][:3000]
    assert queued.get_absolute_url() not in queue
    assert "post__share" not in queue
    response = client.post(desk_url(live_event, f"posts/{queued.pk}/delete/"), headers={"HX-Request": "true"})
    assert "readers never saw it" in response["HX-Trigger"]
    published = services.post_publish(event=live_event, author=editor, title="Out", body="z")
    response = client.post(desk_url(live_event, f"posts/{published.pk}/delete/"), headers={"HX-Request": "true"})
    assert "Readers no longer see it." in response["HX-Trigger"]
