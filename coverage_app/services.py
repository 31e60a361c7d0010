"""Every write to coverage: one function per intent, atomic, each change to what readers see taking
the event's next seq.

The newsroom, the admin, the API and the management commands call these and nothing else, so the
sequence, the change log, the notification, the permission check and the audit trail can never be
skipped. `by=None` is the system itself (a command without a user, the scheduler).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from coverage_app import broadcast, embeds, images, richtext
from coverage_app.models import AuditEntry, CoverageState, DeskPresence, Event, Media, Post, PostRevision, Status
from coverage_app.roles import can_change_post, can_delete_post, require

User = AbstractBaseUser | None


class CoverageError(Exception):
    """A write refused for an editorial reason; the message is meant for the person who tried."""


class CoverageClosed(CoverageError):
    pass


class EditConflict(CoverageError):
    """Someone else saved the post after this edit began; nothing was overwritten."""


# The fields of a post a journalist writes, and how each is cleaned.
POST_TEXT_FIELDS = ("title", "byline_name", "byline_role", "quote_text", "quote_attribution", "correction_note")


def _actor(by: User, actor: str = "") -> str:
    return actor or (by.get_username() if by is not None else "system")


def _audit(*, event: Event, by: User, action: str, post: Post | None = None, detail: str = "", actor: str = "") -> None:
    AuditEntry.objects.create(
        event=event, post=post, user=by, actor=_actor(by, actor), action=action, detail=detail[:300]
    )


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
        raise CoverageError("A post needs some text.")
    return body_html


def _default_byline(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def _prepare_images(post: Post) -> None:
    for item in post.media.filter(kind__in=(Media.Kind.IMAGE, Media.Kind.MAP), renditions={}).exclude(file=""):
        images.add_renditions(item)


def _existing_for_key(author: AbstractBaseUser, idempotency_key: str) -> Post | None:
    if not idempotency_key:
        return None
    return Post.objects.filter(author=author, idempotency_key=idempotency_key).first()


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
        with transaction.atomic():  # a savepoint: a concurrent retry with the same key loses here
            post.save()
    except IntegrityError:
        existing = _existing_for_key(author, idempotency_key)
        if existing is None:
            raise
        return existing
    for position, item in enumerate(media):
        item.post = post
        item.position = position
        item.save()
    _prepare_images(post)
    return post


def _go_live(post: Post, *, by: User, actor: str = "") -> Post:
    """Put a written post in front of readers: the next seq, its place in the stream, its frame."""
    event = _lock_next_seq(post.event)
    # Checked under the lock: an editor's pause that committed first wins over this publish.
    if not event.accepts_posts:
        raise CoverageClosed(
            f"Coverage is {event.get_status_display().lower()}: resume it before publishing. Nothing was published."
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


@transaction.atomic
def post_publish(
    *,
    event: Event,
    author: AbstractBaseUser,
    title: str,
    body: str,
    byline_name: str | None = None,
    byline_role: str = "",
    quote_text: str = "",
    quote_attribution: str = "",
    is_key_event: bool = False,
    published_at: datetime | None = None,
    media: Sequence[Media] = (),
    idempotency_key: str = "",
) -> Post:
    """Publish now, or backdated to `published_at` (when it happened), with `media` (unsaved rows).

    A retry with the same `idempotency_key` returns the post the first request made.
    """
    require(author, "publish_post", "You can submit posts for review, but an editor publishes them.")
    if existing := _existing_for_key(author, idempotency_key):
        if existing.state != Post.State.PUBLISHED:
            # The same composer was already saved unpublished: never report that as published.
            raise CoverageError(
                f"This post was already saved ({existing.get_state_display().lower()}); publish it from “Not yet published”."
            )
        return existing
    post = _compose(
        event=event, author=author, state=Post.State.DRAFT, body=body, media=media,
        idempotency_key=idempotency_key, published_at=published_at, is_key_event=is_key_event,
        byline_name=byline_name, title=title, byline_role=byline_role,
        quote_text=quote_text, quote_attribution=quote_attribution,
    )  # fmt: skip
    if post.state == Post.State.PUBLISHED:  # the retry's twin got there first
        return post
    return _go_live(post, by=author)


@transaction.atomic
def post_save_unpublished(
    *,
    event: Event,
    author: AbstractBaseUser,
    state: Post.State,
    body: str,
    scheduled_for: datetime | None = None,
    published_at: datetime | None = None,
    media: Sequence[Media] = (),
    idempotency_key: str = "",
    is_key_event: bool = False,
    byline_name: str | None = None,
    **text: str,
) -> Post:
    """Save a draft, schedule a post for later, or submit a contributor's post for review."""
    require(author, "add_post", "You cannot write posts on this desk.")
    if state == Post.State.SCHEDULED:
        require(author, "publish_post", "Only journalists and editors schedule posts.")
        if scheduled_for is None or scheduled_for <= timezone.now():
            raise CoverageError("Choose a time in the future to schedule the post for.")
    if existing := _existing_for_key(author, idempotency_key):
        return existing
    post = _compose(
        event=event, author=author, state=state, body=body, media=media, idempotency_key=idempotency_key,
        published_at=published_at, scheduled_for=scheduled_for, is_key_event=is_key_event,
        byline_name=byline_name, **text,
    )  # fmt: skip
    _audit(event=event, by=author, action=f"saved ({post.get_state_display().lower()})", post=post, detail=post.title)
    return post


