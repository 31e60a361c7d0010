from __future__ import annotations

import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coverage_app import selectors, services
from coverage_app.models import Media, Post

pytestmark = pytest.mark.django_db


def publish(event, author, **fields):
    return services.post_publish(event=event, author=author, **({"title": "Update", "body": "Text."} | fields))


def structured_data(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_page_describes_itself_as_a_live_blog_posting(client, live_event, journalist, editor):
    publish(live_event, journalist, title="First", body="<p>Body with </script><script>alert(1)</script></p>")
    data = structured_data(client.get(f"/live/{live_event.slug}/").content.decode())
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == live_event.title
    assert data["coverageStartTime"] == live_event.starts_at.isoformat(timespec="seconds")
    assert "coverageEndTime" not in data
    assert [update["headline"] for update in data["liveBlogUpdate"]] == ["First"]
    assert data["liveBlogUpdate"][0]["url"].endswith(f"/live/{live_event.slug}/posts/{Post.objects.get().pk}/")
    services.coverage_end(event=live_event, by=editor, message="Done")
    ended = structured_data(client.get(f"/live/{live_event.slug}/").content.decode())
    assert "coverageEndTime" in ended


def test_the_page_has_link_preview_tags_and_a_canonical_url(client, live_event):
    html = client.get(f"/live/{live_event.slug}/?order=oldest").content.decode()
    assert f'<meta property="og:title" content="{live_event.title}">' in html
    assert '<meta name="twitter:card"' in html
    assert f'<link rel="canonical" href="http://testserver/live/{live_event.slug}/">' in html


def test_the_feed_parses_with_a_feed_parser(client, live_event, journalist):
    publish(live_event, journalist, title="Feed entry", body="<p>Text</p>", byline_name="Mara Okafor")
    feed = feedparser.parse(client.get(f"/live/{live_event.slug}/feed/").content)
    assert not feed.bozo
    assert feed.feed.title == live_event.title
    assert [(entry.title, entry.author) for entry in feed.entries] == [("Feed entry", "Mara Okafor")]


def test_a_page_of_a_thousand_post_event_is_bounded_in_queries_and_size(client, live_event, journalist):
    start = timezone.now() - timedelta(days=1)
    Post.objects.bulk_create(
        Post(event=live_event, title=f"Post {n}", body_html="<p>x</p>", author=journalist, published_at=start + timedelta(minutes=n), seq=n + 1, is_key_event=n % 100 == 0)
        for n in range(1000)
    )  # fmt: skip
    post = Post.objects.get(title="Post 999")
    Media.objects.create(post=post, kind=Media.Kind.SOCIAL, social_author="A", social_text="B")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/live/{live_event.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(queries) <= 8, [q["sql"] for q in queries]
    assert html.count('<article id="post-') == selectors.PAGE_SIZE
    assert len(html) < 100_000
    assert html.count("data-key-event=") == 10  # every key event is listed, not only the loaded ones


def test_the_key_events_filter_shows_only_key_events(client, live_event, journalist):
    publish(live_event, journalist, title="Routine update")
    publish(live_event, journalist, title="Big moment", is_key_event=True)
    html = client.get(f"/live/{live_event.slug}/?filter=key").content.decode()
    posts = html[html.index('id="posts"') : html.index("application/ld+json")]  # the stream, not the structured data
    assert "Big moment" in posts
    assert "Routine update" not in posts


def test_oldest_first_pages_forward(client, live_event, journalist):
    posts = [publish(live_event, journalist, title=f"Post number {n}") for n in range(selectors.PAGE_SIZE + 2)]
    html = client.get(f"/live/{live_event.slug}/?order=oldest").content.decode()
    assert html.index("Post number 0<") < html.index("Post number 1<")
    assert f"order=oldest&amp;after={posts[selectors.PAGE_SIZE - 1].pk}" in html
    more = client.get(
        f"/live/{live_event.slug}/?order=oldest&after={posts[selectors.PAGE_SIZE - 1].pk}"
    ).content.decode()
    assert "Post number 20<" in more
    assert "Post number 0<" not in more


def test_a_post_renders_its_quote_gallery_video_map_and_social_card(client, live_event, journalist):
    post = publish(
        live_event, journalist, title="Everything", quote_text="We will rebuild.", quote_attribution="The mayor"
    )
    Media.objects.create(
        post=post, kind=Media.Kind.VIDEO, url="https://www.youtube.com/watch?v=abcdefghijk", caption="The launch"
    )
    Media.objects.create(
        post=post, kind=Media.Kind.MAP, url="https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4"
    )
    Media.objects.create(
        post=post,
        kind=Media.Kind.SOCIAL,
        url="https://bsky.app/profile/x/post/1",
        social_author="Grid",
        social_handle="@grid",
        social_text="Crews out",
    )
    Media.objects.create(post=post, kind=Media.Kind.VIDEO, url="https://evil.example/video")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "We will rebuild." in html
    assert "The mayor" in html
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert 'src="https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4"' in html
    assert "View on Bluesky" in html
    assert "evil.example" not in html  # not on the allowlist: never in an iframe
    # The players need scripts and their own origin, which together void a sandbox (the Nu checker
    # refuses the pair); the page's CSP frame-src admits these origins only.
    assert html.count('referrerpolicy="strict-origin-when-cross-origin"') == 2


def test_editors_keep_the_key_points_which_reach_open_pages_as_a_frame(client, live_event, editor):
    client.force_login(editor)
    client.post(
        f"/newsroom/events/{live_event.slug}/key-points/", {"key_points": "Two rescued\n- Power back <b>soon</b>"}
    )
    live_event.refresh_from_db()
    assert live_event.key_points == "<ul><li>Two rescued</li><li>Power back <b>soon</b></li></ul>"
    frame = json.loads(live_event.changes.latest("seq").frame)
    assert frame["type"] == "event.updated"
    assert "Two rescued" in frame["html"]
    assert "Two rescued" in client.get(f"/live/{live_event.slug}/").content.decode()


def test_a_pause_can_say_when_coverage_resumes(client, live_event, editor):
    client.force_login(editor)
    resumes = (timezone.localtime() + timedelta(hours=3)).replace(second=0, microsecond=0)
    client.post(
        f"/newsroom/events/{live_event.slug}/coverage/",
        {"action": "pause", "message": "Back later", "resumes_at": resumes.strftime("%Y-%m-%dT%H:%M")},
    )
    live_event.refresh_from_db()
    assert live_event.resumes_at == resumes
    frame = json.loads(live_event.changes.latest("seq").frame)
    assert frame["resumes_at"] == resumes.isoformat()
    assert "Coverage resumes at" in client.get(f"/live/{live_event.slug}/").content.decode()


def test_a_resume_time_in_the_past_is_refused(live_event, editor):
    with pytest.raises(services.CoverageError, match="future"):
        services.coverage_pause(event=live_event, by=editor, resumes_at=timezone.now() - timedelta(minutes=1))
    live_event.refresh_from_db()
    assert live_event.status == "live"


def test_images_get_responsive_renditions_without_exif(client, live_event, journalist, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # a GPS position: a source's location must never leak
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (90, 120, 150)).save(buffer, format="JPEG", exif=exif)
    post = publish(live_event, journalist, title="Picture")
    Media.objects.create(post=post, file=ContentFile(buffer.getvalue(), name="scene.jpg"), alt_text="A scene")
    services.post_media_changed(post=post, by=journalist)
    media = post.media.get()
    assert sorted(media.renditions, key=int) == ["480", "960", "1600"]
    with default_storage.open(media.renditions["480"]) as rendition, Image.open(rendition) as image:
        assert image.size == (480, 240)
        assert not image.getexif()
    with media.file.open("rb") as original, Image.open(original) as image:
        assert image.size == (2000, 1000)
        assert not image.getexif()
    html = client.get(f"/live/{live_event.slug}/").content.decode()
    assert f"{media.renditions['480'].split('/')[-1]} 480w" in html
    assert 'sizes="(max-width: 46rem) 100vw, 44rem"' in html


def test_the_first_page_is_cached_by_seq_and_revalidated_with_an_etag(client, live_event, journalist):
    publish(live_event, journalist, title="First")
    first = client.get(f"/live/{live_event.slug}/")
    assert "s-maxage" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/live/{live_event.slug}/")
    assert again.content == first.content
    assert len(queries) == 1  # the event's seq, to name the page; the rest comes from the cache
    not_modified = client.get(f"/live/{live_event.slug}/", headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304
    publish(live_event, journalist, title="Second")
    fresh = client.get(f"/live/{live_event.slug}/", headers={"If-None-Match": first["ETag"]})
    assert fresh.status_code == 200
    assert fresh["ETag"] != first["ETag"]
    assert "Second" in fresh.content.decode()


def test_catch_up_costs_a_constant_number_of_queries(client, live_event, journalist):
    for n in range(30):
        publish(live_event, journalist, title=f"Post {n}")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/api/live/{live_event.slug}/changes?since=0").json()
    assert len(body["frames"]) == 30
    assert len(queries) == 2  # the event, then one indexed read of the change log


# ---- coverage that has not begun --------------------------------------------------------------------
def upcoming_event(**fields):
    from tests.factories import make_event

    # 18:30 in Berlin is 17:30 UTC in winter: the page speaks the event's zone.
    starts = timezone.now().replace(microsecond=0) + timedelta(days=1)
    return make_event(starts_at=starts, time_zone="Europe/Berlin", **fields)


def test_an_event_whose_start_is_ahead_says_when_it_begins_not_live(client):
    event = upcoming_event()
    html = client.get(f"/live/{event.slug}/").content.decode()
    local = timezone.localtime(event.starts_at, timezone=ZoneInfo("Europe/Berlin"))
    assert "badge--upcoming" in html
    assert "badge--live" not in html
    assert f'Begins <time datetime="{local.isoformat()}"><bdi dir="ltr">{local:%H:%M} CET</bdi>' in html
    data = structured_data(html)
    assert data["coverageStartTime"] == event.starts_at.isoformat(timespec="seconds")
    assert "coverageEndTime" not in data


def test_the_index_says_an_event_has_not_begun(client):
    upcoming_event(title="Budget statement")
    html = client.get("/").content.decode()
    assert "badge--upcoming" in html
    assert "event-card--upcoming" in html
    assert "live" not in re.findall(r'class="event-card event-card--(\w+)"', html)


def test_the_begins_badge_is_translated(client):
    event = upcoming_event(language="de")
    assert "Beginnt <time" in client.get(f"/live/{event.slug}/").content.decode()


def test_the_cached_first_page_turns_live_when_the_start_comes(client):
    event = upcoming_event()
    first = client.get(f"/live/{event.slug}/")
    type(event).objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(seconds=1))
    now = client.get(f"/live/{event.slug}/", headers={"If-None-Match": first["ETag"]})
    assert now.status_code == 200
    assert "badge--live" in now.content.decode()


def test_the_scheduler_sends_open_pages_the_live_badge_once_when_the_start_comes(client):
    from coverage_app.models import Change

    event = upcoming_event()
    assert services.coverage_starts_due() == []
    start = timezone.now()  # after the event was made: it was announced before it began
    type(event).objects.filter(pk=event.pk).update(starts_at=start)
    assert [started.pk for started in services.coverage_starts_due(now=start + timedelta(seconds=1))] == [event.pk]
    frame = json.loads(Change.objects.get(event=event).frame)
    assert (frame["type"], frame["status"], frame["seq"]) == ("coverage.state", "live", 1)
    assert "badge--live" in frame["html"]
    assert services.coverage_starts_due(now=start + timedelta(seconds=2)) == []  # once: a frame went out since


def test_an_event_started_at_once_sends_nothing_at_its_start(live_event):
    assert services.coverage_starts_due() == []
