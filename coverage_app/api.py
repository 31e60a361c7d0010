"""The newsroom's JSON API, for scripts, wire feeds and chat bots (docs/api.md).

Token-authenticated, validated by the same forms as the newsroom, written through the same services.
Every error is a JSON object with a clear message; a refused request writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coverage_app import services, tokens
from coverage_app.models import Event, Post
from coverage_app.newsroom.forms import MapForm, PostEditForm, PostForm, SocialForm, VideoForm
from coverage_app.roles import can_change_post
from coverage_app.tokens import hash_token, issue_token  # noqa: F401 (their old home; commands and tests import them here)

MAX_BODY_BYTES = 256 * 1024
MEDIA_FORMS = {"video": VideoForm, "map": MapForm, "social": SocialForm}
STATES = {"published": None, "draft": Post.State.DRAFT, "submitted": Post.State.SUBMITTED}


DATABASE_DOWN = (
    "The database is not answering, so nothing was saved. Try again in a few seconds: a retry with the "
    "same Idempotency-Key never posts twice."
)


class ApiError(Exception):
    def __init__(self, status: int, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields


def _authenticate(request: HttpRequest) -> Any:
    # Validity, expiry, scope (read-only tokens may not write) and last use: coverage_app/tokens.py.
    try:
        return tokens.authenticate_token(request)
    except tokens.TokenRefused as refusal:
        raise ApiError(refusal.status, refusal.message) from refusal


def _require_event(request: HttpRequest, event: Event) -> None:
    try:
        tokens.require_event(request, event.pk)
    except tokens.TokenRefused as refusal:
        raise ApiError(refusal.status, refusal.message) from refusal


def _json_body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY_BYTES:
        raise ApiError(413, "The request body is larger than 256 KB.")
    if request.content_type != "application/json":
        raise ApiError(415, "Send the post as JSON (Content-Type: application/json).")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as error:
        raise ApiError(400, f"The body is not valid JSON: {error}.") from error
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return data


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Token auth, JSON errors, and no CSRF (no cookies are involved)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            request.user = _authenticate(request)
            return view(request, *args, **kwargs)
        except ApiError as error:
            payload: dict[str, Any] = {"error": error.message}
            if error.fields:
                payload["fields"] = error.fields
            return JsonResponse(payload, status=error.status)
        except PermissionDenied as error:
            return JsonResponse({"error": str(error) or "You may not do that."}, status=403)
        except (services.EditConflict, services.CoverageClosed) as error:
            # The request was fine; the event's state refuses it (paused, ended) or the post moved on.
            return JsonResponse({"error": str(error)}, status=409)
        except services.CoverageError as error:
            return JsonResponse({"error": str(error)}, status=422)
        except DatabaseError:
            # The transaction rolled back: nothing was written and nothing was signalled.
            return JsonResponse({"error": DATABASE_DOWN}, status=503, headers={"Retry-After": "5"})

    return wrapper


def post_json(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "event": post.event.slug,
        "state": post.state,
        "title": post.title,
        "body": post.body_html,
        "byline_name": post.byline_name,
        "byline_role": post.byline_role,
        "quote_text": post.quote_text,
        "quote_attribution": post.quote_attribution,
        "is_key_event": post.is_key_event,
        "correction_note": post.correction_note,
        "published_at": post.published_at.isoformat() if post.state == Post.State.PUBLISHED else None,
        "edited_at": post.edited_at.isoformat() if post.edited_at else None,
        "version": post.version,
        "seq": post.seq,
        "url": post.get_absolute_url(),
    }


def _invalid(form: Any) -> ApiError:
    fields = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    return ApiError(400, "Some fields are not valid; see 'fields'.", fields)


def _media(items: Any) -> list[Any]:
    if not isinstance(items, list):
        raise ApiError(400, "'media' must be a list of objects with a 'kind' (video, map or social).")
    media = []
    for index, item in enumerate(items):
        form_class = MEDIA_FORMS.get(item.get("kind")) if isinstance(item, dict) else None
        if form_class is None:
            raise ApiError(
                400, f"media[{index}] needs a 'kind' of video, map or social (pictures: upload in the newsroom)."
            )
        form = form_class({key: value for key, value in item.items() if key != "kind"})
        if not form.is_valid():
            error = _invalid(form)
            raise ApiError(400, f"media[{index}] is not valid; see 'fields'.", error.fields)
        media.append(form.media())
    return [item for item in media if item is not None]


def _post_for(request: HttpRequest, pk: int) -> Post:
    post = Post.objects.select_related("event").filter(pk=pk, deleted_at__isnull=True).first()
    if post is None or not request.user.has_perm("coverage_app.view_post"):
        raise ApiError(404, f"No post {pk}.")
    _require_event(request, post.event)
    return post


@api_view
@require_http_methods(["POST"])
def posts_create(request: HttpRequest, slug: str) -> HttpResponse:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise ApiError(404, f"No event {slug!r}.")
    _require_event(request, event)
    data = _json_body(request)
    state = data.pop("state", "published")
    if state not in STATES:
        raise ApiError(400, "'state' must be published, draft or submitted.")
    media = _media(data.pop("media", []))
    form = PostForm({key: value for key, value in data.items() if key not in {"idempotency_key", "scheduled_for"}})
    if not form.is_valid():
        raise _invalid(form)
    key = request.headers.get("Idempotency-Key", "")[:64]
    replay = Post.objects.filter(author=request.user, idempotency_key=key).first() if key else None
    if replay is not None:
        return JsonResponse(post_json(replay), status=200, headers={"Idempotent-Replayed": "true"})
    fields = form.post_fields()
    if "byline_name" not in data:
        fields.pop("byline_name")  # the services default it to the user's name
    if STATES[state] is None:
        post = services.post_publish(event=event, author=request.user, media=media, idempotency_key=key, **fields)
    else:
        post = services.post_save_unpublished(
            event=event, author=request.user, state=STATES[state], media=media, idempotency_key=key, **fields
        )
    return JsonResponse(post_json(post), status=201, headers={"Location": f"/api/newsroom/posts/{post.pk}"})


@api_view
@require_http_methods(["GET", "PATCH", "DELETE"])
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post_for(request, pk)
    if request.method == "GET":
        return JsonResponse(post_json(post))
    if request.method == "DELETE":
        services.post_delete(post=post, by=request.user)
        return HttpResponse(status=204)
    if not can_change_post(request.user, post):
        raise PermissionDenied("Only editors change other people's posts.")
    data = _json_body(request)
    # A partial update: what is not sent stays as it is.
    current = {
        "title": post.title, "body": post.body_html, "byline_name": post.byline_name, "byline_role": post.byline_role,
        "quote_text": post.quote_text, "quote_attribution": post.quote_attribution, "is_key_event": post.is_key_event,
        "correction_note": post.correction_note, "version": post.version,
    }  # fmt: skip
    unknown = set(data) - set(current)
    if unknown:
        raise ApiError(400, f"Unknown fields: {', '.join(sorted(unknown))}.")
    form = PostEditForm(current | data)
    if not form.is_valid():
        raise _invalid(form)
    fields = form.post_fields()
    fields.pop("published_at", None)
    post = services.post_edit(post=post, by=request.user, expected_version=fields.pop("version"), **fields)
    return JsonResponse(post_json(post))
