"""Nothing unpublished is seen by anyone who may not see it: permalinks, page anchors, media files."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coverage_app import services
from coverage_app.models import Media, Post
from coverage_app.roles import CONTRIBUTORS
from tests.factories import make_user

pytestmark = pytest.mark.django_db

UNPUBLISHED = (Post.State.DRAFT, Post.State.SCHEDULED, Post.State.SUBMITTED, Post.State.RETURNED)


@pytest.fixture(autouse=True)
def _media_in_a_folder_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def contributor(roles):
    return make_user("stringer", CONTRIBUTORS)


def picture(name: str = "scene.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (90, 120, 150)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def post_with_picture(event, author, state: Post.State) -> Post:
    media = [Media(kind=Media.Kind.IMAGE, file=picture(), alt_text="The flooded square")]
    if state == Post.State.PUBLISHED:
        return services.post_publish(event=event, author=author, title="Embargoed scoop", body="Secret.", media=media)
    post = services.post_save_unpublished(
        event=event, author=author, state=Post.State.DRAFT, title="Embargoed scoop", body="Secret.", media=media
    )
    Post.objects.filter(pk=post.pk).update(state=state)  # the state under test, however it got there
    return Post.objects.get(pk=post.pk)


def file_urls(post: Post) -> list[str]:
    item = post.media.get()
    return [f"/media/{name}" for name in (item.file.name, *item.renditions.values())]


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_post_is_not_found_by_the_public_on_any_route(client, live_event, journalist, state):
    post = post_with_picture(live_event, journalist, state)
    slug = live_event.slug
    never = 10**9
    assert client.get(f"/live/{slug}/posts/{post.pk}/").status_code == 404
    assert client.get(f"/live/{slug}/posts/{never}/").status_code == 404
    # A page anchored on the post answers exactly as one anchored on an id that never existed.
    assert (
        client.get(f"/live/{slug}/?before={post.pk}").status_code
        == client.get(f"/live/{slug}/?before={never}").status_code
        == 404
    )
    for url in file_urls(post):
        assert client.get(url).status_code == 404
    for url in (f"/live/{slug}/", f"/live/{slug}/feed/", f"/api/live/{slug}/changes?since=0"):
        body = client.get(url).content.decode()
        assert "Embargoed scoop" not in body
        assert "Secret." not in body
        assert all(name.split("/")[-1] not in body for name in file_urls(post))


def test_an_unpublished_posts_pictures_are_seen_by_its_author_and_editors_only(
    client, live_event, contributor, editor, journalist
):
    post = post_with_picture(live_event, contributor, Post.State.SUBMITTED)
    url = file_urls(post)[0]
    for user, status in ((contributor, 200), (editor, 200), (journalist, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Cache-Control"] == "private, no-store"
            assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # the JPEG itself


def test_a_published_posts_pictures_are_public_and_the_same_for_everyone(client, live_event, journalist):
    post = post_with_picture(live_event, journalist, Post.State.PUBLISHED)
    item = post.media.get()
    assert (item.width, item.height) == (1200, 800)
    assert item.srcset.endswith(" 1200w")
    for url in file_urls(post):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")
        assert "Cookie" not in response.get("Vary", "")


def test_deleting_a_post_removes_its_files_from_storage(
    django_capture_on_commit_callbacks, client, live_event, journalist
):
    post = post_with_picture(live_event, journalist, Post.State.PUBLISHED)
    names = [url.removeprefix("/media/") for url in file_urls(post)]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete(post=post, by=journalist)
    assert not any(default_storage.exists(name) for name in names)
    assert all(client.get(f"/media/{name}").status_code == 404 for name in names)


def test_behind_nginx_the_app_answers_with_an_internal_redirect(client, settings, live_event, journalist):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    post = post_with_picture(live_event, journalist, Post.State.PUBLISHED)
    name = post.media.get().file.name
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{name}"
    assert response.content == b""


def test_a_media_path_that_names_no_upload_is_not_found(client, live_event, journalist):
    post_with_picture(live_event, journalist, Post.State.PUBLISHED)
    for path in ("../secret_key", "posts/../../secret_key", "secret_key", "posts/" + "a" * 32 + ".jpg", "%00"):
        assert client.get(f"/media/{path}").status_code == 404


def test_signed_in_users_see_unpublished_posts_by_the_one_rule(live_event, contributor, editor, journalist):
    draft = post_with_picture(live_event, contributor, Post.State.DRAFT)
    published = post_with_picture(live_event, journalist, Post.State.PUBLISHED)
    assert set(Post.objects.seen_by(contributor)) == {draft, published}
    assert set(Post.objects.seen_by(editor)) == {draft, published}
    assert set(Post.objects.seen_by(journalist)) == {published}


def test_the_desk_answers_for_someone_elses_unpublished_post_as_for_no_post(
    client, live_event, contributor, journalist
):
    draft = post_with_picture(live_event, contributor, Post.State.DRAFT)
    client.force_login(journalist)
    base = f"/newsroom/events/{live_event.slug}/posts"
    for suffix in ("edit/", "delete/", "publish/", "pin/"):
        post_answer = client.post(f"{base}/{draft.pk}/{suffix}")
        unknown_answer = client.post(f"{base}/{10**9}/{suffix}")
        assert post_answer.status_code == unknown_answer.status_code, suffix
        assert post_answer.status_code in {403, 404}  # the pin door refuses journalists before any lookup
    assert Post.objects.get(pk=draft.pk).deleted_at is None


def test_a_picture_deleted_in_the_admin_leaves_the_storage(
    django_capture_on_commit_callbacks, client, live_event, editor
):
    post = post_with_picture(live_event, editor, Post.State.PUBLISHED)
    item = post.media.get()
    names = [item.file.name, *item.renditions.values()]
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/coverage_app/media/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Media.objects.exists()
    assert not any(default_storage.exists(name) for name in names)
    assert live_event.changes.order_by("-seq").first().kind == "post.updated"
