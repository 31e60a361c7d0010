"""A post's life as one table: for each (state, action), who may, whether coverage must be live,
the state it leads to and the frame readers get.

`services.post_move` and `services.post_create` are the only code that changes a post's state, and
they look every move up here; `allowed_actions` reads the same table for the desk, the edit page and
the API, so no door shows or accepts a move the table does not allow. Adding a state or an action
means editing this table and its tests (tests/coverage_app/test_post_life.py generate cases from it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coverage_app.models import Post


class Action(StrEnum):
    SAVE_DRAFT = "save_draft"  # a new post, kept on the desk
    SUBMIT = "submit"  # to the editors for review
    SCHEDULE = "schedule"  # out at a set time (an embargo)
    UNSCHEDULE = "unschedule"  # back to a draft
    PUBLISH = "publish"  # out to readers (for a submission: approve)
    SEND_BACK = "send_back"  # a submission back to its contributor with a note
    EDIT = "edit"
    DELETE = "delete"  # a published post leaves every page; an unpublished one is withdrawn
    PIN = "pin"
    UNPIN = "unpin"


# How a refusal names an action ("cannot be given “publish”").
ACTION_NAMES = {
    Action.SAVE_DRAFT: pgettext_lazy("post action", "save as draft"),
    Action.SUBMIT: pgettext_lazy("post action", "submit"),
    Action.SCHEDULE: pgettext_lazy("post action", "schedule"),
    Action.UNSCHEDULE: pgettext_lazy("post action", "unschedule"),
    Action.PUBLISH: pgettext_lazy("post action", "publish"),
    Action.SEND_BACK: pgettext_lazy("post action", "send back"),
    Action.EDIT: pgettext_lazy("post action", "edit"),
    Action.DELETE: pgettext_lazy("post action", "delete"),
    Action.PIN: pgettext_lazy("post action", "pin"),
    Action.UNPIN: pgettext_lazy("post action", "unpin"),
}

# A post that does not exist yet, and one that was deleted: pseudo-states of the table.
NEW = "new"
DELETED = "deleted"


@dataclass(frozen=True)
class Role:
    """Who may make a move, as a test of (user, post); `None` is the system (the scheduler)."""

    name: str
    test: Callable[[Any, Post], bool]

    def __call__(self, user: Any, post: Post) -> bool:
        return self.test(user, post)


def _may(user: Any, permission: str) -> bool:
    return user is not None and user.has_perm(f"coverage_app.{permission}")


def _is_author(user: Any, post: Post) -> bool:
    return user is not None and post.author_id == user.pk and _may(user, "add_post")


EDITOR = Role("editor", lambda user, post: _may(user, "change_any_post"))
AUTHOR = Role("author", _is_author)
PUBLISHING_AUTHOR = Role(
    "author who publishes", lambda user, post: _is_author(user, post) and _may(user, "publish_post")
)
DELETING_AUTHOR = Role("author who deletes", lambda user, post: _is_author(user, post) and _may(user, "delete_post"))
PINNER = Role("editor who pins", lambda user, post: _may(user, "pin_post"))
SCHEDULER = Role("the scheduler", lambda user, post: user is None)


@dataclass(frozen=True)
class Move:
    roles: frozenset[Role]
    to: Post.State | None = None  # the state it leads to; None keeps the state
    needs_live: bool = False  # refused while coverage is paused or ended
    frame: str | None = None  # what readers are sent (only a published post sends any)
    refusal: str = _("You may not do that to this post.")  # lazy: said in the language of whoever is refused

    def allows(self, user: Any, post: Post) -> bool:
        return any(role(user, post) for role in self.roles)


def _move(*roles: Role, **fields: Any) -> Move:
    return Move(roles=frozenset(roles), **fields)


S = Post.State
MAY_NOT_PUBLISH = _("You can submit posts for review, but an editor publishes them.")
ONLY_EDITORS_OTHERS = _("Only editors change other people's posts.")

MOVES: dict[tuple[str, Action], Move] = {
    # Writing a new post.
    (NEW, Action.SAVE_DRAFT): _move(AUTHOR, to=S.DRAFT, refusal=_("You cannot write posts on this desk.")),
    (NEW, Action.SUBMIT): _move(AUTHOR, to=S.SUBMITTED, refusal=_("You cannot write posts on this desk.")),
    (NEW, Action.SCHEDULE): _move(PUBLISHING_AUTHOR, to=S.SCHEDULED, refusal=_("Only journalists and editors schedule posts.")),
    (NEW, Action.PUBLISH): _move(PUBLISHING_AUTHOR, to=S.PUBLISHED, needs_live=True, frame="post.created", refusal=MAY_NOT_PUBLISH),
    # A draft.
    (S.DRAFT, Action.EDIT): _move(AUTHOR, EDITOR, refusal=ONLY_EDITORS_OTHERS),
    (S.DRAFT, Action.SUBMIT): _move(AUTHOR, to=S.SUBMITTED, refusal=_("Only its author submits a draft.")),
    (S.DRAFT, Action.SCHEDULE): _move(PUBLISHING_AUTHOR, EDITOR, to=S.SCHEDULED, refusal=_("Only journalists and editors schedule posts.")),
    (S.DRAFT, Action.PUBLISH): _move(PUBLISHING_AUTHOR, EDITOR, to=S.PUBLISHED, needs_live=True, frame="post.created", refusal=MAY_NOT_PUBLISH),
    (S.DRAFT, Action.DELETE): _move(AUTHOR, EDITOR, refusal=_("Only editors withdraw other people's drafts.")),
    # Scheduled (embargoed): the scheduler publishes it when its time comes.
    (S.SCHEDULED, Action.EDIT): _move(PUBLISHING_AUTHOR, EDITOR, refusal=ONLY_EDITORS_OTHERS),
    (S.SCHEDULED, Action.SCHEDULE): _move(PUBLISHING_AUTHOR, EDITOR, to=S.SCHEDULED, refusal=_("Only journalists and editors schedule posts.")),
    (S.SCHEDULED, Action.UNSCHEDULE): _move(PUBLISHING_AUTHOR, EDITOR, to=S.DRAFT, refusal=_("Only journalists and editors schedule posts.")),
    (S.SCHEDULED, Action.PUBLISH): _move(PUBLISHING_AUTHOR, EDITOR, SCHEDULER, to=S.PUBLISHED, needs_live=True, frame="post.created", refusal=MAY_NOT_PUBLISH),
    (S.SCHEDULED, Action.DELETE): _move(PUBLISHING_AUTHOR, EDITOR, refusal=_("Only editors withdraw other people's posts.")),
    # Submitted by a contributor: an editor approves (publishes), schedules or sends it back.
    (S.SUBMITTED, Action.EDIT): _move(AUTHOR, EDITOR, refusal=ONLY_EDITORS_OTHERS),
    (S.SUBMITTED, Action.PUBLISH): _move(EDITOR, to=S.PUBLISHED, needs_live=True, frame="post.created", refusal=_("Only editors approve submissions.")),
    (S.SUBMITTED, Action.SCHEDULE): _move(EDITOR, to=S.SCHEDULED, refusal=_("Only editors approve submissions.")),
    (S.SUBMITTED, Action.SEND_BACK): _move(EDITOR, to=S.RETURNED, refusal=_("Only editors review submissions.")),
    (S.SUBMITTED, Action.DELETE): _move(AUTHOR, EDITOR, refusal=_("Only editors withdraw other people's submissions.")),
    # Sent back: its contributor fixes and resubmits it.
    (S.RETURNED, Action.EDIT): _move(AUTHOR, EDITOR, refusal=ONLY_EDITORS_OTHERS),
    (S.RETURNED, Action.SUBMIT): _move(AUTHOR, to=S.SUBMITTED, refusal=_("Only its author resubmits a post.")),
    (S.RETURNED, Action.PUBLISH): _move(EDITOR, to=S.PUBLISHED, needs_live=True, frame="post.created", refusal=_("Only editors approve submissions.")),
    (S.RETURNED, Action.DELETE): _move(AUTHOR, EDITOR, refusal=_("Only editors withdraw other people's posts.")),
    # Published: corrections and deletions go out even while coverage is paused or ended.
    (S.PUBLISHED, Action.EDIT): _move(PUBLISHING_AUTHOR, EDITOR, frame="post.updated", refusal=ONLY_EDITORS_OTHERS),
    (S.PUBLISHED, Action.DELETE): _move(DELETING_AUTHOR, EDITOR, frame="post.deleted", refusal=_("Only editors delete other people's posts.")),
    (S.PUBLISHED, Action.PIN): _move(PINNER, frame="post.pinned", refusal=_("Only editors pin posts.")),
    (S.PUBLISHED, Action.UNPIN): _move(PINNER, frame="post.unpinned", refusal=_("Only editors unpin posts.")),
}  # fmt: skip


def state_of(post: Post) -> str:
    if post.pk is None:
        return NEW
    return DELETED if post.deleted_at is not None else post.state


def allowed_actions(user: Any, post: Post) -> set[Action]:
    """What `user` may do to `post` now, by the table (coverage being paused is checked on the move,
    so a Publish button stays and says why when pressed)."""
    state = state_of(post)
    actions = {
        action for (from_state, action), move in MOVES.items() if from_state == state and move.allows(user, post)
    }
    if post.is_pinned:
        actions.discard(Action.PIN)
    else:
        actions.discard(Action.UNPIN)
    return actions
