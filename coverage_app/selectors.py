"""Reads shaped for a page or for the reader protocol. Nothing here writes."""

from __future__ import annotations

from django.db.models import Q

from coverage_app.models import Change, CoverageState, Event, Post

PAGE_SIZE = 20
# Past this many missed changes a reader is told to reload rather than replay them all.
MAX_CATCH_UP = 500


def events_index() -> list[Event]:
    return list(Event.objects.live_first())


def event_for_reader(*, slug: str) -> Event | None:
    return Event.objects.filter(slug=slug).first()


async def aevent_for_reader(*, slug: str) -> Event | None:
    return await Event.objects.filter(slug=slug).afirst()


def posts_page(*, event: Event, before: Post | None = None, size: int = PAGE_SIZE) -> list[Post]:
    posts = event.posts.visible().prefetch_related("media")
    if before is not None:  # keyset paging: stable while new posts arrive on top
        posts = posts.filter(
            Q(published_at__lt=before.published_at) | Q(published_at=before.published_at, pk__lt=before.pk)
        )
    return list(posts[:size])


def visible_post(*, event: Event, pk: int) -> Post | None:
    return event.posts.visible().prefetch_related("media").filter(pk=pk).first()


def pinned_post(*, event: Event) -> Post | None:
    return event.posts.visible().filter(is_pinned=True).prefetch_related("media").first()


def coverage_history(*, event: Event) -> list[CoverageState]:
    return list(event.states.select_related("by"))


def _changes(*, event_id: int, since: int, limit: int):
    return Change.objects.filter(event_id=event_id, seq__gt=since).order_by("seq").values_list("seq", "frame")[:limit]


def changes_since(*, event_id: int, since: int, limit: int = MAX_CATCH_UP) -> list[tuple[int, str]]:
    """The stored frames of an event after `since` as (seq, JSON text), oldest first."""
    return list(_changes(event_id=event_id, since=since, limit=limit))


async def achanges_since(*, event_id: int, since: int, limit: int = MAX_CATCH_UP) -> list[tuple[int, str]]:
    return [row async for row in _changes(event_id=event_id, since=since, limit=limit)]
