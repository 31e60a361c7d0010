"""The desk shows each person only what they may see and do."""

from __future__ import annotations

import pytest

from coverage_app import services
from coverage_app.models import DeskPresence, Post
from coverage_app.roles import CONTRIBUTORS
from tests.factories import make_event, make_user

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
    assert "Only a submitted post can be sent back." in response["HX-Trigger"]
    assert "Only a submitted post can be sent back." not in client.get(desk_url(live_event)).content.decode()


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
