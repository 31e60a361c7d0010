"""The journalists' and editors' console: parse, call a service, render. Rules live in services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from coverage_app import selectors, services
from coverage_app.models import Event, Post
from coverage_app.newsroom.forms import CoverageStateForm, KeyPointsForm, PostForm
from coverage_app.roles import can_change_post
from coverage_app.views import HtmxHttpRequest

DESK = "coverage_app/newsroom/desk.html"
# Sent with each successful write so the desk's stream and controls refresh themselves.
CHANGED = "coverage-changed"
DESK_PARTS = {"stream", "controls", "composer_notice"}


def _composer(user, event: Event) -> PostForm:
    last = (
        event.posts.filter(author=user).order_by("-pk").first()
        or Post.objects.filter(author=user).order_by("-pk").first()
    )
    return PostForm(
        initial={
            "byline_name": user.get_full_name() or user.get_username(),
            "byline_role": last.byline_role if last else "",
        }
    )


def _desk_context(request: HttpRequest, event: Event, **extra: object) -> dict[str, object]:
    return {
        "event": event,
        "posts": selectors.posts_page(event=event, size=50),
        "history": selectors.coverage_history(event=event)[:10],
        "form": extra.pop("form", None) or _composer(request.user, event),
        "state_form": CoverageStateForm(),
        "key_points_form": KeyPointsForm(initial={"key_points": event.key_points}),
        **extra,
    }


def _changed(request: HtmxHttpRequest, event: Event, text: str, response: HttpResponse | None = None) -> HttpResponse:
    """After a write: htmx pages refresh their parts on the event; plain forms redirect (PRG)."""
    if request.htmx:
        return trigger_client_event(response or HttpResponse(status=204), CHANGED, {"message": text})
    messages.success(request, text)
    return redirect("newsroom:desk", slug=event.slug)


@login_required
@permission_required("coverage_app.view_event", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "coverage_app/newsroom/home.html", {"events": selectors.events_index()})


@login_required
@permission_required("coverage_app.view_event", raise_exception=True)
def desk(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    part = request.GET.get("part")
    template = f"{DESK}#{part}" if request.htmx and part in DESK_PARTS else DESK
    return render(request, template, _desk_context(request, event))


@require_POST
@login_required
@permission_required("coverage_app.add_post", raise_exception=True)
def post_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post = services.post_publish(event=event, author=request.user, **form.cleaned_data)
        except services.CoverageError as error:
            form.add_error(None, str(error))
        else:
            text = f"Published “{post.title or 'post'}”."
            if request.htmx:  # a fresh, empty composer
                return _changed(
                    request, event, text, render(request, f"{DESK}#composer", _desk_context(request, event))
                )
            return _changed(request, event, text)
    template = f"{DESK}#composer" if request.htmx else DESK
    return render(request, template, _desk_context(request, event, form=form), status=422)


def _post_for(request: HttpRequest, slug: str, pk: int) -> tuple[Event, Post]:
    event = get_object_or_404(Event, slug=slug)
    post = get_object_or_404(Post, pk=pk, event=event, deleted_at__isnull=True)
    if not can_change_post(request.user, post):
        raise PermissionDenied("Only editors can change other people's posts.")
    return event, post


@login_required
def post_update(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, post = _post_for(request, slug, pk)
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            try:
                services.post_edit(post=post, by=request.user, **form.cleaned_data)
            except services.CoverageError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Post updated.")
                return redirect("newsroom:desk", slug=event.slug)
    else:
        form = PostForm(
            initial={
                "title": post.title,
                "body": post.body_html,
                "byline_name": post.byline_name,
                "byline_role": post.byline_role,
                "is_key_event": post.is_key_event,
            }
        )
    return render(request, "coverage_app/newsroom/post_edit.html", {"event": event, "post": post, "form": form})


@require_POST
@login_required
def post_remove(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, post = _post_for(request, slug, pk)
    services.post_delete(post=post, by=request.user)
    return _changed(request, event, "Post deleted. Readers no longer see it.")


@require_POST
@login_required
@permission_required("coverage_app.pin_post", raise_exception=True)
def post_toggle_pin(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    post = get_object_or_404(Post, pk=pk, event=event, deleted_at__isnull=True)
    if post.is_pinned:
        services.post_unpin(post=post, by=request.user)
        return _changed(request, event, "Post unpinned.")
    services.post_pin(post=post, by=request.user)
    return _changed(request, event, "Post pinned above the stream.")


STATE_CHANGES = {
    "pause": (services.coverage_pause, "Coverage paused. Readers see your message."),
    "resume": (services.coverage_resume, "Coverage is live again."),
    "end": (services.coverage_end, "Coverage ended."),
}


@require_POST
@login_required
@permission_required("coverage_app.change_coverage_state", raise_exception=True)
def coverage_change(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = CoverageStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That coverage change was not understood; nothing changed.")
        return redirect("newsroom:desk", slug=event.slug)
    action = form.cleaned_data["action"]
    change, done = STATE_CHANGES[action]
    extra = {"resumes_at": form.cleaned_data["resumes_at"]} if action == "pause" else {}
    try:
        event = change(event=event, by=request.user, message=form.cleaned_data["message"], **extra)
    except services.CoverageError as error:
        messages.error(request, str(error))
        return redirect("newsroom:desk", slug=event.slug)
    return _changed(request, event, done)


@require_POST
@login_required
@permission_required("coverage_app.change_event", raise_exception=True)
def key_points_update(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = KeyPointsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(form.errors["key_points"]))
        return redirect("newsroom:desk", slug=event.slug)
    services.event_edit(
        event=event,
        by=request.user,
        title=event.title,
        standfirst=event.standfirst,
        key_points=form.cleaned_data["key_points"],
    )
    return _changed(request, event, "Key points updated on every reader page.")
