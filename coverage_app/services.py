"""Every write to coverage: one function per intent, atomic, each change to what readers see taking
the event's next seq.

The newsroom, the admin, the API and the management commands call these and nothing else, so the
sequence, the change log, the notification, the permission check and the audit trail can never be
skipped. `by=None` is the system itself (a command without a user, the scheduler).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coverage_app import broadcast, embeds, images, lifecycle, recorded, richtext, uploads
from coverage_app.lifecycle import Action, Move
from coverage_app.models import (
    AuditEntry,
    Change,
    ComposerDraft,
    CoverageState,
    DeskPresence,
    DraftPicture,
    Event,
    Media,
    Post,
    PostRevision,
    Status,
)
from coverage_app.roles import require
from coverage_app.selectors import PRESENCE_WINDOW

User = AbstractBaseUser | None


class CoverageError(Exception):
    """A write refused for an editorial reason; the message is meant for the person who tried."""


class CoverageClosed(CoverageError):
    pass


class EditConflict(CoverageError):
    """Someone else saved the post after this edit began; nothing was overwritten."""


# What the services raise to refuse a write: a role (PermissionDenied) or an editorial reason. Every
# door shows it to the person who tried and changes nothing: the admin and the desk as a message,
# the API as an answer (api.refusal_status).
REFUSALS = (CoverageError, PermissionDenied)


# The fields of a post a journalist writes, and how each is cleaned.
POST_TEXT_FIELDS = ("title", "byline_name", "byline_role", "quote_text", "quote_attribution", "correction_note")


def _actor(by: User, actor: str = "") -> str:
    return actor or (by.get_username() if by is not None else "system")


def _audit(
    *, event: Event, by: User, action: str, post: Post | None = None, detail: str | recorded.Said = "", actor: str = ""
) -> None:
    # A text (a title, a note) is kept as written; the system's own words also as a code, so each
    # reader of the trail sees them in their language (recorded.py).
    said = detail if isinstance(detail, recorded.Said) else None
    AuditEntry.objects.create(
        event=event,
        post=post,
        user=by,
        actor=_actor(by, actor),
        action=action,
        detail=(said.english if said else detail)[:300],
        detail_code=said.code if said else "",
        detail_params=said.params if said else {},
    )
    # Every audited write changes something on the desk (its queue, its trail): open desks hear of it.
    broadcast.desk_changed(event_id=event.pk)


def _lock_event(event_id: int) -> Event:
    # Every write locks the event before any of its posts: one order, so no deadlock.
    return Event.objects.select_for_update().get(pk=event_id)


def _lock_next_seq(event: Event) -> Event:
    # The row lock serialises writers of one event, so seq rises by one with no gaps or repeats,
    # and commit order equals seq order, which is what readers resume by.
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.seq += 1
    event.save(update_fields=["seq", "updated_at"])
    return event


def _clean_body(body: str) -> str:
    body_html = richtext.clean(body)
    if richtext.is_empty(body_html):
        raise CoverageError(_("A post needs some text."))
    return body_html


def _default_byline(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def _prepare_images(media: Sequence[Media]) -> None:
    """Clean and size the pictures among `media`, in place: the objects keep the stored names, so a
    refused write can remove exactly the files it made."""
    for item in media:
        if item.kind not in (Media.Kind.IMAGE, Media.Kind.MAP) or not item.file or item.renditions:
            continue
        try:
            images.add_renditions(item)
        except (OSError, ValueError) as error:  # uploads are checked first; this is the last guard
            raise CoverageError(
                _("The picture “%(name)s” could not be read; upload it again.") % {"name": item}
            ) from error


def _prepare_lead_image(event: Event) -> None:
    try:
        images.add_lead_renditions(event)
    except (OSError, ValueError) as error:
        raise CoverageError(_("The lead picture could not be read; upload it again.")) from error


def _existing_for_key(author: AbstractBaseUser, event: Event, idempotency_key: str) -> Post | None:
    # A key is scoped to its author and its event: the same key on another story is another post.
    if not idempotency_key:
        return None
    return Post.objects.filter(author=author, event=event, idempotency_key=idempotency_key).first()


# Times outside this range are refused wherever a person types one: Postgres stores a year-9999
# time that Python cannot read back, which would take every page that shows it down.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
# A "when it happened" time a little ahead is a clock's skew, not a post from the future.
CLOCK_SKEW = timedelta(minutes=2)


def check_moment(value: datetime, *, what: str) -> datetime:
    """Refuse a time that is naive or outside the years EARLIEST..LATEST (exclusive), read both as
    typed (in its own zone) and in UTC, with a message naming `what`."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise CoverageError(_("%(what)s needs a time zone.") % {"what": what})
    try:
        years = {value.year, value.astimezone(UTC).year}
    except OverflowError:  # year 9999 at -14:00 is past the end of Python's calendar in UTC
        years = {LATEST.year}
    if not all(EARLIEST.year <= year < LATEST.year for year in years):
        raise CoverageError(
            _("%(what)s must be between %(first)s and %(last)s.")
            % {"what": what, "first": EARLIEST.year, "last": LATEST.year - 1}
        )
    return value


