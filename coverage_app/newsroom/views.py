"""The journalists' and editors' console: parse, call a service, render. Rules live in services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.views import LogoutView, redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from coverage_app import selectors, services
from coverage_app.accounts import services as account_services
from coverage_app.models import Event, Post, Profile
from coverage_app.newsroom import history, link_cards
from coverage_app.newsroom.forms import (
    Composer,
    CoverageStateForm,
    EventForm,
    KeyPointsForm,
    LinkCardForm,
    PostEditor,
    ProfileForm,
    ReturnForm,
    SocialForm,
    VideoForm,
    key_points_for_editing,
    reader_defaults,
)
from coverage_app.roles import can_change_post, can_delete_post
from coverage_app.views import HtmxHttpRequest

DESK = "coverage_app/newsroom/desk.html"
DATABASE_DOWN = gettext_lazy("The database is not answering, so nothing was saved. Try again in a few seconds.")
# Sent with each successful write so the desk's parts refresh themselves.
CHANGED = "coverage-changed"
DESK_PARTS = {"stream", "controls", "composer_notice", "queue", "activity", "header_badge"}


def login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, or: a page goes to the sign-in form; a desk request (htmx) gets 401 and the desk
    says "Signed out" in place, keeping what was typed (a redirect would paste the sign-in page
    into the part being refreshed)."""

    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if getattr(request, "htmx", False):
            response = HttpResponse(_("Signed out."), status=401, content_type="text/plain; charset=utf-8")
            return trigger_client_event(response, "signed-out", {})
        return redirect_to_login(request.get_full_path())

    return wrapper


def in_event_time_zone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Times typed on an event's desk are read, and shown, in the event's zone, as the desk says."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        zone = Event.objects.filter(slug=slug).values_list("time_zone", flat=True).first()
        with timezone.override(zone):
            return view(request, slug, *args, **kwargs)

    return wrapper


def _composer_initial(user: Any, event: Event | None = None) -> dict[str, Any]:
    """A new composer: the user's byline, and what they had typed here and not sent (their draft)."""
    profile = Profile.objects.filter(user=user).first()
    initial: dict[str, Any] = {
        "byline_name": user.get_full_name() or user.get_username(),
        "byline_role": profile.byline_role if profile else "",
    }
    if event is not None:
        initial |= selectors.composer_draft(event=event, user=user)
        if isinstance(initial.get("is_key_event"), str):
            initial["is_key_event"] = initial["is_key_event"] in {"on", "true", "1"}
    return initial


def _desk_context(request: HttpRequest, event: Event, **extra: Any) -> dict[str, Any]:
    """Everything the desk shows. Each part is read only if the template rendered uses it: a refresh
    of one part (?part=...) must not run the queries of all the others."""
    recent = SimpleLazyObject(lambda: selectors.posts_page(event=event, size=100))
    return {
        "event": event,
        "posts": SimpleLazyObject(lambda: recent[:50]),
        "linkable_posts": recent,
        "queue": SimpleLazyObject(lambda: selectors.unpublished_posts(event=event, user=request.user)),
        "history": SimpleLazyObject(lambda: selectors.coverage_history(event=event, size=10)),
        "activity": SimpleLazyObject(lambda: selectors.desk_activity(event=event, user=request.user)),
        "pinned": SimpleLazyObject(lambda: selectors.pinned_post(event=event)),
        "present": SimpleLazyObject(lambda: selectors.desk_presence(event=event)),
        "composer": extra.pop("composer", None)
        or SimpleLazyObject(lambda: Composer(initial=_composer_initial(request.user, event))),
        "key_points_text": key_points_for_editing(event.key_points),
        # The pictures of the user's draft, for the composer's tray (a page load; a swap keeps its tray).
        # A callable: the template calls it where it uses it, and only then are they read.
        "kept_pictures": lambda: selectors.kept_pictures(
            event=event, user=request.user, draft=selectors.composer_draft(event=event, user=request.user)
        ),
        "reader_defaults": SimpleLazyObject(lambda: reader_defaults(event.language)),
        **extra,
    }


