from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from coverage_app import selectors, services
from coverage_app.hub import hub, hub_application_name
from coverage_app.models import Event, Status
from liveblog.asgi import application
from tests.conftest import process_env
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)  # the consumer reads on another thread

ORIGIN = (b"origin", b"http://127.0.0.1")
publish = sync_to_async(services.post_publish)


@pytest_asyncio.fixture(autouse=True)
async def _stop_hub():
    yield
    await hub.stop()  # its LISTEN connections must close with the test's event loop


async def open_socket(event, since=0, origin=ORIGIN):
    communicator = WebsocketCommunicator(application, f"/ws/live/{event.slug}/?since={since}", headers=[origin])
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def receive(communicator, timeout=5):
    return json.loads(await communicator.receive_from(timeout=timeout))


async def receive_until_seq(communicator, seq, timeout=5):
    frames = []
    while not frames or frames[-1].get("seq") != seq:
        frame = await receive(communicator, timeout)
        if "seq" in frame:
            frames.append(frame)
    return frames


async def test_the_socket_sends_hello_then_the_catch_up_then_live_frames(live_event, journalist):
    first = await publish(event=live_event, author=journalist, title="Before connecting", body="One")
    second = await publish(event=live_event, author=journalist, title="Also before", body="Two")
    communicator, connected, _ = await open_socket(live_event, since=first.seq)
    assert connected
    hello = await receive(communicator)
    assert hello == {
        "type": "hello",
        "head": second.seq,
        "release": settings.RELEASE,
        "heartbeat": settings.LIVE_HEARTBEAT_SECONDS,
    }
    caught_up = await receive(communicator)
    assert (caught_up["type"], caught_up["seq"], caught_up["id"]) == ("post.created", second.seq, second.pk)
    await asyncio.wait_for(hub.listening.wait(), 5)
    live = await publish(event=live_event, author=journalist, title="After connecting", body="Three")
    frame = await receive(communicator)
    assert (frame["type"], frame["seq"]) == ("post.created", live.seq)
    assert "After connecting" in frame["html"]
    await communicator.disconnect()


async def test_catch_up_and_live_frames_never_repeat_or_reorder_a_seq(live_event, journalist):
    for number in range(5):
        await publish(event=live_event, author=journalist, title=f"Early {number}", body="x")
    communicator, _, _ = await open_socket(live_event, since=2)

    async def publish_more():
        for number in range(15):
            await publish(event=live_event, author=journalist, title=f"Late {number}", body="x")

    # Posts keep arriving while the socket replays the log and goes live.
    await publish_more()
    frames = await receive_until_seq(communicator, 20)
    seqs = [frame["seq"] for frame in frames]
    assert seqs == list(range(3, 21))
    await communicator.disconnect()


async def test_edits_deletions_and_state_changes_arrive_live(live_event, journalist, editor):
    post = await publish(event=live_event, author=journalist, title="Draft", body="x")
    communicator, _, _ = await open_socket(live_event, since=post.seq)
    await receive(communicator)  # hello
    await asyncio.wait_for(hub.listening.wait(), 5)
    await sync_to_async(services.post_edit)(post=post, by=journalist, title="Corrected")
    await sync_to_async(services.post_delete)(post=post, by=journalist)
    await sync_to_async(services.coverage_pause)(event=live_event, by=editor, message="Back soon")
    frames = await receive_until_seq(communicator, 4)
    assert [frame["type"] for frame in frames] == ["post.updated", "post.deleted", "coverage.state"]
    assert "Corrected" in frames[0]["html"]
    assert frames[2]["status"] == "paused"
    assert "Back soon" in frames[2]["html"]
    await communicator.disconnect()


async def test_a_post_written_by_another_process_reaches_an_open_socket(live_event, journalist):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    await asyncio.wait_for(hub.listening.wait(), 5)
    command = [sys.executable, "manage.py", "publish_post", live_event.slug, "--title", "From the wire",
               "--body", "Filed by a script.", "--author", journalist.username]  # fmt: skip
    result = await asyncio.to_thread(
        subprocess.run, command, env=process_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    frame = await receive(communicator, timeout=10)
    assert frame["type"] == "post.created"
    assert "From the wire" in frame["html"]
    await communicator.disconnect()


async def test_a_reader_too_far_behind_is_told_to_reset(live_event, journalist, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_CATCH_UP", 3)
    for _ in range(5):
        await publish(event=live_event, author=journalist, title="x", body="x")
    communicator, _, _ = await open_socket(live_event, since=0)
    await receive(communicator)  # hello
    assert await receive(communicator) == {"type": "reset", "head": 5, "recovered": False}
    await communicator.disconnect()


async def test_an_unknown_event_is_refused_at_the_handshake(db):
    communicator = WebsocketCommunicator(application, "/ws/live/no-such-event/", headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=5)
    assert not connected


async def test_a_foreign_origin_is_refused(live_event):
    _, connected, _ = await open_socket(live_event, origin=(b"origin", b"https://evil.example"))
    assert not connected


async def test_a_malformed_since_is_read_as_zero(live_event, journalist):
    post = await publish(event=live_event, author=journalist, title="x", body="x")
    communicator = WebsocketCommunicator(application, f"/ws/live/{live_event.slug}/?since=abc", headers=[ORIGIN])
    assert (await communicator.connect(timeout=5))[0]
    await receive(communicator)  # hello
    assert (await receive(communicator))["seq"] == post.seq
    await communicator.disconnect()


async def test_a_ping_gets_a_pong(live_event):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    await communicator.send_to(text_data='{"type": "ping"}')
    assert await receive(communicator) == {"type": "pong"}
    await communicator.disconnect()


@pytest.mark.parametrize(
    "message", ['{"type": "post.created", "html": "<b>x</b>"}', "not json", '{"type": "ping", "x": 1}']
)
async def test_anything_but_a_ping_closes_the_socket_with_a_policy_code(live_event, message):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    await communicator.send_to(text_data=message)
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 1008}


async def test_a_binary_message_closes_the_socket(live_event):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    await communicator.send_to(bytes_data=b"\x00\x01")
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 1003}


