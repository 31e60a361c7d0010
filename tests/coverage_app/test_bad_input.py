"""Bad input from the desk and the admin gets a clear refusal and changes nothing: times out of
range or in the wrong zone, broken pictures, pictures carrying their source's metadata."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from coverage_app import services
from coverage_app.models import Event, Media, Post
from tests.factories import composer_post, make_event

pytestmark = pytest.mark.django_db

EDGE_TIMES = ("9999-12-31T23:59", "0001-01-01T00:00", "1899-12-31T23:59", "2100-06-01T00:00")


@pytest.fixture(autouse=True)
def _media_in_a_folder_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def desk(event: Event, suffix: str = "") -> str:
    return f"/newsroom/events/{event.slug}/{suffix}"


@pytest.mark.parametrize("when", EDGE_TIMES)
def test_times_out_of_range_are_refused_on_the_desk_and_nothing_is_written(client, editor, when):
    event = make_event(time_zone="Pacific/Kiritimati")  # +14:00, where year-9999 times overflow
    client.force_login(editor)
    seq = Event.objects.get(pk=event.pk).seq
    for fields in (
        composer_post(action="schedule", scheduled_for=when),
        composer_post(action="publish", published_at=when),
    ):
        response = client.post(desk(event, "posts/"), fields)
        assert response.status_code == 422
        assert "between 2000 and 2099" in response.content.decode()
    response = client.post(desk(event, "coverage/"), {"action": "pause", "message": "Back soon", "resumes_at": when})
    assert Event.objects.get(pk=event.pk).status == "live"
    response = client.post("/newsroom/events/new/", {"title": "Far future", "starts_at": when, "time_zone": "UTC"})
    assert response.status_code == 422
    assert not Post.objects.exists()
    assert Event.objects.get(pk=event.pk).seq == seq
    assert not Event.objects.filter(title="Far future").exists()
    for url in ("/", "/newsroom/", desk(event)):
        assert client.get(url).status_code == 200


def test_the_services_refuse_times_python_cannot_read_back(editor, journalist, live_event):
    overflowing = datetime(9999, 12, 31, 23, 59, 59, tzinfo=ZoneInfo("Etc/GMT+12"))
    with pytest.raises(services.CoverageError, match="between"):
        services.event_create(slug="far", title="Far", starts_at=overflowing, by=editor)
    with pytest.raises(services.CoverageError, match="between"):
        services.coverage_pause(event=live_event, by=editor, resumes_at=overflowing)
    with pytest.raises(services.CoverageError, match="between"):
        services.post_save_unpublished(
            event=live_event, author=journalist, state=Post.State.SCHEDULED, body="x", scheduled_for=overflowing
        )
    with pytest.raises(services.CoverageError, match="future"):
        services.post_publish(
            event=live_event, author=journalist, title="x", body="x", published_at=timezone.now() + timedelta(days=1)
        )
    with pytest.raises(services.CoverageError, match="time zone"):
        services.coverage_pause(event=live_event, by=editor, resumes_at=datetime(2030, 1, 1))  # noqa: DTZ001 - naive on purpose
    assert Event.objects.get(pk=live_event.pk).seq == 0


def test_times_typed_on_the_desk_are_read_in_the_events_zone(client, editor):
    event = make_event(time_zone="America/New_York")
    client.force_login(editor)
    tomorrow = timezone.now().astimezone(event.tz).date() + timedelta(days=1)
    client.post(desk(event, "posts/"), composer_post(action="schedule", scheduled_for=f"{tomorrow}T09:30"))
    scheduled = Post.objects.get().scheduled_for.astimezone(event.tz)
    assert (scheduled.hour, scheduled.minute) == (9, 30)
    client.post(desk(event, "coverage/"), {"action": "pause", "message": "", "resumes_at": f"{tomorrow}T07:00"})
    assert Event.objects.get(pk=event.pk).resumes_at.astimezone(event.tz).hour == 7


def test_a_new_events_start_is_read_in_the_zone_chosen_for_it(client, editor):
    client.force_login(editor)
    client.post(
        "/newsroom/events/new/", {"title": "Tokyo quake", "starts_at": "2026-03-01T08:00", "time_zone": "Asia/Tokyo"}
    )
    assert Event.objects.get(title="Tokyo quake").starts_at == datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    response = client.post(
        "/newsroom/events/new/", {"title": "Gap", "starts_at": "2026-03-29T01:30", "time_zone": "Europe/London"}
    )
    assert "does not exist" in response.content.decode()  # the clocks skip 01:00-02:00 that night


def test_the_admin_keeps_an_edit_to_an_events_start_and_refuses_one_out_of_range(client, editor, live_event):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    url = f"/admin/coverage_app/event/{live_event.pk}/change/"
    fields = {
        "title": live_event.title,
        "standfirst": "",
        "time_zone": "Europe/London",
        "language": "en",
        "states-TOTAL_FORMS": "0",
        "states-INITIAL_FORMS": "0",
    }
    response = client.post(url, fields | {"starts_at_0": "2026-11-30", "starts_at_1": "06:00:00"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Event.objects.get(pk=live_event.pk).starts_at == datetime(2026, 11, 30, 6, tzinfo=ZoneInfo("Europe/London"))
    response = client.post(url, fields | {"starts_at_0": "9999-12-31", "starts_at_1": "23:59:59"})
    assert response.status_code == 200
    assert "between 2000 and 2099" in response.content.decode()
    assert Event.objects.get(pk=live_event.pk).starts_at.year == 2026


def jpeg_bytes(**save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 100, 50)).save(buffer, format="JPEG", **save_options)
    return buffer.getvalue()


def compose_with_picture(client, event, data: bytes, name: str = "scene.jpg"):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    fields = composer_post(**{"images-TOTAL_FORMS": "1", "images-0-file": upload, "images-0-alt_text": "A street"})
    return client.post(desk(event, "posts/"), fields)


def test_a_truncated_picture_is_refused_and_leaves_no_file(client, settings, journalist, live_event):
    client.force_login(journalist)
    data = jpeg_bytes()
    response = compose_with_picture(client, live_event, data[: len(data) // 2])
    assert response.status_code == 422
    assert "not a picture we can publish" in response.content.decode()
    assert not Post.objects.exists()
    assert stored_files(settings) == []


def test_a_refused_publish_leaves_no_uploaded_file_behind(client, settings, journalist, editor, live_event):
    services.coverage_pause(event=live_event, by=editor, message="Back soon")
    client.force_login(journalist)
    response = compose_with_picture(client, live_event, jpeg_bytes())
    assert response.status_code == 422
    assert not Media.objects.exists()
    assert stored_files(settings) == []


def test_pictures_lose_every_piece_of_their_sources_metadata(client, settings, journalist, live_event):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # camera make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    client.force_login(journalist)
    compose_with_picture(client, live_event, jpeg_bytes(exif=exif.tobytes(), comment=b"source: Jane at 12 Elm St"))
    buffer = io.BytesIO()
    Image.new("P", (40, 40)).save(buffer, format="GIF", comment=b"source: Jane at 12 Elm St")
    compose_with_picture(client, live_event, buffer.getvalue(), name="anim.gif")
    files = stored_files(settings)
    assert len(files) >= 2
    for name in files:
        raw = (settings.MEDIA_ROOT / name).read_bytes()
        assert b"Jane" not in raw
        assert b"SpyCam" not in raw
        with Image.open(settings.MEDIA_ROOT / name) as image:
            assert "comment" not in image.info
            assert not image.getexif()


@pytest.mark.parametrize(
    ("zone", "field", "when"),
    [
        ("Europe/London", "scheduled_for", "2100-01-01T00:00"),  # the first moment past 2099
        ("America/New_York", "published_at", "1999-12-31T23:59"),  # already 2000 in UTC, not where typed
    ],
)
def test_the_year_range_holds_where_the_time_was_typed(client, editor, zone, field, when):
    event = make_event(time_zone=zone)
    client.force_login(editor)
    action = "schedule" if field == "scheduled_for" else "publish"
    response = client.post(desk(event, "posts/"), composer_post(action=action, **{field: when}))
    assert response.status_code == 422
    assert not Post.objects.exists()


def test_an_event_start_that_happens_twice_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(
        "/newsroom/events/new/",
        {"title": "Fall back", "starts_at": "2027-11-07T01:30", "time_zone": "America/New_York"},
    )
    assert "happens twice" in response.content.decode()
    assert not Event.objects.filter(title="Fall back").exists()


@pytest.mark.parametrize("body", ["\u00a0\u200b\u200b", "<p>&nbsp;</p><p>\u200d\u2060</p>", "\u0301", "<p> </p>"])
def test_a_post_with_nothing_a_reader_could_see_is_refused(journalist, live_event, body):
    with pytest.raises(services.CoverageError, match="needs some text"):
        services.post_publish(event=live_event, author=journalist, title="", body=body)
    assert Event.objects.get(pk=live_event.pk).seq == 0


@pytest.mark.parametrize("slug", ["new", "Storm-Ilsa", "bad_slug", "-x-"])
def test_an_event_address_must_be_plain_lower_case_and_not_the_newsrooms_own(editor, slug):
    make_event(slug="storm-ilsa")
    with pytest.raises(services.CoverageError):
        services.event_create(slug=slug, title="x", by=editor)
    assert Event.objects.count() == 1


def test_a_time_zone_must_be_an_iana_name_not_a_file_on_the_server(editor):
    for name in ("localtime", "posixrules", "../../etc/passwd", "Europe/Lond0n"):
        with pytest.raises(services.CoverageError, match="not a time zone"):
            services.event_create(slug="tz-test", title="x", by=editor, time_zone=name)


def test_the_admin_reads_an_events_start_in_the_events_zone(client, editor):
    event = make_event(time_zone="America/New_York")
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    fields = {
        "title": event.title,
        "standfirst": "",
        "language": "en",
        "states-TOTAL_FORMS": "0",
        "states-INITIAL_FORMS": "0",
    }
    client.post(
        f"/admin/coverage_app/event/{event.pk}/change/",
        fields | {"starts_at_0": "2026-12-02", "starts_at_1": "10:00:00"},
    )
    assert Event.objects.get(pk=event.pk).starts_at == datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("America/New_York"))
    assert client.get("/admin/coverage_app/event/not-a-number/change/").status_code in {302, 404}


def test_a_pause_with_a_bad_resume_time_says_what_is_wrong(client, editor, live_event):
    client.force_login(editor)
    response = client.post(
        desk(live_event, "coverage/"),
        {"action": "pause", "message": "Back soon", "resumes_at": "9999-12-31T23:59"},
        follow=True,
    )
    assert "Resumes at must be between 2000 and 2099" in response.content.decode()
    assert Event.objects.get(pk=live_event.pk).status == "live"


# Text that is not UTF-8. Django reads it with errors="replace": left alone, a post would be published
# with U+FFFD where the bytes were. Browsers on our UTF-8 pages never send it; a script or a broken
# proxy can, and the writer must hear that nothing was saved.
def _urlencoded(fields: dict[str, str], raw: bytes) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields).encode() + b"&" + raw


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"title=Caf%E9", id="percent-encoded latin-1"),
        pytest.param(b"title=Caf\xe9", id="a raw latin-1 byte"),
        pytest.param(b"title=%ED%A0%80", id="an encoded surrogate"),
        pytest.param(b"Caf%FF=1", id="in a field name"),
    ],
)
def test_a_form_post_that_is_not_utf8_is_a_400_and_publishes_nothing(client, journalist, live_event, raw):
    client.force_login(journalist)
    fields = {name: value for name, value in composer_post().items() if name != "title"}
    response = client.generic(
        "POST", desk(live_event, "posts/"), _urlencoded(fields, raw), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert not Post.objects.exists()


def test_a_multipart_post_that_is_not_utf8_is_a_400_and_publishes_nothing(client, journalist, live_event):
    client.force_login(journalist)
    boundary = "ledgerboundary"
    parts = [*(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
               for name, value in composer_post(title="x").items() if name != "title")]  # fmt: skip
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'.encode() + b"Caf\xe9\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = client.generic(
        "POST", desk(live_event, "posts/"), body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_form_post_with_a_query_string_that_is_not_utf8_is_a_400(client, journalist, live_event):
    client.force_login(journalist)
    response = client.post(desk(live_event, "posts/") + "?x=%FF", composer_post(title="Kick-off"))
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_valid_utf8_text_in_a_form_post_goes_through(client, journalist, live_event):
    client.force_login(journalist)
    fields = {name: value for name, value in composer_post().items() if name != "title"}
    raw = (
        "title=Caf\u00e9 %E2%80%94 \u0645\u0628\u0627\u0634\u0631 \ufffd".encode()
    )  # raw and encoded, and a real U+FFFD
    client.generic(
        "POST", desk(live_event, "posts/"), _urlencoded(fields, raw), content_type="application/x-www-form-urlencoded"
    )
    assert Post.objects.get().title == "Caf\u00e9 \u2014 \u0645\u0628\u0627\u0634\u0631 \ufffd"


def test_a_reader_page_with_a_query_string_that_is_not_utf8_still_opens(client, live_event):
    # A read changes nothing: a broken tracking link must not cost a reader the page.
    assert client.get(f"/live/{live_event.slug}/?utm_source=%FF").status_code == 200


def test_a_broken_multipart_body_is_a_400_not_a_500(client, journalist, live_event):
    client.force_login(journalist)
    # No boundary: Django's parser cannot read it at all (MultiPartParserError).
    response = client.generic(
        "POST", desk(live_event, "posts/"), b"--x\r\nnot a part", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert not Post.objects.exists()
