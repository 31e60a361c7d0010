from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from coverage_app import services
from coverage_app.models import Change, Post, Profile
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for(client, editor):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    return client


def test_a_post_added_in_the_admin_goes_through_the_service(admin_client_for, live_event):
    response = admin_client_for.post(
        "/admin/coverage_app/post/add/",
        {
            "event": live_event.pk, "title": "From the admin", "body": "<p>Hello<script>x</script></p>",
            "byline_name": "Desk", "byline_role": "", "media-TOTAL_FORMS": "0", "media-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get()
    assert post.body_html == "<p>Hello</p>"
    assert post.seq == 1
    assert Change.objects.get(event=live_event).kind == "post.created"


def test_a_post_cannot_be_added_in_the_admin_while_paused(admin_client_for, live_event, editor):
    services.coverage_pause(event=live_event, by=editor)
    response = admin_client_for.post(
        "/admin/coverage_app/post/add/",
        {"event": live_event.pk, "title": "x", "body": "x", "media-TOTAL_FORMS": "0", "media-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "resume it before publishing" in response.content.decode()
    assert not Post.objects.exists()


def test_deleting_in_the_admin_is_soft_and_sequenced(admin_client_for, live_event, editor):
    post = services.post_publish(event=live_event, author=editor, title="x", body="x")
    response = admin_client_for.post(f"/admin/coverage_app/post/{post.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.deleted_at is not None
    assert Change.objects.filter(event=live_event).latest("seq").kind == "post.deleted"


def test_the_coverage_history_is_read_only_in_the_admin(admin_client_for, live_event):
    state = live_event.states.get()
    assert admin_client_for.get("/admin/coverage_app/coveragestate/add/").status_code == 403
    response = admin_client_for.post(f"/admin/coverage_app/coveragestate/{state.pk}/change/", {"message": "rewritten"})
    state.refresh_from_db()
    assert response.status_code == 403
    assert state.message == ""


def test_the_admin_pause_action_goes_through_the_service(admin_client_for, live_event):
    admin_client_for.post(
        "/admin/coverage_app/event/", {"action": "pause_coverage", "_selected_action": [live_event.pk]}
    )
    live_event.refresh_from_db()
    assert live_event.status == "paused"
    assert Change.objects.get(event=live_event).kind == "coverage.state"


def test_the_admin_pages_open(admin_client_for, live_event, editor):
    post = services.post_publish(event=live_event, author=editor, title="x", body="x")
    for path in (
        "/admin/coverage_app/event/", "/admin/coverage_app/event/add/", f"/admin/coverage_app/event/{live_event.pk}/change/",
        "/admin/coverage_app/post/", "/admin/coverage_app/post/add/", f"/admin/coverage_app/post/{post.pk}/change/",
        f"/admin/coverage_app/post/{post.pk}/delete/", "/admin/coverage_app/coveragestate/",
    ):  # fmt: skip
        assert admin_client_for.get(path).status_code == 200, path


def test_an_event_created_in_the_admin_starts_live_with_its_history(admin_client_for):
    from coverage_app.models import Event

    response = admin_client_for.post(
        "/admin/coverage_app/event/add/",
        {"title": "Election night", "slug": "election-night", "standfirst": "Results as they come in",
         "starts_at_0": "2026-11-28", "starts_at_1": "20:00:00", "language": "ar",
         "states-TOTAL_FORMS": "0", "states-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="election-night")
    assert event.language == "ar"  # the admin sets the language readers read it in
    assert (event.status, event.seq, event.states.get().status) == ("live", 0, "live")


def _admin_post_form(post, **overrides):
    return {
        "title": post.title, "body": post.body_html, "byline_name": post.byline_name,
        "byline_role": post.byline_role, "media-TOTAL_FORMS": "0", "media-INITIAL_FORMS": "0", **overrides,
    }  # fmt: skip


def test_saving_a_post_unchanged_in_the_admin_takes_no_seq_and_sends_nothing(admin_client_for, live_event, editor):
    post = services.post_publish(event=live_event, author=editor, title="Kick-off", body="<p>Under way</p>")
    response = admin_client_for.post(f"/admin/coverage_app/post/{post.pk}/change/", _admin_post_form(post))
    assert response.status_code == 302, response.content.decode()[:2000]
    live_event.refresh_from_db()
    fresh = Post.objects.get(pk=post.pk)
    assert (live_event.seq, fresh.seq, fresh.version) == (post.seq, post.seq, post.version)
    assert list(Change.objects.filter(event=live_event).values_list("kind", flat=True)) == ["post.created"]
    assert not fresh.revisions.exists()


def test_a_changed_save_in_the_admin_still_goes_out(admin_client_for, live_event, editor):
    post = services.post_publish(event=live_event, author=editor, title="Kick-off", body="<p>Under way</p>")
    response = admin_client_for.post(
        f"/admin/coverage_app/post/{post.pk}/change/", _admin_post_form(post, title="Kick-off delayed")
    )
    assert response.status_code == 302
    assert Change.objects.filter(event=live_event).latest("seq").kind == "post.updated"


# An editor whose newsroom speaks German gets the admin in German: Django's own words from Django's
# catalogue, and ours (models, fields, actions, columns) from ours.
@pytest.fixture
def german_admin(admin_client_for, editor):
    Profile.objects.update_or_create(user=editor, defaults={"language": "de"})
    return admin_client_for


def test_the_admin_index_names_our_models_in_the_editors_language(german_admin):
    page = german_admin.get("/admin/").content.decode()
    # The app, and the models an editor may open.
    for german in (">Berichterstattung<", ">Ereignisse<", ">Beiträge<", ">Medien<", ">Verlauf der Berichterstattung<"):
        assert german in page
    assert ">Events<" not in page
    assert ">Posts<" not in page
    assert "Coverage_App" not in page


def test_an_events_change_page_labels_its_fields_in_the_editors_language(german_admin, live_event):
    page = german_admin.get(f"/admin/coverage_app/event/{live_event.pk}/change/").content.decode()
    for label in (
        "Schlagzeile",
        "Vorspann",
        "Zeitzone",
        "Beschreibung des Aufmacherbilds",
        "Verlauf der Berichterstattung",
    ):
        assert label in page
    assert "Lead image description" not in page
    assert "Standfirst:" not in page


def test_the_post_list_says_its_columns_filters_and_actions_in_the_editors_language(german_admin, live_event, editor):
    services.post_publish(event=live_event, author=editor, title="Kick-off", body="x")
    page = german_admin.get("/admin/coverage_app/post/").content.decode()
    for german in ("Name in der Autorenzeile", "Veröffentlicht um", "Nach angeheftet", "Ausgewählte Beiträge löschen"):
        assert german in page
    assert "Byline name" not in page
    assert "Delete selected posts" not in page


def test_the_admins_trail_shows_verbs_and_details_in_the_editors_language(german_admin, live_event, editor):
    editor.is_superuser = True  # the trail is an administrator's page
    editor.save()
    post = services.post_publish(event=live_event, author=editor, title="Kick-off", body="x")
    services.post_edit(post=post, by=editor, title="Kick-off at 3", body="y")
    page = german_admin.get("/admin/coverage_app/auditentry/").content.decode()
    assert ">hat bearbeitet<" in page  # the stored verb "edited", in its list and in its filter
    assert ">Titel, Text<" in page  # the changed fields, by their German names
    assert "title, body_html" not in page
    assert "Protokoll der Redaktion" in page


class _FormValues(HTMLParser):
    """The values a browser would send back for the change form, as the page shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "file", "checkbox"}:
            self.values[name] = attributes.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select] = attributes.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\n") if not self.values[self._textarea] else data


def _change_form(client, event) -> dict[str, str]:
    page = client.get(f"/admin/coverage_app/event/{event.pk}/change/")
    assert page.status_code == 200
    parser = _FormValues()
    parser.feed(page.content.decode())
    return {name: value for name, value in parser.values.items() if name != "csrfmiddlewaretoken"}


@pytest.mark.parametrize("zone", ["America/St_Johns", "Pacific/Chatham"])
def test_saving_an_event_unchanged_in_the_admin_keeps_its_start_and_sends_nothing(admin_client_for, zone):
    from coverage_app.models import Event

    event = make_event(time_zone=zone, starts_at=datetime(2026, 11, 28, 18, 30, tzinfo=UTC))
    form = _change_form(admin_client_for, event)
    assert zone in admin_client_for.get(f"/admin/coverage_app/event/{event.pk}/change/").content.decode()
    response = admin_client_for.post(f"/admin/coverage_app/event/{event.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = Event.objects.get(pk=event.pk)
    assert (fresh.starts_at, fresh.seq) == (event.starts_at, event.seq)
    assert not Change.objects.filter(event=event).exists()


@pytest.mark.parametrize("zone", ["America/St_Johns", "Pacific/Chatham"])
def test_changing_only_the_language_in_the_admin_keeps_the_start(admin_client_for, zone):
    from coverage_app.models import Event

    event = make_event(time_zone=zone, starts_at=datetime(2026, 11, 28, 18, 30, tzinfo=UTC))
    form = _change_form(admin_client_for, event) | {"language": "ar"}
    response = admin_client_for.post(f"/admin/coverage_app/event/{event.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = Event.objects.get(pk=event.pk)
    assert (fresh.language, fresh.starts_at) == ("ar", event.starts_at)
    assert Change.objects.get(event=event).kind == "reset"


def test_an_event_start_typed_in_the_admin_is_read_in_its_zone(admin_client_for):
    from coverage_app.models import Event

    event = make_event(time_zone="America/St_Johns", starts_at=datetime(2026, 11, 28, 18, 30, tzinfo=UTC))
    form = _change_form(admin_client_for, event)
    assert (form["starts_at_0"], form["starts_at_1"]) == ("2026-11-28", "15:00:00")  # 18:30 UTC is 15:00 at -3:30
    form |= {"starts_at_1": "16:00:00"}
    assert admin_client_for.post(f"/admin/coverage_app/event/{event.pk}/change/", form).status_code == 302
    assert Event.objects.get(pk=event.pk).starts_at == datetime(2026, 11, 28, 19, 30, tzinfo=UTC)


def test_a_new_events_start_in_the_admin_is_read_in_the_zone_chosen_beside_it(admin_client_for):
    from coverage_app.models import Event

    form = {
        "title": "Harbour storm", "slug": "harbour-storm", "standfirst": "", "time_zone": "America/St_Johns",
        "starts_at_0": "2026-11-28", "starts_at_1": "15:00:00", "language": "en",
        "states-TOTAL_FORMS": "0", "states-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert admin_client_for.post("/admin/coverage_app/event/add/", form).status_code == 302
    assert Event.objects.get(slug="harbour-storm").starts_at == datetime(2026, 11, 28, 18, 30, tzinfo=UTC)


def test_an_admin_start_the_clocks_repeat_is_refused_in_the_desks_words(admin_client_for):
    event = make_event(time_zone="Europe/London", starts_at=datetime(2026, 11, 28, 18, 30, tzinfo=UTC))
    form = _change_form(admin_client_for, event) | {"starts_at_0": "2026-10-25", "starts_at_1": "01:30:00"}
    response = admin_client_for.post(f"/admin/coverage_app/event/{event.pk}/change/", form)
    assert response.status_code == 200
    assert "That time happens twice in this time zone (the clocks go back then)." in response.content.decode()