def _changed(request: HtmxHttpRequest, event: Event, text: str, response: HttpResponse | None = None) -> HttpResponse:
    """After a write: htmx pages refresh their parts on the event; plain forms redirect (PRG)."""
    if request.htmx:
        return trigger_client_event(response or HttpResponse(status=204), CHANGED, {"message": text})
    messages.success(request, text)
    return redirect("newsroom:desk", slug=event.slug)


def _refused(request: HtmxHttpRequest, event: Event, text: str) -> HttpResponse:
    if request.htmx:
        # Said once, in place: a session message as well would be shown again on the next page.
        response = HttpResponse(status=204)
        return trigger_client_event(response, CHANGED, {"message": text, "error": True})
    messages.error(request, text)
    return redirect("newsroom:desk", slug=event.slug)


@login_required
@permission_required("coverage_app.view_event", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "coverage_app/newsroom/home.html", {"events": selectors.events_index()})


@login_required
@permission_required("coverage_app.add_event", raise_exception=True)
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                by=request.user, **{k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            )
        except services.CoverageError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Coverage of “%(title)s” is live at %(url)s.")
                % {"title": event.title, "url": event.get_absolute_url()},
            )
            return redirect("newsroom:desk", slug=event.slug)
    return render(request, "coverage_app/newsroom/event_new.html", {"form": form}, status=422 if form.errors else 200)


