from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from coverage_app import services
from coverage_app.models import AuditEntry, Change, Event, Post
from coverage_app.roles import CONTRIBUTORS
from tests.factories import composer_post as composer
from tests.factories import edit_form, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(roles):
    return make_user("stringer", CONTRIBUTORS, first_name="Lou", last_name="Reyes")


def desk_url(event, suffix=""):
    return f"/newsroom/events/{event.slug}/{suffix}"


def jpeg(size=(1200, 800), name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 140, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_contributor_submits_and_readers_see_nothing_until_an_editor_publishes(
    client, live_event, contributor, editor
):
    client.force_login(contributor)
    client.post(desk_url(live_event, "posts/"), composer(action="submit", title="From the scene"))
    post = Post.objects.get()
    assert post.state == Post.State.SUBMITTED
    assert not Change.objects.exists()
    assert "From the scene" not in client.get(f"/live/{live_event.slug}/").content.decode()
    client.force_login(editor)
    assert "From the scene" in client.get(desk_url(live_event)).content.decode()  # in the editors' queue
    client.post(desk_url(live_event, f"posts/{post.pk}/publish/"))
    post.refresh_from_db()
    assert (post.state, post.seq) == (Post.State.PUBLISHED, 1)
    assert "From the scene" in client.get(f"/live/{live_event.slug}/").content.decode()


def test_a_contributor_cannot_publish_even_by_asking_for_it(client, live_event, contributor):
    client.force_login(contributor)
    client.post(desk_url(live_event, "posts/"), composer(action="publish", title="Sneaky"))
    assert Post.objects.get().state == Post.State.SUBMITTED  # the view files it for review instead
    with pytest.raises(PermissionDenied):
        services.post_publish(event=live_event, author=contributor, title="x", body="x")
    assert client.post(desk_url(live_event, f"posts/{Post.objects.get().pk}/publish/")).status_code == 403


def test_an_editor_sends_a_submission_back_with_a_note(client, live_event, contributor, editor):
    post = services.post_save_unpublished(
        event=live_event, author=contributor, state=Post.State.SUBMITTED, body="Draft", title="x"
    )
    client.force_login(editor)
    client.post(desk_url(live_event, f"posts/{post.pk}/send-back/"), {"note": "Who is the source?"})
    post.refresh_from_db()
    assert (post.state, post.review_note) == (Post.State.RETURNED, "Who is the source?")
    client.force_login(contributor)
    assert "Who is the source?" in client.get(desk_url(live_event)).content.decode()


def test_a_draft_is_private_until_published_from_the_queue(client, live_event, journalist):
    client.force_login(journalist)
    client.post(desk_url(live_event, "posts/"), composer(action="draft", title="Half written"))
    post = Post.objects.get()
    assert post.state == Post.State.DRAFT
    assert "Half written" not in client.get(f"/live/{live_event.slug}/").content.decode()
    client.post(desk_url(live_event, f"posts/{post.pk}/publish/"))
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED


def test_a_scheduled_post_goes_out_when_its_time_comes(client, live_event, journalist):
    client.force_login(journalist)
    at = timezone.localtime() + timedelta(hours=1)
    client.post(
        desk_url(live_event, "posts/"),
        composer(action="schedule", title="Embargoed", scheduled_for=at.strftime("%Y-%m-%dT%H:%M")),
    )
    post = Post.objects.get()
    assert post.state == Post.State.SCHEDULED
    assert services.publish_due() == []
    assert [p.pk for p in services.publish_due(now=timezone.now() + timedelta(hours=2))] == [post.pk]
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED
    assert AuditEntry.objects.filter(post=post, action="published", actor="scheduler").exists()


def test_publish_scheduled_command_publishes_due_posts(live_event, journalist):
    post = services.post_save_unpublished(
        event=live_event,
        author=journalist,
        state=Post.State.SCHEDULED,
        body="x",
        title="Soon",
        scheduled_for=timezone.now() + timedelta(seconds=1),
    )
    Post.objects.filter(pk=post.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    assert f"Published scheduled post {post.pk}" in out.getvalue()


def test_scheduling_in_the_past_is_refused(client, live_event, journalist):
    client.force_login(journalist)
    past = timezone.localtime() - timedelta(hours=1)
    response = client.post(
        desk_url(live_event, "posts/"), composer(action="schedule", scheduled_for=past.strftime("%Y-%m-%dT%H:%M"))
    )
    assert response.status_code == 422
    assert "in the future" in response.content.decode()
    assert not Post.objects.exists()


def test_a_double_click_publishes_once(client, live_event, journalist):
    client.force_login(journalist)
    data = composer(title="Once", idempotency_key="c0ffee")
    client.post(desk_url(live_event, "posts/"), data)
    client.post(desk_url(live_event, "posts/"), data)
    assert Post.objects.count() == 1
    assert Change.objects.count() == 1


def test_a_backdated_post_takes_its_place_in_the_stream(client, live_event, journalist):
    services.post_publish(event=live_event, author=journalist, title="Now", body="x")
    client.force_login(journalist)
    earlier = timezone.localtime() - timedelta(hours=2)
    client.post(
        desk_url(live_event, "posts/"),
        composer(title="Missed earlier", published_at=earlier.strftime("%Y-%m-%dT%H:%M")),
    )
    html = client.get(f"/live/{live_event.slug}/").content.decode()
    assert html.index(">Now<") < html.index(">Missed earlier<")


def test_an_edit_keeps_a_revision_and_shows_a_correction_note(client, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Mayor Vargas speaks", body="Quote")
    client.force_login(journalist)
    client.post(
        desk_url(live_event, f"posts/{post.pk}/edit/"),
        edit_form(post, title="Mayor Varga speaks", correction_note="We misspelt the mayor's name."),
    )
    revision = post.revisions.get()
    assert (revision.title, revision.by, revision.changed) == (
        "Mayor Vargas speaks",
        journalist,
        "title, correction_note",
    )
    assert "misspelt the mayor" in client.get(f"/live/{live_event.slug}/").content.decode()


def test_a_second_editor_gets_a_conflict_not_a_silent_overwrite(client, live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="First", body="Original")
    started_from = post.version
    services.post_edit(post=post, by=editor, title="Editor's version", expected_version=started_from)
    client.force_login(journalist)
    response = client.post(
        desk_url(live_event, f"posts/{post.pk}/edit/"),
        edit_form(post, title="Journalist's version", version=started_from),
    )
    assert response.status_code == 422
    assert "editor saved this post while you were editing it" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Editor's version"


def test_pictures_need_alt_text_and_make_a_gallery(client, live_event, journalist, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(journalist)
    missing_alt = client.post(desk_url(live_event, "posts/"), composer(**{"images-0-file": jpeg()}))
    assert missing_alt.status_code == 422
    assert "Describe the picture" in missing_alt.content.decode()
    assert not Post.objects.exists()
    client.post(
        desk_url(live_event, "posts/"),
        composer(
            **{
                "images-0-file": jpeg(),
                "images-0-alt_text": "A flooded street",
                "images-1-file": jpeg(name="two.jpg"),
                "images-1-alt_text": "Sandbags",
            }
        ),
    )
    post = Post.objects.get()
    assert post.media.count() == 2
    assert "In pictures" in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not a picture we can publish",
        ),
        ("photo.jpg", b"this is not a picture", "not a picture we can publish"),
    ],
)
def test_anything_but_a_real_picture_is_refused(client, live_event, journalist, name, content, message):
    client.force_login(journalist)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(
        desk_url(live_event, "posts/"), composer(**{"images-0-file": upload, "images-0-alt_text": "x"})
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Post.objects.exists()


def test_a_post_carries_a_quote_a_social_card_a_video_and_a_map(client, live_event, journalist):
    client.force_login(journalist)
    client.post(
        desk_url(live_event, "posts/"),
        composer(
            quote_text="We will rebuild", quote_attribution="The mayor",
            **{"social-social_author": "Grid", "social-social_text": "Crews out", "social-url": "https://bsky.app/profile/g/post/1",
               "video-url": "https://youtu.be/abcdefghijk", "map-url": "https://www.openstreetmap.org/export/embed.html?bbox=1"},
        ),
    )  # fmt: skip
    post = Post.objects.get()
    assert sorted(post.media.values_list("kind", flat=True)) == ["map", "social", "video"]
    frame = json.loads(Change.objects.get().frame)
    assert "youtube-nocookie.com/embed/abcdefghijk" in frame["html"]
    assert "We will rebuild" in frame["html"]


def test_a_video_address_off_the_allowlist_is_refused(client, live_event, journalist):
    client.force_login(journalist)
    response = client.post(desk_url(live_event, "posts/"), composer(**{"video-url": "https://evil.example/v"}))
    assert response.status_code == 422
    assert "YouTube or Vimeo" in response.content.decode()


def test_preview_renders_the_post_and_saves_nothing(client, live_event, journalist):
    client.force_login(journalist)
    response = client.post(
        desk_url(live_event, "posts/"), composer(action="preview", title="Preview me", body="<b>Bold</b>")
    )
    assert "Preview me" in response.content.decode()
    assert "<b>Bold</b>" in response.content.decode()
    assert not Post.objects.exists()
    assert not Change.objects.exists()


def test_an_editor_creates_an_event_in_its_time_zone(client, editor):
    client.force_login(editor)
    response = client.post(
        "/newsroom/events/new/",
        {"title": "Election night in New York", "standfirst": "Results", "time_zone": "America/New_York"},
    )
    event = Event.objects.get()
    assert response["Location"] == f"/newsroom/events/{event.slug}/"
    assert (event.slug, event.time_zone) == ("election-night-in-new-york", "America/New_York")
    services.post_publish(event=event, author=editor, title="Polls close", body="x")
    html = client.get(f"/live/{event.slug}/").content.decode()
    assert " EST</bdi></time>" in html or " EDT</bdi></time>" in html


def test_a_bad_time_zone_is_refused(client, editor):
    client.force_login(editor)
    response = client.post("/newsroom/events/new/", {"title": "x", "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    assert not Event.objects.exists()


def test_a_journalist_cannot_create_events(client, journalist):
    client.force_login(journalist)
    assert client.post("/newsroom/events/new/", {"title": "x", "time_zone": "Europe/London"}).status_code == 403


def test_the_audit_trail_records_every_kind_of_change(live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="x", body="x")
    services.post_edit(post=post, by=journalist, title="y")
    services.post_pin(post=post, by=editor)
    services.coverage_pause(event=live_event, by=editor)
    services.post_delete(post=post, by=editor)
    actions = list(AuditEntry.objects.order_by("pk").values_list("actor", "action"))
    assert actions[-5:] == [
        ("journalist", "published"), ("journalist", "edited"), ("editor", "pinned"),
        ("editor", "coverage paused"), ("editor", "deleted"),
    ]  # fmt: skip


def test_services_enforce_roles_not_only_the_interface(live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=editor, title="Editor's", body="x")
    with pytest.raises(PermissionDenied):
        services.post_pin(post=post, by=journalist)
    with pytest.raises(PermissionDenied):
        services.coverage_pause(event=live_event, by=journalist)
    with pytest.raises(PermissionDenied):
        services.post_edit(post=post, by=journalist, title="Mine")
    with pytest.raises(PermissionDenied):
        services.post_delete(post=post, by=journalist)
    with pytest.raises(PermissionDenied):
        services.event_create(slug="x", title="x", by=journalist)


def test_a_contributor_fixes_a_sent_back_post_and_submits_it_again(client, live_event, contributor, editor):
    post = services.post_save_unpublished(
        event=live_event, author=contributor, state=Post.State.SUBMITTED, body="Draft", title="x"
    )
    services.post_return(post=post, by=editor, note="Name the source")
    post.refresh_from_db()
    client.force_login(contributor)
    page = client.get(desk_url(live_event, f"posts/{post.pk}/edit/")).content.decode()
    assert "Name the source" in page
    assert "Save and submit for review" in page
    client.post(
        desk_url(live_event, f"posts/{post.pk}/edit/"),
        edit_form(post, body="Draft, says the harbour master", action="submit"),
    )
    post.refresh_from_db()
    assert post.state == Post.State.SUBMITTED
    assert "harbour master" in post.body_html


def test_publishing_a_composer_already_saved_as_a_draft_says_so_and_posts_nothing(client, live_event, journalist):
    client.force_login(journalist)
    client.post(desk_url(live_event, "posts/"), composer(action="draft", idempotency_key="same-composer"))
    response = client.post(desk_url(live_event, "posts/"), composer(action="publish", idempotency_key="same-composer"))
    assert response.status_code == 422
    assert "already saved (draft)" in response.content.decode().lower()  # the state as the desk names it
    assert Post.objects.get().state == Post.State.DRAFT
    assert not Change.objects.exists()