@transaction.atomic
def post_publish_saved(*, post: Post, by: AbstractBaseUser | None, actor: str = "") -> Post:
    """Publish a draft, a scheduled post or a submission."""
    require(by, "publish_post", "Only journalists and editors publish; submit the post for review.")
    _lock_event(post.event_id)
    post = Post.objects.select_for_update().select_related("event").get(pk=post.pk)
    if post.deleted_at is not None or post.state == Post.State.PUBLISHED:
        raise CoverageError("This post is already published or was deleted.")
    if by is not None and post.author_id != by.pk and not by.has_perm("coverage_app.change_any_post"):
        raise PermissionDenied("Only editors publish other people's posts.")
    return _go_live(post, by=by, actor=actor)


def publish_due(*, now: datetime | None = None) -> list[Post]:
    """Publish every scheduled post whose time has come (run by `manage.py publish_scheduled`)."""
    published = []
    due = Post.objects.filter(
        state=Post.State.SCHEDULED, deleted_at__isnull=True, scheduled_for__lte=now or timezone.now()
    )
    for post in due.order_by("scheduled_for"):
        try:
            with transaction.atomic():
                _lock_event(post.event_id)
                # Several schedulers (one per worker) may run: a post another one holds is skipped.
                locked = (
                    Post.objects.select_for_update(skip_locked=True)
                    .filter(pk=post.pk, state=Post.State.SCHEDULED)
                    .first()
                )
                if locked is not None:
                    published.append(_go_live(locked, by=None, actor="scheduler"))
        except CoverageClosed:
            continue  # coverage paused: it goes out when an editor publishes it or resumes and reschedules
    return published


