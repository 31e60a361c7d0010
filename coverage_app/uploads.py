"""Checks on files journalists upload: only real pictures and videos, of a size we can serve.

Pillow decides what is a picture; the name and the browser's content type are never trusted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel frame; more is a decompression bomb, not a photo
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_VIDEO_BYTES = 300 * 1024 * 1024
# The first bytes of the video containers browsers play: MP4/MOV ("ftyp" at offset 4) and WebM.
VIDEO_SIGNATURES = ((4, b"ftyp"), (0, b"\x1a\x45\xdf\xa3"))


def validate_image(upload: UploadedFile) -> None:
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; pictures can be up to 20 MB.")
            % {"name": upload.name, "size": upload.size // 1_048_576}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(
                    _("“%(name)s” is a %(format)s file; upload a JPEG, PNG, WebP or GIF.")
                    % {"name": upload.name, "format": image.format}
                )
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("“%(name)s” is %(width)s by %(height)s pixels; that is too large.")
                    % {"name": upload.name, "width": image.width, "height": image.height}
                )
            image.verify()  # a forged file fails here
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # verify() does not decode: a truncated file fails only when read whole
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("“%(name)s” claims more pixels than any photo has; that is too large.") % {"name": upload.name}
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("“%(name)s” is not a picture we can publish (JPEG, PNG, WebP or GIF; not SVG).") % {"name": upload.name}
        ) from error
    finally:
        upload.seek(0)


def validate_video(upload: UploadedFile) -> None:
    if upload.size > MAX_VIDEO_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; videos can be up to 300 MB.")
            % {"name": upload.name, "size": upload.size // 1_048_576}
        )
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    if not any(head[offset : offset + len(signature)] == signature for offset, signature in VIDEO_SIGNATURES):
        raise ValidationError(_("“%(name)s” is not an MP4 or WebM video.") % {"name": upload.name})
