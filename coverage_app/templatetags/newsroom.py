"""What the desk may offer on a post: the buttons are the actions the services would accept."""

from __future__ import annotations

from typing import Any

from django import template

from coverage_app.models import Post
from coverage_app.roles import allowed_actions

register = template.Library()


@register.filter
def actions_for(post: Post, user: Any) -> set[str]:
    """`{% with actions=post|actions_for:user %}`: the action names this user may take on this post,
    read from the post-life table the services enforce (`roles.allowed_actions`)."""
    return {str(action) for action in allowed_actions(user, post)}