async def test_the_hub_reconnects_after_its_listen_connection_is_killed_and_misses_nothing(live_event, journalist):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    await asyncio.wait_for(hub.listening.wait(), 5)

    @sync_to_async
    def kill_the_hub_connections():
        from django.db import connection

        name = hub_application_name(connection.get_connection_params(), "%")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE %s", [name]
            )
            return cursor.rowcount

    assert await kill_the_hub_connections() >= 1  # LISTEN and reads; reads only where Redis is the bus
    # Written while the hub has no connection: it must read it from the log when it is back.
    while_down = await publish(event=live_event, author=journalist, title="While the hub was down", body="x")
    frame = await receive(communicator, timeout=10)
    assert (frame["seq"], frame["id"]) == (while_down.seq, while_down.pk)
    after = await publish(event=live_event, author=journalist, title="After", body="x")
    assert (await receive(communicator, timeout=10))["seq"] == after.seq
    await communicator.disconnect()


@pytest.mark.skipif(not settings.REDIS_URL, reason="Redis is the bus only where REDIS_URL is set (CI's second pass)")
async def test_the_hub_resubscribes_after_redis_drops_it_and_misses_nothing(live_event, journalist):
    import redis.asyncio as aioredis

    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    await asyncio.wait_for(hub.listening.wait(), 5)
    admin = aioredis.Redis.from_url(settings.REDIS_URL)
    assert await admin.client_kill_filter(_type="pubsub") >= 1
    await admin.aclose()
    while_down = await publish(event=live_event, author=journalist, title="While Redis dropped us", body="x")
    frame = await receive(communicator, timeout=10)
    assert (frame["seq"], frame["id"]) == (while_down.seq, while_down.pk)
    after = await publish(event=live_event, author=journalist, title="After", body="x")
    assert (await receive(communicator, timeout=10))["seq"] == after.seq
    await communicator.disconnect()


async def test_a_reader_flooding_the_socket_is_closed(live_event):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    for _ in range(10):
        await communicator.send_to(text_data='{"type": "ping"}')
        assert await receive(communicator) == {"type": "pong"}
    await communicator.send_to(text_data='{"type": "ping"}')
    assert await communicator.receive_output(timeout=5) == {"type": "websocket.close", "code": 1008}


async def test_a_reader_of_an_event_the_hub_knows_connects_without_a_query(live_event, journalist):
    post = await publish(event=live_event, author=journalist, title="x", body="x")
    first, _, _ = await open_socket(live_event, since=0)
    await receive(first)  # hello
    asked = hub.stats()["lookups"]
    second, connected, _ = await open_socket(live_event, since=post.seq)
    assert connected
    assert await receive(second) == {
        "type": "hello",
        "head": post.seq,
        "release": settings.RELEASE,
        "heartbeat": settings.LIVE_HEARTBEAT_SECONDS,
    }
    assert hub.stats()["lookups"] == asked  # no query: the hub read it through the reader rule
    await first.disconnect()
    await second.disconnect()


async def test_readers_arriving_together_for_an_event_the_hub_does_not_know_share_one_query(live_event):
    asked = hub.stats()["lookups"]
    opened = await asyncio.gather(*(open_socket(live_event) for _ in range(20)))
    assert all(connected for _, connected, _ in opened)
    assert hub.stats()["lookups"] == asked + 1
    for communicator, _, _ in opened:
        await communicator.disconnect()


async def test_a_reader_ahead_of_what_the_hub_knows_is_checked_against_postgres(live_event):
    first, _, _ = await open_socket(live_event)
    await receive(first)
    asked = hub.stats()["lookups"]
    ahead, _, _ = await open_socket(live_event, since=live_event.seq + 5)  # a page from another database
    assert (await receive(ahead))["type"] == "hello"
    assert await receive(ahead) == {"type": "reset", "head": live_event.seq, "recovered": False}
    assert hub.stats()["lookups"] == asked + 1
    await first.disconnect()
    await ahead.disconnect()


async def test_the_hub_and_the_selector_agree_on_which_events_readers_may_open(db):
    events = {status: await sync_to_async(make_event)() for status in Status}
    for status, event in events.items():
        await Event.objects.filter(pk=event.pk).aupdate(status=status)
    gone = await sync_to_async(make_event)()
    await Event.objects.filter(pk=gone.pk).adelete()
    for slug in [event.slug for event in events.values()] + [gone.slug, "never-was"]:
        ours = await hub.event_for_reader(slug, since=0)
        orm = await sync_to_async(selectors.event_for_reader)(slug=slug)
        if orm is None:
            assert ours is None, slug
        else:
            known, head = ours
            assert (known.event_id, head, known.locale_seq) == (orm.pk, orm.seq, orm.locale_seq), slug


async def test_readers_of_an_event_readers_may_no_longer_open_are_closed_and_new_ones_refused(live_event):
    communicator, _, _ = await open_socket(live_event)
    await receive(communicator)  # hello
    # No door deletes an event (coverage is ended instead); this is the state the rule may one day
    # add (unpublished), reached by hand: the hub must stop serving it within its tick.
    await Event.objects.filter(pk=live_event.pk).adelete()
    while (message := await communicator.receive_output(timeout=5))["type"] != "websocket.close":
        pass
    assert message["code"] == 1001
    _, connected, _ = await open_socket(live_event)
    assert not connected
