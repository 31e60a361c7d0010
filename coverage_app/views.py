"""The reader side: pages, the changes API and the feed. Reads only, through selectors."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from coverage_app import selectors
from coverage_app.consumers import since_param
from coverage_app.models import Event, Post


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _older_anchor(event: Event, request: HttpRequest) -> Post | None:
    before = request.GET.get("before", "")
    if not before:
        return None
    if not before.isdigit():
        raise Http404("No such post.")
    anchor = event.posts.filter(pk=int(before)).first()
    if anchor is None:
        raise Http404("No such post.")
    return anchor


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "coverage_app/index.html", {"events": selectors.events_index()})


@require_GET
def live_page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    before = _older_anchor(event, request)
    posts = selectors.posts_page(event=event, before=before, size=selectors.PAGE_SIZE + 1)
    context = {
        "event": event,
        "posts": posts[: selectors.PAGE_SIZE],
        "has_older": len(posts) > selectors.PAGE_SIZE,
        "is_older_page": before is not None,
        "release": settings.RELEASE,
    }
    if request.htmx and before is not None:
        return render(request, "coverage_app/live.html#older", context)
    if before is None:
        context["pinned"] = selectors.pinned_post(event=event)
    return render(request, "coverage_app/live.html", context)


@require_GET
def post_permalink(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    post = selectors.visible_post(event=event, pk=pk)
    if post is None:
        raise Http404("This post does not exist or was removed.")
    return render(request, "coverage_app/post.html", {"event": event, "post": post})


@require_GET
def changes(request: HttpRequest, slug: str) -> JsonResponse:
    """The reader protocol over plain HTTP, for clients without WebSockets: frames after `since`."""
    event = selectors.event_for_reader(slug=slug)
    if event is None:
        return JsonResponse({"error": "No such event."}, status=404)
    since = since_param(request.META.get("QUERY_STRING", "").encode("latin-1"))
    rows = selectors.changes_since(event_id=event.pk, since=since)
    frames = [json.loads(frame) for _, frame in rows]
    return JsonResponse({"head": event.seq, "frames": frames})
