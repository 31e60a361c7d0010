"""The reader side: pages, the changes API and the feed. Reads only, through selectors."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from coverage_app import languages, metrics, selectors, structured_data
from coverage_app.languages import event_locale
from coverage_app.models import Event, Post
from coverage_app.protocol import resume_after, since_param


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _anchor(event: Event, value: str) -> Post | None:
    """The post a page continues after (`?before=` / `?after=`); anything else is a 404."""
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):  # "²" is a digit to isdigit() but not to int()
        raise Http404("No such post.")
    # Only a post readers can see anchors a page: an unpublished id answers like an unknown one.
    anchor = event.posts.visible().filter(pk=int(value)).first()
    if anchor is None:
        raise Http404("No such post.")
    return anchor


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    events = selectors.events_index()
    live = [event.title for event in events if event.status == "live"]
    description = f"Live coverage from {settings.SITE_NAME}" + (f": {', '.join(live[:3])}." if live else ".")
    context = {"events": events, "description": description, "canonical_url": request.build_absolute_uri("/")}
    return render(request, "coverage_app/index.html", context)


# Readers catch up from the page's seq over the socket, so a shared cache may serve a page a few
# seconds old: nothing is lost, and a crowd arriving at once costs one render per change.
LIVE_PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=10, stale-while-revalidate=30"
# A signed-in reader's page is theirs alone: no shared cache may keep it or give it to anyone else.
PRIVATE_CACHE_CONTROL = "private, no-cache"
# Polling readers ask every few seconds; an answer a second old only defers frames to the next ask.
CHANGES_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=1"


def is_anonymous_reader(request: HttpRequest) -> bool:
    """No session cookie: the request may get (and fill) the public copy of a page.

    Read from the cookie, never from `request.user`: reading the user loads the session, which
    makes the response vary by cookie and so different for every reader.
    """
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def etag_matches(request: HttpRequest, etag: str) -> bool:
    # If-None-Match compares weakly (RFC 9110 13.1.2): a gzipped copy's W/ tag names the same page.
    tags = [tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")]
    return etag in tags or "*" in tags


@require_safe
@csp_override(settings.READER_CSP)
def live_page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.readable(), slug=slug)
    oldest_first, key_only = _stream_options(request)
    if request.htmx or any(request.GET.get(name) for name in ("before", "after", "at")):
        return _render_live_page(request, event, oldest_first=oldest_first, key_only=key_only)
    if not is_anonymous_reader(request):
        # Never from the public copy, never into it: what a signed-in reader sees may differ.
        response = _render_live_page(request, event, oldest_first=oldest_first, key_only=key_only)
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response
    # The first page changes only when the event's seq does (or its language, a release with new
    # static files, or its start coming: "Begins 18:30" becomes "Live"): these name the page.
    version = (
        f"{event.pk}-{event.seq}-{event.language}-{settings.RELEASE}-{static_version()}-{int(oldest_first)}"
        f"-{int(key_only)}-{int(event.is_upcoming)}"
    )
    etag = f'"{version}"'
    if etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        cache_key = f"live-page:{request.scheme}://{request.get_host()}:{version}"  # the page names its own URL
        html = cache.get(cache_key)
        metrics.page_cache(hit=html is not None)
        if html is None:
            html = _render_live_page(request, event, oldest_first=oldest_first, key_only=key_only).content
            cache.set(cache_key, html, timeout=600)
        response = HttpResponse(html)
    response["ETag"] = etag
    response["Cache-Control"] = LIVE_PAGE_CACHE_CONTROL
    response["Content-Language"] = event.language
    return response


def _stream_options(request: HttpRequest) -> tuple[bool, bool]:
    """Oldest first?, key events only? (anything else in the query is the newest-first stream)."""
    return request.GET.get("order") == "oldest", request.GET.get("filter") == "key"


def static_version() -> str:
    """Names the static files a page links to: a release with new CSS or JS makes new page keys."""
    return getattr(staticfiles_storage, "manifest_hash", "") or "dev"


def _render_live_page(request: HtmxHttpRequest, event: Event, **options: Any) -> HttpResponse:
    # The page, its slices and the embed speak the event's language and zone, never the reader's
    # browser's: every reader gets the same bytes, as the frames rendered once for all of them.
    with event_locale(event):
        return _render_live_page_as_read(request, event, **options)


def _render_live_page_as_read(
    request: HtmxHttpRequest,
    event: Event,
    *,
    oldest_first: bool,
    key_only: bool,
    template: str = "coverage_app/live.html",
    stream_url: str = "",
) -> HttpResponse:
    # `at=` opens the slice that starts at a post (a key event, a permalink's way back): never the
    # whole stream down to it.
    at = _anchor(event, request.GET.get("at", ""))
    anchor = at or _anchor(event, request.GET.get("after" if oldest_first else "before", ""))
    posts = selectors.posts_page(
        event=event,
        anchor=anchor,
        oldest_first=oldest_first,
        key_only=key_only,
        size=selectors.PAGE_SIZE + 1,
        from_anchor=at is not None,
    )
    context = {
        "event": event,
        "posts": posts[: selectors.PAGE_SIZE],
        "has_more": len(posts) > selectors.PAGE_SIZE,
        "is_older_page": anchor is not None,
        "order": "oldest" if oldest_first else "newest",
        "key_only": key_only,
        "release": settings.RELEASE,
        # Where the stream's own links (order, filter, paging, key events) lead: the embed's stay
        # in its frame, on the embed.
        "stream_url": stream_url or event.get_absolute_url(),
    }
    if request.htmx and anchor is not None:
        return render(request, "coverage_app/live.html#older", context)
    if anchor is not None and context["posts"]:
        previous = selectors.previous_page_anchor(
            event=event, first=context["posts"][0], oldest_first=oldest_first, key_only=key_only
        )
        context["newer_query"] = _query(order=oldest_first, key_only=key_only, at=previous.pk if previous else None)
    canonical_url = request.build_absolute_uri(event.get_absolute_url())
    recent = context["posts"] if not (anchor or oldest_first or key_only) else selectors.posts_page(event=event)
    reporters = selectors.event_reporters(event=event)
    absolute = request.build_absolute_uri
    context |= {
        "pinned": selectors.pinned_post(event=event) if anchor is None else None,
        "key_events": selectors.key_events(event=event),
        "page_ids": {post.pk for post in context["posts"]},
        "reporters": reporters,
        "canonical_url": canonical_url,
        "oembed_url": absolute(reverse("coverage:oembed")) + "?" + urlencode({"url": canonical_url}),
        "site_name": settings.SITE_NAME,
        "trust_note": languages.trust_note(),
        "share_image": structured_data.event_image(event, recent, absolute),
        "structured_data": structured_data.script_json(
            structured_data.live_blog_posting(event=event, posts=recent, absolute=absolute, reporters=reporters)
        ),
    }
    return render(request, template, context)


def _query(*, order: bool, key_only: bool, at: int | None) -> str:
    """The query string of a page of the stream ("" is the first page, newest first)."""
    parts = [*(["filter=key"] if key_only else []), *(["order=oldest"] if order else []), *([f"at={at}"] if at else [])]
    return "?" + "&".join(parts) if parts else ""


@require_safe
def post_permalink(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.readable(), slug=slug)
    post = selectors.post_for_permalink(event=event, pk=pk)
    if post is None:
        raise Http404("No such post.")
    with event_locale(event):
        if post.deleted_at is not None:
            return render(request, "coverage_app/post_gone.html", {"event": event}, status=410)
        return _render_permalink(request, event, post)


def _render_permalink(request: HttpRequest, event: Event, post: Post) -> HttpResponse:
    absolute = request.build_absolute_uri
    on_first_page = selectors.post_is_on_first_page(event=event, post=post)
    place = event.get_absolute_url() + ("" if on_first_page else f"?at={post.pk}") + f"#post-{post.pk}"
    text = structured_data.post_text(post)
    context = {
        "event": event,
        "post": post,
        "place_url": place,
        "canonical_url": absolute(post.get_absolute_url()),
        "description": Truncator(text).chars(200) or event.standfirst or event.title,
        "site_name": settings.SITE_NAME,
        "share_image": structured_data.post_image(post, absolute) or structured_data.event_image(event, [], absolute),
        "structured_data": structured_data.script_json(
            structured_data.blog_posting(post=post, absolute=absolute, with_context=True)
            | {
                "publisher": structured_data.publisher(absolute),
                "isPartOf": {
                    "@type": "LiveBlogPosting",
                    "@id": absolute(event.get_absolute_url()),
                    "headline": event.title,
                },
            }
        ),
    }
    return render(request, "coverage_app/post.html", context)


@require_safe
@xframe_options_exempt  # its own CSP frame-ancestors says who may frame it
def live_embed(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The live page without the site around it, for other sites to frame (oEmbed gives the code)."""
    event = get_object_or_404(Event.objects.readable(), slug=slug)
    oldest_first, key_only = _stream_options(request)
    response = _render_live_page(
        request,
        event,
        oldest_first=oldest_first,
        key_only=key_only,
        template="coverage_app/embed.html",
        stream_url=reverse("coverage:live_embed", args=[event.slug]),
    )
    response["Cache-Control"] = LIVE_PAGE_CACHE_CONTROL
    # The allowlist is read per request (not when this module loads), so settings decide it.
    policy = {**settings.SECURE_CSP, "frame-ancestors": settings.EMBED_FRAME_ANCESTORS}
    return csp_override(policy)(lambda _request: response)(request)


