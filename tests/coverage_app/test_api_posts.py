"""What the newsroom API lets each token see and do: visibility of unpublished posts, idempotency keys
scoped to user and event, and the post's life through the API's own operations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coverage_app import roles, services
from coverage_app.api_schemas import ACTION_BODIES
from coverage_app.models import Change, Post
from coverage_app.roles import CONTRIBUTORS, JOURNALISTS
from tests.api_client import Api, state_of_the_world
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db

LATER = (timezone.now() + timedelta(days=1)).isoformat()


@pytest.fixture
def contributor(roles):
    return make_user("stringer", CONTRIBUTORS, first_name="Lou", last_name="Reyes")


@pytest.fixture
def colleague(roles):
    return make_user("colleague", JOURNALISTS)


def unpublished(event, author, state, editor=None):
    scheduled_for = timezone.now() + timedelta(hours=2) if state == Post.State.SCHEDULED else None
    post = services.post_save_unpublished(
        event=event, author=author, state=Post.State.SUBMITTED if state == Post.State.RETURNED else state,
        title=f"Secret {state}", body="Embargoed", scheduled_for=scheduled_for,
    )  # fmt: skip
    if state == Post.State.RETURNED:
        post = services.post_return(post=post, by=editor, note="Check the name")
    return post


UNPUBLISHED = (Post.State.DRAFT, Post.State.SCHEDULED, Post.State.SUBMITTED, Post.State.RETURNED)


@pytest.mark.parametrize("state", UNPUBLISHED)
@pytest.mark.parametrize("who", ["contributor", "colleague"])
def test_another_users_unpublished_post_is_an_unknown_id_to_every_door(
    request, live_event, journalist, editor, state, who
):
    post = unpublished(live_event, journalist, state, editor)
    api = Api(request.getfixturevalue(who))
    never = api("get", "/api/newsroom/posts/987654321")
    before = state_of_the_world()
    answers = [
        api("get", f"/api/newsroom/posts/{post.pk}"),
        api("patch", f"/api/newsroom/posts/{post.pk}", {"title": "Hijacked"}),
        api("delete", f"/api/newsroom/posts/{post.pk}"),
        *(api("post", f"/api/newsroom/posts/{post.pk}/{action}") for action in ACTION_BODIES),
        api("post", f"/api/newsroom/posts/{post.pk}/send_back", {"note": "No"}),
        api("post", f"/api/newsroom/posts/{post.pk}/schedule", {"scheduled_for": LATER}),
    ]
    for answer in answers:
        assert (answer.status_code, answer.content) == (never.status_code, never.content) == (404, never.content)
        assert b"Secret" not in answer.content
    assert state_of_the_world() == before


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_post_is_seen_by_its_author_and_by_editors(live_event, journalist, editor, state):
    post = unpublished(live_event, journalist, state, editor)
    for user in (journalist, editor):
        answer = Api(user)("get", f"/api/newsroom/posts/{post.pk}")
        assert answer.status_code == 200
        assert (answer.json()["title"], answer.json()["state"]) == (f"Secret {state}", state)


def test_a_published_post_is_readable_by_any_newsroom_token(live_event, journalist, contributor):
    post = services.post_publish(event=live_event, author=journalist, title="Out", body="x")
    assert Api(contributor)("get", f"/api/newsroom/posts/{post.pk}").json()["title"] == "Out"


def test_a_deleted_post_is_gone_for_everyone(live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="Out", body="x")
    services.post_delete(post=post, by=editor)
    assert Api(editor)("get", f"/api/newsroom/posts/{post.pk}").status_code == 404


# ---- idempotency keys ----------------------------------------------------------------------------


def test_a_key_over_64_characters_is_refused_not_cut(live_event, journalist):
    api = Api(journalist)
    prefix = "wire-" + "k" * 59
    assert api.create(live_event, {"body": "First story"}, headers={"Idempotency-Key": prefix}).status_code == 201
    before = state_of_the_world()
    answer = api.create(live_event, {"body": "Another story"}, headers={"Idempotency-Key": prefix + "-2"})
    assert answer.status_code == 400
    assert "Idempotency-Key" in answer.json()["fields"]
    assert state_of_the_world() == before


@pytest.mark.parametrize("key", ["has space", "ключ", "tab\there"])
def test_a_key_that_a_header_cannot_carry_intact_is_refused(live_event, journalist, key):
    answer = Api(journalist).create(live_event, {"body": "x"}, headers={"Idempotency-Key": key})
    assert answer.status_code == 400
    assert not Post.objects.exists()


def test_a_key_is_scoped_to_its_event(live_event, journalist):
    api, other_event = Api(journalist), make_event()
    first = api.create(live_event, {"body": "Item 1 of event A"}, headers={"Idempotency-Key": "item-1"})
    second = api.create(other_event, {"body": "Item 1 of event B"}, headers={"Idempotency-Key": "item-1"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["event"] == other_event.slug
    assert Post.objects.get(pk=second.json()["id"]).event == other_event


def test_a_key_is_scoped_to_its_user(live_event, journalist, colleague):
    first = Api(journalist).create(live_event, {"body": "Mine"}, headers={"Idempotency-Key": "k"})
    second = Api(colleague).create(live_event, {"body": "Theirs"}, headers={"Idempotency-Key": "k"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert Post.objects.count() == 2


def test_a_publish_reusing_a_drafts_key_is_refused_and_the_draft_stays_a_draft(live_event, journalist):
    api = Api(journalist)
    draft = api.create(live_event, {"body": "Draft", "state": "draft"}, headers={"Idempotency-Key": "k1"}).json()
    before = state_of_the_world()
    answer = api.create(live_event, {"body": "Draft"}, headers={"Idempotency-Key": "k1"})
    assert answer.status_code == 422
    assert "Idempotent-Replayed" not in answer
    assert f"post {draft['id']}" in answer.json()["error"]
    assert state_of_the_world() == before
    assert Post.objects.get().state == Post.State.DRAFT


def test_a_retried_draft_is_replayed(live_event, journalist):
    api = Api(journalist)
    first = api.create(live_event, {"body": "Draft", "state": "draft"}, headers={"Idempotency-Key": "k1"})
    again = api.create(live_event, {"body": "Draft", "state": "draft"}, headers={"Idempotency-Key": "k1"})
    assert (first.status_code, again.status_code, again["Idempotent-Replayed"]) == (201, 200, "true")
    assert again.json()["id"] == first.json()["id"]


def test_a_retry_of_a_deleted_posts_key_is_refused(live_event, journalist):
    api = Api(journalist)
    created = api.create(live_event, {"body": "Oops"}, headers={"Idempotency-Key": "k1"}).json()
    services.post_delete(post=Post.objects.get(pk=created["id"]), by=journalist)
    before = state_of_the_world()
    answer = api.create(live_event, {"body": "Oops"}, headers={"Idempotency-Key": "k1"})
    assert answer.status_code == 422
    assert "deleted" in answer.json()["error"]
    assert state_of_the_world() == before


# ---- the post's life through the API ---------------------------------------------------------------


def test_a_contributor_submits_and_an_editor_sends_back_then_publishes(live_event, contributor, editor):
    stringer, desk = Api(contributor), Api(editor)
    created = stringer.create(live_event, {"title": "From the scene", "body": "x", "state": "submitted"})
    assert (created.status_code, created.json()["state"]) == (201, "submitted")
    post_id = created.json()["id"]
    assert stringer("post", f"/api/newsroom/posts/{post_id}/publish").status_code == 403
    returned = desk("post", f"/api/newsroom/posts/{post_id}/send_back", {"note": "Name the street"})
    assert (returned.json()["state"], returned.json()["review_note"]) == ("returned", "Name the street")
    assert returned.json()["allowed_actions"] == ["delete", "edit", "publish"]  # the editor's, not the author's
    edited = stringer("patch", f"/api/newsroom/posts/{post_id}", {"body": "On Elm Street"})
    assert edited.json()["allowed_actions"] == ["delete", "edit", "submit"]
    resubmitted = stringer("post", f"/api/newsroom/posts/{post_id}/submit")
    assert resubmitted.json()["state"] == "submitted"
    assert not Change.objects.exists()  # nothing reached readers yet
    published = desk("post", f"/api/newsroom/posts/{post_id}/publish")
    assert (published.status_code, published.json()["state"]) == (200, "published")
    assert Change.objects.get().kind == "post.created"


def test_a_contributor_cannot_publish_directly(live_event, contributor):
    before = state_of_the_world()
    assert Api(contributor).create(live_event, {"body": "x"}).status_code == 403
    assert state_of_the_world() == before


def test_an_editor_pins_and_unpins_a_post(live_event, journalist, editor):
    post = services.post_publish(event=live_event, author=journalist, title="Big", body="x")
    desk = Api(editor)
    assert desk("post", f"/api/newsroom/posts/{post.pk}/pin").json()["is_pinned"] is True
    assert desk("post", f"/api/newsroom/posts/{post.pk}/unpin").json()["is_pinned"] is False
    assert Api(journalist)("post", f"/api/newsroom/posts/{post.pk}/pin").status_code == 403


def test_pinning_a_draft_is_refused_with_the_reason(live_event, editor):
    draft = unpublished(live_event, editor, Post.State.DRAFT)
    before = state_of_the_world()
    answer = Api(editor)("post", f"/api/newsroom/posts/{draft.pk}/pin")
    assert answer.status_code == 422
    assert "nothing changed" in answer.json()["error"]
    assert state_of_the_world() == before


def test_a_journalist_schedules_and_unschedules_a_draft(live_event, journalist):
    api = Api(journalist)
    draft = api.create(live_event, {"body": "Embargoed", "state": "draft"}).json()
    scheduled = api("post", f"/api/newsroom/posts/{draft['id']}/schedule", {"scheduled_for": LATER})
    assert (scheduled.status_code, scheduled.json()["state"]) == (200, "scheduled")
    assert scheduled.json()["scheduled_for"] is not None
    back = api("post", f"/api/newsroom/posts/{draft['id']}/unschedule")
    assert (back.json()["state"], back.json()["scheduled_for"]) == ("draft", None)
    assert not Change.objects.exists()


def test_an_unknown_action_is_a_json_404(live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="x", body="x")
    answer = Api(journalist)("post", f"/api/newsroom/posts/{post.pk}/approve")
    assert (answer.status_code, "allowed_actions" in answer.json()["error"]) == (404, True)


@pytest.mark.parametrize("state", [*UNPUBLISHED, Post.State.PUBLISHED])
def test_each_answer_lists_what_the_user_may_do_from_the_services_table(live_event, journalist, editor, state):
    post = (
        services.post_publish(event=live_event, author=journalist, title="x", body="x")
        if state == Post.State.PUBLISHED
        else unpublished(live_event, journalist, state, editor)
    )
    for user in (journalist, editor):
        listed = Api(user)("get", f"/api/newsroom/posts/{post.pk}").json()["allowed_actions"]
        assert listed == sorted(roles.allowed_actions(user, post))
        # Each listed action is an operation the API has.
        assert set(listed) <= {"edit", "delete", *ACTION_BODIES}


def test_a_patch_that_changes_nothing_writes_nothing_and_sends_nothing(live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Kick-off", body="<p>Under way</p>")
    before = state_of_the_world()
    answer = Api(journalist)("patch", f"/api/newsroom/posts/{post.pk}", {"title": "Kick-off", "version": post.version})
    assert answer.status_code == 200
    assert (answer.json()["seq"], answer.json()["version"]) == (post.seq, post.version)
    assert state_of_the_world() == before