def _check_happened_at(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    check_moment(value, what=_("The time it happened"))
    if value > timezone.now() + CLOCK_SKEW:
        raise CoverageError(_("The time it happened cannot be in the future; schedule the post instead."))
    return value


def _check_schedule(value: datetime | None) -> datetime:
    if value is None or check_moment(value, what=_("The time to publish")) <= timezone.now():
        raise CoverageError(_("Choose a time in the future to schedule the post for."))
    return value


def _check_move(*, post: Post, action: Action, by: User) -> Move:
    """The one gate: the table decides, for the post as it is now (read under the event lock)."""
    state = lifecycle.state_of(post)
    move = lifecycle.MOVES.get((state, action))
    if move is None:
        if state == lifecycle.DELETED:
            raise CoverageError(_("This post has been deleted."))
        if action == Action.PUBLISH and state == Post.State.PUBLISHED:
            raise CoverageError(_("This post is already published."))
        label = _("new") if state == lifecycle.NEW else post.get_state_display()
        raise CoverageError(
            _("A post in the state “%(state)s” cannot be given “%(action)s”; nothing changed.")
            % {"state": label, "action": lifecycle.ACTION_NAMES.get(action, action.value)}
        )
    if not move.allows(by, post):
        raise PermissionDenied(str(move.refusal))
    return move


def _lock_post(post_id: int) -> tuple[Event, Post]:
    """Lock the post's event, then re-read the post: a decision is never made on a stale object."""
    event_id = Post.objects.filter(pk=post_id).values_list("event_id", flat=True).first()
    if event_id is None:
        raise CoverageError(_("There is no such post."))
    event = _lock_event(event_id)
    post = Post.objects.select_for_update().get(pk=post_id)
    post.event = event
    return event, post


def _media_files(media: Sequence[Media]) -> list[str]:
    names = []
    for item in media:
        names += [name for name in (item.file.name, item.video_file.name, item.social_avatar.name) if name]
        names += list(item.renditions.values())
    return names


def _remove_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _remove_files_when_committed(post: Post) -> None:
    """A deleted or withdrawn post's pictures and videos leave the storage once the delete commits
    (before that, a rollback must find them where they were)."""
    names = _media_files(list(post.media.all()))
    transaction.on_commit(lambda: _remove_files(names))


def _compose(
    *,
    event: Event,
    author: AbstractBaseUser,
    state: Post.State,
    body: str,
    media: Sequence[Media],
    idempotency_key: str,
    published_at: datetime | None,
    scheduled_for: datetime | None = None,
    is_key_event: bool = False,
    byline_name: str | None = None,
    **text: str,
) -> Post:
    """Write a new post row (not yet out to readers) with its media."""
    post = Post(
        event=event,
        author=author,
        state=state,
        body_html=_clean_body(body),
        byline_name=(byline_name if byline_name is not None else _default_byline(author)).strip(),
        is_key_event=is_key_event,
        happened_at=published_at,
        published_at=published_at or timezone.now(),
        scheduled_for=scheduled_for,
        idempotency_key=idempotency_key,
        **{name: value.strip() for name, value in text.items()},
    )
    try:
        with transaction.atomic():  # a savepoint, so the message below is the whole answer
            post.save()
    except IntegrityError as error:
        raise CoverageError(_("That idempotency key was already used for another post; send a new one.")) from error
    for position, item in enumerate(media):
        item.post = post
        item.position = position
        item.save()
        if item.social_avatar:
            _clean_avatar(item)
    _prepare_images(media)
    return post


def _clean_avatar(item: Media) -> None:
    """A social card's profile picture comes from outside too: re-encoded once, when it arrives,
    so no metadata reaches readers."""
    try:
        images.clean_picture(item.social_avatar)
    except (OSError, ValueError) as error:
        raise CoverageError(
            _("The profile picture of “%(name)s” could not be read; upload it again.") % {"name": item.social_author}
        ) from error
    item.save(update_fields=["social_avatar"])


def _go_live(post: Post, *, by: User, actor: str = "") -> Post:
    """Put a written post in front of readers: the next seq, its place in the stream, its frame."""
    event = _lock_next_seq(post.event)
    # Checked under the lock: an editor's pause that committed first wins over this publish.
    if not event.accepts_posts:
        raise CoverageClosed(
            _("Coverage is paused: resume it before publishing. Nothing was published.")
            if event.status == Status.PAUSED
            else _("Coverage has ended: reopen it before publishing. Nothing was published.")
        )
    post.event = event
    post.state = Post.State.PUBLISHED
    post.published_at = post.happened_at or timezone.now()
    post.scheduled_for = None
    post.seq = event.seq
    post.version += 1
    post.save()
    broadcast.record(event=event, kind="post.created", post=post)
    _audit(event=event, by=by, actor=actor, action="published", post=post, detail=post.title)
    return post


CREATE_ACTIONS = {
    Post.State.DRAFT: Action.SAVE_DRAFT,
    Post.State.SUBMITTED: Action.SUBMIT,
    Post.State.SCHEDULED: Action.SCHEDULE,
    Post.State.PUBLISHED: Action.PUBLISH,
}


@transaction.atomic
def post_create(
    *,
    event: Event,
    author: AbstractBaseUser,
    action: Action,
    body: str,
    media: Sequence[Media] = (),
    idempotency_key: str = "",
    published_at: datetime | None = None,
    scheduled_for: datetime | None = None,
    is_key_event: bool = False,
    byline_name: str | None = None,
    **text: str,
) -> Post:
    """Write a new post: publish it, keep it as a draft, schedule it, or submit it for review.

    A retry with the same `idempotency_key` (same author and event) returns the post the first
    request made, but only if that post is what this request asks for: a key first used for a draft
    never answers a publish with the draft.
    """
    event = _lock_event(event.pk)
    move = _check_move(post=Post(event=event, author=author), action=action, by=author)
    if existing := _existing_for_key(author, event, idempotency_key):
        if existing.deleted_at is None and existing.state == move.to:
            return existing
        state = _("deleted") if existing.deleted_at else existing.get_state_display()
        raise CoverageError(
            _(
                "This post was already saved (%(state)s) with the same idempotency key; "
                "change it from the desk, or send a new key for a new post."
            )
            % {"state": state}
        )
    _check_happened_at(published_at)
    if action == Action.SCHEDULE:
        _check_schedule(scheduled_for)
    try:
        post = _compose(
            event=event, author=author, state=Post.State.DRAFT if action == Action.PUBLISH else move.to, body=body,
            media=media, idempotency_key=idempotency_key, published_at=published_at,
            scheduled_for=scheduled_for if action == Action.SCHEDULE else None, is_key_event=is_key_event,
            byline_name=byline_name, **text,
        )  # fmt: skip
        if action == Action.PUBLISH:
            return _go_live(post, by=author)
    except BaseException:
        # The rows roll back; the files this request wrote must go too (storage is not
        # transactional): a refused post leaves nothing on disk, a source's original least of all.
        _remove_files(_media_files(media))
        raise
    _audit(event=event, by=author, action=f"saved ({SAVED_WORDS[post.state]})", post=post, detail=post.title)
    return post


def post_publish(*, event: Event, author: AbstractBaseUser, title: str, body: str, **fields: Any) -> Post:
    """Publish a new post now (or backdated to `published_at`, when it happened)."""
    return post_create(event=event, author=author, action=Action.PUBLISH, title=title, body=body, **fields)


def post_save_unpublished(
    *, event: Event, author: AbstractBaseUser, state: Post.State, body: str, **fields: Any
) -> Post:
    """Save a draft, schedule a post for later, or submit a contributor's post for review."""
    if state not in CREATE_ACTIONS or state == Post.State.PUBLISHED:
        raise CoverageError(_("A new post is saved as a draft, scheduled, or submitted for review."))
    return post_create(event=event, author=author, action=CREATE_ACTIONS[state], body=body, **fields)


@transaction.atomic
def post_move(
    *,
    post_id: int,
    action: Action,
    by: User,
    actor: str = "",
    note: str = "",
    scheduled_for: datetime | None = None,
) -> Post:
    """Move a post by the table: publish (approve), submit, schedule, unschedule, send back,
    delete, pin or unpin. Every door calls this; none checks a role itself."""
    event, post = _lock_post(post_id)
    move = _check_move(post=post, action=action, by=by)
    if action == Action.PUBLISH:
        return _go_live(post, by=by, actor=actor)
    if action == Action.DELETE:
        return _delete(event, post, by=by)
    if action in {Action.PIN, Action.UNPIN}:
        return _pin(event, post, by=by, pinned=action == Action.PIN)
    if action == Action.SEND_BACK:
        if not note.strip():
            raise CoverageError(_("Say what needs changing: the contributor sees your note."))
        post.review_note = note.strip()
    post.scheduled_for = _check_schedule(scheduled_for) if action == Action.SCHEDULE else None
    post.state = move.to
    post.version += 1
    post.save(update_fields=["state", "scheduled_for", "review_note", "version"])
    _audit(event=event, by=by, actor=actor, action=_MOVE_WORDS[action], post=post, detail=note or post.title)
    return post


# The audit trail's words stay English whatever the language of the person acting (the desk shows
# them translated: templatetags/newsroom.py AUDIT_VERBS).
SAVED_WORDS = {
    Post.State.DRAFT: "draft",
    Post.State.SCHEDULED: "scheduled",
    Post.State.SUBMITTED: "submitted for review",
}
_MOVE_WORDS = {
    Action.SUBMIT: "submitted",
    Action.SCHEDULE: "scheduled",
    Action.UNSCHEDULE: "unscheduled",
    Action.SEND_BACK: "sent back",
}


def _delete(event: Event, post: Post, *, by: User) -> Post:
    _remove_files_when_committed(post)
    post.deleted_at = timezone.now()
    # A deleted post is gone from the desk's trail too (its title, a send-back note): the entries
    # keep who did what and when; the desk says "a post since deleted" for them.
    AuditEntry.objects.filter(post=post).update(detail="", detail_code="", detail_params={})
    if post.state != Post.State.PUBLISHED:
        post.save(update_fields=["deleted_at"])
        _audit(event=event, by=by, action="withdrew draft", post=post)
        return post
    event = _lock_next_seq(event)
    post.is_pinned = False
    post.seq = event.seq
    post.save(update_fields=["deleted_at", "is_pinned", "seq"])
    broadcast.redact(post=post)
    broadcast.record(event=event, kind="post.deleted", post=post)
    _audit(event=event, by=by, action="deleted", post=post)
    return post


def _pin(event: Event, post: Post, *, by: User, pinned: bool) -> Post:
    if post.is_pinned == pinned:  # as allowed_actions says: nothing to send readers
        raise CoverageError(_("This post is already pinned.") if pinned else _("This post is not pinned."))
    event = _lock_next_seq(event)
    if pinned:  # one slot above the stream: pinning a post replaces the one pinned before
        Post.objects.filter(event=event, is_pinned=True).exclude(pk=post.pk).update(is_pinned=False)
    post.is_pinned = pinned
    post.save(update_fields=["is_pinned"])
    broadcast.record(event=event, kind="post.pinned" if pinned else "post.unpinned", post=post)
    _audit(event=event, by=by, action="pinned" if pinned else "unpinned", post=post, detail=post.title)
    return post


def post_publish_saved(*, post: Post, by: User, actor: str = "") -> Post:
    """Publish a draft or a scheduled post, or approve a submission."""
    return post_move(post_id=post.pk, action=Action.PUBLISH, by=by, actor=actor)


def post_return(*, post: Post, by: User, note: str) -> Post:
    """Send a contributor's submission back with a note."""
    return post_move(post_id=post.pk, action=Action.SEND_BACK, by=by, note=note)


def post_delete(*, post: Post, by: User) -> Post:
    return post_move(post_id=post.pk, action=Action.DELETE, by=by)


def post_pin(*, post: Post, by: User) -> Post:
    return post_move(post_id=post.pk, action=Action.PIN, by=by)


def post_unpin(*, post: Post, by: User) -> Post:
    return post_move(post_id=post.pk, action=Action.UNPIN, by=by)


def publish_due(*, now: datetime | None = None) -> list[Post]:
    """Publish every scheduled post whose time has come (run by `manage.py publish_scheduled`)."""
    published = []
    due = Post.objects.filter(
        state=Post.State.SCHEDULED, deleted_at__isnull=True, scheduled_for__lte=now or timezone.now()
    ).order_by("scheduled_for")
    for post_id in due.values_list("pk", flat=True):
        try:
            published.append(post_move(post_id=post_id, action=Action.PUBLISH, by=None, actor="scheduler"))
        except CoverageError:
            # Coverage paused (it goes out when an editor publishes it), or another scheduler (one
            # per worker) published it first: the table refuses a second publish.
            continue
    return published


def coverage_starts_due(*, now: datetime | None = None) -> list[Event]:
    """Events whose announced start has just come (run with `publish_scheduled`, like scheduled posts).

    Until its start an event's page says "Begins 18:30", and every copy of that page is named by the
    event's seq: a `coverage.state` frame at the start gives open pages the Live badge and every
    cache a new copy. Only for events that existed before their start (so a page could have said
    so), and only while nothing was sent since the start: any change since has done it already.
    """
    now = now or timezone.now()
    before_start = CoverageState.objects.filter(event=OuterRef("pk"), created_at__lt=OuterRef("starts_at"))
    since_start = Change.objects.filter(event=OuterRef("pk"), created_at__gte=OuterRef("starts_at"))
    due = Event.objects.filter(Exists(before_start), ~Exists(since_start), status=Status.LIVE, starts_at__lte=now)
    started = []
    for event_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Re-read under the lock: a post or another scheduler (one per worker) may have sent it.
            event = Event.objects.select_for_update().get(pk=event_id)
            if (
                event.status != Status.LIVE
                or Change.objects.filter(event=event, created_at__gte=event.starts_at).exists()
            ):
                continue
            event = _lock_next_seq(event)
            broadcast.record(event=event, kind="coverage.state")
            started.append(event)
    return started


# What a state given to post_edit means as a move (the edit page resubmits a sent-back post).
STATE_MOVES = {
    Post.State.SUBMITTED: Action.SUBMIT,
    Post.State.SCHEDULED: Action.SCHEDULE,
    Post.State.PUBLISHED: Action.PUBLISH,
    Post.State.DRAFT: Action.UNSCHEDULE,
}


@transaction.atomic
def post_edit(
    *,
    post: Post,
    by: User,
    body: str | None = None,
    is_key_event: bool | None = None,
    expected_version: int | None = None,
    state: Post.State | None = None,
    scheduled_for: datetime | None = None,
    media_changed: bool = False,
    **text: str | None,
) -> Post:
    """Edit a post in place, recording a revision. Published posts change on every open page;
    allowed while paused or ended, since corrections must go out. An edit that changes nothing
    (no field differs and `media_changed` is false) writes nothing: no revision, no seq, no frame.

    `expected_version` is the version the editor started from: if someone saved since, the edit is
    refused with EditConflict rather than overwriting their work. A `state` is a move after the
    edit (as `post_move`, by the same table), in the same transaction: refused, nothing is saved.
    """
    body_html = _clean_body(body) if body is not None else None
    event, current = _lock_post(post.pk)
    _check_move(post=current, action=Action.EDIT, by=by)
    if expected_version is not None and current.version != expected_version:
        who = AuditEntry.objects.filter(post=current).exclude(user=by).values_list("actor", flat=True).first()
        raise EditConflict(
            _(
                "%(who)s saved this post while you were editing it. Nothing was overwritten: "
                "copy your changes, reload, and apply them to the new version."
            )
            % {"who": who or _("Someone")}
        )
    before = (current.title, current.body_html)
    snapshot = current.as_fields()
    changes: dict[str, Any] = {name: value.strip() for name, value in text.items() if value is not None}
    if body_html is not None:
        changes["body_html"] = body_html
    if is_key_event is not None:
        changes["is_key_event"] = is_key_event
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed and not media_changed:
        # A save of the same form (the admin's Save, a retried PATCH) is not news: readers would get
        # the same post again under a new seq, and the trail an "edit" nobody made.
        if state is not None and state != current.state:
            if current.state == Post.State.PUBLISHED:
                raise CoverageError(_("A published post stays published; delete it to take it down."))
            return post_move(post_id=current.pk, action=STATE_MOVES[state], by=by, scheduled_for=scheduled_for)
        return current
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    PostRevision.objects.create(
        post=current,
        by=by,
        title=before[0],
        body_html=before[1],
        changed=", ".join(changed) or "nothing",
        fields=snapshot,
    )
    if current.state != Post.State.PUBLISHED:
        current.save()
        _audit(event=event, by=by, action="edited draft", post=current, detail=recorded.said("fields", fields=changed))
        if state is not None and state != current.state:
            return post_move(post_id=current.pk, action=STATE_MOVES[state], by=by, scheduled_for=scheduled_for)
        return current
    if state is not None and state != current.state:
        raise CoverageError(_("A published post stays published; delete it to take it down."))
    event = _lock_next_seq(event)
    current.event = event
    current.edited_at = timezone.now()
    current.seq = event.seq
    current.save()
    broadcast.record(event=event, kind="post.updated", post=current)
    if current.is_pinned:
        # The pinned copy above the stream shows the same post: it must not keep the old text.
        event = _lock_next_seq(event)
        broadcast.record(event=event, kind="post.pinned", post=current)
    fields = recorded.said("fields", fields=changed or ["media"])
    _audit(event=event, by=by, action="edited", post=current, detail=fields)
    return current


@transaction.atomic
def media_delete(*, media: Media, by: User) -> Post:
    """Take one picture, video, map or card off a post (the admin's delete); its files leave the
    storage once this commits, and open pages get the post without it."""
    names = _media_files([media])
    post = media.post
    media.delete()
    transaction.on_commit(lambda: _remove_files(names))
    return post_media_changed(post=post, by=by)


def media_files_removed(*, media: Sequence[Media]) -> None:
    """Remove the files of media rows a caller deleted itself (the admin's inline formsets), once
    the deletion commits."""
    names = _media_files(media)
    transaction.on_commit(lambda: _remove_files(names))


@transaction.atomic
def post_media_changed(*, post: Post, by: User) -> Post:
    """Re-send a post whose media were added or changed (the admin saves media rows itself),
    after making the renditions its new pictures need."""
    _prepare_images(list(post.media.all()))
    return post_edit(post=post, by=by, media_changed=True)


def _change_state(
    *,
    event: Event,
    status: Status,
    allowed_from: set[Status],
    by: User,
    actor: str,
    message: str,
    resumes_at: datetime | None = None,
) -> Event:
    require(by, "change_coverage_state", gettext_lazy("Only editors pause, resume and end coverage."))
    # Two editors can press Pause at the same moment; the row lock keeps the history single.
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.status == status:
        return current
    if current.status not in allowed_from:
        raise CoverageError(
            _("Coverage is “%(now)s”; it cannot become “%(next)s”.")
            % {"now": current.get_status_display(), "next": status.label}
        )
    event = _lock_next_seq(current)
    event.status = status
    event.status_message = message.strip()
    event.status_changed_at = timezone.now()
    event.resumes_at = resumes_at
    event.save(update_fields=["status", "status_message", "status_changed_at", "resumes_at"])
    CoverageState.objects.create(
        event=event,
        status=status,
        message=event.status_message,
        resumes_at=resumes_at,
        by=by,
        actor=_actor(by, actor),
        seq=event.seq,
    )
    broadcast.record(event=event, kind="coverage.state")
    _audit(event=event, by=by, actor=actor, action=f"coverage {status.value}", detail=message)
    return event


@transaction.atomic
def coverage_pause(
    *, event: Event, by: User, message: str = "", actor: str = "", resumes_at: datetime | None = None
) -> Event:
    """Pause with a message for readers and, if known, when coverage resumes."""
    if resumes_at is not None and check_moment(resumes_at, what=_("The time coverage resumes")) <= timezone.now():
        raise CoverageError(_("The time coverage resumes must be in the future."))
    return _change_state(
        event=event,
        status=Status.PAUSED,
        allowed_from={Status.LIVE},
        by=by,
        actor=actor,
        message=message,
        resumes_at=resumes_at,
    )


@transaction.atomic
def coverage_resume(*, event: Event, by: User, message: str = "", actor: str = "") -> Event:
    """Go live again, from a pause or (reopening) from the end of coverage."""
    return _change_state(
        event=event, status=Status.LIVE, allowed_from={Status.PAUSED, Status.ENDED}, by=by, actor=actor, message=message
    )


@transaction.atomic
def coverage_end(*, event: Event, by: User, message: str = "", actor: str = "") -> Event:
    return _change_state(
        event=event, status=Status.ENDED, allowed_from={Status.LIVE, Status.PAUSED}, by=by, actor=actor, message=message
    )


# Addresses the newsroom's own pages use under /newsroom/events/.
RESERVED_SLUGS = {"new"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# IANA zone names only: the system's zone folder also holds "localtime" (the server's own setting),
# "posixrules" and the posix/ and right/ copies, none of which is a place a newsroom reports from.
TIME_ZONES = frozenset(
    name
    for name in zoneinfo.available_timezones()
    if name not in {"localtime", "posixrules", "Factory"} and not name.startswith(("posix/", "right/"))
)


def _check_language(code: str) -> str:
    if code not in dict(settings.LANGUAGES):
        known = ", ".join(dict(settings.LANGUAGES))
        raise CoverageError(
            _("%(code)s is not a language this site publishes in; use one of %(known)s.")
            % {"code": repr(code), "known": known}
        )
    return code


def _check_time_zone(name: str) -> str:
    if name not in TIME_ZONES:
        raise CoverageError(_("%(name)s is not a time zone; use a name like Europe/London.") % {"name": repr(name)})
    return name


@transaction.atomic
def event_create(
    *,
    slug: str,
    title: str,
    standfirst: str = "",
    starts_at: datetime | None = None,
    time_zone: str = "",
    language: str = "",
    by: User,
    actor: str = "",
) -> Event:
    require(by, "add_event", gettext_lazy("Only editors create events."))
    if starts_at is not None:
        check_moment(starts_at, what=_("The time coverage starts"))
    slug = slug.strip().lower()  # one address per event, whatever its case
    if not SLUG.fullmatch(slug) or slug in RESERVED_SLUGS:
        raise CoverageError(
            _("“%(slug)s” cannot be an event's address: use lower-case letters, digits and hyphens.") % {"slug": slug}
        )
    if Event.objects.filter(slug__iexact=slug).exists():
        raise CoverageError(_("The address /live/%(slug)s/ is taken; choose another slug.") % {"slug": slug})
    event = Event.objects.create(
        slug=slug,
        title=title.strip(),
        standfirst=standfirst.strip(),
        starts_at=starts_at or timezone.now(),
        **({"time_zone": _check_time_zone(time_zone)} if time_zone else {}),
        **({"language": _check_language(language)} if language else {}),
    )
    CoverageState.objects.create(event=event, status=Status.LIVE, by=by, actor=_actor(by, actor), seq=0)
    _audit(event=event, by=by, actor=actor, action="created the event", detail=event.title)
    return event


LEAD_FIELDS = ("lead_image", "lead_image_alt", "lead_video_url", "lead_caption", "lead_credit")


def _check_lead(lead: dict[str, Any]) -> dict[str, Any]:
    unknown = set(lead) - set(LEAD_FIELDS)
    if unknown:
        raise CoverageError(_("Not lead media fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    video = (lead.get("lead_video_url") or "").strip()
    if video and not embeds.video_embed_url(video):
        raise CoverageError(_("The lead video must be a YouTube or Vimeo address (https://)."))
    if lead.get("lead_image") and not (lead.get("lead_image_alt") or "").strip():
        raise CoverageError(_("Describe the lead image for readers who cannot see it."))
    return {name: value.strip() if isinstance(value, str) else value for name, value in lead.items()}


@transaction.atomic
def event_edit(
    *,
    event: Event,
    by: User,
    title: str,
    standfirst: str,
    key_points: str | None = None,
    time_zone: str | None = None,
    language: str | None = None,
    starts_at: datetime | None = None,
    lead: dict[str, Any] | None = None,
) -> Event:
    """Change the headline, standfirst, key points, start, time zone, language or lead media (`lead`:
    any of LEAD_FIELDS); open pages update in place."""
    require(by, "change_event", gettext_lazy("Only editors change the event and its key points."))
    if not title.strip():
        raise CoverageError(_("An event needs a headline."))
    if starts_at is not None:
        check_moment(starts_at, what=_("The time coverage starts"))
    lead = _check_lead(lead or {})
    picture = lead.get("lead_image")
    # A new upload (not the stored file handed back by a form): checked, then re-encoded below.
    new_picture = bool(picture) and not getattr(picture, "_committed", False)
    if new_picture:
        try:
            uploads.validate_image(picture)
        except ValidationError as error:
            raise CoverageError(" ".join(error.messages)) from error
    if "lead_image" in lead and not picture:
        lead["lead_renditions"] = {}
    changes: dict[str, Any] = {"title": title.strip(), "standfirst": standfirst.strip(), **lead}
    if starts_at is not None:
        changes["starts_at"] = starts_at
    if key_points is not None:
        changes["key_points"] = richtext.clean(key_points) if key_points.strip() else ""
    if time_zone is not None:
        changes["time_zone"] = _check_time_zone(time_zone)
    if language is not None:
        changes["language"] = _check_language(language)
    event = _lock_event(event.pk)
    if not new_picture and all(getattr(event, name) == value for name, value in changes.items()):
        # A save of the same form (the admin's Save) is not news: every open page would get the
        # event again under a new seq, and the trail an edit nobody made.
        return event
    event.seq += 1
    locale = (event.language, event.time_zone)
    for name, value in changes.items():
        setattr(event, name, value)
    # Every frame in the log was rendered in the old language and zone (words, clock times). Readers
    # reload rather than patch a page in two languages, and none resumes across this seq
    # (protocol.resume_after): a frame stored in one language is never served in another.
    locale_changed = (event.language, event.time_zone) != locale
    if locale_changed:
        event.locale_seq = event.seq
    event.save(
        update_fields=[
            "seq", "updated_at", "title", "standfirst", "key_points", "time_zone", "language", "locale_seq",
            "starts_at", *lead,
        ]
    )  # fmt: skip
    if new_picture:
        _prepare_lead_image(event)
    broadcast.record(event=event, kind="reset" if locale_changed else "event.updated")
    if locale_changed:
        detail = recorded.said(
            "locale_changed",
            from_language=locale[0],
            to_language=event.language,
            from_zone=locale[1],
            to_zone=event.time_zone,
        )
        _audit(event=event, by=by, action="changed language or zone", detail=detail)
    else:
        what = recorded.said("key_points") if key_points is not None else title
        _audit(event=event, by=by, action="edited the event", detail=what)
    return event


def desk_presence_touch(*, event: Event, user: AbstractBaseUser, editing: Post | None = None) -> None:
    """Record that `user` has the desk open (and which post they are editing)."""
    now = timezone.now()
    seat = DeskPresence.objects.filter(event=event, user=user).first()
    DeskPresence.objects.update_or_create(event=event, user=user, defaults={"editing": editing, "last_seen": now})
    # Open desks hear of an arrival or a change of what is edited, not of every keep-alive.
    arrived = seat is None or seat.last_seen < now - PRESENCE_WINDOW
    if arrived or seat.editing_id != (editing.pk if editing else None):
        broadcast.desk_changed(event_id=event.pk, part="presence")


# What a journalist may change on a media item from the desk, by kind.
MEDIA_EDITABLE = {
    Media.Kind.IMAGE: ("alt_text", "caption", "credit"),
    Media.Kind.MAP: ("alt_text", "caption", "credit", "url"),
    Media.Kind.VIDEO: ("caption", "credit", "url"),
    Media.Kind.SOCIAL: ("social_author", "social_handle", "social_text", "url", "caption"),
}


@transaction.atomic
def post_revise(
    *,
    post: Post,
    by: User,
    expected_version: int,
    media_changes: Sequence[dict[str, Any]] = (),
    new_media: Sequence[Media] = (),
    **fields: Any,
) -> Post:
    """Edit a post and its media in one step (the desk's in-place editor).

    `media_changes` holds one dict per existing item: `id`, `position`, `remove`, and the fields of
    MEDIA_EDITABLE for its kind. The media are changed first and `post_edit` then checks the version,
    records the revision and re-sends the post, so a conflict rolls the media back too and readers get
    one frame with everything.
    """
    _event, current = _lock_post(post.pk)
    _check_move(post=current, action=Action.EDIT, by=by)
    media_before = current.as_fields()["media"]
    items = {item.pk: item for item in current.media.all()}
    removed: list[Media] = []
    touched = []
    for change in media_changes:
        item = items.get(change.get("id"))
        if item is None:
            raise CoverageError(_("That media item is not part of this post any more; reload the post."))
        if change.get("remove"):
            removed.append(item)
            item.delete()
            touched.append("media removed")
            continue
        before = {name: getattr(item, name) for name in (*MEDIA_EDITABLE[item.kind], "position")}
        for name in MEDIA_EDITABLE[item.kind]:
            if name in change:
                setattr(item, name, (change[name] or "").strip())
        item.position = change.get("position", item.position)
        try:
            item.full_clean(exclude=["post", "file", "video_file"])
        except ValidationError as error:
            raise CoverageError(" ".join(error.messages)) from None
        if before != {name: getattr(item, name) for name in before}:
            item.save()
            touched.append("media")
    try:
        last = max((item.position for item in current.media.all()), default=-1)
        for offset, item in enumerate(new_media, start=1):
            item.post = current
            item.position = last + offset
            item.save()
            touched.append("media added")
        _prepare_images(list(new_media))
        # Positions as one run again (0, 1, 2...), in the order the journalist chose.
        for position, item in enumerate(current.media.order_by("position", "pk")):
            if item.position != position:
                Media.objects.filter(pk=item.pk).update(position=position)
        edited = post_edit(
            post=current, by=by, expected_version=expected_version, media_changed=bool(touched), **fields
        )
    except BaseException:
        # The rows roll back; files this request wrote go too (storage is not transactional).
        _remove_files(_media_files(new_media))
        raise
    # A removed item's files leave the storage once this commits (a conflict rolls it all back).
    names = _media_files(removed)
    transaction.on_commit(lambda: _remove_files(names))
    if touched:
        revision = edited.revisions.first()
        changed = [name for name in revision.changed.split(", ") if name != "nothing"]
        revision.changed = ", ".join(dict.fromkeys([*changed, *touched]))[:300]
        # post_edit saw the media as changed here; the revision keeps them as they were.
        revision.fields["media"] = media_before
        revision.save(update_fields=["changed", "fields"])
    return edited


# The composer's fields a draft keeps; its pictures are kept as DraftPicture, and the draft says
# which are in the tray (images-N-kept), in that order, with their words.
KEPT_PICTURE_FIELD = re.compile(r"images-(\d{1,2})-(kept|alt_text|caption|credit)")
COMPOSER_DRAFT_FIELDS = frozenset({
    "title", "body", "byline_name", "byline_role", "quote_text", "quote_attribution", "is_key_event",
    "published_at", "scheduled_for", "idempotency_key",
    "video-url", "video-caption", "video-credit", "map-url", "map-alt_text", "map-caption", "map-credit",
    "social-url", "social-social_author", "social-social_handle", "social-social_text",
})  # fmt: skip
COMPOSER_DRAFT_MAX = 64 * 1024


def composer_draft_save(*, event: Event, user: AbstractBaseUser, data: dict[str, str]) -> ComposerDraft | None:
    """Keep what `user` has typed in `event`'s composer (their own, on the server)."""
    kept = {
        name: str(value)[:20000]
        for name, value in data.items()
        if name in COMPOSER_DRAFT_FIELDS or KEPT_PICTURE_FIELD.fullmatch(name)
    }
    key = kept.get("idempotency_key", "")
    if key and Post.objects.filter(author=user, idempotency_key=key).exists():
        # A save that was on its way when this composer was sent: it must not bring the text back.
        composer_draft_clear(event=event, user=user)
        return None
    if sum(len(value) for value in kept.values()) > COMPOSER_DRAFT_MAX:
        raise CoverageError(_("That is too much text to keep as a draft."))
    draft, _created = ComposerDraft.objects.update_or_create(event=event, user=user, defaults={"data": kept})
    return draft


def composer_draft_clear(*, event: Event, user: AbstractBaseUser) -> None:
    ComposerDraft.objects.filter(event=event, user=user).delete()
    pictures = list(DraftPicture.objects.filter(event=event, user=user))
    for picture in pictures:
        picture.file.delete(save=False)
    DraftPicture.objects.filter(pk__in=[picture.pk for picture in pictures]).delete()


# Pictures kept for one user's composer on one event: as many as a post can have.
DRAFT_PICTURES_MAX = 60


def draft_picture_keep(*, event: Event, user: AbstractBaseUser, upload: Any) -> DraftPicture:
    """Keep a picture chosen in `user`'s composer for `event` until the post is sent."""
    try:
        uploads.validate_image(upload)
    except ValidationError as error:
        raise CoverageError(" ".join(error.messages)) from error
    if DraftPicture.objects.filter(event=event, user=user).count() >= DRAFT_PICTURES_MAX:
        raise CoverageError(_("That is as many pictures as a draft keeps; send or remove some first."))
    return DraftPicture.objects.create(
        event=event, user=user, file=upload, name=str(upload.name)[:255], size=upload.size or 0
    )
