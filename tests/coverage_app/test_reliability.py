"""Faults injected for real: readers away, readers churning, readers that stop reading."""

from __future__ import annotations

import asyncio
import json

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from coverage_app import services
from coverage_app.hub import hub
from liveblog.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1")
publish = sync_to_async(services.post_publish)


@pytest_asyncio.fixture(autouse=True)
async def _stop_hub():
    yield
    await hub.stop()


async def connect(event, since):
    communicator = WebsocketCommunicator(application, f"/ws/live/{event.slug}/?since={since}", headers=[ORIGIN])
    assert (await communicator.connect(timeout=5))[0]
    hello = json.loads(await communicator.receive_from(timeout=5))
    assert hello["type"] == "hello"
    return communicator


async def frames_until(communicator, seq, timeout=10):
    frames = []
    while not frames or frames[-1]["seq"] < seq:
        frame = json.loads(await communicator.receive_from(timeout=timeout))
        if "seq" in frame:
            frames.append(frame)
    return frames


async def test_a_reader_away_for_twenty_posts_an_edit_and_a_delete_gets_exactly_those_in_order(live_event, journalist):
    first = await publish(event=live_event, author=journalist, title="Before", body="x")
    reader = await connect(live_event, since=0)
    assert [f["seq"] for f in await frames_until(reader, first.seq)] == [first.seq]
    await reader.disconnect()

    posts = [await publish(event=live_event, author=journalist, title=f"Away {n}", body="x") for n in range(20)]
    await sync_to_async(services.post_edit)(post=posts[3], by=journalist, title="Away 3, corrected")
    await sync_to_async(services.post_delete)(post=posts[5], by=journalist)

    back = await connect(live_event, since=first.seq)
    frames = await frames_until(back, first.seq + 22)
    assert [f["seq"] for f in frames] == list(range(first.seq + 1, first.seq + 23))
    assert [f["type"] for f in frames[-2:]] == ["post.updated", "post.deleted"]
    assert frames[5]["type"] == "post.deleted"  # the deleted post's own creation is redacted
    await back.disconnect()


async def test_five_disconnect_cycles_never_replay_a_frame(live_event, journalist):
    seen = []
    last = 0
    for cycle in range(5):
        reader = await connect(live_event, since=last)
        for n in range(3):
            await publish(event=live_event, author=journalist, title=f"Cycle {cycle} post {n}", body="x")
        frames = await frames_until(reader, last + 3)
        seen += [f["seq"] for f in frames]
        last = seen[-1]
        await reader.disconnect()
    assert seen == list(range(1, 16))


async def test_a_stable_reader_sees_no_gap_while_others_churn(live_event, journalist):
    stable = await connect(live_event, since=0)

    async def churn():
        for _ in range(15):
            other = await connect(live_event, since=0)
            await other.disconnect()

    async def write():
        for n in range(15):
            await publish(event=live_event, author=journalist, title=f"Post {n}", body="x")

    await asyncio.gather(churn(), write())
    frames = await frames_until(stable, 15)
    assert [f["seq"] for f in frames] == list(range(1, 16))
    await stable.disconnect()


async def test_a_reader_away_for_six_hundred_changes_is_told_it_did_not_recover(live_event, journalist):
    await sync_to_async(_publish_many)(live_event, journalist, 600)
    reader = WebsocketCommunicator(application, f"/ws/live/{live_event.slug}/?since=0", headers=[ORIGIN])
    assert (await reader.connect(timeout=5))[0]
    assert json.loads(await reader.receive_from(timeout=5))["type"] == "hello"
    assert json.loads(await reader.receive_from(timeout=5)) == {"type": "reset", "head": 600, "recovered": False}
    await reader.disconnect()


async def test_a_reader_three_hundred_changes_behind_gets_every_one_then_live_frames(live_event, journalist):
    """The replay is paced by the socket, never by a queue cap: it never closes its own reader."""
    await sync_to_async(_publish_many)(live_event, journalist, 301)
    reader = await connect(live_event, since=1)
    await asyncio.wait_for(hub.listening.wait(), 5)
    live = await publish(event=live_event, author=journalist, title="Live", body="x")
    frames = await frames_until(reader, live.seq)
    assert [f["seq"] for f in frames] == list(range(2, live.seq + 1))
    await reader.disconnect()


def _publish_many(event, author, count):
    with transaction.atomic():  # one commit: the history is what matters here, not its pace
        for n in range(count):
            services.post_publish(event=event, author=author, title=f"Post {n}", body="x")
