"""The newsroom API's own typed schemas (Pydantic), and the OpenAPI document built from them.

The API validates JSON here, not with the newsroom's HTML forms: a form coerces whatever it is given
to text (`"title": {"a": 1}` became the title "{'a': 1}"), where a script deserves a 400 that names
the field. Every model is strict (no number where text belongs, no 1 for true) and forbids unknown
fields, so a typo is an error rather than a silently ignored setting.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic.json_schema import models_json_schema

from coverage_app import embeds, richtext, services
from coverage_app.lifecycle import Action

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,64}")  # printable ASCII, no spaces: what a header carries intact

STRICT = ConfigDict(strict=True, extra="forbid")


def _storable(value: str) -> str:
    # Postgres text cannot hold NUL, and a lone surrogate (from a "\ud800" escape) cannot be encoded:
    # both would fail at the database with a 500.
    if "\x00" in value:
        raise ValueError("Must not contain a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("Contains a character that is not valid Unicode (a lone surrogate).") from error
    return value


def Text(max_length: int, **schema: Any) -> Any:
    return Annotated[str, Field(max_length=max_length, **schema), AfterValidator(_storable)]


def _parse_datetime(value: Any) -> Any:
    # Strict models would refuse a JSON string for a datetime, and lax ones would take 1700000000 as
    # a date: parse the ISO 8601 text here and nothing else.
    if not isinstance(value, str):
        raise ValueError("Must be an ISO 8601 date and time as text, e.g. 2026-11-28T14:05:00+00:00.")
    if len(value) > 40:
        raise ValueError("Too long for a date and time.")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise ValueError("Must be an ISO 8601 date and time, e.g. 2026-11-28T14:05:00+00:00.") from error
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("Needs a time zone offset, e.g. 2026-11-28T14:05:00+00:00 or …Z.")
    return parsed


def _in_range(value: datetime) -> datetime:
    # Compare before converting: 9999-12-31T23:59:59-14:00 cannot be converted to UTC at all.
    # services.EARLIEST..LATEST is the one sane span for every door: Postgres stores a year-9999 time
    # that Python cannot read back (9999-12-31T23:59:59-14:00 is year 10000 in UTC).
    if not services.EARLIEST <= value <= services.LATEST:
        raise ValueError(f"Must be between {services.EARLIEST.year} and {services.LATEST.year - 1}.")
    return value.astimezone(UTC)


DateTime = Annotated[datetime, BeforeValidator(_parse_datetime), AfterValidator(_in_range)]


def _url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError as error:
            raise ValueError("Must be an http(s) address.") from error
    return value


Url = Annotated[str, Field(max_length=500), AfterValidator(_storable), AfterValidator(_url)]


class VideoIn(BaseModel):
    model_config = STRICT
    kind: Literal["video"]
    url: Url = Field(description="A YouTube or Vimeo address (https).")
    caption: Text(300) = ""

    @field_validator("url")
    @classmethod
    def _embeddable(cls, value: str) -> str:
        if not embeds.video_embed_url(value):
            raise ValueError("Use a YouTube or Vimeo address (https://).")
        return value


class MapIn(BaseModel):
    model_config = STRICT
    kind: Literal["map"]
    url: Url = Field(description="An OpenStreetMap or Google Maps embed address.")
    alt_text: Text(300) = ""
    caption: Text(300) = ""

    @field_validator("url")
    @classmethod
    def _embeddable(cls, value: str) -> str:
        if not embeds.map_embed_url(value):
            raise ValueError("Use an OpenStreetMap or Google Maps embed address.")
        return value


class SocialIn(BaseModel):
    model_config = STRICT
    kind: Literal["social"]
    social_author: Text(120, min_length=1)
    social_text: Text(3000, min_length=1)
    social_handle: Text(120) = ""
    url: Url = ""

    @field_validator("social_author", "social_text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("A social media post needs who posted it and what they said.")
        return value


MediaIn = Annotated[VideoIn | MapIn | SocialIn, Field(discriminator="kind")]


def _body_with_text(value: str) -> str:
    if richtext.is_empty(richtext.clean(value)):
        raise ValueError("Write something: the post has no text readers would see.")
    return value


# Documented as "contains something that is not a space or a control character" (JSON Schema
# patterns are unanchored); the validator above is the exact rule.
VISIBLE_TEXT = r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]"
Body = Annotated[
    Text(20000, min_length=1), AfterValidator(_body_with_text), Field(json_schema_extra={"pattern": VISIBLE_TEXT})
]


class FieldError(ValueError):
    """A rule across fields, reported on the field that has to change."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PostCreate(BaseModel):
    """A new post. Only `body` is required."""

    model_config = STRICT

    title: Text(200) = ""
    body: Body = Field(description="Rich text or plain text; it is cleaned like any other post.")
    byline_name: Text(120) | None = Field(None, description="Default: the token's user's name.")
    byline_role: Text(120) = ""
    quote_text: Text(2000) = ""
    quote_attribution: Text(200) = ""
    is_key_event: bool = False
    state: Literal["published", "draft", "submitted", "scheduled"] = "published"
    published_at: DateTime | None = Field(None, description="When it happened (a backdate): not in the future.")
    scheduled_for: DateTime | None = Field(None, description="With state scheduled: when it goes out (future).")
    media: list[MediaIn] = Field(default_factory=list, max_length=12)

    @field_validator("published_at")
    @classmethod
    def _not_in_future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value > timezone.now() + services.CLOCK_SKEW:
            raise ValueError("Is when it happened, so it cannot be in the future.")
        return value

    @field_validator("scheduled_for")
    @classmethod
    def _in_future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value <= timezone.now():
            raise ValueError("Must be in the future.")
        return value

    @model_validator(mode="after")
    def _rules_across_fields(self) -> PostCreate:
        if self.quote_attribution and not self.quote_text:
            raise FieldError("quote_text", "Add the quote, or clear quote_attribution.")
        if self.state == "scheduled" and self.scheduled_for is None:
            raise FieldError("scheduled_for", "A scheduled post needs the time it goes out.")
        if self.state != "scheduled" and self.scheduled_for is not None:
            raise FieldError("scheduled_for", 'Only a post with "state": "scheduled" has a schedule time.')
        return self


