"""Reads shaped for a page or for the reader protocol. Nothing here writes."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from coverage_app import richtext
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
)

PAGE_SIZE = 20
# Past this many missed changes a reader is told to reload rather than replay them all.
MAX_CATCH_UP = 500


def events_index() -> list[Event]:
    return list(Event.objects.readable().live_first())


def event_for_reader(*, slug: str) -> Event | None:
    return Event.objects.readable().filter(slug=slug).first()


async def aevent_for_reader(*, slug: str) -> Event | None:
    return await Event.objects.readable().filter(slug=slug).afirst()


async def aevent_head(*, slug: str) -> int | None:
    """The event's seq (None: no such event for readers): what names its cached pages."""
    return await Event.objects.readable().filter(slug=slug).values_list("seq", flat=True).afirst()


def readable_events_sql() -> tuple[str, tuple[Any, ...]]:
    """`SELECT id, seq, slug, locale_seq` of every event a reader may open (what the socket needs of
    it: protocol.resume_after reads locale_seq), as SQL and its parameters, compiled
    from `Event.objects.readable()` itself: the hub runs it on its own async connection (no ORM, no
    thread hop on a reader's connect) and can never drift from the rule the ORM applies. Callers
    wrap it: `SELECT ... FROM (<this>) AS readable WHERE ...`."""
    queryset = Event.objects.readable().order_by().values_list("id", "seq", "slug", "locale_seq")
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def posts_page(
    *,
    event: Event,
    anchor: Post | None = None,
    oldest_first: bool = False,
    key_only: bool = False,
    size: int = PAGE_SIZE,
    from_anchor: bool = False,
) -> list[Post]:
    """A page of the stream, continuing after `anchor` in the chosen order (keyset paging: stable
    while new posts arrive); with `from_anchor`, starting at it (the slice a link to a post opens)."""
    posts = event.posts.visible().prefetch_related("media")
    if key_only:
        posts = posts.filter(is_key_event=True)
    if oldest_first:
        posts = posts.order_by("published_at", "pk")
    if anchor is not None:
        posts = posts.filter(_beyond(anchor, later=oldest_first, inclusive=from_anchor))
    return list(posts[:size])


def _beyond(anchor: Post, *, later: bool, inclusive: bool = False) -> Q:
    """Posts after `anchor` in the stream's order by (published_at, pk): later ones or earlier ones."""
    when, pk = (
        ("published_at__gt", "pk__gte" if inclusive else "pk__gt")
        if later
        else ("published_at__lt", "pk__lte" if inclusive else "pk__lt")
    )
    return Q(**{when: anchor.published_at}) | Q(published_at=anchor.published_at, **{pk: anchor.pk})


def previous_page_anchor(
    *, event: Event, first: Post, oldest_first: bool = False, key_only: bool = False
) -> Post | None:
    """Where the page before the one starting at `first` starts (its `at=`), or None when that page
    is the first page: paging works back towards the top without JavaScript."""
    posts = event.posts.visible().filter(_beyond(first, later=not oldest_first))
    if key_only:
        posts = posts.filter(is_key_event=True)
    posts = posts.order_by("-published_at", "-pk") if oldest_first else posts.order_by("published_at", "pk")
    before = list(posts.only("pk", "published_at")[: PAGE_SIZE + 1])
    return before[PAGE_SIZE - 1] if len(before) > PAGE_SIZE else None


def post_is_on_first_page(*, event: Event, post: Post) -> bool:
    """Whether the newest-first first page shows `post` (a permalink's way back lands there)."""
    return not event.posts.visible().filter(_beyond(post, later=True))[PAGE_SIZE - 1 : PAGE_SIZE].exists()


def event_reporters(*, event: Event, size: int = 6) -> list[str]:
    """The names on the event's published posts, most posts first: "Live reporting by"."""
    rows = (
        event.posts.visible()
        .exclude(byline_name="")
        .values("byline_name")
        .annotate(posts=Count("pk"), latest=Max("published_at"))
        .order_by("-posts", "-latest")
    )
    return [row["byline_name"] for row in rows[:size]]


def key_events(*, event: Event) -> list[Post]:
    return list(event.posts.visible().filter(is_key_event=True).only("pk", "title", "published_at", "event_id"))


def post_for_permalink(*, event: Event, pk: int) -> Post | None:
    """A published post, deleted or not (a deleted one's permalink answers 410 Gone). A post that
    never went out (draft, scheduled, submitted, sent back) is None: the public cannot tell it from
    an id that never existed."""
    return event.posts.filter(pk=pk, state=Post.State.PUBLISHED).prefetch_related("media").first()


def post_for_user(*, user: Any, pk: int) -> Post | None:
    """A post as this user may see it (`PostQuerySet.seen_by`), or None."""
    return Post.objects.seen_by(user).select_related("event").filter(pk=pk).first()


def post_for_idempotency_key(*, author: Any, event: Event, key: str) -> Post | None:
    """The post an earlier request with this Idempotency-Key made (keys are scoped to user and event)."""
    return Post.objects.select_related("event").filter(author=author, event=event, idempotency_key=key).first()


# Every stored upload's name carries the random hex of models._random_name.
UPLOAD_TOKEN = re.compile(r"[0-9a-f]{32}")


