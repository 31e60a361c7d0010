from __future__ import annotations

import json
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from coverage_app import services
from coverage_app.models import Change, CoverageState, Post, Status
from tests.factories import make_event


def publish(event, author, **fields):
    return services.post_publish(event=event, author=author, **({"title": "Update", "body": "Text."} | fields))


def frame_of(event, seq):
    return json.loads(Change.objects.get(event=event, seq=seq).frame)


@pytest.mark.django_db(transaction=True)  # NOTIFY is delivered only on a real commit
def test_publishing_notifies_with_the_rendered_post(live_event, journalist, notifications):
    post = publish(live_event, journalist, title="Kick-off", body="The match has started.")
    frame = frame_of(live_event, post.seq)
    assert frame["type"] == "post.created"
    assert f'id="post-{post.pk}"' in frame["html"]
    assert "Kick-off" in frame["html"]
    assert notifications.next(timeout=2) == f"{live_event.pk}:{post.seq}"


def test_every_change_takes_the_next_seq(live_event, journalist, editor):
    first = publish(live_event, journalist)
    second = publish(live_event, journalist)
    services.post_edit(post=first, by=journalist, body="Corrected text.")
    services.coverage_pause(event=live_event, by=editor, message="Back soon")
    assert list(Change.objects.filter(event=live_event).values_list("seq", flat=True)) == [1, 2, 3, 4]
    assert (first.seq, second.seq) == (1, 2)
    live_event.refresh_from_db()
    assert live_event.seq == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_get_unique_consecutive_seqs(live_event, journalist):
    errors = []

    def write_many():
        try:
            for _ in range(10):
                publish(live_event, journalist)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(Change.objects.filter(event=live_event).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 41))
    assert sorted(Post.objects.values_list("seq", flat=True)) == list(range(1, 41))


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_signals_nothing(live_event, journalist, notifications):
    def publish_then_fail():
        with transaction.atomic():
            publish(live_event, journalist, title="Never happened")
            raise RuntimeError("the request failed after the write")

    with pytest.raises(RuntimeError):
        publish_then_fail()
    marker = publish(live_event, journalist, title="After the rollback")
    # The first notification to arrive is the committed post's: the rolled-back one never came.
    assert notifications.next(timeout=2) == f"{live_event.pk}:{marker.seq}"
    assert marker.seq == 1
    assert not Post.objects.filter(title="Never happened").exists()


def test_publishing_while_paused_is_refused_and_writes_nothing(live_event, journalist, editor):
    services.coverage_pause(event=live_event, by=editor, message="Back at 7am")
    live_event.refresh_from_db()
    seq_before = live_event.seq
    with pytest.raises(services.CoverageClosed, match="paused"):
        publish(live_event, journalist)
    live_event.refresh_from_db()
    assert live_event.seq == seq_before
    assert not Post.objects.exists()
    assert Change.objects.filter(event=live_event).count() == seq_before


def test_publishing_after_the_end_is_refused(live_event, journalist, editor):
    services.coverage_end(event=live_event, by=editor, message="That's all")
    with pytest.raises(services.CoverageClosed, match="ended"):
        publish(live_event, journalist)
    assert not Post.objects.exists()


def test_edits_and_deletions_stay_allowed_while_paused(live_event, journalist, editor):
    post = publish(live_event, journalist)
    other = publish(live_event, journalist)
    services.coverage_pause(event=live_event, by=editor)
    edited = services.post_edit(post=post, by=journalist, body="A correction.")
    services.post_delete(post=other, by=journalist)
    assert edited.body_html == "<p>A correction.</p>"
    assert edited.edited_at is not None
    assert Post.objects.visible().count() == 1


def test_pausing_twice_records_one_pause(live_event, editor):
    services.coverage_pause(event=live_event, by=editor, message="Back soon")
    services.coverage_pause(event=live_event, by=editor, message="Back soon")
    live_event.refresh_from_db()
    assert CoverageState.objects.filter(event=live_event, status=Status.PAUSED).count() == 1
    assert live_event.seq == 1


