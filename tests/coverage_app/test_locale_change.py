"""A frame stored for an event in one language is never served in another (issue 15). Changing an
event's language or time zone records a `reset` at its own seq: open pages reload, and a reader
resuming from before it is sent that reset, never the frames rendered in the old language."""

from __future__ import annotations

import asyncio
import json

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from coverage_app import services
from coverage_app.hub import hub
from coverage_app.models import Change, Event
from liveblog.asgi import application
from tests.factories import make_event

ORIGIN = (b"origin", b"http://127.0.0.1")
ENGLISH = "Key event"  # the badge an English post frame carries
ARABIC = "حدث بارز"  # the same badge in Arabic


def english_event_with_posts(journalist, count=3):
    event = make_event(language="en", time_zone="Europe/London")
    for number in range(count):
        services.post_publish(event=event, author=journalist, title=f"Update {number}", body="x", is_key_event=True)
    return Event.objects.get(pk=event.pk)


def to_arabic(event, editor):
    return services.event_edit(
        event=event, by=editor, title=event.title, standfirst=event.standfirst, language="ar", time_zone="Asia/Beirut"
    )


def served_html(frames):
    return "".join(frame.get("html", "") for frame in frames)


@pytest.mark.django_db
def test_changing_the_language_records_a_reset_at_its_own_seq(journalist, editor):
    event = english_event_with_posts(journalist)
    before = event.seq
    event = to_arabic(event, editor)
    assert (event.seq, event.locale_seq) == (before + 1, before + 1)
    change = Change.objects.get(event=event, seq=event.seq)
    assert json.loads(change.frame) == {"type": "reset", "seq": event.seq}


@pytest.mark.django_db
def test_an_edit_that_keeps_language_and_zone_is_an_update_not_a_reset(journalist, editor):
    event = english_event_with_posts(journalist, count=1)
    event = services.event_edit(event=event, by=editor, title="New headline", standfirst="", language="en")
    assert event.locale_seq == 0
    assert json.loads(Change.objects.get(event=event, seq=event.seq).frame)["type"] == "event.updated"


@pytest.mark.django_db
def test_a_time_zone_change_alone_is_a_reset_too(journalist, editor):
    # Clock times in stored frames are the old zone's.
    event = english_event_with_posts(journalist, count=1)
    event = services.event_edit(event=event, by=editor, title=event.title, standfirst="", time_zone="America/New_York")
    assert event.locale_seq == event.seq
    assert json.loads(Change.objects.get(event=event, seq=event.seq).frame)["type"] == "reset"


@pytest.mark.django_db
@pytest.mark.parametrize("since", [0, 1, 2, "before"])
def test_the_changes_api_answers_a_reset_to_a_reader_from_before_the_change(client, journalist, editor, since):
    event = english_event_with_posts(journalist)
    since = event.seq if since == "before" else since
    event = to_arabic(event, editor)
    after = services.post_publish(event=event, author=journalist, title="بعد", body="x", is_key_event=True)
    body = client.get(f"/api/live/{event.slug}/changes?since={since}").json()
    assert [frame["type"] for frame in body["frames"]] == ["reset", "post.created"]
    assert body["frames"][0]["seq"] == event.locale_seq
    assert ENGLISH not in served_html(body["frames"])
    assert ARABIC in served_html(body["frames"])  # the post after the change, rendered in Arabic
    assert body["head"] == after.seq


@pytest.mark.django_db
def test_a_reader_from_after_the_change_resumes_as_usual(client, journalist, editor):
    event = to_arabic(english_event_with_posts(journalist), editor)
    after = services.post_publish(event=event, author=journalist, title="بعد", body="x", is_key_event=True)
    body = client.get(f"/api/live/{event.slug}/changes?since={event.locale_seq}").json()
    assert [(frame["type"], frame["seq"]) for frame in body["frames"]] == [("post.created", after.seq)]


@pytest.mark.django_db
def test_the_page_after_a_language_change_is_a_new_page_in_the_new_language(client, journalist, editor):
    event = english_event_with_posts(journalist)
    english = client.get(event.get_absolute_url())
    event = to_arabic(event, editor)
    arabic = client.get(event.get_absolute_url())
    assert english["ETag"] != arabic["ETag"]
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert f'data-seq="{event.seq}"' in arabic.content.decode()  # its script resumes after the reset


@pytest.mark.django_db
def test_the_admin_changes_the_language_through_the_service(client, journalist, editor):
    event = english_event_with_posts(journalist, count=1)
    editor.is_staff = editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    from django.utils import timezone

    starts = timezone.localtime(event.starts_at, event.tz)
    response = client.post(
        f"/admin/coverage_app/event/{event.pk}/change/",
        {
            "title": event.title, "standfirst": event.standfirst, "time_zone": "Asia/Beirut", "language": "ar",
            "starts_at_0": starts.strftime("%Y-%m-%d"), "starts_at_1": starts.strftime("%H:%M:%S"),
            "states-TOTAL_FORMS": "0", "states-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.language, event.time_zone, event.locale_seq) == ("ar", "Asia/Beirut", event.seq)


@pytest.mark.django_db
def test_an_unknown_time_zone_in_the_admin_changes_nothing(client, journalist, editor):
    event = english_event_with_posts(journalist, count=1)
    seq = event.seq
    editor.is_staff = editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    starts = event.starts_at
    client.post(
        f"/admin/coverage_app/event/{event.pk}/change/",
        {
            "title": event.title, "standfirst": "", "time_zone": "Mars/Olympus", "language": "ar",
            "starts_at_0": starts.strftime("%Y-%m-%d"), "starts_at_1": starts.strftime("%H:%M:%S"),
            "states-TOTAL_FORMS": "0", "states-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    event.refresh_from_db()
    assert (event.language, event.time_zone, event.seq) == ("en", "Europe/London", seq)


@pytest_asyncio.fixture
async def _stop_hub():
    yield
    await hub.stop()  # its LISTEN connections must close with the test's event loop


async def frames_until(communicator, predicate, timeout=5):
    frames = []
    while True:
        frame = json.loads(await communicator.receive_from(timeout=timeout))
        frames.append(frame)
        if predicate(frame):
            return frames


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_stop_hub")
async def test_a_socket_resuming_from_before_the_change_gets_the_reset_and_no_english_frame(journalist, editor):
    event = await sync_to_async(english_event_with_posts)(journalist)
    event = await sync_to_async(to_arabic)(event, editor)
    communicator = WebsocketCommunicator(application, f"/ws/live/{event.slug}/?since=1", headers=[ORIGIN])
    assert (await communicator.connect(timeout=5))[0]
    frames = await frames_until(communicator, lambda frame: frame.get("type") == "reset")
    assert [frame["type"] for frame in frames] == ["hello", "reset"]
    assert frames[1]["seq"] == event.locale_seq
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_stop_hub")
async def test_an_open_socket_is_sent_the_reset_when_the_language_changes(journalist, editor):
    event = await sync_to_async(english_event_with_posts)(journalist, 1)
    communicator = WebsocketCommunicator(application, f"/ws/live/{event.slug}/?since={event.seq}", headers=[ORIGIN])
    assert (await communicator.connect(timeout=5))[0]
    await frames_until(communicator, lambda frame: frame.get("type") == "hello")
    await asyncio.wait_for(hub.listening.wait(), 5)
    event = await sync_to_async(to_arabic)(event, editor)
    frames = await frames_until(communicator, lambda frame: "seq" in frame)
    assert (frames[-1]["type"], frames[-1]["seq"]) == ("reset", event.seq)
    await communicator.disconnect()
