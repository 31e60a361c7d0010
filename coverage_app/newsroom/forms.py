from __future__ import annotations

import re
import uuid
import zoneinfo
from datetime import UTC, datetime, tzinfo
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coverage_app import embeds, richtext, services, uploads
from coverage_app.languages import default_event_language
from coverage_app.models import Media
from coverage_app.services import MEDIA_EDITABLE

# Key points typed as HTML lists or paragraphs are kept as they are; anything else is one per line.
BLOCK_TAG = re.compile(r"<(ul|ol|p|h[2-4])[\s>]", re.IGNORECASE)
DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ChoiceField(forms.ChoiceField):
    """One of the options offered. Django's own refusal repeats the value sent back into the page
    ("X is not one of…"), and a forged value can be 100 KB or hold a NUL: this one names none."""

    default_error_messages: ClassVar[dict[str, Any]] = {"invalid_choice": _("Choose one of the options offered.")}


def in_zone(typed: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time typed for `zone` (naive, or aware in UTC as a wall-clock parse gives it),
    as the moment it names. The one place a time the clocks skip or repeat is refused, in words a
    journalist understands: every form that reads a typed time in an event's zone comes here."""
    if timezone.is_aware(typed):
        typed = timezone.make_naive(typed, UTC)
    aware = typed.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != typed:
        raise forms.ValidationError(
            _("That time does not exist in this time zone (the clocks go forward then)."), code="nonexistent"
        )
    if aware.utcoffset() != aware.replace(fold=1).utcoffset():
        raise forms.ValidationError(
            _("That time happens twice in this time zone (the clocks go back then)."), code="ambiguous"
        )
    return aware


class MomentField(forms.DateTimeField):
    """A date and time typed on the desk: read in the zone that is active (the event's, set by the
    newsroom views), and only within the range the services accept."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DATETIME_LOCAL)
        super().__init__(**kwargs)

    # The event form reads its start in the zone chosen in the same form, so it leaves the typed
    # wall-clock time (parsed in UTC, which has no clock changes) for its clean() to place.
    read_as_wall_clock = False

    def to_python(self, value: Any) -> Any:
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value  # a moment already (an initial value), not something typed
        # Parsed in UTC, then placed in the zone by in_zone: Django's own placing refuses a time
        # the clocks repeat with a message about "interpreting" that names no way out.
        with timezone.override(UTC):
            typed = super().to_python(value)
        if typed is None or self.read_as_wall_clock:
            return typed
        return in_zone(typed, timezone.get_current_timezone())

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            try:
                services.check_moment(value, what=str(self.label or _("This time")))
            except services.CoverageError as error:
                raise forms.ValidationError(str(error)) from error


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8, "data-rich-text": ""}),
        max_length=20000,
        help_text=_(
            "Blank line for a new paragraph. Bold, italic, links, lists, headings and quotes are kept; pasted text is cleaned."
        ),
    )
    byline_name = forms.CharField(label=_("Byline"), max_length=120, required=False)
    byline_role = forms.CharField(label=_("Role"), max_length=120, required=False, help_text=_("e.g. US correspondent"))
    quote_text = forms.CharField(
        label=_("Quote"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    quote_attribution = forms.CharField(label=_("Said by"), max_length=200, required=False)
    is_key_event = forms.BooleanField(label=_("Key event"), required=False)
    published_at = MomentField(
        label=_("When it happened"),
        required=False,
        help_text=_("Only for an update posted late: it takes its place in the stream."),
    )
    scheduled_for = MomentField(label=_("Publish at"), required=False)
    # One per composer as rendered: a double click or a retried request carries the same key.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if richtext.is_empty(richtext.clean(body)):
            raise forms.ValidationError(_("Write something: the post has no text readers would see."))
        return body

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("quote_attribution") and not cleaned.get("quote_text"):
            self.add_error("quote_text", _("Add the quote, or clear who said it."))
        return cleaned

    def post_fields(self) -> dict[str, Any]:
        """What the services take, without the composer's own controls."""
        data = dict(self.cleaned_data)
        for control in ("scheduled_for", "idempotency_key"):
            data.pop(control, None)
        return data


class PostEditForm(PostForm):
    correction_note = forms.CharField(
        label=_("Correction note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=_("Shown to readers under the post, e.g. “This post was corrected: the mayor's name is Varga.”"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = (
        "title",
        "body",
        "byline_name",
        "byline_role",
        "quote_text",
        "quote_attribution",
        "is_key_event",
        "correction_note",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("published_at", "scheduled_for", "idempotency_key"):
            del self.fields[name]


class ImageForm(forms.Form):
    file = forms.FileField(
        label=_("Picture"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    alt_text = forms.CharField(label=_("Description for screen readers (alt text)"), max_length=300, required=False)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(label=_("Photographer / credit"), max_length=120, required=False)
    # A picture kept with the composer's draft (DraftPicture), sent by its id instead of its file.
    kept = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, kept_pictures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept_pictures = kept_pictures  # this user's, for this event; None where none are kept

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("file") and cleaned.get("kept"):
            picture = self.kept_pictures.filter(pk=cleaned["kept"]).first() if self.kept_pictures is not None else None
            if picture is None:
                self.add_error("file", _("That picture is no longer kept: choose it again."))
            else:
                # A copy: the post's picture gets its own file, and the kept one goes when the draft does.
                with picture.file.open("rb") as handle:
                    cleaned["file"] = ContentFile(handle.read(), name=picture.name or picture.file.name)
        upload = cleaned.get("file")
        if upload:
            try:
                uploads.validate_image(upload)
            except forms.ValidationError as error:
                self.add_error("file", error)
            if not cleaned.get("alt_text", "").strip():
                self.add_error("alt_text", _("Describe the picture for readers who cannot see it."))
        elif any(cleaned.get(name) for name in ("alt_text", "caption", "credit")):
            self.add_error("file", _("Choose the picture this text is for."))
        return cleaned

    def media(self) -> Media | None:
        data = self.cleaned_data
        if not data.get("file"):
            return None
        return Media(
            kind=Media.Kind.IMAGE,
            file=data["file"],
            alt_text=data["alt_text"].strip(),
            caption=data["caption"].strip(),
            credit=data["credit"].strip(),
        )


# "Any number" of pictures in a gallery, within reason for one request.
MAX_PICTURES = 60
ImageFormSet = forms.formset_factory(ImageForm, extra=4, max_num=MAX_PICTURES, absolute_max=MAX_PICTURES)
NewImageFormSet = forms.formset_factory(ImageForm, extra=1, max_num=MAX_PICTURES, absolute_max=MAX_PICTURES)


class VideoForm(forms.Form):
    video_file = forms.FileField(
        label=_("Video file"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"})
    )
    url = forms.URLField(label=_("or a YouTube / Vimeo address"), required=False, assume_scheme="https")
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(label=_("Video credit"), max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("video_file"):
            try:
                uploads.validate_video(cleaned["video_file"])
            except forms.ValidationError as error:
                self.add_error("video_file", error)
        elif cleaned.get("url") and not embeds.video_embed_url(cleaned["url"]):
            self.add_error("url", _("Use a YouTube or Vimeo address (https://)."))
        return cleaned

    def media(self) -> Media | None:
        data = self.cleaned_data
        if not (data.get("video_file") or data.get("url")):
            return None
        return Media(
            kind=Media.Kind.VIDEO,
            video_file=data.get("video_file") or "",
            url=data.get("url") or "",
            caption=data["caption"].strip(),
            credit=data["credit"].strip(),
        )


class MapForm(forms.Form):
    file = forms.FileField(
        label=_("Map image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    url = forms.URLField(
        label=_("or an embeddable map address"),
        required=False,
        assume_scheme="https",
        help_text=_("OpenStreetMap (Share → HTML) or Google Maps (Share → Embed)."),
    )
    alt_text = forms.CharField(label=_("Describe the map"), max_length=300, required=False)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(
        label=_("Map credit"), max_length=120, required=False, help_text=_("e.g. © OpenStreetMap contributors")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("file"):
            try:
                uploads.validate_image(cleaned["file"])
            except forms.ValidationError as error:
                self.add_error("file", error)
            if not cleaned.get("alt_text", "").strip():
                self.add_error("alt_text", _("Describe the map for readers who cannot see it."))
        elif cleaned.get("url") and not embeds.map_embed_url(cleaned["url"]):
            self.add_error("url", _("Use an OpenStreetMap or Google Maps embed address."))
        return cleaned

    def media(self) -> Media | None:
        data = self.cleaned_data
        if not (data.get("file") or data.get("url")):
            return None
        return Media(
            kind=Media.Kind.MAP,
            file=data.get("file") or "",
            url=data.get("url") or "",
            alt_text=data["alt_text"].strip(),
            caption=data["caption"].strip(),
            credit=data["credit"].strip(),
        )


class SocialForm(forms.Form):
    url = forms.URLField(
        label=_("Link to the post"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "Paste it and press “Read the post”: the card is filled from the platform (X, Bluesky, Mastodon, TikTok, and the page data of others). Check it, or fill it by hand."
        ),
    )
    social_author = forms.CharField(label=_("Who posted it"), max_length=120, required=False)
    social_handle = forms.CharField(label=_("Handle"), max_length=120, required=False)
    social_text = forms.CharField(
        label=_("What they said"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000, required=False
    )
    posted_at = MomentField(label=_("When they posted it"), required=False)
    avatar = forms.FileField(
        label=_("Their profile picture"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("avatar"):
            try:
                uploads.validate_image(cleaned["avatar"])
            except forms.ValidationError as error:
                self.add_error("avatar", error)
        given = [name for name in ("social_author", "social_text", "social_handle", "url") if cleaned.get(name)]
        if given and not (cleaned.get("social_author") and cleaned.get("social_text")):
            self.add_error("social_text", _("A social media post needs who posted it and what they said."))
        return cleaned

    def media(self) -> Media | None:
        data = self.cleaned_data
        if not data.get("social_text"):
            return None
        return Media(
            kind=Media.Kind.SOCIAL, social_author=data["social_author"].strip(), social_handle=data["social_handle"].strip(),
            social_text=data["social_text"].strip(), url=data.get("url") or "",
            social_posted_at=data.get("posted_at"), social_avatar=data.get("avatar") or "",
        )  # fmt: skip


class Composer:
    """The post form and its media forms, validated and read together."""

    def __init__(
        self, data: Any = None, files: Any = None, *, initial: dict[str, Any] | None = None, kept_pictures: Any = None
    ) -> None:
        # `initial` by the fields' full names ("title", "video-url"), as a saved draft holds them.
        initial = initial or {}

        def part(prefix: str) -> dict[str, Any]:
            return {
                name.removeprefix(f"{prefix}-"): value
                for name, value in initial.items()
                if name.startswith(f"{prefix}-")
            }

        self.post = PostForm(data, initial={name: value for name, value in initial.items() if "-" not in name})
        self.images = ImageFormSet(data, files, prefix="images", form_kwargs={"kept_pictures": kept_pictures})
        self.video = VideoForm(data, files, prefix="video", initial=part("video"))
        self.map = MapForm(data, files, prefix="map", initial=part("map"))
        self.social = SocialForm(data, files, prefix="social", initial=part("social"))

    @property
    def forms(self) -> list[Any]:
        return [self.post, self.images, self.video, self.map, self.social]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.forms]  # validate every form, so every error shows
        return all(results)

    def media(self) -> list[Media]:
        found = [form.media() for form in self.images] + [self.video.media(), self.map.media(), self.social.media()]
        return [item for item in found if item is not None]


class MediaEditForm(forms.Form):
    """One media item already on a post, as the in-place editor shows it."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=999, widget=forms.NumberInput(attrs={"class": "media-edit__position"})
    )
    remove = forms.BooleanField(label=_("Remove"), required=False)
    alt_text = forms.CharField(label=_("Alt text"), max_length=300, required=False)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(label=_("Credit"), max_length=120, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")
    social_author = forms.CharField(label=_("Who posted it"), max_length=120, required=False)
    social_handle = forms.CharField(label=_("Handle"), max_length=120, required=False)
    social_text = forms.CharField(
        label=_("What they said"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000, required=False
    )

    def __init__(self, *args: Any, item: Media | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        # Only the fields this kind of item has: a missing one is left as it is by the service.
        editable = MEDIA_EDITABLE.get(item.kind, ()) if item is not None else ()
        for name in ("alt_text", "caption", "credit", "url", "social_author", "social_handle", "social_text"):
            if name not in editable:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        keeps_a_picture = self.item is not None and self.item.kind == Media.Kind.IMAGE and not cleaned.get("remove")
        if keeps_a_picture and not (cleaned.get("alt_text") or "").strip():
            self.add_error("alt_text", _("Describe the picture for readers who cannot see it."))
        return cleaned

    def change(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class PostEditor:
    """The in-place editor of a post: its text, its media as they are, and media to add."""

    def __init__(
        self, post: Any, data: Any = None, files: Any = None, *, initial: dict[str, Any] | None = None
    ) -> None:
        self.post_form = PostEditForm(data, initial=initial, prefix=f"p{post.pk}")
        items = list(post.media.all())
        self.items = [
            MediaEditForm(
                data,
                item=item,
                prefix=f"p{post.pk}-m{item.pk}",
                initial={
                    "id": item.pk,
                    "position": index,
                    **{name: getattr(item, name) for name in MEDIA_EDITABLE.get(item.kind, ())},
                },
            )
            for index, item in enumerate(items)
        ]
        self.images = NewImageFormSet(data, files, prefix=f"p{post.pk}-images")
        self.video = VideoForm(data, files, prefix=f"p{post.pk}-video")
        self.map = MapForm(data, files, prefix=f"p{post.pk}-map")
        self.social = SocialForm(data, files, prefix=f"p{post.pk}-social")

    @property
    def forms(self) -> list[Any]:
        return [self.post_form, *self.items, self.images, self.video, self.map, self.social]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.forms]
        for form in self.items:
            if form.is_valid() and form.cleaned_data["id"] != form.item.pk:
                form.add_error(None, _("This item does not belong here."))
                results.append(False)
        return all(results)

    def media_changes(self) -> list[dict[str, Any]]:
        return [form.change() for form in self.items]

    def new_media(self) -> list[Media]:
        found = [form.media() for form in self.images] + [self.video.media(), self.map.media(), self.social.media()]
        return [item for item in found if item is not None]


# What readers see when the editor pausing or ending coverage types no message of their own: the
# desk shows it as the box's placeholder, and it is said in the event's language, as readers read it.
READER_DEFAULTS = {
    "pause": _("We’re pausing our coverage for now. We’ll be back shortly."),  # noqa: RUF001
    "end": _("That’s it for our live coverage. Thank you for following."),  # noqa: RUF001
}


def reader_defaults(language: str) -> dict[str, str]:
    with translation.override(language):
        return {action: str(text) for action, text in READER_DEFAULTS.items()}


class CoverageStateForm(forms.Form):
    ACTIONS = (("pause", _("Pause")), ("resume", _("Resume")), ("end", _("End")))
    action = ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message for readers"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=_("Shown to readers at the top of the page."),
    )
    resumes_at = MomentField(
        label=_("Resumes at"),
        required=False,
        help_text=_("Optional: readers see when coverage is due back."),
    )

    def message_for(self, language: str) -> str:
        """The message typed, or (left empty) the default for this change in the event's language."""
        typed = self.cleaned_data["message"].strip()
        return typed or reader_defaults(language).get(self.cleaned_data["action"], "")


SIMPLE_LIST = re.compile(r"\s*<ul>(?:\s*<li>(?:(?!<li>).)*?</li>)*\s*</ul>\s*", re.DOTALL)
LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def key_points_for_editing(html: str) -> str:
    """Key points stored as a plain list come back one per line, the way editors typed them."""
    return "\n".join(LIST_ITEM.findall(html)) if SIMPLE_LIST.fullmatch(html) else html


class KeyPointsForm(forms.Form):
    key_points = forms.CharField(
        label=_("Key points"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("One point per line. Shown to readers in a box at the top of the page."),
    )

    def clean_key_points(self) -> str:
        text = self.cleaned_data["key_points"].strip()
        if not text or BLOCK_TAG.search(text):
            return text  # already structured HTML; the service sanitises it
        # One point per line, the way editors type them, becomes a list (inline markup is kept).
        items = [line.strip(" -•*") for line in text.splitlines() if line.strip(" -•*")]
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


class LinkCardForm(forms.Form):
    """Which card to read: the composer's or an in-place editor's social or video form."""

    prefix = forms.RegexField(regex=r"^(p\d{1,12}-)?(social|video)$", max_length=30)

    def url_from(self, data: Any) -> str:
        field = forms.URLField(assume_scheme="https", max_length=500)
        return field.clean(data.get(f"{self.cleaned_data['prefix']}-url", ""))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What needs changing"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Headline"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=50,
        required=False,
        help_text=_("/live/<address>/ — made from the headline if empty."),
    )
    standfirst = forms.CharField(label=_("Standfirst"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    starts_at = MomentField(label=_("Coverage starts"), required=False)
    starts_at.read_as_wall_clock = True
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=60,
        initial="Europe/London",
        help_text=_("The time zone readers see times in, e.g. America/New_York."),
    )
    language = ChoiceField(
        label=_("Language of the coverage"),
        choices=settings.LANGUAGES,
        initial=default_event_language,
        required=False,  # left out: the site's default (EVENT_LANGUAGE)
        help_text=_("Every word readers see on the page, the feed and the embed is in this language."),
    )

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"].strip()
        if name not in services.TIME_ZONES:
            raise forms.ValidationError(
                _("%(name)s is not a time zone name; try Europe/London or America/New_York.") % {"name": repr(name)}
            )
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("slug"):
            cleaned["slug"] = slugify(cleaned["title"])[:50].strip("-")
        if cleaned.get("starts_at") and cleaned.get("time_zone"):
            # Typed as a wall-clock time in the event's own zone (chosen in this form), as the field says.
            try:
                cleaned["starts_at"] = in_zone(cleaned["starts_at"], zoneinfo.ZoneInfo(cleaned["time_zone"]))
            except forms.ValidationError as error:
                self.add_error("starts_at", error)
        return cleaned


class ProfileForm(forms.Form):
    """What a journalist sets for themselves: the newsroom's language and their byline's role."""

    language = ChoiceField(
        label=_("Newsroom language"),
        # Each language in its own name, so someone who cannot read the current one still finds theirs.
        choices=[("", _("The browser's language")), *settings.LANGUAGES],
        required=False,
        help_text=_(
            "The newsroom and the admin speak this language to you. Each event's readers get the event's own language."
        ),
    )
    byline_role = forms.CharField(
        label=_("Role in your byline"),
        max_length=120,
        required=False,
        help_text=_("Prefilled in every new post, e.g. US correspondent."),
    )
