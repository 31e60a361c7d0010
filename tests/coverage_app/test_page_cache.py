"""The first page is one copy for every anonymous reader, and never anyone else's."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client

from coverage_app import services

pytestmark = pytest.mark.django_db


def publish(event, author, title):
    return services.post_publish(event=event, author=author, title=title, body="Text.")


def test_two_anonymous_readers_get_the_same_bytes_and_nothing_of_their_own(live_event, journalist):
    publish(live_event, journalist, "First")
    url = f"/live/{live_event.slug}/"
    # One reader arrives with a CSRF cookie from an earlier visit, the other with nothing.
    first = Client(headers={"cookie": "csrftoken=abcdefghijklmnopqrstuvwxyz012345"}).get(url)
    second = Client().get(url)
    assert first.content == second.content
    for response in (first, second):
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
        assert "nonce" not in response["Content-Security-Policy"]
        assert "public" in response["Cache-Control"]
    assert b"nonce" not in first.content
    assert b"csrfmiddlewaretoken" not in first.content


def test_a_new_change_makes_a_new_page(client, live_event, journalist):
    publish(live_event, journalist, "First")
    before = client.get(f"/live/{live_event.slug}/")
    publish(live_event, journalist, "Second")
    after = client.get(f"/live/{live_event.slug}/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "Second" in after.content.decode()


def test_a_signed_in_editor_never_gets_or_fills_the_public_copy(client, live_event, editor, journalist):
    publish(live_event, journalist, "First")
    url = f"/live/{live_event.slug}/"
    public = Client().get(url)
    client.force_login(editor)
    mine = client.get(url, headers={"If-None-Match": public["ETag"]})
    assert mine.status_code == 200  # not the public copy's 304
    assert mine["Cache-Control"] == "private, no-cache"
    assert "ETag" not in mine
    # Nor is the editor's copy stored for the public: after a change, the public page is rendered
    # for the public.
    publish(live_event, journalist, "Second")
    client.get(url)
    again = Client().get(url)
    assert "public" in again["Cache-Control"]
    assert again["ETag"] != public["ETag"]


def test_the_changes_api_is_revalidated_by_head_and_since(client, live_event, journalist):
    publish(live_event, journalist, "First")
    url = f"/api/live/{live_event.slug}/changes?since=0"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    publish(live_event, journalist, "Second")
    assert len(client.get(url, headers={"If-None-Match": first["ETag"]}).json()["frames"]) == 2


@pytest.mark.parametrize(
    "path", ["/", "/healthz", "/live/{slug}/", "/live/{slug}/feed/", "/api/live/{slug}/changes", "/newsroom/login/"]
)
def test_head_is_answered_on_get_routes(client, live_event, path):
    response = client.head(path.format(slug=live_event.slug))
    assert response.status_code == 200
    assert response.content == b""


def test_error_pages_are_the_sites_own(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "See all our live coverage" in response.content.decode()
    assert "Something went wrong on our side" in render_to_string("500.html")