@login_required
@permission_required("coverage_app.view_event", raise_exception=True)
@in_event_time_zone
def desk(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    part = request.GET.get("part")
    template = f"{DESK}#{part}" if request.htmx and part in DESK_PARTS else DESK
    return render(request, template, _desk_context(request, event))


@require_POST
@login_required
@permission_required("coverage_app.add_post", raise_exception=True)
@in_event_time_zone
def post_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The composer: publish, save a draft, schedule, submit for review, or preview."""
    event = get_object_or_404(Event, slug=slug)
    composer = Composer(
        request.POST, request.FILES, kept_pictures=selectors.draft_pictures(event=event, user=request.user)
    )
    action = request.POST.get("action", "publish")
    if composer.is_valid():
        fields = composer.post.post_fields()
        key = composer.post.cleaned_data["idempotency_key"]
        if action == "preview":
            preview = selectors.preview_post(event=event, author=request.user, media=composer.media(), **fields)
            return render(request, "coverage_app/newsroom/preview.html", {"post": preview, "event": event})
        try:
            if action == "publish" and request.user.has_perm("coverage_app.publish_post"):
                post = services.post_publish(
                    event=event, author=request.user, media=composer.media(), idempotency_key=key, **fields
                )
                text = _("Published “%(title)s”.") % {"title": post.title or _("post")}
            else:
                state = {"draft": Post.State.DRAFT, "schedule": Post.State.SCHEDULED}.get(action, Post.State.SUBMITTED)
                post = services.post_save_unpublished(
                    event=event, author=request.user, state=state, media=composer.media(), idempotency_key=key,
                    scheduled_for=composer.post.cleaned_data["scheduled_for"], **fields,
                )  # fmt: skip
                text = {
                    Post.State.DRAFT: _("Draft saved. Nobody else sees it until it is published."),
                    Post.State.SCHEDULED: _("Scheduled for %(time)s.")
                    % {"time": f"{timezone.localtime(post.scheduled_for, event.tz):%H:%M %Z}"},
                    Post.State.SUBMITTED: _("Submitted: an editor will review it."),
                }[post.state]
        except (services.CoverageError, PermissionDenied) as error:
            composer.post.add_error(None, str(error))
        except DatabaseError:
            # Nothing was saved. The page keeps the composer as it is (text, pictures, request key),
            # so pressing Publish again posts once; htmx does not swap an error response.
            return HttpResponse(
                str(DATABASE_DOWN), status=503, content_type="text/plain; charset=utf-8", headers={"Retry-After": "5"}
            )
        else:
            services.composer_draft_clear(event=event, user=request.user)  # it went out
            fresh = Composer(initial=_composer_initial(request.user))
            if request.htmx:  # a fresh, empty composer; the page clears its autosave on this event
                response = render(request, f"{DESK}#composer", _desk_context(request, event, composer=fresh, sent=True))
                # After the swap has settled, so the page can put the cursor in the new composer's title.
                return _changed(request, event, text, trigger_client_event(response, "composer-sent", after="settle"))
            return _changed(request, event, text)
    template = f"{DESK}#composer" if request.htmx else DESK
    return render(request, template, _desk_context(request, event, composer=composer), status=422)


def _post_for(request: HttpRequest, slug: str, pk: int) -> tuple[Event, Post]:
    event = get_object_or_404(Event, slug=slug)
    # A post the user may not see answers like one that never existed, not with a telling 403.
    post = get_object_or_404(Post.objects.seen_by(request.user), pk=pk, event=event)
    return event, post


EDIT_PAGE = "coverage_app/newsroom/post_edit.html"


def _editor_initial(post: Post) -> dict[str, Any]:
    names = (
        "title",
        "byline_name",
        "byline_role",
        "quote_text",
        "quote_attribution",
        "is_key_event",
        "correction_note",
        "version",
    )
    return {"body": post.body_html, **{name: getattr(post, name) for name in names}}


def _edit_response(request: HtmxHttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    # In the desk the editor opens in place (the partial); without htmx it is a page of its own.
    template = f"{EDIT_PAGE}#inplace" if request.htmx else EDIT_PAGE
    return render(request, template, context | {"inplace": bool(request.htmx)}, status=status)


@login_required
@in_event_time_zone
def post_update(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Edit a post and its media: in place in the desk (htmx), or on its own page."""
    event, post = _post_for(request, slug, pk)
    if not can_change_post(request.user, post):
        raise PermissionDenied(_("Only editors change other people's posts."))
    # Presence is written only by the page's own POST (a GET must not write: prefetches, crawlers).
    if request.method != "POST":
        editor = PostEditor(post, initial=_editor_initial(post))
        return _edit_response(request, {"event": event, "post": post, "editor": editor, **_revisions(post)})
    editor = PostEditor(post, request.POST, request.FILES)
    context: dict[str, Any] = {"event": event, "post": post, "editor": editor}
    if not editor.is_valid():
        return _edit_response(request, context | _revisions(post), status=422)
    fields = editor.post_form.post_fields()
    fields.pop("published_at", None)
    # A contributor's draft or sent-back post goes (back) to the editors from here.
    resubmit = request.POST.get("action") == "submit"
    try:
        saved = services.post_revise(
            post=post,
            by=request.user,
            expected_version=fields.pop("version"),
            media_changes=editor.media_changes(),
            new_media=editor.new_media(),
            state=Post.State.SUBMITTED if resubmit else None,
            **fields,
        )
    except services.EditConflict as error:
        # Both versions side by side: theirs as saved, yours as typed. Saving again now is a
        # deliberate choice made with theirs in view, so the form carries their version number.
        theirs = Post.objects.prefetch_related("media").get(pk=post.pk)
        data = request.POST.copy()
        data[editor.post_form.add_prefix("version")] = str(theirs.version)
        editor = PostEditor(theirs, data)
        editor.is_valid()
        editor.post_form.add_error(None, str(error))
        context |= {"editor": editor, "theirs": theirs, "post": theirs}
        return _edit_response(request, context | _revisions(theirs), status=422)
    except (services.CoverageError, PermissionDenied) as error:
        editor.post_form.add_error(None, str(error))
        return _edit_response(request, context | _revisions(post), status=422)
    # A save that changed nothing sent readers nothing (services.post_edit): it says only "Saved."
    sent = post.state == Post.State.PUBLISHED and saved.version != post.version
    done = (
        _("Submitted again: an editor will review it.")
        if resubmit
        else (_("Post updated on every reader page.") if sent else _("Saved."))
    )
    if request.htmx:
        # The editor closes (an empty container) and the desk's parts refresh.
        return _changed(request, event, done, HttpResponse(""))
    messages.success(request, done)
    return redirect("newsroom:desk", slug=event.slug)


def _revisions(post: Post) -> dict[str, Any]:
    def read() -> list[dict[str, Any]]:
        fresh = Post.objects.prefetch_related("media").get(pk=post.pk)
        return history.post_history(fresh, list(fresh.revisions.select_related("by")[:10]))

    return {"revisions": SimpleLazyObject(read)}


@require_POST
@login_required
def post_remove(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, post = _post_for(request, slug, pk)
    if not can_delete_post(request.user, post):
        raise PermissionDenied(_("Only editors delete other people's posts."))
    was_published = post.state == Post.State.PUBLISHED
    services.post_delete(post=post, by=request.user)
    if was_published:
        return _changed(request, event, _("Post deleted. Readers no longer see it."))
    return _changed(request, event, _("Discarded. It was never published, so readers never saw it."))


@require_POST
@login_required
@permission_required("coverage_app.publish_post", raise_exception=True)
def post_publish_saved(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, post = _post_for(request, slug, pk)
    try:
        services.post_publish_saved(post=post, by=request.user)
    except services.CoverageError as error:
        return _refused(request, event, str(error))
    return _changed(request, event, _("Published “%(title)s”.") % {"title": post.title or _("post")})


@require_POST
@login_required
@permission_required("coverage_app.change_any_post", raise_exception=True)
def post_send_back(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, post = _post_for(request, slug, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _refused(request, event, _("Say what needs changing: the contributor sees your note."))
    try:
        services.post_return(post=post, by=request.user, note=form.cleaned_data["note"])
    except services.CoverageError as error:
        return _refused(request, event, str(error))
    return _changed(request, event, _("Sent back to the contributor with your note."))


@require_POST
@login_required
@permission_required("coverage_app.pin_post", raise_exception=True)
def post_toggle_pin(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, post = _post_for(request, slug, pk)
    try:
        if post.is_pinned:
            services.post_unpin(post=post, by=request.user)
            return _changed(request, event, _("Post unpinned."))
        # One post is pinned at a time: the desk said on the button which one this replaces; say it again.
        replaced = selectors.pinned_post(event=event)
        services.post_pin(post=post, by=request.user)
    except services.CoverageError as error:
        return _refused(request, event, str(error))
    if replaced is None or replaced.pk == post.pk:
        return _changed(request, event, _("Post pinned above the stream."))
    if replaced.title:
        text = _("Post pinned above the stream, in place of “%(title)s” (now back in the stream).")
        return _changed(request, event, text % {"title": replaced.title})
    text = _("Post pinned above the stream, in place of the %(time)s post (now back in the stream).")
    return _changed(request, event, text % {"time": f"{timezone.localtime(replaced.published_at, event.tz):%H:%M}"})


STATE_CHANGES = {
    "pause": (services.coverage_pause, gettext_lazy("Coverage paused. Readers see your message.")),
    "resume": (services.coverage_resume, gettext_lazy("Coverage is live again.")),
    "end": (services.coverage_end, gettext_lazy("Coverage ended.")),
}


@require_POST
@login_required
@permission_required("coverage_app.change_coverage_state", raise_exception=True)
@in_event_time_zone
def coverage_change(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = CoverageStateForm(request.POST)
    if not form.is_valid():
        reasons = " ".join(message for messages_ in form.errors.values() for message in messages_)
        return _refused(
            request,
            event,
            _("%(reasons)s Nothing changed.") % {"reasons": reasons}
            if reasons
            else _("That coverage change was not understood; nothing changed."),
        )
    action = form.cleaned_data["action"]
    change, done = STATE_CHANGES[action]
    extra = {"resumes_at": form.cleaned_data["resumes_at"]} if action == "pause" else {}
    try:
        event = change(event=event, by=request.user, message=form.message_for(event.language), **extra)
    except services.CoverageError as error:
        return _refused(request, event, str(error))
    return _changed(request, event, str(done))


@require_POST
@login_required
@permission_required("coverage_app.change_event", raise_exception=True)
def key_points_update(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = KeyPointsForm(request.POST)
    if not form.is_valid():
        return _refused(request, event, "; ".join(form.errors["key_points"]))
    services.event_edit(
        event=event,
        by=request.user,
        title=event.title,
        standfirst=event.standfirst,
        key_points=form.cleaned_data["key_points"],
    )
    return _changed(request, event, _("Key points updated on every reader page."))


@require_POST
@login_required
@permission_required("coverage_app.view_event", raise_exception=True)
def presence(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The desk page says every few seconds that its user is here (and what they are editing)."""
    event = get_object_or_404(Event, slug=slug)
    editing = request.POST.get("editing", "")
    # The id comes from the page: only a post of this event the user may see is named to others.
    post = selectors.post_for_user(user=request.user, pk=int(editing)) if editing.isdigit() else None
    if post is not None and post.event_id != event.pk:
        post = None
    services.desk_presence_touch(event=event, user=request.user, editing=post)
    return render(request, f"{DESK}#presence", {"event": event, "present": selectors.desk_presence(event=event)})


@require_POST
@login_required
@permission_required("coverage_app.add_post", raise_exception=True)
def link_card(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Fill a social card (or a video's caption and credit) from the address typed in the form."""
    event = get_object_or_404(Event, slug=slug)
    chooser = LinkCardForm(request.POST)
    if not chooser.is_valid():
        return HttpResponse(
            _("That card form was not understood."), status=400, content_type="text/plain; charset=utf-8"
        )
    prefix = chooser.cleaned_data["prefix"]
    form_class = VideoForm if prefix.endswith("video") else SocialForm
    message, initial = "", {"url": request.POST.get(f"{prefix}-url", "")}
    try:
        card = link_cards.read_card(chooser.url_from(request.POST))
    except ValidationError:
        message = _("Paste the full address of the post (https://…).")
    except link_cards.LinkCardError as error:
        message = _("%(problem)s Fill the card by hand.") % {"problem": error}
    else:
        initial = {
            "url": card.url,
            "social_author": card.author,
            "social_handle": card.handle,
            "social_text": card.text,
        }
        if form_class is VideoForm:
            initial = {"url": card.url, "caption": card.title, "credit": card.author}
        message = _("Filled from %(site)s: check it before publishing.") % {"site": card.site or _("the page")}
    form = form_class(prefix=prefix, initial=initial)
    context = {"event": event, "card_form": form, "card_prefix": prefix, "card_message": message}
    return render(request, "coverage_app/newsroom/_link_card.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """A journalist's own settings: the newsroom's language (theirs, not any event's) and byline role."""
    saved = Profile.objects.filter(user=request.user).first()
    initial = {"language": saved.language, "byline_role": saved.byline_role} if saved else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            chosen = account_services.profile_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("language", error)
        else:
            # Said in the language just chosen: the next page speaks it, and so does this message.
            language = chosen.language or translation.get_language_from_request(request, check_path=False)
            with translation.override(language):
                messages.success(request, _("Saved. The newsroom now speaks your chosen language."))
            return redirect("newsroom:profile")
    status = 422 if form.errors else 200
    return render(request, "coverage_app/newsroom/profile.html", {"form": form}, status=status)


class SignOutView(LogoutView):
    """Sign out, and say so on the sign-in page it lands on (the new, empty session carries it)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, _("You’ve signed out."))  # noqa: RUF001
        return response


@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    """Where signing in again from a desk's "Signed out" notice lands: the desk tab carries on."""
    return render(request, "coverage_app/newsroom/signed_in.html")


@require_POST
@login_required
@permission_required("coverage_app.add_post", raise_exception=True)
def composer_keep_picture(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Keep a picture chosen in the composer with this user's draft; the tray sends its id from then on."""
    event = get_object_or_404(Event, slug=slug)
    upload = request.FILES.get("file")
    if upload is None:
        return HttpResponse(_("Choose a picture."), status=400, content_type="text/plain; charset=utf-8")
    try:
        picture = services.draft_picture_keep(event=event, user=request.user, upload=upload)
    except services.CoverageError as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    return JsonResponse({"id": picture.pk}, status=201)


@require_POST
@login_required
@permission_required("coverage_app.add_post", raise_exception=True)
def composer_autosave(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Keep what is typed in the composer as this user's own draft for this event."""
    event = get_object_or_404(Event, slug=slug)
    try:
        services.composer_draft_save(event=event, user=request.user, data=request.POST.dict())
    except services.CoverageError as error:
        return HttpResponse(str(error), status=413, content_type="text/plain; charset=utf-8")
    return HttpResponse(status=204)
