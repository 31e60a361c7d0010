from __future__ import annotations

import pytest
from django.urls import reverse

from coverage_app import selectors, services
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def publish(event, author, **fields):
    return services.post_publish(event=event, author=author, **({"title": "Update", "body": "Text."} | fields))


def test_the_index_lists_live_events_first(client, editor):
    ended = make_event(title="Yesterday's vote")
    services.coverage_end(event=ended, by=editor)
    make_event(title="Storm live")
    html = client.get("/").content.decode()
    assert html.index("Storm live") < html.index("Yesterday&#x27;s vote")


def test_the_reader_page_shows_the_event_and_its_posts_newest_first(client, live_event, journalist):
    publish(
        live_event,
        journalist,
        title="First update",
        body="Early",
        byline_name="A. Name",
        byline_role="US correspondent",
    )
    publish(live_event, journalist, title="Second update", body="Later")
    response = client.get(f"/live/{live_event.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert live_event.title in html
    assert live_event.standfirst in html
    assert "badge--live" in html
    assert html.index("Second update") < html.index("First update")
    assert 'By <bdi class="post__author">A. Name</bdi>, <bdi class="post__role">US correspondent</bdi>' in html
    assert f'data-seq="{2}"' in html  # the page tells its script where to resume


def test_the_reader_page_shows_a_paused_state_and_message(client, live_event, editor):
    services.coverage_pause(event=live_event, by=editor, message="We're pausing our coverage for now")
    html = client.get(f"/live/{live_event.slug}/").content.decode()
    assert "badge--paused" in html
    assert "We&#x27;re pausing our coverage for now" in html


def test_older_posts_load_on_server_rendered_pages(client, live_event, journalist):
    posts = [publish(live_event, journalist, title=f"Post number {n}") for n in range(selectors.PAGE_SIZE + 3)]
    first_page = client.get(f"/live/{live_event.slug}/").content.decode()
    oldest_on_first_page = posts[3]
    assert f"?before={oldest_on_first_page.pk}" in first_page
    assert "Post number 0<" not in first_page
    older = client.get(f"/live/{live_event.slug}/?before={oldest_on_first_page.pk}").content.decode()
    assert all(f"Post number {n}<" in older for n in range(3))
    assert "Post number 3<" not in older
    assert "That is where coverage began" in older


def test_older_posts_come_as_a_fragment_for_the_page_script(client, live_event, journalist):
    posts = [publish(live_event, journalist, title=f"Post number {n}") for n in range(selectors.PAGE_SIZE + 1)]
    html = client.get(f"/live/{live_event.slug}/?before={posts[1].pk}", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert f'id="post-{posts[0].pk}"' in html


def test_a_malformed_before_is_a_404(client, live_event):
    assert client.get(f"/live/{live_event.slug}/?before=abc").status_code == 404


def test_a_deleted_post_is_gone_from_the_page_and_its_permalink(client, live_event, journalist):
    post = publish(live_event, journalist, title="Mistaken report")
    assert client.get(post.get_absolute_url()).status_code == 200
    services.post_delete(post=post, by=journalist)
    assert "Mistaken report" not in client.get(f"/live/{live_event.slug}/").content.decode()
    gone = client.get(post.get_absolute_url())
    assert gone.status_code == 410
    assert "Mistaken report" not in gone.content.decode()


def test_the_changes_api_answers_frames_after_since(client, live_event, journalist):
    first = publish(live_event, journalist, title="One")
    second = publish(live_event, journalist, title="Two")
    body = client.get(reverse("coverage:changes", args=[live_event.slug]), {"since": first.seq}).json()
    assert body["head"] == second.seq
    assert [(frame["type"], frame["seq"], frame["id"]) for frame in body["frames"]] == [("post.created", 2, second.pk)]


def test_the_changes_api_reads_a_malformed_since_as_zero(client, live_event, journalist):
    publish(live_event, journalist)
    body = client.get(f"/api/live/{live_event.slug}/changes?since=-x").json()
    assert [frame["seq"] for frame in body["frames"]] == [1]


def test_the_changes_api_refuses_an_unknown_event(client, db):
    response = client.get("/api/live/nope/changes?since=0")
    assert response.status_code == 404
    assert response.json() == {"error": "No such event."}


def test_the_feed_lists_posts(client, live_event, journalist):
    publish(live_event, journalist, title="In the feed")
    response = client.get(f"/live/{live_event.slug}/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"In the feed" in response.content


def test_an_unknown_event_page_is_a_404(client, db):
    assert client.get("/live/no-such-event/").status_code == 404