def media_for_file(*, name: str) -> Media | None:
    """The media item a stored file (original, rendition or video) belongs to, with its post."""
    token = UPLOAD_TOKEN.search(PurePosixPath(name).name)
    if token is None:
        return None
    candidates = (
        Media.objects.select_related("post")
        .alias(renditions_text=Cast("renditions", TextField()))
        .filter(
            Q(file__contains=token.group())
            | Q(video_file__contains=token.group())
            | Q(social_avatar__contains=token.group())
            | Q(renditions_text__contains=token.group())
        )
    )
    for item in candidates:
        if name in {item.file.name, item.video_file.name, item.social_avatar.name, *item.renditions.values()}:
            return item
    return None


def is_lead_image(*, name: str) -> bool:
    """Whether a stored file is an event's lead picture (or one of its renditions): public, like the
    event's page."""
    token = UPLOAD_TOKEN.search(PurePosixPath(name).name)
    if token is None:
        return False
    candidates = (
        Event.objects.alias(renditions_text=Cast("lead_renditions", TextField()))
        .filter(Q(lead_image__contains=token.group()) | Q(renditions_text__contains=token.group()))
        .only("lead_image", "lead_renditions")
    )
    return any(name in {event.lead_image.name, *event.lead_renditions.values()} for event in candidates)


def pinned_post(*, event: Event) -> Post | None:
    return event.posts.visible().filter(is_pinned=True).prefetch_related("media").first()


def coverage_history(*, event: Event, size: int = 50) -> list[CoverageState]:
    return list(event.states.select_related("by")[:size])


def _changes(*, event_id: int, since: int, limit: int):
    return Change.objects.filter(event_id=event_id, seq__gt=since).order_by("seq").values_list("seq", "frame")[:limit]


def changes_since(*, event_id: int, since: int, limit: int = MAX_CATCH_UP) -> list[tuple[int, str]]:
    """The stored frames of an event after `since` as (seq, JSON text), oldest first."""
    return list(_changes(event_id=event_id, since=since, limit=limit))


def unpublished_posts(*, event: Event, user: Any) -> list[Post]:
    """The desk's queue: the user's drafts and scheduled posts, and submissions (editors see all)."""
    posts = event.posts.unpublished().select_related("author").prefetch_related("media").order_by("-created_at")
    if not user.has_perm("coverage_app.change_any_post"):
        posts = posts.filter(author=user)
    else:
        posts = posts.filter(Q(author=user) | Q(state__in=(Post.State.SUBMITTED, Post.State.SCHEDULED)))
    return list(posts[:50])


def composer_draft(*, event: Event, user: Any) -> dict[str, Any]:
    """What `user` typed in `event`'s composer and has not sent ({} if nothing)."""
    return ComposerDraft.objects.filter(event=event, user=user).values_list("data", flat=True).first() or {}


def draft_pictures(*, event: Event, user: Any) -> Any:
    """The pictures kept for `user`'s composer on `event` (nobody else's)."""
    return DraftPicture.objects.filter(event=event, user=user)


def kept_pictures(*, event: Event, user: Any, draft: dict[str, Any]) -> list[dict[str, Any]]:
    """The pictures the draft says are in the tray, in its order, with their words."""
    places = sorted(
        (int(name.split("-")[1]), value)
        for name, value in draft.items()
        if name.startswith("images-") and name.endswith("-kept") and str(value).isdigit()
    )
    found = draft_pictures(event=event, user=user).in_bulk([int(value) for _place, value in places])
    return [
        {
            "id": picture.pk,
            "name": picture.name,
            "size": picture.size,
            "url": picture.file.url,
            **{field: draft.get(f"images-{place}-{field}", "") for field in ("alt_text", "caption", "credit")},
        }
        for place, value in places
        if (picture := found.get(int(value)))
    ]


def desk_activity(*, event: Event, user: Any, size: int = 15) -> list[AuditEntry]:
    """The desk's recent changes. An entry names its post's title, so one about a post that never
    went out is shown only to those who may see that post (its author and editors)."""
    entries = event.audit.select_related("post")
    if not user.has_perm("coverage_app.change_any_post"):
        entries = entries.filter(Q(post__isnull=True) | Q(post__author_id=user.pk) | Q(post__seq__gt=0))
    return list(entries[:size])


# Someone whose desk page has not reported in for this long has left it.
PRESENCE_WINDOW = timedelta(seconds=45)


def desk_presence(*, event: Event) -> list[DeskPresence]:
    since = timezone.now() - PRESENCE_WINDOW
    return list(
        event.presence.filter(last_seen__gte=since).select_related("user", "editing").order_by("user__username")
    )


def preview_post(*, event: Event, author: Any, media: list[Media], body: str, **fields: Any) -> Post:
    """The post as readers would see it, built in memory: nothing is saved or sent."""
    fields.pop("published_at", None)
    byline_name = fields.pop("byline_name", "") or author.get_full_name() or author.get_username()
    post = Post(
        pk=0,
        event=event,
        author=author,
        body_html=richtext.clean(body),
        byline_name=byline_name,
        published_at=timezone.now(),
        **fields,
    )
    # Uploaded pictures have no address until they are saved; the preview lists the rest.
    post._prefetched_objects_cache = {"media": [item for item in media if item.kind != Media.Kind.IMAGE]}
    return post


def database_is_reachable() -> None:
    """Raises if Postgres does not answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
