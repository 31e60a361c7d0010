"""What the desk may offer on a post: the buttons are the actions the services would accept."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import pgettext_lazy

from coverage_app.accounts.services import ROLE_NAMES
from coverage_app.models import Post
from coverage_app.roles import allowed_actions

register = template.Library()


@register.filter
def actions_for(post: Post, user: Any) -> set[str]:
    """`{% with actions=post|actions_for:user %}`: the action names this user may take on this post,
    read from the post-life table the services enforce (`roles.allowed_actions`)."""
    return {str(action) for action in allowed_actions(user, post)}


# The audit trails keep their verbs in English (stable for logs and searches); the desk and the
# People page show the known ones in the reader's own language. A verb not listed shows as stored.
AUDIT_VERBS = {
    "published": pgettext_lazy("audit", "published"),
    "saved (draft)": pgettext_lazy("audit", "saved a draft"),
    "saved (scheduled)": pgettext_lazy("audit", "saved (scheduled)"),
    "saved (submitted for review)": pgettext_lazy("audit", "saved (submitted for review)"),
    "submitted": pgettext_lazy("audit", "submitted"),
    "scheduled": pgettext_lazy("audit", "scheduled"),
    "unscheduled": pgettext_lazy("audit", "unscheduled"),
    "sent back": pgettext_lazy("audit", "sent back"),
    "withdrew draft": pgettext_lazy("audit", "withdrew a draft"),
    "deleted": pgettext_lazy("audit", "deleted"),
    "pinned": pgettext_lazy("audit", "pinned"),
    "unpinned": pgettext_lazy("audit", "unpinned"),
    "edited draft": pgettext_lazy("audit", "edited a draft"),
    "edited": pgettext_lazy("audit", "edited"),
    "coverage live": pgettext_lazy("audit", "resumed coverage"),
    "coverage paused": pgettext_lazy("audit", "paused coverage"),
    "coverage ended": pgettext_lazy("audit", "ended coverage"),
    "created the event": pgettext_lazy("audit", "created the event"),
    "edited the event": pgettext_lazy("audit", "edited the event"),
    "changed language or zone": pgettext_lazy("audit", "changed the language or time zone"),
    "invited": pgettext_lazy("audit", "invited"),
    "joined": pgettext_lazy("audit", "joined"),
    "withdrew invitation": pgettext_lazy("audit", "withdrew the invitation of"),
    "changed role": pgettext_lazy("audit", "changed the role of"),
    "signed out everywhere": pgettext_lazy("audit", "signed out everywhere"),
    "reactivated": pgettext_lazy("audit", "reactivated"),
    "deactivated": pgettext_lazy("audit", "deactivated"),
    "issued API token": pgettext_lazy("audit", "issued an API token for"),
    "revoked API token": pgettext_lazy("audit", "revoked an API token of"),
}


@register.filter
def audit_verb(action: str) -> str:
    return str(AUDIT_VERBS.get(action, action))


@register.filter
def role_name(group: str) -> str:
    """A role's group ("Editors") as one person's role, in the page's language ("Editor")."""
    return str(ROLE_NAMES.get(group, group))
