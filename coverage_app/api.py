"""The newsroom's JSON API, for scripts, wire feeds and chat bots (docs/api.md).

Token-authenticated, validated by the API's own typed schemas (api_schemas.py, which also make the
OpenAPI document), written through the same services as the newsroom. Every answer is JSON; a
refused request writes nothing; an unpublished post the token's user may not see answers exactly as
an id that never existed.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import BaseModel, ValidationError

from coverage_app import lifecycle, recorded, roles, selectors, services, tokens
from coverage_app.api_schemas import (
    ACTION_BODIES,
    IDEMPOTENCY_KEY,
    FieldError,
    PostCreate,
    PostOut,
    PostPatch,
    openapi_document,
)
from coverage_app.lifecycle import Action
from coverage_app.models import ApiToken, Event, Media, Post
from coverage_app.tokens import hash_token, issue_token  # noqa: F401 (their old home; tests import them here)

MAX_BODY_BYTES = 256 * 1024
# The deepest a valid body goes is {"media": [{…}]}; anything much deeper is not a post.
MAX_DEPTH = 8
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
MAX_ID = 2**63 - 1
# What a new post's "state" asks the post-life table for.
CREATE_ACTIONS = {
    "published": Action.PUBLISH,
    "draft": Action.SAVE_DRAFT,
    "submitted": Action.SUBMIT,
    "scheduled": Action.SCHEDULE,
}
MEDIA_KINDS = {"video": Media.Kind.VIDEO, "map": Media.Kind.MAP, "social": Media.Kind.SOCIAL}

DATABASE_DOWN = (
    "The database is not answering, so nothing was saved. Try again in a few seconds: a retry with the "
    "same Idempotency-Key never posts twice."
)


class ApiError(Exception):
    def __init__(self, status: int, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields


# ---- reading a request -----------------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; a proxy or a signature check may have read the first.
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ApiError(400, f"The key {key[:100]!r} appears twice in one object.", {key[:100]: ["Sent twice."]})
        data[key] = value
    return data


def _finite(text: str) -> float:
    number = float(text)
    if number != number or number in (float("inf"), float("-inf")):
        raise ApiError(400, f"The number {text[:40]} is too large for JSON.")
    return number


def _no_constants(name: str) -> Any:
    raise ApiError(400, f"{name} is not a JSON value.")


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _json_object(request: HttpRequest, *, optional: bool = False) -> dict[str, Any]:
    """The body as a JSON object; with `optional`, no body at all reads as {}."""
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    try:
        too_big = declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES
    except RequestDataTooBig:  # past Django's own bound, without a Content-Length that said so
        too_big = True
    if too_big:
        raise ApiError(413, "The request body is larger than 256 KB.")
    if optional and not request.body:
        return {}
    if request.content_type != "application/json":
        raise ApiError(415, "Send JSON (Content-Type: application/json).")
    try:
        data = json.loads(
            request.body or b"{}", object_pairs_hook=_no_duplicates, parse_float=_finite, parse_constant=_no_constants
        )
    except RecursionError as error:
        raise ApiError(400, "The body is nested too deeply.") from error
    except ValueError as error:  # includes a body that is not UTF-8
        raise ApiError(400, f"The body is not valid JSON: {error}.") from error
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    if _depth(data) > MAX_DEPTH:
        raise ApiError(400, "The body is nested too deeply.")
    return data


MESSAGES = {
    "string_type": "Must be text (a JSON string).",
    "bool_type": "Must be true or false.",
    "int_type": "Must be a whole number.",
    "list_type": "Must be a list.",
    "model_type": "Must be a JSON object.",
    "model_attributes_type": "Must be a JSON object.",
    "dict_type": "Must be a JSON object.",
    "missing": "This field is required.",
    "extra_forbidden": "Not a field of this request.",
    "union_tag_invalid": "Needs a 'kind' of video, map or social (pictures are uploaded in the newsroom).",
    "union_tag_not_found": "Needs a 'kind' of video, map or social (pictures are uploaded in the newsroom).",
    "string_too_short": "Must not be empty.",
}


def _message(item: dict[str, Any]) -> str:
    context = item.get("ctx") or {}
    if item["type"] in MESSAGES:
        return MESSAGES[item["type"]]
    if item["type"] == "value_error":
        return str(context["error"])
    if item["type"] == "literal_error":
        return f"Must be one of {context['expected']}."
    if item["type"] == "string_too_long":
        return f"Must be at most {context['max_length']} characters."
    if item["type"] == "too_long":
        return f"At most {context['max_length']} items."
    if item["type"] in {"greater_than_equal", "less_than_equal"}:
        return item["msg"] + "."
    return item["msg"]


def _field_name(item: dict[str, Any]) -> str:
    location = list(item["loc"])
    error = (item.get("ctx") or {}).get("error")
    if isinstance(error, FieldError):
        location.append(error.field)
    if item["type"] in {"union_tag_invalid", "union_tag_not_found"}:
        location.append("kind")
    name = ""
    for position, part in enumerate(location):
        if isinstance(part, int):
            name += f"[{part}]"
        elif position and isinstance(location[position - 1], int) and part in MEDIA_KINDS:
            continue  # the union's tag that pydantic puts in the path: media[0].video.url is media[0].url
        else:
            name += f".{part}" if name else str(part)
    return name[:100] or "body"


def _validated[M: BaseModel](model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        fields: dict[str, list[str]] = {}
        # At most a page of errors: a body of ten thousand unknown keys gets an answer of twenty.
        for item in error.errors(include_url=False, include_input=False)[:20]:
            fields.setdefault(_field_name(item), []).append(_message(item))
        names = ", ".join(list(fields)[:10])
        raise ApiError(400, f"Some fields are not valid ({names}); see 'fields'.", fields) from error


def _idempotency_key(request: HttpRequest) -> str:
    if "HTTP_IDEMPOTENCY_KEY" not in request.META:
        return ""
    key = request.META["HTTP_IDEMPOTENCY_KEY"]
    if not IDEMPOTENCY_KEY.fullmatch(key):
        # Never cut a long key: two stories sharing its first 64 characters would be one "retry".
        raise ApiError(
            400,
            "The Idempotency-Key must be 1 to 64 printable ASCII characters without spaces.",
            {"Idempotency-Key": ["1 to 64 printable ASCII characters."]},
        )
    return key


# ---- answers ---------------------------------------------------------------------------------------


def post_json(post: Post, user: Any) -> dict[str, Any]:
    published = post.state == Post.State.PUBLISHED
    return PostOut(
        id=post.pk,
        event=post.event.slug,
        state=post.state,
        title=post.title,
        body=post.body_html,
        byline_name=post.byline_name,
        byline_role=post.byline_role,
        quote_text=post.quote_text,
        quote_attribution=post.quote_attribution,
        is_key_event=post.is_key_event,
        is_pinned=post.is_pinned,
        correction_note=post.correction_note,
        review_note=post.review_note,
        published_at=post.published_at if published else None,
        scheduled_for=post.scheduled_for if post.state == Post.State.SCHEDULED else None,
        edited_at=post.edited_at,
        version=post.version,
        seq=post.seq,
        url=post.get_absolute_url(),
        # From the table the services obey, so an answer never offers a move they would refuse.
        allowed_actions=sorted(roles.allowed_actions(user, post)),
    ).model_dump(mode="json")


def _answer(post: Post, user: Any, status: int = 200, headers: dict[str, str] | None = None) -> JsonResponse:
    return JsonResponse(post_json(post, user), status=status, headers=headers)


def refusal_status(error: Exception) -> int:
    """The status of the API's answer to a refusal by the services (services.REFUSALS)."""
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, (services.EditConflict, services.CoverageClosed)):
        # The request was fine; the event's state refuses it (paused, ended) or the post moved on.
        return 409
    return 422


