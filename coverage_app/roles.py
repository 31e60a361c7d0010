"""The newsroom's roles and what each may do; the data migration, the demo and tests apply them."""

from __future__ import annotations

from typing import Any

from django.apps.registry import Apps

from coverage_app.models import Post

JOURNALISTS = "Journalists"
EDITORS = "Editors"

JOURNALIST_PERMISSIONS = (
    "view_event", "view_post", "add_post", "change_post", "delete_post",
    "view_media", "add_media", "change_media", "delete_media",
)  # fmt: skip
EDITOR_PERMISSIONS = (
    *JOURNALIST_PERMISSIONS,
    "add_event", "change_event", "change_coverage_state", "pin_post", "change_any_post", "view_coveragestate",
)  # fmt: skip
ROLE_PERMISSIONS = {JOURNALISTS: JOURNALIST_PERMISSIONS, EDITORS: EDITOR_PERMISSIONS}


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


def can_change_post(user: Any, post: Post) -> bool:
    """Journalists edit and delete their own posts; editors anyone's."""
    if user.has_perm("coverage_app.change_any_post"):
        return True
    return user.has_perm("coverage_app.change_post") and post.author_id == user.pk
