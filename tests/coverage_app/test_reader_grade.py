"""The reader page at newsroom grade, as a server renders it (issue 12): paging both ways without
JavaScript, clock times in the event's zone, the first screen, permalinks as full pages, complete
structured data, a full feed, media, and the embed with oEmbed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from django.templatetags.static import static  # hashed names (manifest storage)
from django.utils import timezone

from coverage_app import services
from coverage_app.models import Media, Post
from tests.reader_content import fill_event, picture

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def backfill(event, author, count, **fields):
    start = timezone.now() - timedelta(hours=count)
    return [
        services.post_publish(event=event, author=author, title=f"Post {n}", body="x", published_at=start + timedelta(minutes=n), **fields)
        for n in range(count)
    ]  # fmt: skip


def structured_data(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def article_ids(html):
    stream = html[html.index('id="posts"') : html.index("application/ld+json")]
    return [int(pk) for pk in re.findall(r'<article id="post-(\d+)"', stream)]


# ---- without JavaScript: every link to a post reaches it, paging works both ways -------------------


def test_a_key_event_beyond_the_first_page_links_to_the_slice_that_starts_at_it(client, live_event, journalist):
    posts = backfill(live_event, journalist, 60)
    early = services.post_edit(post=posts[3], by=journalist, is_key_event=True)
    recent = services.post_edit(post=posts[-1], by=journalist, is_key_event=True)
    html = client.get(f"/live/{live_event.slug}/").content.decode()
    assert f'href="#post-{recent.pk}"' in html  # on this page: an anchor
    link = f"/live/{live_event.slug}/?at={early.pk}#post-{early.pk}"
    assert f'href="{link}"' in html
    slice_html = client.get(link.split("#")[0]).content.decode()
    ids = article_ids(slice_html)
    assert ids[0] == early.pk  # the slice starts at it, and holds no more than a page
    assert ids == [post.pk for post in reversed(posts[:4])]


def test_older_pages_link_back_to_the_newer_page_before_them(client, live_event, journalist):
    posts = backfill(live_event, journalist, 50)
    newest_first = [post.pk for post in reversed(posts)]
    first = client.get(f"/live/{live_event.slug}/").content.decode()
    assert "Newer posts" not in first
    second = client.get(f"/live/{live_event.slug}/?before={newest_first[19]}").content.decode()
    assert article_ids(second) == newest_first[20:40]
    assert f'href="/live/{live_event.slug}/">Newer posts' in second  # back to the first page
    third = client.get(f"/live/{live_event.slug}/?before={newest_first[39]}").content.decode()
    newer = re.search(r'href="([^"]+)">Newer posts', third)[1].replace("&amp;", "&")
    assert article_ids(client.get(newer).content.decode()) == newest_first[20:40]


def test_oldest_first_pages_link_back_to_the_earlier_page(client, live_event, journalist):
    posts = backfill(live_event, journalist, 45)
    oldest_first = [post.pk for post in posts]
    third = client.get(f"/live/{live_event.slug}/?order=oldest&after={oldest_first[39]}").content.decode()
    assert article_ids(third) == oldest_first[40:]
    earlier = re.search(r'href="([^"]+)">Earlier posts', third)[1].replace("&amp;", "&")
    assert article_ids(client.get(earlier).content.decode()) == oldest_first[20:40]


def test_a_permalink_links_back_to_the_place_of_its_post(client, live_event, journalist):
    posts = backfill(live_event, journalist, 30)
    recent, old = posts[-1], posts[0]
    assert f'href="/live/{live_event.slug}/#post-{recent.pk}"' in client.get(recent.get_absolute_url()).content.decode()
    back = f"/live/{live_event.slug}/?at={old.pk}#post-{old.pk}"
    assert f'href="{back}"' in client.get(old.get_absolute_url()).content.decode()
    assert f'id="post-{old.pk}"' in client.get(back.split("#")[0]).content.decode()


# ---- time -------------------------------------------------------------------------------------


def test_every_post_shows_its_clock_time_in_the_events_zone(client, journalist):
    from tests.factories import make_event

    event = make_event(time_zone="America/New_York")
    when = datetime(2026, 7, 4, 15, 4, 30, 123456, tzinfo=UTC)
    post = services.post_publish(event=event, author=journalist, title="Fireworks", body="x", published_at=when)
    html = client.get(f"/live/{event.slug}/").content.decode()
    article = html[html.index(f'id="post-{post.pk}"') :]
    assert '<time datetime="2026-07-04T11:04:30-04:00"' in article  # whole seconds, the event's offset
    assert '><bdi dir="ltr">11:04 EDT</bdi>, 4 Jul</time>' in article
    assert 'data-ago="2026-07-04T11:04:30-04:00"' in article  # the script says "2 h ago" beside it


# ---- the first screen -------------------------------------------------------------------------


def test_the_first_screen_has_lead_media_and_the_reporters(client, live_event, journalist, editor, media_root):
    backfill(live_event, journalist, 2, byline_name="Mara Okafor")
    services.post_publish(event=live_event, author=editor, title="x", body="x", byline_name="Sam Idris")
    services.event_edit(
        event=live_event, by=editor, title=live_event.title, standfirst="What we know.",
        lead={"lead_image": picture("lead.jpg"), "lead_image_alt": "Waves over the harbour wall", "lead_credit": "A. Photographer"},
    )  # fmt: skip
    html = client.get(f"/live/{live_event.slug}/").content.decode()
    top = html[html.index('class="live__top"') : html.index('class="live__layout"')]
    assert 'alt="Waves over the harbour wall"' in top
    lead_url = re.search(r'<img src="(/media/events/[^"]+)" alt="Waves', top)[1]
    assert client.get(lead_url).status_code == 200  # public, like the page
    phone_copy = re.search(r'srcset="(/media/events/[^" ]+) 480w', top)[1]
    assert client.get(phone_copy).status_code == 200
    assert client.get(lead_url.replace(".jpg", "x.jpg")).status_code == 404
    assert "Photograph: A. Photographer" in top
    assert "Live reporting by <strong><bdi>Mara Okafor</bdi></strong> and <strong><bdi>Sam Idris</bdi></strong>" in top
    assert '<details class="key-points"' not in top  # no key points yet: no empty box
    assert structured_data(html)["image"].endswith(".jpg")
    assert re.search(r'<meta property="og:image" content="http://testserver/media/events/[^"]+\.jpg">', html)


def test_a_lead_picture_loses_its_metadata_and_a_bad_one_is_refused(live_event, editor, media_root):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # a GPS position: a source's location must never leak
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 500), (90, 120, 150)).save(buffer, format="JPEG", exif=exif)
    lead = {"lead_image": ContentFile(buffer.getvalue(), name="lead.jpg"), "lead_image_alt": "The harbour"}
    services.event_edit(event=live_event, by=editor, title="x", standfirst="", lead=lead)
    live_event.refresh_from_db()
    with live_event.lead_image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    assert (live_event.lead_width, live_event.lead_height) == (1000, 500)
    assert sorted(live_event.lead_renditions, key=int) == ["480", "960"]
    with pytest.raises(services.CoverageError):
        services.event_edit(
            event=live_event,
            by=editor,
            title="x",
            standfirst="",
            lead={"lead_image": ContentFile(b"<svg/>", name="x.jpg"), "lead_image_alt": "x"},
        )
    with pytest.raises(services.CoverageError):
        services.event_edit(
            event=live_event,
            by=editor,
            title="x",
            standfirst="",
            lead={"lead_image": ContentFile(buffer.getvalue(), name="y.jpg")},
        )


def test_a_lead_video_must_be_a_player_the_page_allows(live_event, editor):
    with pytest.raises(services.CoverageError):
        services.event_edit(
            event=live_event, by=editor, title="x", standfirst="", lead={"lead_video_url": "https://evil.example/v"}
        )
    services.event_edit(
        event=live_event, by=editor, title="x", standfirst="", lead={"lead_video_url": "https://youtu.be/abcdefghijk"}
    )
    live_event.refresh_from_db()
    assert live_event.lead_video_embed_url == "https://www.youtube-nocookie.com/embed/abcdefghijk"


# ---- sharing and search -----------------------------------------------------------------------


def test_a_permalink_is_a_full_page_for_sharing_and_search(client, live_event, journalist, editor, media_root):
    posts = fill_event(live_event, journalist=journalist, editor=editor, backfill=0)
    post = posts["image"]
    html = client.get(post.get_absolute_url()).content.decode()
    url = f"http://testserver{post.get_absolute_url()}"
    assert '<h1 class="permalink__title">The pier</h1>' in html
    assert '<meta name="description" content="The pier is under water. The pier">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="The pier">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/posts/[^"]+\.jpg">', html)
    data = structured_data(html)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "The pier"
    assert data["author"] == {"@type": "Person", "name": "Mara Okafor"}
    assert data["publisher"]["name"] == "The Ledger"
    assert data["isPartOf"]["@id"] == f"http://testserver/live/{live_event.slug}/"
    assert f'href="/live/{live_event.slug}/#post-{post.pk}"' in html


def test_the_live_blog_posting_is_complete(client, live_event, journalist, editor, media_root, settings):
    settings.SITE_NAME = "The Ledger"
    posts = fill_event(live_event, journalist=journalist, editor=editor, backfill=0)
    data = structured_data(client.get(f"/live/{live_event.slug}/").content.decode())
    url = f"http://testserver/live/{live_event.slug}/"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization", "name": "The Ledger", "url": "http://testserver/",
        "logo": {"@type": "ImageObject", "url": "http://testserver" + static("img/logo.png")},
    }  # fmt: skip
    assert data["about"]["@type"] == "Event"
    assert data["about"]["name"] == live_event.title
    assert data["image"].startswith("http://testserver/media/posts/")
    assert {"@type": "Person", "name": "Mara Okafor"} in data["author"]
    updates = {update["url"]: update for update in data["liveBlogUpdate"]}
    listed = updates[f"http://testserver{posts['list'].get_absolute_url()}"]
    assert listed["articleBody"] == "Two roads shut. The A1 at the coast. The B2 inland."
    assert listed["author"] == {"@type": "Person", "name": "Mara Okafor", "jobTitle": "Transport correspondent"}
    quoted = updates[f"http://testserver{posts['quote'].get_absolute_url()}"]
    assert quoted["articleBody"] == "The mayor spoke. “We are ready. Stay at home.” The mayor"
    assert (ROOT / "static/img/logo.png").exists()
    services.coverage_end(event=live_event, by=editor, message="That is all.")
    ended = structured_data(client.get(f"/live/{live_event.slug}/").content.decode())
    live_event.refresh_from_db()
    assert ended["coverageEndTime"] == live_event.status_changed_at.isoformat(timespec="seconds")


def test_the_index_has_a_description(client, live_event):
    html = client.get("/").content.decode()
    assert f'<meta name="description" content="Live coverage from The Ledger: {live_event.title}.">' in html


# ---- the feed ---------------------------------------------------------------------------------


def test_feed_entries_carry_the_whole_post_and_the_author_apart_from_the_role(
    client, live_event, journalist, editor, media_root
):
    posts = fill_event(live_event, journalist=journalist, editor=editor, backfill=0)
    feed = feedparser.parse(client.get(f"/live/{live_event.slug}/feed/").content)
    assert not feed.bozo
    entries = {entry.link: entry for entry in feed.entries}

    def content(name):
        entry = entries[f"http://testserver{posts[name].get_absolute_url()}"]
        return entry, entry.summary

    entry, html = content("list")
    assert entry.author == "Mara Okafor"
    assert "Transport correspondent" in html
    assert "<li>The A1 at the coast.</li>" in html
    assert "We are ready.<br />Stay at home." in content("quote")[1]
    assert "— The mayor" in content("quote")[1]
    gallery = content("gallery")[1]
    assert gallery.count('src="http://testserver/media/posts/') == 3
    assert "Photograph: A. Photographer" in gallery
    social = content("social")[1]
    assert "Coast Police" in social
    assert "Stay away from the seafront." in social
    assert "View on X" in social
    assert "Video: C. Camera" in content("video")[1]
    assert "An earlier version said three." in content("corrected")[1]


# ---- media and controls -----------------------------------------------------------------------


def test_social_cards_show_the_avatar_and_the_original_time(client, live_event, journalist, media_root):
    post = services.post_publish(event=live_event, author=journalist, title="Statement", body="x")
    Media.objects.create(
        post=post, kind=Media.Kind.SOCIAL, social_author="Coast Police", social_text="Stay away.",
        social_avatar=picture("avatar.jpg", (80, 80)), social_posted_at=datetime(2026, 11, 30, 21, 5, tzinfo=UTC),
        url="https://x.com/police/status/1",
    )  # fmt: skip
    html = client.get(post.get_absolute_url()).content.decode()
    avatar = re.search(r'<img class="social-card__avatar" src="(/media/posts/[^"]+\.jpg)" alt=""', html)
    assert client.get(avatar[1]).status_code == 200
    assert '<time datetime="2026-11-30T21:05:00+00:00"><bdi dir="ltr">21:05 GMT</bdi>, 30 Nov 2026</time>' in html


def test_the_desk_adds_a_social_card_with_its_avatar_and_time(client, live_event, journalist, media_root):
    import io

    from PIL import Image

    from tests.factories import composer_post

    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (96, 96), (0, 92, 70)).save(buffer, format="JPEG", exif=exif)
    buffer.name = "avatar.jpg"
    buffer.seek(0)
    client.force_login(journalist)
    fields = {
        "social-social_author": "Coast Police", "social-social_text": "Stay away.",
        "social-posted_at": "2026-11-30T21:05", "social-avatar": buffer, "title": "Statement",
    }  # fmt: skip
    client.post(f"/newsroom/events/{live_event.slug}/posts/", composer_post(**fields))
    card = Post.objects.get(title="Statement").media.get()
    assert card.social_posted_at == datetime(2026, 11, 30, 21, 5, tzinfo=UTC)  # the event's zone: London
    with card.social_avatar.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()


def test_gallery_pictures_open_full_size_without_javascript(client, live_event, journalist, editor, media_root):
    posts = fill_event(live_event, journalist=journalist, editor=editor, backfill=0)
    html = client.get(posts["gallery"].get_absolute_url()).content.decode()
    links = re.findall(r'<a class="post__enlarge" href="(/media/posts/[^"]+)" data-lightbox><img src="\1"', html)
    assert len(links) == 3


def test_a_video_keeps_its_credit_from_the_desk(client, live_event, journalist):
    from tests.factories import composer_post

    client.force_login(journalist)
    data = composer_post(title="Watch", **{"video-url": "https://youtu.be/abcdefghijk", "video-credit": "C. Camera"})
    client.post(f"/newsroom/events/{live_event.slug}/posts/", data)
    post = Post.objects.get(title="Watch")
    assert post.media.get().credit == "C. Camera"
    assert "Video: C. Camera" in client.get(post.get_absolute_url()).content.decode()


def test_an_ended_page_offers_no_pause_of_live_updates(client, live_event, editor):
    assert 'id="toggle-updates"' in client.get(f"/live/{live_event.slug}/").content.decode()
    services.coverage_end(event=live_event, by=editor, message="Done")
    assert 'id="toggle-updates"' not in client.get(f"/live/{live_event.slug}/").content.decode()


def contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_focus_ring_and_the_badges_have_contrast_in_both_schemes():
    css = (ROOT / "static/css/site.css").read_text()
    light = dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", css[: css.index("@media (prefers-color-scheme: dark)")]))
    dark_block = css[css.index("@media (prefers-color-scheme: dark)") :]
    dark = light | dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", dark_block[: dark_block.index("}\n}")]))
    for scheme in (light, dark):
        assert contrast(scheme["focus"], scheme["paper"]) >= 3  # WCAG 1.4.11, non-text contrast
        for status in ("live", "paused", "ended"):
            assert contrast(scheme["badge-ink"], scheme[status]) >= 4.5, status
    assert contrast(light["focus-on-brand"], "#052962") >= 3  # on the navy masthead


# ---- the embed and oEmbed ---------------------------------------------------------------------


def test_the_embeds_framers_come_from_the_allowlist_in_settings(client, live_event, settings):
    settings.EMBED_FRAME_ANCESTORS = ["https://partner.example", "https://*.example.org"]
    policy = client.get(f"/live/{live_event.slug}/embed/")["Content-Security-Policy"]
    assert "frame-ancestors https://partner.example https://*.example.org" in policy


def test_the_embed_may_be_framed_by_any_site_and_nothing_else_may(client, live_event, journalist):
    services.post_publish(event=live_event, author=journalist, title="Inside the frame", body="x")
    embed = client.get(f"/live/{live_event.slug}/embed/")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    html = embed.content.decode()
    assert "Inside the frame" in html
    assert "data-live" in html
    assert 'class="masthead"' not in html
    assert static("js/embed-frame.js") in html
    for path in (f"/live/{live_event.slug}/", "/", f"/live/{live_event.slug}/feed/"):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


def test_the_embeds_order_filter_and_paging_stay_on_the_embed(client, live_event, journalist):
    first = services.post_publish(
        event=live_event, author=journalist, title="First of the day", body="x", is_key_event=True
    )
    services.post_publish(event=live_event, author=journalist, title="Second of the day", body="x")
    embed = f"/live/{live_event.slug}/embed/"
    stream = client.get(embed + "?order=oldest").content.decode().partition('id="posts"')[2]
    assert stream.index("First of the day") < stream.index("Second of the day")
    html = client.get(embed).content.decode()
    stream = html.partition('id="posts"')[2]
    assert stream.index("Second of the day") < stream.index("First of the day")
    # Its <base target="_top"> sends posts' links to the publisher's window; the stream's controls
    # must not replace the publisher's article with the bare embed.
    assert 'target="_self" href="?filter=key&amp;order=newest"' in html
    assert '<a target="_self" href="?order=oldest">' in html
    stream = client.get(embed + "?filter=key").content.decode().partition('id="posts"')[2]
    assert "First of the day" in stream
    assert "Second of the day" not in stream
    slice_ = client.get(embed + f"?at={first.pk}").content.decode()  # a key event's slice, in the frame
    assert 'class="embedded' in slice_
    assert "First of the day" in slice_.partition('id="posts"')[2]


def test_oembed_turns_a_live_page_url_into_embed_code(client, live_event):
    page_url = f"http://testserver/live/{live_event.slug}/"
    html = client.get(f"/live/{live_event.slug}/").content.decode()
    discovery = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)[1]
    answer = client.get(discovery.replace("&amp;", "&").removeprefix("http://testserver")).json()
    assert answer["type"] == "rich"
    assert answer["version"] == "1.0"
    assert answer["title"] == live_event.title
    assert answer["provider_name"] == "The Ledger"
    assert f'src="{page_url}embed/"' in answer["html"]
    assert 'src="http://testserver/static/js/embed.js"' in answer["html"]
    assert client.get("/oembed", {"url": page_url, "maxwidth": "400", "maxheight": "300"}).json()["height"] == 300


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 404),
        ({"url": "https://elsewhere.example/live/x/"}, 404),
        ({"url": "http://testserver/newsroom/"}, 404),
        ({"url": "http://testserver/live/no-such-event/"}, 404),
        ({"url": "javascript:alert(1)"}, 404),
        ({"url": "LIVE", "maxwidth": "x"}, 404),
        ({"format": "xml"}, 501),
    ],
)
def test_oembed_refuses_what_it_cannot_embed(client, live_event, query, status):
    assert client.get("/oembed", query).status_code == status


@pytest.mark.parametrize(
    "size", [{"maxwidth": "-3"}, {"maxheight": "abc"}, {"maxheight": "²"}, {"maxwidth": "0"}, {"maxwidth": "9" * 40}]
)
def test_oembed_refuses_bad_sizes(client, live_event, size):
    response = client.get("/oembed", {"url": f"http://testserver/live/{live_event.slug}/", **size})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["at", "before"])
@pytest.mark.parametrize("value", ["²", "x", "-1", "99999999999999999999999"])
def test_a_malformed_page_anchor_is_a_404(client, live_event, name, value):
    assert client.get(f"/live/{live_event.slug}/", {name: value}).status_code == 404


def test_the_desk_offers_the_embed_code(client, live_event, editor):
    client.force_login(editor)
    html = client.get(f"/newsroom/events/{live_event.slug}/").content.decode()
    assert f"http://testserver/live/{live_event.slug}/embed/" in html
    assert "data-ledger-embed" in html