@transaction.atomic
def post_return(*, post: Post, by: AbstractBaseUser, note: str) -> Post:
    """Send a contributor's submission back with a note."""
    require(by, "change_any_post", "Only editors review submissions.")
    _lock_event(post.event_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.state != Post.State.SUBMITTED:
        raise CoverageError("Only a submitted post can be sent back.")
    if not note.strip():
        raise CoverageError("Say what needs changing: the contributor sees your note.")
    post.state = Post.State.RETURNED
    post.review_note = note.strip()
    post.version += 1
    post.save(update_fields=["state", "review_note", "version"])
    _audit(event=post.event, by=by, action="sent back", post=post, detail=note)
    return post


def _locked_post(post: Post) -> tuple[Event, Post]:
    event = _lock_next_seq(post.event)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.deleted_at is not None:
        raise CoverageError("This post has been deleted.")
    post.event = event
    return event, post


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
    **text: str | None,
) -> Post:
    """Edit a post in place, recording a revision. Published posts change on every open page;
    allowed while paused or ended, since corrections must go out.

    `expected_version` is the version the editor started from: if someone saved since, the edit is
    refused with EditConflict rather than overwriting their work.
    """
    if by is not None and not can_change_post(by, post):
        raise PermissionDenied("Only editors change other people's posts.")
    body_html = _clean_body(body) if body is not None else None
    _lock_event(post.event_id)
    current = Post.objects.select_for_update().select_related("event").get(pk=post.pk)
    if current.deleted_at is not None:
        raise CoverageError("This post has been deleted.")
    if expected_version is not None and current.version != expected_version:
        who = AuditEntry.objects.filter(post=current).exclude(user=by).values_list("actor", flat=True).first()
        raise EditConflict(
            f"{who or 'Someone'} saved this post while you were editing it. Nothing was overwritten: "
            "copy your changes, reload, and apply them to the new version."
        )
    before = (current.title, current.body_html)
    changes: dict[str, Any] = {name: value.strip() for name, value in text.items() if value is not None}
    if body_html is not None:
        changes["body_html"] = body_html
    if is_key_event is not None:
        changes["is_key_event"] = is_key_event
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    for name, value in changes.items():
        setattr(current, name, value)
    if current.state != Post.State.PUBLISHED and state is not None:
        current.state = state
        current.scheduled_for = scheduled_for if state == Post.State.SCHEDULED else None
    current.version += 1
    PostRevision.objects.create(
        post=current, by=by, title=before[0], body_html=before[1], changed=", ".join(changed) or "nothing"
    )
    if current.state != Post.State.PUBLISHED:
        current.save()
        _audit(event=current.event, by=by, action="edited draft", post=current, detail=", ".join(changed))
        return current
    event = _lock_next_seq(current.event)
    current.event = event
    current.edited_at = timezone.now()
    current.seq = event.seq
    current.save()
    broadcast.record(event=event, kind="post.updated", post=current)
    if current.is_pinned:
        # The pinned copy above the stream shows the same post: it must not keep the old text.
        event = _lock_next_seq(event)
        broadcast.record(event=event, kind="post.pinned", post=current)
    _audit(event=event, by=by, action="edited", post=current, detail=", ".join(changed) or "re-sent")
    return current


@transaction.atomic
def post_media_changed(*, post: Post, by: User) -> Post:
    """Re-send a post whose media were added or changed (the admin saves media rows itself),
    after making the renditions its new pictures need."""
    _prepare_images(post)
    return post_edit(post=post, by=by)


@transaction.atomic
def post_delete(*, post: Post, by: User) -> Post:
    if by is not None and not can_delete_post(by, post):
        raise PermissionDenied("Only editors delete other people's posts.")
    if post.state != Post.State.PUBLISHED:
        _lock_event(post.event_id)
        post = Post.objects.select_for_update().get(pk=post.pk)
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at"])
        _audit(event=post.event, by=by, action="withdrew draft", post=post, detail=post.title)
        return post
    event, post = _locked_post(post)
    post.deleted_at = timezone.now()
    post.is_pinned = False
    post.seq = event.seq
    post.save(update_fields=["deleted_at", "is_pinned", "seq"])
    broadcast.redact(post=post)
    broadcast.record(event=event, kind="post.deleted", post=post)
    _audit(event=event, by=by, action="deleted", post=post, detail=post.title)
    return post


@transaction.atomic
def post_pin(*, post: Post, by: User) -> Post:
    require(by, "pin_post", "Only editors pin posts.")
    event, post = _locked_post(post)
    if post.state != Post.State.PUBLISHED:
        raise CoverageError("Publish the post before pinning it.")
    # One slot above the stream: pinning a post replaces the one pinned before.
    Post.objects.filter(event=event, is_pinned=True).exclude(pk=post.pk).update(is_pinned=False)
    post.is_pinned = True
    post.save(update_fields=["is_pinned"])
    broadcast.record(event=event, kind="post.pinned", post=post)
    _audit(event=event, by=by, action="pinned", post=post, detail=post.title)
    return post


