"""Every write to coverage: one function per intent, atomic, each taking the event's next seq.

The views, the admin, the API and the management commands call these and nothing else to change
coverage, so the sequence, the change log and the notification can never be skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from coverage_app import broadcast, images, richtext
from coverage_app.models import CoverageState, Event, Media, Post, Status


class CoverageError(Exception):
    """A write refused for an editorial reason; the message is meant for the person who tried."""


class CoverageClosed(CoverageError):
    pass


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


def _byline_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


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
) -> Post:
    """Publish now (or backdated to `published_at`), with `media` (unsaved rows) attached."""
    body_html = _clean_body(body)
    event = _lock_next_seq(event)
    # Checked under the lock: an editor's pause that committed first wins over this publish.
    if not event.accepts_posts:
        raise CoverageClosed(
            f"Coverage is {event.get_status_display().lower()}: resume it before publishing. Nothing was published."
        )
    post = Post.objects.create(
        event=event,
        title=title.strip(),
        body_html=body_html,
        author=author,
        byline_name=(byline_name if byline_name is not None else _byline_name(author)).strip(),
        byline_role=byline_role.strip(),
        quote_text=quote_text.strip(),
        quote_attribution=quote_attribution.strip(),
        is_key_event=is_key_event,
        published_at=published_at or timezone.now(),
        seq=event.seq,
    )
    for position, item in enumerate(media):
        item.post = post
        item.position = position
        item.save()
    _prepare_images(post)
    broadcast.record(event=event, kind="post.created", post=post)
    return post


def _prepare_images(post: Post) -> None:
    for item in post.media.filter(kind__in=(Media.Kind.IMAGE, Media.Kind.MAP), renditions={}).exclude(file=""):
        images.add_renditions(item)


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
    by: AbstractBaseUser,
    title: str | None = None,
    body: str | None = None,
    byline_name: str | None = None,
    byline_role: str | None = None,
    quote_text: str | None = None,
    quote_attribution: str | None = None,
    is_key_event: bool | None = None,
) -> Post:
    """Edit a published post in place; allowed while paused or ended, since corrections must go out."""
    body_html = _clean_body(body) if body is not None else None
    event, post = _locked_post(post)
    if title is not None:
        post.title = title.strip()
    if body_html is not None:
        post.body_html = body_html
    if byline_name is not None:
        post.byline_name = byline_name.strip()
    if byline_role is not None:
        post.byline_role = byline_role.strip()
    if quote_text is not None:
        post.quote_text = quote_text.strip()
    if quote_attribution is not None:
        post.quote_attribution = quote_attribution.strip()
    if is_key_event is not None:
        post.is_key_event = is_key_event
    post.edited_at = timezone.now()
    post.seq = event.seq
    post.save()
    broadcast.record(event=event, kind="post.updated", post=post)
    if post.is_pinned:
        # The pinned copy above the stream shows the same post: it must not keep the old text.
        event = _lock_next_seq(event)
        broadcast.record(event=event, kind="post.pinned", post=post)
    return post


@transaction.atomic
def post_media_changed(*, post: Post, by: AbstractBaseUser) -> Post:
    """Re-send a post whose media were added or changed (the admin saves media rows itself),
    after making the renditions its new pictures need."""
    _prepare_images(post)
    return post_edit(post=post, by=by)


@transaction.atomic
def post_delete(*, post: Post, by: AbstractBaseUser) -> Post:
    event, post = _locked_post(post)
    post.deleted_at = timezone.now()
    post.is_pinned = False
    post.seq = event.seq
    post.save(update_fields=["deleted_at", "is_pinned", "seq"])
    broadcast.redact(post=post)
    broadcast.record(event=event, kind="post.deleted", post=post)
    return post


@transaction.atomic
def post_pin(*, post: Post, by: AbstractBaseUser) -> Post:
    event, post = _locked_post(post)
    # One slot above the stream: pinning a post replaces the one pinned before.
    Post.objects.filter(event=event, is_pinned=True).exclude(pk=post.pk).update(is_pinned=False)
    post.is_pinned = True
    post.save(update_fields=["is_pinned"])
    broadcast.record(event=event, kind="post.pinned", post=post)
    return post


@transaction.atomic
def post_unpin(*, post: Post, by: AbstractBaseUser) -> Post:
    event, post = _locked_post(post)
    post.is_pinned = False
    post.save(update_fields=["is_pinned"])
    broadcast.record(event=event, kind="post.unpinned", post=post)
    return post


def _change_state(
    *,
    event: Event,
    status: Status,
    allowed_from: set[Status],
    by: AbstractBaseUser | None,
    actor: str,
    message: str,
    resumes_at: datetime | None = None,
) -> Event:
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
        actor=actor or (by.get_username() if by else ""),
        seq=event.seq,
    )
    broadcast.record(event=event, kind="coverage.state")
    return event


@transaction.atomic
def coverage_pause(
    *, event: Event, by: AbstractBaseUser | None, message: str = "", actor: str = "", resumes_at: datetime | None = None
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
def coverage_resume(*, event: Event, by: AbstractBaseUser | None, message: str = "", actor: str = "") -> Event:
    """Go live again, from a pause or (reopening) from the end of coverage."""
    return _change_state(
        event=event, status=Status.LIVE, allowed_from={Status.PAUSED, Status.ENDED}, by=by, actor=actor, message=message
    )


@transaction.atomic
def coverage_end(*, event: Event, by: AbstractBaseUser | None, message: str = "", actor: str = "") -> Event:
    return _change_state(
        event=event, status=Status.ENDED, allowed_from={Status.LIVE, Status.PAUSED}, by=by, actor=actor, message=message
    )


@transaction.atomic
def event_create(
    *,
    slug: str,
    title: str,
    standfirst: str = "",
    starts_at: datetime | None = None,
    by: AbstractBaseUser | None,
    actor: str = "",
) -> Event:
    event = Event.objects.create(
        slug=slug, title=title.strip(), standfirst=standfirst.strip(), starts_at=starts_at or timezone.now()
    )
    CoverageState.objects.create(
        event=event, status=Status.LIVE, by=by, actor=actor or (by.get_username() if by else ""), seq=0
    )
    return event


@transaction.atomic
def event_edit(
    *, event: Event, by: AbstractBaseUser | None, title: str, standfirst: str, key_points: str | None = None
) -> Event:
    """Change the headline, standfirst or key points; open pages update in place."""
    if not title.strip():
        raise CoverageError("An event needs a headline.")
    event = _lock_next_seq(event)
    event.title = title.strip()
    event.standfirst = standfirst.strip()
    if key_points is not None:
        event.key_points = richtext.clean(key_points) if key_points.strip() else ""
    event.save(update_fields=["title", "standfirst", "key_points"])
    broadcast.record(event=event, kind="event.updated")
    return event
