"""Pictures kept with a composer's draft: the user's own, checked like any upload, sent as a copy,
and gone once the post is sent."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coverage_app import services
from coverage_app.models import DraftPicture, Post
from tests.coverage_app.test_newsroom_desk import jpeg
from tests.factories import composer_post as composer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def keep(client, event, upload):
    return client.post(f"/newsroom/events/{event.slug}/autosave/picture/", {"file": upload})


def test_a_kept_picture_is_sent_by_its_id_as_a_copy_and_goes_with_the_draft(client, live_event, journalist):
    client.force_login(journalist)
    response = keep(client, live_event, jpeg("pier.jpg"))
    assert response.status_code == 201
    kept = DraftPicture.objects.get(pk=response.json()["id"])
    assert (kept.user, kept.event, kept.name) == (journalist, live_event, "pier.jpg")
    # The desk gives it back to the tray with the words the draft kept.
    services.composer_draft_save(
        event=live_event,
        user=journalist,
        data={"title": "T", "images-0-kept": str(kept.pk), "images-0-alt_text": "A pier"},
    )
    html = client.get(f"/newsroom/events/{live_event.slug}/").content.decode()
    assert f'"id": {kept.pk}' in html
    assert '"alt_text": "A pier"' in html
    stored = kept.file.name
    response = client.post(
        f"/newsroom/events/{live_event.slug}/posts/",
        composer(body="The pier.", **{"images-0-kept": str(kept.pk), "images-0-alt_text": "A pier"}),
    )
    assert response.status_code == 302
    media = Post.objects.get().media.get()
    assert media.alt_text == "A pier"
    assert media.file.name != stored
    assert media.file.storage.exists(media.file.name)
    assert not DraftPicture.objects.exists()
    assert not kept.file.storage.exists(stored)  # the kept copy's file went too


def test_someone_elses_kept_picture_cannot_be_sent(client, live_event, journalist, editor):
    client.force_login(editor)
    theirs = keep(client, live_event, jpeg()).json()["id"]
    client.force_login(journalist)
    response = client.post(
        f"/newsroom/events/{live_event.slug}/posts/",
        composer(body="Mine.", **{"images-0-kept": str(theirs), "images-0-alt_text": "x"}),
    )
    assert response.status_code == 422
    assert "no longer kept" in response.content.decode()
    assert not Post.objects.exists()
    assert DraftPicture.objects.filter(pk=theirs, user=editor).exists()


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_kept(client, live_event, journalist):
    client.force_login(journalist)
    response = keep(client, live_event, SimpleUploadedFile("x.jpg", b"<svg/>", content_type="image/jpeg"))
    assert response.status_code == 422
    assert "not a picture we can publish" in response.content.decode()
    assert not DraftPicture.objects.exists()
    assert client.post(f"/newsroom/events/{live_event.slug}/autosave/picture/").status_code == 400


def test_a_reader_cannot_keep_pictures(client, live_event):
    assert keep(client, live_event, jpeg()).status_code == 302  # to sign in
    assert not DraftPicture.objects.exists()


def test_a_kept_pictures_file_is_served_to_nobody(client, live_event, journalist, editor):
    # Not yet in any post: no reader, no colleague and not its own author gets it from /media/.
    client.force_login(journalist)
    kept = DraftPicture.objects.get(pk=keep(client, live_event, jpeg("secret.jpg")).json()["id"])
    url = kept.file.url
    assert url.startswith("/media/")
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert "secret" not in client.get(f"/live/{live_event.slug}/").content.decode()
