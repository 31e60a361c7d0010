"""What the desk may offer on a post: the buttons are the actions the services would accept."""

from __future__ import annotations

from typing import Any

from django import template

from coverage_app.models import Post
from coverage_app.roles import can_change_post, can_delete_post

register = template.Library()


@register.filter
def actions_for(post: Post, user: Any) -> set[str]:
    """`{% with actions=post|actions_for:user %}`: the action names this user may take on this post."""
    actions: set[str] = set()
    if can_change_post(user, post):
        actions.add("edit")
    if can_delete_post(user, post):
        actions.add("delete" if post.state == Post.State.PUBLISHED else "withdraw")
    if post.state == Post.State.PUBLISHED:
        if user.has_perm("coverage_app.pin_post"):
            actions.add("unpin" if post.is_pinned else "pin")
        return actions
    own = post.author_id == user.pk
    if user.has_perm("coverage_app.publish_post") and (own or user.has_perm("coverage_app.change_any_post")):
        actions.add("approve" if post.state == Post.State.SUBMITTED and not own else "publish")
    if post.state == Post.State.SUBMITTED and user.has_perm("coverage_app.change_any_post"):
        actions.add("send_back")
    if post.state in {Post.State.DRAFT, Post.State.RETURNED} and own and not user.has_perm("coverage_app.publish_post"):
        actions.add("submit")
    return actions
