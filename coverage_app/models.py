from __future__ import annotations

import uuid
import zoneinfo
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coverage_app import embeds, recorded
from coverage_app.languages import RIGHT_TO_LEFT, default_event_language


class Status(models.TextChoices):
    LIVE = "live", _("Live")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class EventQuerySet(models.QuerySet["Event"]):
    def readable(self) -> EventQuerySet:
        """The events a reader may open (page, socket, feed, API). Today every event: an event has no
        unpublished state and no door deletes one (the admin refuses; coverage is ended instead).
        A state that hides events goes here, and only here: the selectors read it, and the hub's
        SQL is compiled from it (`selectors.readable_events_sql`), so the socket's memory and the
        ORM cannot disagree."""
        return self.all()

    def live_first(self) -> EventQuerySet:
        order = models.Case(
            models.When(status=Status.LIVE, then=0),
            models.When(status=Status.PAUSED, then=1),
            default=2,
        )
        return self.alias(status_order=order).order_by("status_order", "-starts_at")


def lead_image_upload_name(instance: Any, filename: str) -> str:
    return _random_name("events", filename)


class Event(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("headline"), max_length=200)
    standfirst = models.TextField(_("standfirst"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    # The current state, kept beside its history (CoverageState) so a page reads it with the event.
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.LIVE)
    status_message = models.TextField(_("message to readers"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    resumes_at = models.DateTimeField(null=True, blank=True)  # announced with a pause
    # The summary box editors keep at the top; sanitised HTML, like post bodies.
    key_points = models.TextField(blank=True)
    # The event's change counter: every change takes the next value, so readers resume by seq.
    seq = models.PositiveBigIntegerField(_("sequence number"), default=0)
    time_zone = models.CharField(
        _("time zone"), max_length=60, default=settings.TIME_ZONE, help_text=_("e.g. Europe/London")
    )
    # What readers read it in: every word of its page, feed, embed and frames (docs/languages.md).
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=default_event_language)
    # The seq of the latest change of language or time zone (0: never). Frames stored before it were
    # rendered in another language or zone, so no reader resumes across it: it is told to reload
    # (docs/protocol.md, "A change of language or time zone").
    locale_seq = models.PositiveBigIntegerField(default=0, editable=False)
    # The first screen's picture or video (a YouTube/Vimeo page), and what share cards show.
    lead_image = models.ImageField(
        _("lead image"),
        upload_to=lead_image_upload_name,
        width_field="lead_width",
        height_field="lead_height",
        blank=True,
    )
    lead_width = models.PositiveIntegerField(null=True, editable=False)
    lead_height = models.PositiveIntegerField(null=True, editable=False)
    # Narrower copies of the lead picture by width, made by images.add_lead_renditions.
    lead_renditions = models.JSONField(default=dict, blank=True, editable=False)
    lead_image_alt = models.CharField(_("lead image description"), max_length=300, blank=True)
    lead_video_url = models.URLField(_("lead video (YouTube or Vimeo address)"), max_length=500, blank=True)
    lead_caption = models.CharField(_("lead caption"), max_length=300, blank=True)
    lead_credit = models.CharField(_("lead credit"), max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ("-starts_at",)
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = (("change_coverage_state", "Can pause, resume and end coverage"),)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coverage:live_page", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def direction(self) -> str:
        """How its language is written, for `dir` wherever its words appear outside its own page."""
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"

    @property
    def lead_srcset(self) -> str:
        if not self.lead_renditions:
            return ""
        sources = [
            f"{default_storage.url(name)} {width}w"
            for width, name in sorted(self.lead_renditions.items(), key=lambda item: int(item[0]))
        ]
        return ", ".join([*sources, f"{self.lead_image.url} {self.lead_width}w"])

    @property
    def lead_video_embed_url(self) -> str | None:
        return embeds.video_embed_url(self.lead_video_url) if self.lead_video_url else None

    @property
    def accepts_posts(self) -> bool:
        return self.status == Status.LIVE

    @property
    def is_upcoming(self) -> bool:
        """Live, but its announced start is still ahead: readers are told when it begins, not "Live"."""
        return self.status == Status.LIVE and self.starts_at > timezone.now()


class PostQuerySet(models.QuerySet["Post"]):
    def visible(self) -> PostQuerySet:
        """What readers see: published and not deleted."""
        return self.filter(state=Post.State.PUBLISHED, deleted_at__isnull=True)

    def unpublished(self) -> PostQuerySet:
        return self.filter(deleted_at__isnull=True).exclude(state=Post.State.PUBLISHED)

    def seen_by(self, user: Any) -> PostQuerySet:
        """The one visibility rule for signed-in users (docs/security.md): every published, undeleted
        post, and an unpublished one only for its author and for editors. Anonymous: `visible()`."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.visible()
        if user.has_perm("coverage_app.change_any_post"):
            return self.filter(deleted_at__isnull=True)
        return self.filter(deleted_at__isnull=True).filter(
            models.Q(state=Post.State.PUBLISHED) | models.Q(author_id=user.pk)
        )


# The fields of a post a revision keeps (with its media), in the order the desk's diff shows them.
REVISION_FIELDS = (
    "title", "body_html", "byline_name", "byline_role", "quote_text", "quote_attribution", "is_key_event", "correction_note",
)  # fmt: skip


class Post(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Sent back")
        PUBLISHED = "published", _("Published")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="posts", verbose_name=_("event"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PUBLISHED)
    title = models.CharField(_("title"), max_length=200, blank=True)
    # Sanitised once by the service, which is why templates may mark it safe.
    body_html = models.TextField(_("body"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts", verbose_name=_("author")
    )
    byline_name = models.CharField(_("byline name"), max_length=120, blank=True)
    byline_role = models.CharField(_("byline role"), max_length=120, blank=True)
    quote_text = models.TextField(_("quote"), blank=True)
    quote_attribution = models.CharField(_("quote attribution"), max_length=200, blank=True)
    is_key_event = models.BooleanField(_("key event"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    published_at = models.DateTimeField(
        _("published at"), db_index=True
    )  # the stream's order: an edit never moves a post
    # When it happened, for an update posted late: publishing puts it there in the stream.
    happened_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True, db_index=True)
    review_note = models.TextField(blank=True)  # an editor's note when sending a submission back
    correction_note = models.TextField(_("correction note"), blank=True)  # shown to readers under the post
    # A retried request (double click, flaky phone, API retry) carries the same key: one post.
    idempotency_key = models.CharField(max_length=64, blank=True)
    # Rises with every saved change, published or not: an edit based on an older version conflicts.
    version = models.PositiveIntegerField(default=1)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)  # deletes are soft; the log is redacted
    seq = models.PositiveBigIntegerField(default=0)  # the event's seq at this post's latest change (0: never out)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-pk")  # tuples in Meta: ruff RUF012 rejects lists
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = (
            ("pin_post", "Can pin and unpin posts"),
            ("change_any_post", "Can edit and delete anyone's posts"),
            ("publish_post", "Can publish posts (others submit them for review)"),
        )
        constraints = (
            # One pinned post per event: the page has one slot above the stream.
            models.UniqueConstraint(
                fields=("event",),
                condition=models.Q(is_pinned=True, deleted_at__isnull=True),
                name="one_pinned_post_per_event",
            ),
            models.UniqueConstraint(
                fields=("author", "event", "idempotency_key"),  # a key is scoped to its user and event
                condition=~models.Q(idempotency_key=""),
                name="one_post_per_idempotency_key",
            ),
        )

    def __str__(self) -> str:
        return self.title or gettext("Post %(number)s") % {"number": self.pk}  # the admin's name for it

    def get_absolute_url(self) -> str:
        return reverse("coverage:post_permalink", kwargs={"slug": self.event.slug, "pk": self.pk})

    def as_fields(self) -> dict[str, Any]:
        """Every field a journalist writes, and its media, as plain data (what a revision keeps)."""
        media_fields = ("kind", "alt_text", "caption", "credit", "url", "social_author", "social_handle", "social_text")
        return {
            **{name: getattr(self, name) for name in REVISION_FIELDS},
            "media": [{name: getattr(item, name) for name in media_fields} for item in self.media.all()],
        }

    @property
    def byline(self) -> str:
        if not self.byline_name:
            return ""
        return f"{self.byline_name}, {self.byline_role}" if self.byline_role else self.byline_name


SAFE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".mp4", ".webm", ".mov"}


def _random_name(folder: str, filename: str) -> str:
    """Stored files get random names: an uploader's file name never reaches a URL or the disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix if suffix in SAFE_SUFFIXES else '.bin'}"


def image_upload_name(instance: Any, filename: str) -> str:
    return _random_name("posts", filename)


def video_upload_name(instance: Any, filename: str) -> str:
    return _random_name("videos", filename)


class Media(models.Model):
    """Something shown with a post: an image (several make a gallery), a video, a map, a social post."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        VIDEO = "video", _("Video")
        MAP = "map", _("Map")
        SOCIAL = "social", _("Social media post")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="media", verbose_name=_("post"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.IMAGE)
    # An image, or a map as an image.
    file = models.ImageField(
        _("image file"), upload_to=image_upload_name, width_field="width", height_field="height", blank=True
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    # Narrower copies of `file` by width ({"480": name, ...}), made by images.add_renditions.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    video_file = models.FileField(upload_to=video_upload_name, blank=True)
    # A YouTube/Vimeo page, an embeddable map, or the social post's address.
    url = models.URLField(blank=True, max_length=500)
    alt_text = models.CharField(_("image description"), max_length=300, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True)
    social_author = models.CharField(max_length=120, blank=True)
    social_handle = models.CharField(max_length=120, blank=True)
    social_text = models.TextField(blank=True)
    # The card as readers know it from the network: the account's picture and when it posted.
    social_avatar = models.ImageField(upload_to=image_upload_name, blank=True)
    social_posted_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("media item")
        verbose_name_plural = _("media")

    def __str__(self) -> str:
        return self.alt_text or self.caption or self.get_kind_display()

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.IMAGE and not self.file:
            errors["file"] = _("An image needs a file.")
        if self.kind in {self.Kind.IMAGE, self.Kind.MAP} and self.file and not self.alt_text.strip():
            errors["alt_text"] = _("Describe the image for readers who cannot see it.")
        if self.kind == self.Kind.VIDEO and not self.video_file and not embeds.video_embed_url(self.url):
            errors["url"] = _("Upload a video, or give a YouTube or Vimeo address.")
        if self.kind == self.Kind.MAP and not self.file and not embeds.map_embed_url(self.url):
            errors["url"] = _("Upload a map image, or give an OpenStreetMap or Google Maps embed address.")
        if self.kind == self.Kind.SOCIAL and not (self.social_text.strip() and self.social_author.strip()):
            errors["social_text"] = _("A social post needs its author and its text.")
        if errors:
            raise ValidationError(errors)

    @property
    def embed_url(self) -> str | None:
        if self.kind == self.Kind.VIDEO:
            return embeds.video_embed_url(self.url)
        if self.kind == self.Kind.MAP:
            return embeds.map_embed_url(self.url)
        return None

    @property
    def srcset(self) -> str:
        """The renditions and the original, for <img srcset>."""
        if not self.renditions:
            return ""
        sources = [
            f"{default_storage.url(name)} {width}w"
            for width, name in sorted(self.renditions.items(), key=lambda item: int(item[0]))
        ]
        return ", ".join([*sources, f"{self.file.url} {self.width}w"])

    @property
    def social_site(self) -> str:
        return embeds.social_site(self.url)


class CoverageState(models.Model):
    """The history of an event's live / paused / ended states: who, when and what readers were told."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="states", verbose_name=_("event"))
    status = models.CharField(_("status"), max_length=10, choices=Status)
    message = models.TextField(_("message to readers"), blank=True)
    resumes_at = models.DateTimeField(_("resumes at"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("by")
    )
    # Who acted when no user did (the command line, a wire feed); shown in the history.
    actor = models.CharField(_("by"), max_length=120)
    seq = models.PositiveBigIntegerField(_("sequence number"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ("-seq",)
        verbose_name = _("coverage state")
        verbose_name_plural = _("coverage history")

    def __str__(self) -> str:
        return f"{self.get_status_display()} by {self.actor}"


class Change(models.Model):
    """The change log: one row per seq of an event, holding the frame every reader is sent."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="changes", verbose_name=_("event"))
    seq = models.PositiveBigIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=30)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="changes", verbose_name=_("post")
    )
    frame = models.TextField(_("frame"))  # JSON, rendered once by broadcast.record
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ("event", "seq")
        verbose_name = _("change")
        verbose_name_plural = _("change log")
        constraints = (models.UniqueConstraint(fields=("event", "seq"), name="one_change_per_seq"),)

    def __str__(self) -> str:
        return f"{self.kind} #{self.seq}"


class PostRevision(models.Model):
    """A post as it was before an edit: who changed it, when, and the correction note if any."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("by"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    body_html = models.TextField(_("body"))
    changed = models.CharField(_("changed"), max_length=300)  # which fields the edit changed
    # Every field as it was (text fields, key event, and a list of its media), for the desk's diff.
    fields = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self) -> str:
        return f"{self.post} before {self.created_at:%H:%M}"


class AuditEntry(recorded.RecordedDetail):
    """The desk's trail: every publish, edit, delete, pin and state change, who made it and when."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="audit", verbose_name=_("event"))
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="audit", verbose_name=_("post")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("user")
    )
    actor = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=40)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.actor} {self.action}"


class Profile(models.Model):
    """What a byline is prefilled with."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    byline_role = models.CharField(_("byline role"), max_length=120, blank=True, help_text=_('e.g. "US correspondent"'))
    # The newsroom's language for this user; empty follows their browser. Independent of any event's.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


class ComposerDraft(models.Model):
    """What a user has typed in an event's composer and not yet sent, saved as they type: it follows
    them to another browser, and the next person at the same computer, signed in as themselves,
    never gets it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="composer_drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="composer_drafts")
    data = models.JSONField(default=dict)  # the composer's text fields by name
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("event", "user"), name="one_composer_draft_per_user_and_event"),)
        verbose_name = _("composer draft")
        verbose_name_plural = _("composer drafts")

    def __str__(self) -> str:
        return f"{self.user}'s composer on {self.event}"


def draft_picture_upload_name(instance: Any, filename: str) -> str:
    return _random_name("drafts", filename)


class DraftPicture(models.Model):
    """A picture chosen in a composer and not yet sent, kept with its user's draft (ComposerDraft)
    so that a reload, a failed publish or another browser still has it. The draft's data says which
    ones are in the tray, in what order, with what alt text; sending the post removes them all."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="draft_pictures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="draft_pictures")
    file = models.FileField(upload_to=draft_picture_upload_name)
    name = models.CharField(max_length=255, blank=True)  # the file's name as chosen, shown in the tray
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("draft picture")
        verbose_name_plural = _("draft pictures")

    def __str__(self) -> str:
        return f"{self.user}'s picture {self.name} on {self.event}"


class DeskPresence(models.Model):
    """Who has an event's desk open, and which post they are editing (refreshed by the page)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="presence")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    editing = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("event", "user"), name="one_presence_per_user_and_event"),)
        verbose_name = _("desk presence")
        verbose_name_plural = _("desk presence")

    def __str__(self) -> str:
        return f"{self.user} on {self.event}"


class ApiToken(models.Model):
    """A token for scripts, wire feeds and bots; only its hash is stored (coverage_app/tokens.py)."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Last request with the token while valid, allowed or not; and the last one refused (tokens.py).
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_refused_at = models.DateTimeField(_("last refused"), null=True, blank=True)
    # The reason in English as the API answered it; and as a code and its values, so the People page
    # and the admin say it in each reader's language (recorded.py). Older rows have the text only.
    last_refusal = models.CharField(_("last refusal"), max_length=200, blank=True)
    last_refusal_code = models.CharField(max_length=40, blank=True, editable=False)
    last_refusal_params = models.JSONField(default=dict, blank=True, editable=False)
    # Empty only for tokens made before tokens expired; new ones always have an end.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.WRITE)
    # A wire feed for one story cannot touch another: the token works for this event only.
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("event")
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def shown_refusal(self) -> str:
        """The last refusal's reason in the active language; an older row's English where the
        catalogue knows it, else as written."""
        return recorded.render(self.last_refusal_code, self.last_refusal_params, self.last_refusal, look_up_text=True)