@transaction.atomic
def post_unpin(*, post: Post, by: User) -> Post:
    require(by, "pin_post", "Only editors unpin posts.")
    event, post = _locked_post(post)
    post.is_pinned = False
    post.save(update_fields=["is_pinned"])
    broadcast.record(event=event, kind="post.unpinned", post=post)
    _audit(event=event, by=by, action="unpinned", post=post, detail=post.title)
    return post


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
    require(by, "change_coverage_state", "Only editors pause, resume and end coverage.")
    # Two editors can press Pause at the same moment; the row lock keeps the history single.
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.status == status:
        return current
    if current.status not in allowed_from:
        raise CoverageError(f"Coverage is {current.get_status_display().lower()}; it cannot be {status.label.lower()}.")
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
    _audit(event=event, by=by, actor=actor, action=f"coverage {status.label.lower()}", detail=message)
    return event


@transaction.atomic
def coverage_pause(
    *, event: Event, by: User, message: str = "", actor: str = "", resumes_at: datetime | None = None
) -> Event:
    """Pause with a message for readers and, if known, when coverage resumes."""
    if resumes_at is not None and resumes_at <= timezone.now():
        raise CoverageError("The time coverage resumes must be in the future.")
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


def _check_time_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise CoverageError(f"{name!r} is not a time zone; use a name like Europe/London.") from error
    return name


@transaction.atomic
def event_create(
    *,
    slug: str,
    title: str,
    standfirst: str = "",
    starts_at: datetime | None = None,
    time_zone: str = "",
    by: User,
    actor: str = "",
) -> Event:
    require(by, "add_event", "Only editors create events.")
    if Event.objects.filter(slug=slug).exists():
        raise CoverageError(f"The address /live/{slug}/ is taken; choose another slug.")
    event = Event.objects.create(
        slug=slug,
        title=title.strip(),
        standfirst=standfirst.strip(),
        starts_at=starts_at or timezone.now(),
        **({"time_zone": _check_time_zone(time_zone)} if time_zone else {}),
    )
    CoverageState.objects.create(event=event, status=Status.LIVE, by=by, actor=_actor(by, actor), seq=0)
    _audit(event=event, by=by, actor=actor, action="created the event", detail=event.title)
    return event


LEAD_FIELDS = ("lead_image", "lead_image_alt", "lead_video_url", "lead_caption", "lead_credit")


def _check_lead(lead: dict[str, Any]) -> dict[str, Any]:
    unknown = set(lead) - set(LEAD_FIELDS)
    if unknown:
        raise CoverageError(f"Not lead media fields: {', '.join(sorted(unknown))}.")
    video = (lead.get("lead_video_url") or "").strip()
    if video and not embeds.video_embed_url(video):
        raise CoverageError("The lead video must be a YouTube or Vimeo address (https://).")
    if lead.get("lead_image") and not (lead.get("lead_image_alt") or "").strip():
        raise CoverageError("Describe the lead image for readers who cannot see it.")
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
    lead: dict[str, Any] | None = None,
) -> Event:
    """Change the headline, standfirst, key points, time zone or lead media (`lead`: any of
    LEAD_FIELDS); open pages update in place."""
    require(by, "change_event", "Only editors change the event and its key points.")
    if not title.strip():
        raise CoverageError("An event needs a headline.")
    lead = _check_lead(lead or {})
    event = _lock_next_seq(event)
    for name, value in lead.items():
        setattr(event, name, value)
    event.title = title.strip()
    event.standfirst = standfirst.strip()
    if key_points is not None:
        event.key_points = richtext.clean(key_points) if key_points.strip() else ""
    if time_zone is not None:
        event.time_zone = _check_time_zone(time_zone)
    event.save(update_fields=["title", "standfirst", "key_points", "time_zone", *lead])
    broadcast.record(event=event, kind="event.updated")
    _audit(event=event, by=by, action="edited the event", detail="key points" if key_points is not None else title)
    return event


def desk_presence_touch(*, event: Event, user: AbstractBaseUser, editing: Post | None = None) -> None:
    """Record that `user` has the desk open (and which post they are editing)."""
    DeskPresence.objects.update_or_create(
        event=event, user=user, defaults={"editing": editing, "last_seen": timezone.now()}
    )
