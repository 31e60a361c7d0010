"""The newsroom's roles and what each may do; the data migration, the demo and tests apply them."""

from __future__ import annotations

from typing import Any

from django.apps.registry import Apps
from django.core.exceptions import PermissionDenied

from coverage_app import lifecycle
from coverage_app.lifecycle import Action
from coverage_app.models import Post

CONTRIBUTORS = "Contributors"
JOURNALISTS = "Journalists"
EDITORS = "Editors"

# Stringers and freelancers: they write and submit; an editor publishes or sends back.
CONTRIBUTOR_PERMISSIONS = (
    "view_event", "view_post", "add_post", "change_post", "view_media", "add_media", "change_media",
)  # fmt: skip
JOURNALIST_PERMISSIONS = (*CONTRIBUTOR_PERMISSIONS, "delete_post", "delete_media", "publish_post")
EDITOR_PERMISSIONS = (
    *JOURNALIST_PERMISSIONS,
    "add_event", "change_event", "change_coverage_state", "pin_post", "change_any_post", "view_coveragestate",
)  # fmt: skip
ROLE_PERMISSIONS = {
    CONTRIBUTORS: CONTRIBUTOR_PERMISSIONS,
    JOURNALISTS: JOURNALIST_PERMISSIONS,
    EDITORS: EDITOR_PERMISSIONS,
}


def sync_roles(apps: Apps) -> None:
    """Create the groups with exactly their permissions. `apps` is a migration's or the live registry."""
    from django.contrib.auth.management import create_permissions

    # In a migration the permissions do not exist yet (post_migrate makes them later).
    app_config = apps.get_app_config("coverage_app")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # create_permissions skips apps without one
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(
            permission_model.objects.filter(content_type__app_label="coverage_app", codename__in=codenames)
        )


def allowed_actions(user: Any, post: Post) -> set[Action]:
    """What `user` may do to `post`, read from the post-life table the services enforce."""
    return lifecycle.allowed_actions(user, post)


def can_change_post(user: Any, post: Post) -> bool:
    return Action.EDIT in allowed_actions(user, post)


def can_delete_post(user: Any, post: Post) -> bool:
    return Action.DELETE in allowed_actions(user, post)


def require(user: Any, permission: str, message: str) -> None:
    """Refuse a write the user may not make; `None` is the system itself (commands, the scheduler)."""
    if user is not None and not user.has_perm(f"coverage_app.{permission}"):
        raise PermissionDenied(message)