def _refused(token: ApiToken | None, status: int, reason: recorded.Said) -> JsonResponse:
    """A 401 or 403 for who or what the token is, kept on the token for whoever audits it."""
    # The answer matters more than its record: a database gone now still gets the refusal.
    with contextlib.suppress(DatabaseError):
        if token is not None:
            tokens.record_refusal(token, reason)
    return JsonResponse({"error": str(reason)}, status=status)


def api_view(*methods: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Token auth, JSON answers for every outcome, and no CSRF (no cookies are involved)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                # First: without a token, every address is a 401. Validity, expiry, scope (read-only
                # tokens may not write) and last use: coverage_app/tokens.py.
                request.user = tokens.authenticate_token(request)
                if request.method not in methods:
                    return JsonResponse(
                        {"error": f"Use {', '.join(methods)}."}, status=405, headers={"Allow": ", ".join(methods)}
                    )
                return view(request, *args, **kwargs)
            except ApiError as error:
                payload: dict[str, Any] = {"error": error.message}
                if error.fields:
                    payload["fields"] = error.fields
                return JsonResponse(payload, status=error.status)
            except tokens.TokenRefused as refusal:
                return _refused(refusal.token, refusal.status, refusal.reason)
            except ObjectDoesNotExist:
                # Deleted for good between our read and the service's (the service re-reads).
                return JsonResponse({"error": "No such post."}, status=404)
            except services.REFUSALS as error:
                status, message = refusal_status(error), str(error) or "You may not do that."
                if status == 403:  # the role table refused this user: a refusal of what the token may do
                    return _refused(getattr(request, "api_token", None), status, recorded.as_said(message))
                return JsonResponse({"error": message}, status=status)
            except DatabaseError:
                # The transaction rolled back: nothing was written and nothing was signalled.
                return JsonResponse({"error": DATABASE_DOWN}, status=503, headers={"Retry-After": "5"})

        return wrapper

    return decorate


def _event(slug: str) -> Event:
    event = Event.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if event is None:
        raise ApiError(404, f"No event {slug[:60]!r}.")
    return event


def _post_for(request: HttpRequest, pk: str) -> Post:
    """The post as the token's user may see it: another user's draft, scheduled post or submission is
    as unknown to them as an id that never existed (selectors.post_for_user holds the rule)."""
    post = None
    if pk.isascii() and pk.isdigit() and 0 < int(pk) <= MAX_ID:
        post = selectors.post_for_user(user=request.user, pk=int(pk))
    if post is None:
        raise ApiError(404, "No such post.")
    tokens.require_event(request, post.event_id)
    return post


# ---- operations ------------------------------------------------------------------------------------


def _media(items: list[Any]) -> list[Media]:
    media = []
    for item in items:
        fields = item.model_dump(exclude={"kind"})
        media.append(Media(kind=MEDIA_KINDS[item.kind], **{name: value.strip() for name, value in fields.items()}))
    return media


def _replay(request: HttpRequest, event: Event, key: str, state: Post.State) -> HttpResponse | None:
    """The answer to a retry: the earlier request's post, but only if it is what this request asks for."""
    earlier = selectors.post_for_idempotency_key(author=request.user, event=event, key=key)
    if earlier is None:
        return None
    if earlier.deleted_at is not None or earlier.state != state:
        now = "deleted" if earlier.deleted_at is not None else earlier.get_state_display().lower()
        raise ApiError(
            422,
            f"This Idempotency-Key was already used for post {earlier.pk}, which is {now}, not what this request "
            "asks for; nothing was changed. Use a new key for a new post, or act on that post itself.",
        )
    return _answer(earlier, request.user, headers={"Idempotent-Replayed": "true"})


@api_view("POST")
def posts_create(request: HttpRequest, slug: str) -> HttpResponse:
    key = _idempotency_key(request)
    event = _event(slug)
    tokens.require_event(request, event.pk)
    data = _validated(PostCreate, _json_object(request))
    action = CREATE_ACTIONS[data.state]
    if key and (replay := _replay(request, event, key, lifecycle.MOVES[lifecycle.NEW, action].to)):
        return replay
    fields = data.model_dump(
        include={"title", "body", "byline_name", "byline_role", "quote_text", "quote_attribution", "is_key_event"}
    )
    if fields["byline_name"] is None:
        fields.pop("byline_name")  # the services default it to the user's name
    post = services.post_create(
        event=event, author=request.user, action=action, media=_media(data.media), idempotency_key=key,
        published_at=data.published_at, scheduled_for=data.scheduled_for, **fields,
    )  # fmt: skip
    return _answer(post, request.user, status=201, headers={"Location": f"/api/newsroom/posts/{post.pk}"})


@api_view("GET", "PATCH", "DELETE")
def post_detail(request: HttpRequest, pk: str) -> HttpResponse:
    post = _post_for(request, pk)
    if request.method == "GET":
        return _answer(post, request.user)
    if request.method == "DELETE":
        services.post_delete(post=post, by=request.user)
        return HttpResponse(status=204)
    data = _validated(PostPatch, _json_object(request))
    changes = data.model_dump(include=data.model_fields_set)
    quote_text = changes.get("quote_text", post.quote_text)
    if changes.get("quote_attribution", post.quote_attribution) and not quote_text:
        raise ApiError(400, "Some fields are not valid (quote_text); see 'fields'.", {"quote_text": ["Add the quote."]})
    version = changes.pop("version", None)
    post = services.post_edit(post=post, by=request.user, expected_version=version, **changes)
    return _answer(post, request.user)


@api_view("POST")
def post_action(request: HttpRequest, pk: str, action: str) -> HttpResponse:
    """Any move of the post-life table but edit and delete: POST /api/newsroom/posts/<id>/<action>."""
    move = Action(action) if action in ACTION_BODIES else None
    if move is None:
        raise ApiError(404, f"No action {action[:30]!r}; the post's allowed_actions lists what you may do.")
    post = _post_for(request, pk)
    data = _validated(ACTION_BODIES[move], _json_object(request, optional=True))
    post = services.post_move(post_id=post.pk, action=move, by=request.user, **data.model_dump())
    return _answer(post, request.user)


def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 document of this API (no token needed: it holds no data)."""
    if request.method not in {"GET", "HEAD"}:
        return JsonResponse({"error": "Use GET."}, status=405, headers={"Allow": "GET, HEAD"})
    return JsonResponse(openapi_document())