OEMBED_DEFAULT_HEIGHT = 800


@require_safe
def oembed(request: HttpRequest) -> HttpResponse:
    """oEmbed (oembed.com), JSON, type "rich": a CMS turns a live page's URL into the embed code."""
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"error": "Only format=json is served."}, status=501)
    parts = urlsplit(request.GET.get("url", ""))
    # Only this site's own live pages: the host must be the one asked, the path a live page's.
    match = re.fullmatch(r"/live/([-\w]+)/(?:embed/)?", parts.path)
    if parts.scheme not in {"http", "https"} or parts.netloc != request.get_host() or match is None:
        return JsonResponse({"error": "url must be a live page of this site."}, status=404)
    event = selectors.event_for_reader(slug=match[1])
    if event is None:
        return JsonResponse({"error": "No such event."}, status=404)
    width = _dimension(request.GET.get("maxwidth"), default=640)
    height = _dimension(request.GET.get("maxheight"), default=OEMBED_DEFAULT_HEIGHT)
    if width is None or height is None:
        return JsonResponse({"error": "maxwidth and maxheight must be positive whole numbers."}, status=400)
    height = min(height, OEMBED_DEFAULT_HEIGHT)
    absolute = request.build_absolute_uri
    html = render_to_string(
        "coverage_app/_embed_code.html",
        {"event": event, "embed_url": absolute(reverse("coverage:live_embed", args=[event.slug])),
         # Pasted into other sites' pages: the stable name, not the release's hashed one.
         "script_url": absolute(settings.STATIC_URL + "js/embed.js"), "height": height},
    ).strip()  # fmt: skip
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": event.title,
            "provider_name": settings.SITE_NAME,
            "provider_url": absolute("/"),
            "html": html,
            "width": width,
            "height": height,
        }
    )


