"""An event with every kind of post readers can meet, for tests of whole pages (validity,
accessibility, structured data, feed)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from coverage_app import services
from coverage_app.models import Event, Media, Post


def picture(name: str = "scene.jpg", size: tuple[int, int] = (640, 360)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def fill_event(event: Event, *, journalist, editor, backfill: int = 25) -> dict[str, Post]:
    """Backdated routine posts (more than one page), then one post of each kind, a pinned post,
    key points and a correction. Returns the notable posts by name."""
    start = timezone.now() - timedelta(hours=30)
    for n in range(backfill):
        services.post_publish(
            event=event, author=journalist, title=f"Earlier post {n}", body=f"<p>Text of post {n}.</p>",
            published_at=start + timedelta(minutes=10 * n), is_key_event=n % 10 == 0,
        )  # fmt: skip
    posts: dict[str, Post] = {}
    posts["list"] = services.post_publish(
        event=event, author=journalist, title="Roads closed", body="<p>Two roads shut.</p><ul><li>The A1 at the coast.</li><li>The B2 inland.</li></ul>",
        byline_role="Transport correspondent", is_key_event=True,
    )  # fmt: skip
    posts["quote"] = services.post_publish(
        event=event, author=journalist, title="", body="<p>The mayor spoke.</p>",
        quote_text="We are ready.\nStay at home.", quote_attribution="The mayor",
    )  # fmt: skip
    posts["gallery"] = services.post_publish(
        event=event, author=journalist, title="In pictures", body="<p>The harbour this morning.</p>",
        media=[Media(kind=Media.Kind.IMAGE, file=picture(f"g{n}.jpg"), alt_text=f"Waves {n}", caption=f"Wave {n}", credit="A. Photographer", position=n) for n in range(3)],
    )  # fmt: skip
    posts["image"] = services.post_publish(
        event=event, author=journalist, title="The pier", body="<p>The pier is under water.</p>",
        media=[Media(kind=Media.Kind.IMAGE, file=picture("pier.jpg"), alt_text="A pier under water", caption="The pier", credit="B. Photographer")],
    )  # fmt: skip
    posts["video"] = services.post_publish(
        event=event, author=journalist, title="Watch", body="<p>Video from the coast.</p>",
        media=[Media(kind=Media.Kind.VIDEO, url="https://www.youtube.com/watch?v=abcdefghijk", caption="The coast", credit="C. Camera")],
    )  # fmt: skip
    posts["map"] = services.post_publish(
        event=event, author=journalist, title="Where", body="<p>The area affected.</p>",
        media=[Media(kind=Media.Kind.MAP, url="https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4", caption="The coast", credit="OpenStreetMap")],
    )  # fmt: skip
    posts["social"] = services.post_publish(
        event=event, author=journalist, title="Police statement", body="<p>Police posted this.</p>",
        media=[Media(kind=Media.Kind.SOCIAL, url="https://x.com/police/status/1", social_author="Coast Police", social_handle="@coastpolice", social_text="Stay away from the seafront.")],
    )  # fmt: skip
    posts["pinned"] = services.post_publish(
        event=event, author=editor, title="How to stay safe", body="<p>Advice for residents.</p>", is_key_event=True
    )
    services.post_pin(post=posts["pinned"], by=editor)
    posts["corrected"] = services.post_publish(
        event=event, author=journalist, title="Three hurt", body="<p>Early reports.</p>"
    )
    posts["corrected"] = services.post_edit(
        post=posts["corrected"], by=journalist, title="Two hurt", correction_note="An earlier version said three."
    )
    services.event_edit(
        event=event, by=editor, title=event.title, standfirst="What we know so far.",
        key_points="<ul><li>Roads shut</li><li>Schools closed</li></ul>",
    )  # fmt: skip
    return posts