def test_pause_resume_end_are_recorded_with_who_and_the_message(live_event, editor):
    services.coverage_pause(event=live_event, by=editor, message="Pausing for the night")
    services.coverage_resume(event=live_event, by=editor)
    event = services.coverage_end(event=live_event, by=None, message="That's all", actor="command line")
    history = list(CoverageState.objects.filter(event=event).order_by("seq").values_list("status", "actor", "message"))
    assert history[1:] == [
        ("paused", "editor", "Pausing for the night"),
        ("live", "editor", ""),
        ("ended", "command line", "That's all"),
    ]
    frame = frame_of(event, event.seq)
    assert (frame["type"], frame["status"], frame["message"]) == ("coverage.state", "ended", "That's all")
    assert "That&#x27;s all" in frame["html"]


def test_the_body_is_sanitised_once_on_the_way_in(live_event, journalist):
    post = publish(
        live_event,
        journalist,
        body='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">link</a></p>',
    )
    assert "script" not in post.body_html
    assert "onclick" not in post.body_html
    assert "javascript" not in post.body_html
    assert post.body_html.startswith("<p>Hi")


def test_an_empty_body_is_refused(live_event, journalist):
    with pytest.raises(services.CoverageError, match="needs some text"):
        publish(live_event, journalist, body="<p> </p><script>x</script>")
    assert Change.objects.count() == 0


def test_deleting_a_post_redacts_its_earlier_frames(live_event, journalist):
    post = publish(live_event, journalist, title="Wrong name", body="Named the wrong person.")
    services.post_edit(post=post, by=journalist, body="Still the wrong person.")
    services.post_delete(post=post, by=journalist)
    frames = [json.loads(frame) for frame in Change.objects.filter(event=live_event).values_list("frame", flat=True)]
    assert [frame["type"] for frame in frames] == ["post.deleted"] * 3
    assert all("wrong" not in json.dumps(frame).lower() for frame in frames)
    post.refresh_from_db()
    assert post.deleted_at is not None  # soft: the row stays for the record


def test_pinning_a_post_replaces_the_one_pinned_before(live_event, editor):
    first = publish(live_event, editor)
    second = publish(live_event, editor)
    services.post_pin(post=first, by=editor)
    services.post_pin(post=second, by=editor)
    assert list(Post.objects.filter(is_pinned=True)) == [second]
    live_event.refresh_from_db()
    frame = frame_of(live_event, live_event.seq)
    assert (frame["type"], frame["id"]) == ("post.pinned", second.pk)
    assert f'id="pinned-{second.pk}"' in frame["html"]


def test_each_event_has_its_own_sequence(journalist):
    one, two = make_event(), make_event()
    publish(one, journalist)
    publish(one, journalist)
    post = publish(two, journalist)
    assert post.seq == 1


def test_a_post_published_with_media_carries_them_in_its_first_frame(live_event, journalist):
    from coverage_app.models import Media

    card = Media(kind=Media.Kind.SOCIAL, social_author="Averly Grid", social_text="Crews out at first light")
    post = publish(live_event, journalist, title="Grid update", media=[card])
    frame = frame_of(live_event, post.seq)
    assert "Crews out at first light" in frame["html"]
    assert post.edited_at is None
    assert list(post.media.values_list("position", flat=True)) == [0]


@pytest.mark.skipif(not settings.REDIS_URL, reason="Redis is the bus only where REDIS_URL is set (CI's second pass)")
@pytest.mark.django_db(transaction=True)
def test_with_redis_as_the_bus_each_committed_change_is_one_message(live_event, journalist):
    import redis

    from coverage_app.broadcast import CHANNEL

    subscriber = redis.Redis.from_url(settings.REDIS_URL).pubsub(ignore_subscribe_messages=True)
    subscriber.subscribe(CHANNEL)
    subscriber.get_message(timeout=1)  # the subscription's confirmation

    def publish_then_fail():
        with transaction.atomic():
            publish(live_event, journalist, title="Rolled back")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        publish_then_fail()
    first = publish(live_event, journalist)
    second = publish(live_event, journalist)
    payloads = [subscriber.get_message(timeout=2)["data"].decode() for _ in range(2)]
    assert payloads == [f"{live_event.pk}:{first.seq}", f"{live_event.pk}:{second.seq}"]
    assert subscriber.get_message(timeout=0.3) is None  # one message per change, none for the rollback
    subscriber.close()
