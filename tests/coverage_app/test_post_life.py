"""The post-life table through every door: the services, the newsroom, the JSON API and the admin
give the table's answer for every (role, ownership, state, action), and a refusal changes nothing."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone

from coverage_app import lifecycle, services
from coverage_app.api import issue_token
from coverage_app.lifecycle import Action
from coverage_app.models import AuditEntry, Change, Event, Post
from coverage_app.roles import CONTRIBUTORS, EDITORS, JOURNALISTS, allowed_actions
from tests.factories import edit_form, make_event, make_user

pytestmark = pytest.mark.django_db

ROLE_GROUPS = {"outsider": None, "contributor": CONTRIBUTORS, "journalist": JOURNALISTS, "editor": EDITORS}
STATES = (*Post.State, lifecycle.DELETED)
MOVE_ACTIONS = [action for action in Action if action != Action.SAVE_DRAFT]


@pytest.fixture
def cast(roles):
    """An actor per role, each with a colleague of the same role whose posts are "someone else's"."""
    people = {}
    for role, group in ROLE_GROUPS.items():
        for who in ("actor", "colleague"):
            user = make_user(f"{role}-{who}", group)
            user.is_staff = True  # so the admin door is tried by every role, not only by editors
            user.save(update_fields=["is_staff"])
            people[role, who] = user
    return people


def make_post(event: Event, author, state: str) -> Post:
    """A post in `state`, written straight to the table: the set-up is not what is under test."""
    now = timezone.now()
    post = Post.objects.create(
        event=event,
        author=author,
        state=Post.State.PUBLISHED if state == lifecycle.DELETED else state,
        title=f"A {state} post",
        body_html="<p>Text.</p>",
        published_at=now,
        scheduled_for=now + timedelta(hours=1) if state == Post.State.SCHEDULED else None,
        deleted_at=now if state == lifecycle.DELETED else None,
    )
    return post


def snapshot(post: Post) -> tuple:
    post = Post.objects.get(pk=post.pk)
    event = Event.objects.get(pk=post.event_id)
    return (
        post.state, post.version, post.deleted_at, post.is_pinned, post.scheduled_for, post.title,
        event.seq, Change.objects.filter(event=event).count(), AuditEntry.objects.filter(post=post).count(),
    )  # fmt: skip


def cases():
    yield from itertools.product(ROLE_GROUPS, ("actor", "colleague"), STATES, MOVE_ACTIONS)


def run_cases(cast, door) -> list[str]:
    """Try every case through `door` (a function that attempts the action and returns the HTTP status,
    or None where the door has no such action) inside a savepoint rolled back afterwards."""
    event = make_event()
    mismatches = []
    tried = 0
    for role, owner, state, action in cases():
        with transaction.atomic():
            actor = cast[role, "actor"]
            post = make_post(event, cast[role, owner], state)
            expected = action in allowed_actions(actor, post)
            before = snapshot(post)
            status = door(actor, post, action)
            if status is not None:
                tried += 1
                after = snapshot(post)
                # The edit page's "Submit" saves the text too: what counts is whether the state moved.
                changed = after[0] != before[0] if action == Action.SUBMIT else after != before
                if status >= 500 or changed != expected:
                    mismatches.append(f"{role} on {owner}'s {state} post, {action}: status {status}, changed={changed}")
            transaction.set_rollback(True)
    assert tried > 0
    return mismatches


def service_door(actor, post, action):
    try:
        if action == Action.EDIT:
            services.post_edit(post=post, by=actor, title="Changed")
        else:
            services.post_move(
                post_id=post.pk, action=action, by=actor, note="Fix the second paragraph.",
                scheduled_for=timezone.now() + timedelta(hours=2),
            )  # fmt: skip
    except (PermissionDenied, services.CoverageError):
        return 403
    return 200


def test_the_table_allows_what_a_newsroom_expects(cast):
    event = make_event()
    contributor, journalist, editor = (cast[role, "actor"] for role in ("contributor", "journalist", "editor"))
    own_submission = make_post(event, contributor, Post.State.SUBMITTED)
    assert allowed_actions(contributor, own_submission) == {Action.EDIT, Action.DELETE}
    assert allowed_actions(editor, own_submission) >= {Action.PUBLISH, Action.SEND_BACK, Action.SCHEDULE}
    assert allowed_actions(journalist, own_submission) == set()  # a journalist does not review
    published = make_post(event, contributor, Post.State.PUBLISHED)
    assert allowed_actions(contributor, published) == set()  # no Edit/Delete the service would refuse
    assert allowed_actions(cast["outsider", "actor"], make_post(event, cast["outsider", "actor"], "draft")) == set()
    journalists_own = make_post(event, journalist, Post.State.PUBLISHED)
    assert allowed_actions(journalist, journalists_own) == {Action.EDIT, Action.DELETE}
    assert allowed_actions(editor, journalists_own) == {Action.EDIT, Action.DELETE, Action.PIN}
    assert allowed_actions(editor, make_post(event, journalist, lifecycle.DELETED)) == set()


def test_the_services_give_the_tables_answer_in_every_case(cast):
    assert run_cases(cast, service_door) == []


NEWSROOM_ROUTES = {
    Action.PUBLISH: ("publish/", {}),
    Action.SEND_BACK: ("send-back/", {"note": "Fix the second paragraph."}),
    Action.DELETE: ("delete/", {}),
    Action.PIN: ("pin/", {}),
    Action.UNPIN: ("pin/", {}),
}


def signed_in_clients(cast) -> dict[int, Client]:
    """One signed-in client per person, made before the savepoints so their sessions outlive them."""
    clients = {}
    for user in cast.values():
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    return clients


def test_the_newsroom_gives_the_tables_answer_in_every_case(cast):
    clients = signed_in_clients(cast)

    def door(actor, post, action):
        client = clients[actor.pk]
        base = f"/newsroom/events/{post.event.slug}/posts/{post.pk}/"
        if action in {Action.PIN, Action.UNPIN} and post.is_pinned != (action == Action.UNPIN):
            return None  # the pin button toggles: it cannot ask for the other one
        if action in NEWSROOM_ROUTES:
            suffix, data = NEWSROOM_ROUTES[action]
            return client.post(base + suffix, data, headers={"HX-Request": "true"}).status_code
        if action == Action.EDIT:
            return client.post(base + "edit/", edit_form(post, title="Changed")).status_code
        if action == Action.SUBMIT:
            return client.post(base + "edit/", edit_form(post, action="submit")).status_code
        return None

    mismatches = run_cases(cast, door)
    assert mismatches == [], "\n".join(mismatches)


def test_the_api_gives_the_tables_answer_in_every_case(cast):
    client = Client()
    tokens = {user.pk: issue_token(user=user, name="door test") for user in cast.values()}

    def door(actor, post, action):
        headers = {"Authorization": f"Bearer {tokens[actor.pk]}"}
        url = f"/api/newsroom/posts/{post.pk}"
        if action == Action.EDIT:
            body = {"title": "Changed", "version": post.version}
            return client.patch(url, body, content_type="application/json", headers=headers).status_code
        if action == Action.DELETE:
            return client.delete(url, headers=headers).status_code
        # Every other move is its own operation, POST /api/newsroom/posts/<id>/<action>.
        body = {"note": "Fix the second paragraph."} if action == Action.SEND_BACK else {}
        if action == Action.SCHEDULE:
            body = {"scheduled_for": (timezone.now() + timedelta(hours=2)).isoformat()}
        return client.post(f"{url}/{action}", body, content_type="application/json", headers=headers).status_code

    mismatches = run_cases(cast, door)
    assert mismatches == [], "\n".join(mismatches)


def test_the_admin_gives_the_tables_answer_in_every_case(cast):
    clients = signed_in_clients(cast)

    def door(actor, post, action):
        client = clients[actor.pk]
        url = f"/admin/coverage_app/post/{post.pk}/"
        if action == Action.EDIT:
            data = {
                "title": "Changed", "body": post.body_html, "byline_name": "", "byline_role": "",
                "media-TOTAL_FORMS": "0", "media-INITIAL_FORMS": "0",
            }  # fmt: skip
            return client.post(url + "change/", data).status_code
        if action == Action.DELETE:
            return client.post(url + "delete/", {"post": "yes"}).status_code
        return None

    mismatches = run_cases(cast, door)
    assert mismatches == [], "\n".join(mismatches)


CREATE_ACTIONS = (Action.SAVE_DRAFT, Action.SUBMIT, Action.SCHEDULE, Action.PUBLISH)
COMPOSER_ACTIONS = {Action.SAVE_DRAFT: "draft", Action.SUBMIT: "submit", Action.SCHEDULE: "schedule"}
API_STATES = {
    Action.SAVE_DRAFT: "draft", Action.SUBMIT: "submitted", Action.SCHEDULE: "scheduled", Action.PUBLISH: "published",
}  # fmt: skip


def create_through(door: str, client: Client, event: Event, actor, action: Action, token: str) -> bool | None:
    """Ask `door` for a new post; None where the door has no such action."""
    later = timezone.now() + timedelta(hours=3)
    if door == "service":
        try:
            services.post_create(
                event=event, author=actor, action=action, title="New", body="Text.", scheduled_for=later
            )
        except (PermissionDenied, services.CoverageError):
            return False
    elif door == "newsroom" and action in COMPOSER_ACTIONS:
        client.force_login(actor)
        fields = {"title": "New", "body": "Text.", "action": COMPOSER_ACTIONS[action]}
        fields |= {"scheduled_for": later.astimezone(event.tz).strftime("%Y-%m-%dT%H:%M")}
        client.post(
            f"/newsroom/events/{event.slug}/posts/", {"images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0"} | fields
        )
    elif door == "api" and action in API_STATES:
        client.post(
            f"/api/newsroom/events/{event.slug}/posts",
            {"title": "New", "body": "Text.", "state": API_STATES[action]}
            | ({"scheduled_for": later.isoformat()} if action == Action.SCHEDULE else {}),
            content_type="application/json", headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
    else:
        return None
    return Post.objects.filter(event=event, state=lifecycle.MOVES[lifecycle.NEW, action].to).exists()


def test_writing_a_new_post_follows_the_table_through_every_door(cast):
    """New posts: the service, the composer and the API create exactly what the table allows."""
    event = make_event()
    client = Client()
    tokens = {user.pk: issue_token(user=user, name="door test") for user in cast.values()}
    mismatches = []
    for role, action, door in itertools.product(ROLE_GROUPS, CREATE_ACTIONS, ("service", "newsroom", "api")):
        actor = cast[role, "actor"]
        expected = action in allowed_actions(actor, Post(event=event, author=actor))
        with transaction.atomic():
            made = create_through(door, client, event, actor, action, tokens[actor.pk])
            if made is not None and made != expected:
                mismatches.append(f"{role} {action} through {door}: made={made}")
            transaction.set_rollback(True)
    assert mismatches == [], "\n".join(mismatches)


def test_a_contributors_publish_from_the_composer_is_filed_for_review(client, cast):
    event = make_event()
    client.force_login(cast["contributor", "actor"])
    client.post(
        f"/newsroom/events/{event.slug}/posts/",
        {"images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0", "title": "Sneaky", "body": "x", "action": "publish"},
    )
    assert Post.objects.get().state == Post.State.SUBMITTED
    assert event.changes.count() == 0


def test_a_delete_through_a_stale_object_still_reaches_readers(cast):
    editor = cast["editor", "actor"]
    event = make_event()
    post = services.post_publish(event=event, author=cast["journalist", "actor"], title="First", body="Old text.")
    stale = Post.objects.get(pk=post.pk)
    stale.state = Post.State.DRAFT  # as read before the publish, say, in another tab
    services.post_edit(post=post, by=editor, body="New text.")
    services.post_delete(post=stale, by=editor)
    kinds = list(event.changes.order_by("seq").values_list("kind", flat=True))
    assert kinds == ["post.created", "post.updated", "post.deleted"]
    assert "New text" not in "".join(event.changes.values_list("frame", flat=True))  # redacted
    assert Event.objects.get(pk=event.pk).seq == 3


def test_an_edit_cannot_publish_what_its_author_may_not(cast):
    contributor = cast["contributor", "actor"]
    event = make_event()
    draft = make_post(event, contributor, Post.State.DRAFT)
    with pytest.raises(PermissionDenied):
        services.post_edit(post=draft, by=contributor, title="Now", state=Post.State.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.post_edit(post=draft, by=contributor, state=Post.State.SCHEDULED, scheduled_for=timezone.now())
    assert snapshot(draft)[:2] == (Post.State.DRAFT, 1)  # the edit rolled back with the move


def test_an_edit_cannot_publish_while_coverage_is_paused(cast):
    editor = cast["editor", "actor"]
    event = make_event()
    draft = make_post(event, editor, Post.State.DRAFT)
    services.coverage_pause(event=event, by=editor, message="Back soon")
    with pytest.raises(services.CoverageClosed):
        services.post_edit(post=draft, by=editor, state=Post.State.PUBLISHED)
    assert Post.objects.get(pk=draft.pk).state == Post.State.DRAFT


def test_a_schedule_in_the_past_is_refused_so_the_scheduler_cannot_skip_review(cast):
    editor, contributor = cast["editor", "actor"], cast["contributor", "actor"]
    event = make_event()
    submission = make_post(event, contributor, Post.State.SUBMITTED)
    with pytest.raises(services.CoverageError, match="future"):
        services.post_move(
            post_id=submission.pk, action=Action.SCHEDULE, by=editor, scheduled_for=timezone.now() - timedelta(hours=1)
        )
    with pytest.raises(PermissionDenied):
        services.post_edit(
            post=submission,
            by=contributor,
            state=Post.State.SCHEDULED,
            scheduled_for=timezone.now() - timedelta(hours=1),
        )
    assert services.publish_due() == []
    assert Post.objects.get(pk=submission.pk).state == Post.State.SUBMITTED


def test_the_scheduler_publishes_only_what_was_scheduled(cast):
    event = make_event()
    journalist = cast["journalist", "actor"]
    due = make_post(event, journalist, Post.State.SCHEDULED)
    Post.objects.filter(pk=due.pk).update(scheduled_for=timezone.now() - timedelta(minutes=1))
    submitted = make_post(event, cast["contributor", "actor"], Post.State.SUBMITTED)
    assert [post.pk for post in services.publish_due()] == [due.pk]
    assert Post.objects.get(pk=submitted.pk).state == Post.State.SUBMITTED
    with pytest.raises(services.CoverageError):  # a second scheduler finds it published
        services.post_move(post_id=due.pk, action=Action.PUBLISH, by=None)


def test_a_key_first_used_for_a_draft_never_answers_a_publish_with_the_draft(cast):
    journalist = cast["journalist", "actor"]
    event = make_event()
    draft = services.post_save_unpublished(
        event=event, author=journalist, state=Post.State.DRAFT, body="x", idempotency_key="k-1"
    )
    with pytest.raises(services.CoverageError, match="already saved"):
        services.post_publish(event=event, author=journalist, title="x", body="x", idempotency_key="k-1")
    assert (
        services.post_save_unpublished(
            event=event, author=journalist, state=Post.State.DRAFT, body="x", idempotency_key="k-1"
        )
        == draft
    )  # a true replay
    assert event.changes.count() == 0
