"""Responsive renditions of a post's images, so a phone never downloads the desktop picture."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps

from coverage_app.models import Event, Media

RENDITION_WIDTHS = (480, 960, 1600)


def add_renditions(media: Media) -> None:
    """Re-encode the original without its metadata, then write a JPEG per narrower width.

    Re-encoding is what removes EXIF (a source's GPS position must never leak), so the original
    served to readers is replaced by its re-encoded copy too.
    """
    media.width, media.height, media.renditions = clean_with_renditions(media.file)
    media.save(update_fields=["file", "width", "height", "renditions"])


def add_lead_renditions(event: Event) -> None:
    """The same for an event's lead picture, the largest picture a phone meets first."""
    event.lead_width, event.lead_height, event.lead_renditions = clean_with_renditions(event.lead_image)
    event.save(update_fields=["lead_image", "lead_width", "lead_height", "lead_renditions"])


def clean_picture(file: FieldFile) -> Image.Image:
    """Replace a stored picture by its re-encoded copy, without metadata; the caller saves the row."""
    with file.open("rb") as source, Image.open(source) as original:
        keeps_alpha = original.format == "PNG"
        image = ImageOps.exif_transpose(original).convert("RGBA" if keeps_alpha else "RGB")
    # Pillow writes back what `info` carries (EXIF, ICC, JPEG and GIF comments, XMP): nothing of the
    # source's metadata may reach readers, so none of it is kept.
    image.info = {}
    stem = PurePosixPath(file.name).with_suffix("")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG" if keeps_alpha else "JPEG", quality=88, optimize=True, exif=b"")
    old_name = file.name
    file.save(f"{stem.name}-clean.{'png' if keeps_alpha else 'jpg'}", ContentFile(buffer.getvalue()), save=False)
    default_storage.delete(old_name)
    return image


def clean_with_renditions(file: FieldFile) -> tuple[int, int, dict[str, str]]:
    """`clean_picture`, then a JPEG per narrower width: the clean size and the renditions by width."""
    stem = PurePosixPath(file.name).with_suffix("")
    image = clean_picture(file).convert("RGB")
    renditions = {}
    for width in RENDITION_WIDTHS:
        if width >= image.width:
            break
        height = round(image.height * width / image.width)
        buffer = io.BytesIO()
        image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, format="JPEG", quality=80, optimize=True)
        renditions[str(width)] = default_storage.save(f"{stem}-{width}w.jpg", ContentFile(buffer.getvalue()))
    # Set from the clean image itself: the field's own dimension update reads a stale cache here,
    # and a missing width breaks srcset (and makes every later load of the row open the file).
    return image.width, image.height, renditions
