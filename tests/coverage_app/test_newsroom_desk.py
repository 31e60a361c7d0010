"""The desk shows each person only what they may see and do."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coverage_app import services
from coverage_app.models import AuditEntry, Change, DeskPresence, Post
from coverage_app.roles import CONTRIBUTORS
from tests.factories import composer_post as composer
from tests.factories import edit_form, make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(roles):
    return make_user("stringer", CONTRIBUTORS, first_name="Lou", last_name="Reyes")


def desk_url(event, suffix=""):
    return f"/newsroom/events/{event.slug}/{suffix}"


def test_opening_an_edit_page_writes_no_presence(client, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Being fixed", body="x")
    client.force_login(journalist)
    assert client.get(desk_url(live_event, f"posts/{post.pk}/edit/")).status_code == 200
    assert not DeskPresence.objects.exists()


def test_the_edit_page_reports_presence_by_its_own_post(client, live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="Being fixed", body="x")
    client.force_login(journalist)
    client.post(desk_url(live_event, "presence/"), {"editing": post.pk})
    client.force_login(editor)
    html = client.post(desk_url(live_event, "presence/")).content.decode()
    assert "Mara Okafor" in html
    assert "editing “Being fixed”" in html


def test_a_refusal_over_htmx_is_said_once_not_again_on_the_next_page(client, live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="x", body="x")
    client.force_login(editor)
    response = client.post(
        desk_url(live_event, f"posts/{post.pk}/send-back/"), {"note": "Fix it"}, headers={"HX-Request": "true"}
    )
    refusal = json.loads(response["HX-Trigger"])["coverage-changed"]
    assert refusal["error"] is True
    assert "send back" in refusal["message"]
    assert refusal["message"] not in client.get(desk_url(live_event)).content.decode()


def test_a_contributor_sees_no_edit_or_delete_on_their_own_published_post(client, live_event, contributor, editor):
    post = services.post_save_unpublished(
        event=live_event, author=contributor, state=Post.State.SUBMITTED, title="Approved", body="x"
    )
    services.post_publish_saved(post=post, by=editor)
    client.force_login(contributor)
    html = client.get(desk_url(live_event) + "?part=stream", headers={"HX-Request": "true"}).content.decode()
    assert f'id="desk-post-{post.pk}"' in html
    assert f"posts/{post.pk}/edit/" not in html
    assert f"posts/{post.pk}/delete/" not in html


def test_a_journalist_sees_edit_and_delete_on_their_own_published_post(client, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Mine", body="x")
    client.force_login(journalist)
    html = client.get(desk_url(live_event) + "?part=stream", headers={"HX-Request": "true"}).content.decode()
    assert f"posts/{post.pk}/edit/" in html
    assert f"posts/{post.pk}/delete/" in html


def test_a_forged_editing_id_names_no_post_the_user_may_not_see(client, live_event, contributor, editor):
    secret = services.post_save_unpublished(
        event=live_event, author=editor, state=Post.State.DRAFT, title="Embargoed resignation", body="x"
    )
    elsewhere = services.post_publish(event=make_event(), author=editor, title="Other event's post", body="x")
    client.force_login(contributor)
    for forged in (secret.pk, elsewhere.pk, 10**9, "x"):
        html = client.post(desk_url(live_event, "presence/"), {"editing": forged}).content.decode()
        assert "Embargoed" not in html
        assert "Other event" not in html
        assert DeskPresence.objects.get(user=contributor).editing is None


def test_recent_changes_on_a_contributors_desk_hide_other_peoples_unpublished_titles(
    client, live_event, contributor, journalist
):
    services.post_save_unpublished(
        event=live_event, author=journalist, state=Post.State.DRAFT, title="Embargoed resignation", body="x"
    )
    services.post_save_unpublished(
        event=live_event, author=contributor, state=Post.State.SUBMITTED, title="My own submission", body="x"
    )
    services.post_publish(event=live_event, author=journalist, title="Published for all", body="x")
    client.force_login(contributor)
    html = client.get(desk_url(live_event) + "?part=activity", headers={"HX-Request": "true"}).content.decode()
    assert "Embargoed" not in html
    assert "My own submission" in html
    assert "Published for all" in html


@pytest.mark.parametrize("who", ["editor", "contributor"])
def test_recent_changes_keep_no_text_of_a_deleted_post(request, client, live_event, journalist, editor, who):
    post = services.post_publish(event=live_event, author=journalist, title="Named the wrong man", body="x")
    services.post_edit(post=post, by=journalist, title="Named the wrong man again")
    services.post_delete(post=post, by=editor)
    client.force_login(request.getfixturevalue(who))
    html = client.get(desk_url(live_event) + "?part=activity", headers={"HX-Request": "true"}).content.decode()
    assert "wrong man" not in html
    assert html.count("a post since deleted") == 3  # published, edited, deleted
    assert not AuditEntry.objects.filter(detail__contains="wrong man").exists()  # nor the admin's list


def jpeg(name="photo.jpg", size=(800, 500)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 140, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def gallery_post(client, live_event, journalist, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(journalist)
    client.post(
        desk_url(live_event, "posts/"),
        composer(**{
            "images-0-file": jpeg("a.jpg"), "images-0-alt_text": "First", "images-0-caption": "One",
            "images-1-file": jpeg("b.jpg"), "images-1-alt_text": "Second",
        }),
    )  # fmt: skip
    return Post.objects.get()


def test_the_edit_form_opens_in_place_as_a_fragment(client, live_event, gallery_post):
    response = client.get(desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert f'data-editing="{gallery_post.pk}"' in html
    assert f'name="p{gallery_post.pk}-title"' in html
    assert html.count("data-media-item") == 2


def test_an_in_place_edit_fixes_alt_text_credit_reorders_removes_and_adds_pictures(client, live_event, gallery_post):
    first, second = gallery_post.media.order_by("position")
    data = edit_form(gallery_post, title="Fixed")
    p = f"p{gallery_post.pk}"
    data |= {
        f"{p}-m{first.pk}-position": 1, f"{p}-m{first.pk}-alt_text": "First, described better",
        f"{p}-m{first.pk}-credit": "Ana Li",
        f"{p}-m{second.pk}-position": 0,
        f"{p}-images-TOTAL_FORMS": "1", f"{p}-images-0-file": jpeg("c.jpg"), f"{p}-images-0-alt_text": "Third",
    }  # fmt: skip
    response = client.post(desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "coverage-changed" in response["HX-Trigger"]
    assert [m.alt_text for m in gallery_post.media.order_by("position")] == [
        "Second",
        "First, described better",
        "Third",
    ]
    assert gallery_post.media.get(pk=first.pk).credit == "Ana Li"
    frame = json.loads(Change.objects.filter(post=gallery_post).order_by("-seq").first().frame)
    assert frame["type"] == "post.updated"
    assert frame["html"].index('alt="Second"') < frame["html"].index('alt="First, described better"')
    assert "Ana Li" in frame["html"]

    data = edit_form(Post.objects.get(), **{})
    data[f"{p}-m{first.pk}-remove"] = "on"
    client.post(desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), data, headers={"HX-Request": "true"})
    assert [m.alt_text for m in gallery_post.media.order_by("position")] == ["Second", "Third"]
    assert "media removed" in gallery_post.revisions.first().changed


def test_a_picture_kept_without_alt_text_is_refused_and_nothing_changes(client, live_event, gallery_post):
    first = gallery_post.media.order_by("position").first()
    data = edit_form(gallery_post, title="Changed")
    data[f"p{gallery_post.pk}-m{first.pk}-alt_text"] = " "
    response = client.post(desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), data, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Describe the picture" in response.content.decode()
    gallery_post.refresh_from_db()
    assert (gallery_post.title, gallery_post.media.get(pk=first.pk).alt_text) == ("Update", "First")


def test_an_edit_conflict_shows_both_versions_and_overwrites_nothing(
    client, live_event, journalist, editor, gallery_post
):
    first = gallery_post.media.order_by("position").first()
    started = edit_form(gallery_post, title="Mine")
    started[f"p{gallery_post.pk}-m{first.pk}-caption"] = "My caption"
    services.post_edit(post=gallery_post, by=editor, title="Theirs", expected_version=gallery_post.version)
    response = client.post(
        desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), started, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Their version (saved)" in html
    assert "Theirs" in html  # their title, as saved
    assert 'value="Mine"' in html  # mine, as typed, still in the form
    assert "Save mine over theirs" in html
    gallery_post.refresh_from_db()
    assert (gallery_post.title, gallery_post.media.get(pk=first.pk).caption) == ("Theirs", "One")
    # Saving again, now with theirs in view, is a deliberate choice: it goes through.
    started[f"p{gallery_post.pk}-version"] = gallery_post.version
    client.post(desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), started, headers={"HX-Request": "true"})
    gallery_post.refresh_from_db()
    assert (gallery_post.title, gallery_post.media.get(pk=first.pk).caption) == ("Mine", "My caption")


def test_a_media_id_of_another_post_is_refused(client, live_event, journalist, gallery_post):
    other = services.post_publish(event=live_event, author=journalist, title="Other", body="x")
    item = gallery_post.media.first()
    data = edit_form(other)
    data |= {f"p{other.pk}-m{item.pk}-id": item.pk, f"p{other.pk}-m{item.pk}-remove": "on"}
    response = client.post(desk_url(live_event, f"posts/{other.pk}/edit/"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200  # the stray fields are not part of this post's form: ignored
    assert gallery_post.media.filter(pk=item.pk).exists()


def test_the_stream_names_who_is_editing_a_post(client, live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="Being fixed", body="x")
    client.force_login(editor)
    client.post(desk_url(live_event, "presence/"), {"editing": post.pk})
    client.force_login(journalist)
    html = client.post(desk_url(live_event, "presence/")).content.decode()
    assert f'data-editing-post="{post.pk}" data-name="Sam Idris"' in html


def test_presence_does_not_name_a_submission_a_contributor_may_not_see(
    client, live_event, contributor, editor, journalist
):
    post = services.post_save_unpublished(
        event=live_event, author=journalist, state=Post.State.DRAFT, title="Embargoed", body="x"
    )
    client.force_login(journalist)
    client.post(desk_url(live_event, "presence/"), {"editing": post.pk})
    client.force_login(contributor)
    html = client.post(desk_url(live_event, "presence/")).content.decode()
    assert "Mara Okafor" in html
    assert "Embargoed" not in html


def test_the_editor_sees_a_submissions_pictures_in_the_queue_and_fixes_them_before_approving(
    client, live_event, contributor, editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(contributor)
    client.post(
        desk_url(live_event, "posts/"),
        composer(
            action="submit",
            **{"images-0-file": jpeg("scene.jpg"), "images-0-alt_text": "Smoke", "images-0-credit": "Lou"},
        ),
    )
    post = Post.objects.get(state=Post.State.SUBMITTED)
    item = post.media.get()
    client.force_login(editor)
    queue = client.get(desk_url(live_event) + "?part=queue", headers={"HX-Request": "true"}).content.decode()
    assert f'src="{item.file.url}"' in queue
    assert 'alt="Smoke"' in queue
    assert "Photograph: Lou" in queue
    assert "Approve and publish" in queue

    data = edit_form(post)
    data[f"p{post.pk}-m{item.pk}-alt_text"] = "Black smoke over the depot roof"
    assert (
        client.post(desk_url(live_event, f"posts/{post.pk}/edit/"), data, headers={"HX-Request": "true"}).status_code
        == 200
    )
    client.post(desk_url(live_event, f"posts/{post.pk}/publish/"), headers={"HX-Request": "true"})
    post.refresh_from_db()
    assert post.state == Post.State.PUBLISHED
    assert 'alt="Black smoke over the depot roof"' in client.get(f"/live/{live_event.slug}/").content.decode()


def test_a_signed_out_desk_request_gets_401_not_the_sign_in_page(client, live_event):
    for method, suffix in (("post", "posts/"), ("get", "?part=stream"), ("post", "presence/")):
        response = getattr(client, method)(desk_url(live_event, suffix), headers={"HX-Request": "true"})
        assert response.status_code == 401
        assert "signed-out" in response["HX-Trigger"]
        assert "password" not in response.content.decode()


def test_a_revision_keeps_every_field_and_the_desk_shows_a_readable_diff(client, live_event, gallery_post):
    item = gallery_post.media.order_by("position").first()
    data = edit_form(
        gallery_post,
        title="Update: <b>harbour</b> closed",
        byline_name="Ana Li",
        correction_note="We misnamed the quay.",
    )
    data |= {f"p{gallery_post.pk}-is_key_event": "on", f"p{gallery_post.pk}-m{item.pk}-caption": "One, corrected"}
    client.post(desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), data, headers={"HX-Request": "true"})
    revision = gallery_post.revisions.get()
    assert revision.fields["title"] == "Update"
    assert revision.fields["is_key_event"] is False
    assert revision.fields["byline_name"] == ""
    assert [m["caption"] for m in revision.fields["media"]] == ["One", ""]

    html = client.get(
        desk_url(live_event, f"posts/{gallery_post.pk}/edit/"), headers={"HX-Request": "true"}
    ).content.decode()
    assert "<dt>Title</dt><dd><del>Update</del> <ins>Update: &lt;b&gt;harbour&lt;/b&gt; closed</ins></dd>" in html
    assert "<dt>Byline</dt><dd><ins>Ana Li</ins></dd>" in html
    assert "<dt>Key event</dt><dd><del>no</del> <ins>yes</ins></dd>" in html
    assert "<ins>We misnamed the quay.</ins>" in html
    assert "<dt>Media</dt>" in html
    assert "<dt>Media</dt><dd>image · First · <del>One;</del> <ins>One, corrected;</ins> image · Second</dd>" in html
    assert "<b>harbour</b>" not in html  # escaped, never markup


def test_autosave_keeps_the_composer_as_the_users_own_draft_for_the_event(client, live_event, journalist, editor):
    client.force_login(journalist)
    url = desk_url(live_event, "autosave/")
    assert (
        client.post(
            url,
            {
                "title": "Half a title",
                "body": "<p>Police say</p>",
                "social-social_author": "Lou",
                "csrfmiddlewaretoken": "x",
                "evil": "y",
            },
        ).status_code
        == 204
    )
    desk = client.get(desk_url(live_event)).content.decode()
    assert 'value="Half a title"' in desk
    assert "Police say" in desk
    assert 'value="Lou"' in desk
    client.force_login(editor)  # the next person at this computer
    assert "Half a title" not in client.get(desk_url(live_event)).content.decode()
    client.force_login(journalist)
    assert "Half a title" not in client.get(desk_url(make_event())).content.decode()  # one draft per event
    # Sent: the draft is gone, and a save still on its way for that composer does not bring it back.
    key = "k" * 32
    client.post(url, {"title": "Half a title", "idempotency_key": key})
    client.post(
        desk_url(live_event, "posts/"), composer(title="Sent", idempotency_key=key), headers={"HX-Request": "true"}
    )
    assert "Half a title" not in client.get(desk_url(live_event)).content.decode()
    client.post(url, {"title": "Half a title", "idempotency_key": key})
    assert "Half a title" not in client.get(desk_url(live_event)).content.decode()
    too_much = dict.fromkeys(("body", "quote_text", "social-social_text", "title"), "x" * 20000)
    assert client.post(url, too_much).status_code == 413


def test_a_video_a_map_and_a_social_card_are_fixed_in_place_with_their_credits(client, live_event, journalist):
    client.force_login(journalist)
    client.post(
        desk_url(live_event, "posts/"),
        composer(**{
            "video-url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "video-caption": "The wall", "video-credit": "Ana",
            "map-url": "https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4", "map-caption": "Where",
            "social-social_author": "Harbour Office", "social-social_text": "Ferries stop at 6pm",
            "social-url": "https://bsky.app/profile/harbour/post/1",
        }),
    )  # fmt: skip
    post = Post.objects.get()
    video, map_, card = (post.media.get(kind=kind) for kind in ("video", "map", "social"))
    assert video.credit == "Ana"
    p = f"p{post.pk}"
    data = edit_form(post)
    data |= {
        f"{p}-m{video.pk}-caption": "The sea wall at noon", f"{p}-m{video.pk}-credit": "Ana Li / Reuters",
        f"{p}-m{map_.pk}-credit": "© OpenStreetMap contributors",
        f"{p}-m{card.pk}-social_text": "Ferries stop at 5pm",
    }  # fmt: skip
    response = client.post(desk_url(live_event, f"posts/{post.pk}/edit/"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = json.loads(Change.objects.filter(post=post).order_by("-seq").first().frame)["html"]
    assert "The sea wall at noon" in html
    assert "Video: Ana Li / Reuters" in html
    assert "Map: © OpenStreetMap contributors" in html
    assert "Ferries stop at 5pm" in html

    data[f"{p}-m{video.pk}-url"] = "https://evil.example/video"
    response = client.post(desk_url(live_event, f"posts/{post.pk}/edit/"), data, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert post.media.get(pk=video.pk).url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
