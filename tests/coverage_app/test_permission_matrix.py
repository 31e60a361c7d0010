"""Who may do what, checked in the services themselves (the views, the API and the admin sit on top)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from coverage_app import services
from coverage_app.models import Post
from coverage_app.roles import CONTRIBUTORS, EDITORS, JOURNALISTS
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROLES = ("reader", "contributor", "journalist", "editor", "superuser")


@pytest.fixture
def people(roles):
    people = {
        "reader": make_user("reader"),  # signed in, no newsroom role
        "contributor": make_user("contributor", CONTRIBUTORS),
        "journalist": make_user("journalist", JOURNALISTS),
        "editor": make_user("editor", EDITORS),
        "superuser": get_user_model().objects.create_superuser("root", password="x"),
    }
    people["colleague"] = make_user("colleague", JOURNALISTS)
    return people


def others_post(event, people):
    return services.post_publish(event=event, author=people["colleague"], title="Colleague's", body="x")


ACTIONS = {
    "publish": lambda e, p, u: services.post_publish(event=e, author=u, title="x", body="x"),
    "submit for review": lambda e, p, u: services.post_save_unpublished(
        event=e, author=u, state=Post.State.SUBMITTED, body="x"
    ),
    "edit another's post": lambda e, p, u: services.post_edit(post=others_post(e, p), by=u, title="changed"),
    "delete another's post": lambda e, p, u: services.post_delete(post=others_post(e, p), by=u),
    "pin": lambda e, p, u: services.post_pin(post=others_post(e, p), by=u),
    "pause coverage": lambda e, p, u: services.coverage_pause(event=e, by=u),
    "edit key points": lambda e, p, u: services.event_edit(event=e, by=u, title=e.title, standfirst="", key_points="x"),
    "create an event": lambda e, p, u: services.event_create(slug=f"new-{u.username}", title="x", by=u),
}
ALLOWED = {
    "publish": {"journalist", "editor", "superuser"},
    "submit for review": {"contributor", "journalist", "editor", "superuser"},
    "edit another's post": {"editor", "superuser"},
    "delete another's post": {"editor", "superuser"},
    "pin": {"editor", "superuser"},
    "pause coverage": {"editor", "superuser"},
    "edit key points": {"editor", "superuser"},
    "create an event": {"editor", "superuser"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_permission_matrix(live_event, people, role, action):
    act = ACTIONS[action]
    if role in ALLOWED[action]:
        act(live_event, people, people[role])
    else:
        with pytest.raises(PermissionDenied):
            act(live_event, people, people[role])