def _dimension(value: str | None, *, default: int) -> int | None:
    if value in (None, ""):
        return default
    # isascii: "²" is a digit to isdigit() but not to int().
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) < 100_000 else None


@require_safe
def changes(request: HttpRequest, slug: str) -> JsonResponse:
    """The reader protocol over plain HTTP, for clients without WebSockets: frames after `since`."""
    try:
        event = selectors.event_for_reader(slug=slug)
        if event is None:
            return JsonResponse({"error": "No such event."}, status=404)
        since = resume_after(event, since_param(request.META.get("QUERY_STRING", "").encode("latin-1")))
        # The answer depends on nothing else; every since past the head has the same one.
        etag = f'"{event.pk}-{event.seq}-{min(since, event.seq)}"'
        if etag_matches(request, etag):
            response = HttpResponseNotModified()
        else:
            rows = selectors.changes_since(event_id=event.pk, since=since)
            response = JsonResponse({"head": event.seq, "frames": [json.loads(frame) for _, frame in rows]})
    except DatabaseError:
        # The page's probe while a fault lasts: "not yet", never a 500.
        return JsonResponse({"error": "Try again shortly."}, status=503, headers={"Retry-After": "2"})
    response["ETag"] = etag
    response["Cache-Control"] = CHANGES_CACHE_CONTROL
    return response


# Published pictures are public and their names never change; a short life lets a deletion reach
# shared caches soon (the file itself is removed from storage when the delete commits).
PUBLIC_MEDIA_CACHE_CONTROL = "public, max-age=300"


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files, served only as far as their post may be seen: a published post's to anyone;
    an unpublished post's to its author and editors; a deleted post's to nobody (and the files are
    gone). Behind nginx the answer is an X-Accel-Redirect to an internal location."""
    item = selectors.media_for_file(name=path)
    if item is None and selectors.is_lead_image(name=path):
        return _stored_file(path, public=True)
    if item is None or item.post.deleted_at is not None:
        raise Http404("No such file.")
    public = item.post.state == Post.State.PUBLISHED
    # Only a file that is not public reads the session: public answers stay the same for everyone.
    if not public and not Post.objects.seen_by(request.user).filter(pk=item.post_id).exists():
        raise Http404("No such file.")
    return _stored_file(path, public=public)


def _stored_file(path: str, *, public: bool) -> HttpResponse:
    if not default_storage.exists(path):
        raise Http404("No such file.")
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(headers={"X-Accel-Redirect": settings.MEDIA_ACCEL_REDIRECT + path})
        del response["Content-Type"]  # nginx sets it from the file
    else:
        response = FileResponse(default_storage.open(path))
    response["Cache-Control"] = PUBLIC_MEDIA_CACHE_CONTROL if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For the proxy's and the orchestrator's health checks: 200 `ok` when the app answers, reaches
    Postgres and its hub is listening; 503 with the reason otherwise, so the worker is taken out
    while a reader connected to it would get no live frames (docs/operations.md)."""
    try:
        selectors.database_is_reachable()
    except DatabaseError:
        return HttpResponse("PostgreSQL does not answer", status=503, content_type="text/plain")
    from coverage_app.hub import hub  # here, not at the top: the HTTP side imports no socket code

    problem = hub.problem()
    if problem is not None:
        return HttpResponse(problem, status=503, content_type="text/plain")
    if "stats" in request.GET:
        return JsonResponse(hub.stats())
    return HttpResponse("ok", content_type="text/plain")