class PostPatch(BaseModel):
    """A partial edit: what is not sent stays as it is (so no field takes null)."""

    model_config = STRICT

    title: Text(200) = None
    body: Body = None
    byline_name: Text(120) = None
    byline_role: Text(120) = None
    quote_text: Text(2000) = None
    quote_attribution: Text(200) = None
    is_key_event: bool = None
    correction_note: Text(1000) = None
    version: int = Field(None, ge=1, le=2**31 - 1, description="The version you read: a later save is a 409.")


class SendBackIn(BaseModel):
    model_config = STRICT
    note: Text(1000, min_length=1) = Field(description="What needs changing; the contributor sees it.")

    @field_validator("note")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Say what needs changing: the contributor sees your note.")
        return value


class ScheduleIn(BaseModel):
    model_config = STRICT
    scheduled_for: DateTime = Field(description="When it goes out: in the future.")

    @field_validator("scheduled_for")
    @classmethod
    def _in_future(cls, value: datetime) -> datetime:
        if value <= timezone.now():
            raise ValueError("Must be in the future.")
        return value


class NoBody(BaseModel):
    """Nothing to send (an empty body or {} is fine)."""

    model_config = STRICT


# The moves of the post-life table that the API offers as `POST /api/newsroom/posts/{id}/<action>`,
# with what each needs; "edit" is PATCH and "delete" is DELETE on the post itself.
ACTION_BODIES: dict[Action, type[BaseModel]] = {
    Action.PUBLISH: NoBody,
    Action.SUBMIT: NoBody,
    Action.SCHEDULE: ScheduleIn,
    Action.UNSCHEDULE: NoBody,
    Action.SEND_BACK: SendBackIn,
    Action.PIN: NoBody,
    Action.UNPIN: NoBody,
}
ACTION_SUMMARIES = {
    Action.PUBLISH: "Publish a draft or a scheduled post, or approve a submission",
    Action.SUBMIT: "Submit a draft (or a sent-back post) for review",
    Action.SCHEDULE: "Schedule a post (an embargo), or approve a submission for later",
    Action.UNSCHEDULE: "Take a scheduled post back to a draft",
    Action.SEND_BACK: "Send a submission back to its contributor with a note",
    Action.PIN: "Pin a published post above the stream",
    Action.UNPIN: "Unpin a post",
}


class PostOut(BaseModel):
    id: int
    event: str
    state: Literal["published", "draft", "submitted", "scheduled", "returned"]
    title: str
    body: str
    byline_name: str
    byline_role: str
    quote_text: str
    quote_attribution: str
    is_key_event: bool
    is_pinned: bool
    correction_note: str
    review_note: str
    published_at: datetime | None
    scheduled_for: datetime | None
    edited_at: datetime | None
    version: int
    seq: int
    url: str
    allowed_actions: list[Action] = Field(
        description="What the token's user may do to this post now, from the table the services obey: "
        "edit is PATCH, delete is DELETE, any other is POST /api/newsroom/posts/{id}/<action>."
    )


