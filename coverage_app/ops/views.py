from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from coverage_app import metrics
from coverage_app.models import Event


@require_GET
def metrics_page(request: HttpRequest) -> HttpResponse:
    """Prometheus text, for a scraper holding METRICS_TOKEN; without the setting there is no page."""
    expected = settings.METRICS_TOKEN
    if not expected:
        raise Http404("No metrics here.")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        response = HttpResponse(
            "Send 'Authorization: Bearer <METRICS_TOKEN>'.\n", status=401, content_type="text/plain"
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body, content_type = metrics.render()
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def readers_now(request: HttpRequest, slug: str) -> HttpResponse:
    """The desk's "12,345 reading now": reader sockets on every server process, a few seconds old."""
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("coverage_app.view_event"):
        raise PermissionDenied
    return render(request, "ops/readers_now.html", {"event": event, "readers_now": metrics.readers_now(event.pk)})