class Error(BaseModel):
    error: str
    fields: dict[str, list[str]] | None = None


# ---- OpenAPI ---------------------------------------------------------------------------------------

MODELS = (PostCreate, PostPatch, SendBackIn, ScheduleIn, PostOut, Error)
JSON = "application/json"
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}}
POST_ID = {
    "name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
}  # fmt: skip
KEY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A retried request with the same key posts once. Up to 64 printable ASCII characters.",
    "schema": {"type": "string", "pattern": r"^[\x21-\x7e]{1,64}$", "maxLength": 64},
}
ERRORS = {
    400: "Not JSON, not an object, or a field is not valid (`fields` names it).",
    401: "No token, or not a valid one.",
    403: "Your role may not do this.",
    404: "No such event or post (or one you may not see).",
    405: "Method not allowed.",
    409: "The post changed since the version you sent, or coverage is paused or ended.",
    413: "The body is over 256 KB.",
    415: "Not Content-Type: application/json.",
    422: "Refused for an editorial reason, or an Idempotency-Key used for a different request.",
    503: "The database is not answering; nothing was saved.",
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answers(*codes: int, ok: dict[int, dict[str, Any]]) -> dict[str, Any]:
    answers = {str(code): answer for code, answer in ok.items()}
    for code in (401, 404, 405, 503, *codes):
        answers[str(code)] = {"description": ERRORS[code], "content": {JSON: {"schema": _ref("Error")}}}
    return answers


def _post(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    answer = {"description": description, "content": {JSON: {"schema": _ref("PostOut")}}}
    return answer | ({"headers": headers} if headers else {})


# What the document shows as a request body (and the tests send as the documented example).
BODY_EXAMPLES = {"PostCreate": {"title": "Bridge closed", "body": "<p>The river has burst its banks.</p>"}}


def _body(name: str) -> dict[str, Any]:
    media = {"schema": _ref(name)} | ({"example": BODY_EXAMPLES[name]} if name in BODY_EXAMPLES else {})
    return {"required": True, "content": {JSON: media}}


def _action(action: Action) -> dict[str, Any]:
    body = ACTION_BODIES[action]
    operation = {
        "summary": ACTION_SUMMARIES[action],
        "operationId": "".join(word.capitalize() for word in f"{action.value}_post".split("_")),
        "parameters": [POST_ID],
        "responses": _answers(400, 403, 409, 413, 415, 422, ok={200: _post("The post now.")}),
    }
    return operation | ({"requestBody": _body(body.__name__)} if body is not NoBody else {})


@cache
def openapi_document() -> dict[str, Any]:
    _, definitions = models_json_schema(
        [(model, "validation") for model in MODELS], ref_template="#/components/schemas/{model}"
    )
    string = {"schema": {"type": "string"}}
    created = _post("Created.", {"Location": string | {"description": "The new post's API address."}})
    replayed = _post(
        "A retry of an earlier request with the same Idempotency-Key: that request's post.",
        {"Idempotent-Replayed": {"schema": {"type": "string", "enum": ["true"]}}},
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "The Ledger newsroom API",
            "version": "1",
            "description": "For scripts, wire feeds and chat bots; see docs/api.md.",
        },
        "servers": [{"url": "/"}],
        "security": [{"token": []}],
        "components": {
            "schemas": definitions["$defs"],
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "description": "An API token (lb_…)."}},
        },
        "paths": {
            "/api/newsroom/events/{slug}/posts": {
                "post": {
                    "summary": "Publish, save, submit or schedule a post",
                    "operationId": "createPost",
                    "parameters": [SLUG, KEY_HEADER],
                    "requestBody": _body("PostCreate"),
                    "responses": _answers(400, 403, 409, 413, 415, 422, ok={201: created, 200: replayed}),
                },
            },
            "/api/newsroom/posts/{id}": {
                "get": {
                    "summary": "Read a post",
                    "operationId": "getPost",
                    "parameters": [POST_ID],
                    "responses": _answers(ok={200: _post("The post.")}),
                },
                "patch": {
                    "summary": "Edit a post",
                    "operationId": "editPost",
                    "parameters": [POST_ID],
                    "requestBody": _body("PostPatch"),
                    "responses": _answers(400, 403, 409, 413, 415, 422, ok={200: _post("The edited post.")}),
                },
                "delete": {
                    "summary": "Delete a post",
                    "operationId": "deletePost",
                    "parameters": [POST_ID],
                    "responses": _answers(403, 409, 422, ok={204: {"description": "Deleted."}}),
                },
            },
            **{f"/api/newsroom/posts/{{id}}/{action.value}": {"post": _action(action)} for action in ACTION_BODIES},
        },
    }
