"""The Django admin: every change to coverage goes through the services, so it takes a seq and
reaches open reader pages; deletions are soft; the coverage history is read-only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coverage_app import services, uploads
from coverage_app.lifecycle import Action
from coverage_app.models import (
    ApiToken,
    AuditEntry,
    Change,
    CoverageState,
    Event,
    Media,
    Post,
    PostRevision,
    Profile,
    Status,
)
from coverage_app.newsroom.forms import in_zone
from coverage_app.roles import allowed_actions
from coverage_app.templatetags.newsroom import audit_verb


class ServiceRefusalsAsMessages:
    """A write the services refuse (a role, a state, coverage paused) shows as the admin's error
    message and changes nothing: the admin's own transaction rolls back around it, never a 500."""

    def _refusals_as_messages(
        self, request: HttpRequest, page: Callable[[], HttpResponse], *, form: bool
    ) -> HttpResponse:
        try:
            return page()
        except services.REFUSALS as error:
            # The refusal was made in the editor's language, as the admin runs in it.
            message = gettext("%(refusal)s Nothing was saved.") % {"refusal": error} if form else str(error)
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page = super().changeform_view
        return self._refusals_as_messages(request, lambda: page(request, *args, **kwargs), form=True)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page = super().changelist_view
        return self._refusals_as_messages(request, lambda: page(request, *args, **kwargs), form=False)


class WallClockSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time boxes, read as typed (in UTC, which has no clock changes): the
    form places the wall-clock time in the event's zone (EventAdminForm.clean)."""

    def compress(self, data_list: list[Any]) -> Any:
        with timezone.override(UTC):
            return super().compress(data_list)


class EventAdminForm(forms.ModelForm):
    starts_at = WallClockSplitDateTimeField(
        label=Event._meta.get_field("starts_at").verbose_name, widget=AdminSplitDateTime
    )

    class Meta:
        model = Event
        fields = ("title", "slug", "standfirst", "starts_at", "time_zone", "language")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left empty: the site's zone for a new event, the current one for an existing event.
        self.fields["time_zone"].required = False
        # The start is shown and read in one zone: an existing event's own (whatever the zone box
        # is changed to in the same save, so changing only the zone never moves the start), and
        # for a new event the zone chosen below. Shown in UTC but read in the zone, every save
        # moved the start by the zone's offset.
        field = self.fields["starts_at"]
        if self.instance.pk:
            zone = ZoneInfo(self.instance.time_zone)
            self.initial["starts_at"] = timezone.make_naive(self.instance.starts_at, zone)
            field.help_text = _("In the event's time zone, %(zone)s.") % {"zone": self.instance.time_zone}
        else:
            field.help_text = _("In the event's time zone, chosen below (left empty: %(zone)s).") % {
                "zone": settings.TIME_ZONE
            }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        typed = cleaned.get("starts_at")
        if typed is None:
            return cleaned
        name = self.instance.time_zone if self.instance.pk else cleaned.get("time_zone") or settings.TIME_ZONE
        if name not in services.TIME_ZONES:
            return cleaned  # the zone box's own error says why
        try:
            moment = in_zone(typed, ZoneInfo(name))
            cleaned["starts_at"] = services.check_moment(moment, what=gettext("The time coverage starts"))
        except forms.ValidationError as error:
            self.add_error("starts_at", error)
        except services.CoverageError as error:
            self.add_error("starts_at", str(error))
        return cleaned


class CoverageStateInline(admin.TabularInline):
    model = CoverageState
    fields = ("created_at", "status", "message", "actor", "seq")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ServiceRefusalsAsMessages, admin.ModelAdmin):
    form = EventAdminForm

    list_display = ("title", "slug", "status", "language", "starts_at", "seq")
    list_filter = ("status", "language")
    search_fields = ("title", "slug")
    prepopulated_fields: ClassVar[dict[str, tuple[str, ...]]] = {"slug": ("title",)}
    fields = (
        "title", "slug", "standfirst", "starts_at", "time_zone", "language", "status", "status_message", "seq",
        "lead_image", "lead_image_alt", "lead_video_url", "lead_caption", "lead_credit",
    )  # fmt: skip
    readonly_fields = ("status", "status_message", "seq")
    inlines = (CoverageStateInline,)
    actions = ("pause_coverage", "resume_coverage", "end_coverage")

    def get_prepopulated_fields(self, request: HttpRequest, obj: Event | None = None) -> dict[str, tuple[str, ...]]:
        return {} if obj else self.prepopulated_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Event | None = None) -> tuple[str, ...]:
        # The slug is in every reader's URL and socket: it is fixed once the event exists.
        return (*self.readonly_fields, "slug") if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Event, form: forms.ModelForm, change: bool) -> None:
        fields = {name: getattr(obj, name) for name in ("title", "standfirst", "starts_at", "language")}
        if change:
            lead = {name: getattr(obj, name) for name in services.LEAD_FIELDS}
            # A new language or zone makes open pages reload (services.event_edit).
            services.event_edit(event=obj, by=request.user, lead=lead, time_zone=obj.time_zone or None, **fields)
        else:
            obj.pk = services.event_create(slug=obj.slug, by=request.user, time_zone=obj.time_zone, **fields).pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an event's page, feed and permalinks stay; end its coverage instead

    def _change_state(self, request: HttpRequest, queryset: QuerySet[Event], change: Any, done: Any) -> None:
        for event in queryset:
            try:
                change(event=event, by=request.user)
            except services.CoverageError as error:
                self.message_user(request, f"{event}: {error}", messages.ERROR)
            else:
                self.message_user(request, done % {"event": event})

    @admin.action(description=_("Pause coverage"), permissions=("change",))
    def pause_coverage(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._change_state(request, queryset, services.coverage_pause, _("%(event)s: coverage paused."))

    @admin.action(description=_("Resume coverage"), permissions=("change",))
    def resume_coverage(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._change_state(request, queryset, services.coverage_resume, _("%(event)s: coverage resumed."))

    @admin.action(description=_("End coverage"), permissions=("change",))
    def end_coverage(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._change_state(request, queryset, services.coverage_end, _("%(event)s: coverage ended."))


class MediaAdminForm(forms.ModelForm):
    """The admin's uploads pass the same checks as the newsroom's (a truncated JPEG is refused)."""

    class Meta:
        model = Media
        fields = ("post", "file", "alt_text", "caption", "credit", "position")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            uploads.validate_image(upload)
        return upload


class MediaInline(admin.StackedInline):
    model = Media
    form = MediaAdminForm
    extra = 0
    fields = ("file", "alt_text", "caption", "credit", "position")


class PostAdminForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Body"), widget=forms.Textarea, help_text=_("Rich text; it is cleaned before readers see it.")
    )

    class Meta:
        model = Post
        fields = ("event", "title", "body", "byline_name", "byline_role", "is_key_event")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["body"].initial = self.instance.body_html
            self.fields["event"].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        event = cleaned.get("event")
        if not self.instance.pk and event is not None and not event.accepts_posts:
            raise forms.ValidationError(
                _("Coverage is paused: resume it before publishing.")
                if event.status == Status.PAUSED
                else _("Coverage has ended: reopen it before publishing.")
            )
        return cleaned


@admin.register(Post)
class PostAdmin(ServiceRefusalsAsMessages, admin.ModelAdmin):
    form = PostAdminForm
    list_display = ("__str__", "event", "byline_name", "published_at", "is_key_event", "is_pinned", "deleted_at")
    list_filter = ("event", "is_key_event", "is_pinned")
    search_fields = ("title", "body_html")
    inlines = (MediaInline,)
    actions = ("soft_delete",)

    # The admin is one more door onto the post-life table: it offers a change or a delete exactly
    # when the services would accept it.
    def has_view_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        if obj is None:
            return super().has_view_permission(request)
        return Post.objects.seen_by(request.user).filter(pk=obj.pk).exists()

    def has_change_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return Action.EDIT in allowed_actions(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        return Action.DELETE in allowed_actions(request.user, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Post]:
        # Staff see in the admin what they may see anywhere: unpublished posts only if theirs or editors.
        return Post.objects.seen_by(request.user).select_related("event")

    def save_model(self, request: HttpRequest, obj: Post, form: PostAdminForm, change: bool) -> None:
        data = form.cleaned_data
        fields = {key: data[key] for key in ("title", "byline_name", "byline_role", "is_key_event")}
        if change:
            saved = services.post_edit(post=obj, by=request.user, body=data["body"], **fields)
        else:
            saved = services.post_publish(event=data["event"], author=request.user, body=data["body"], **fields)
        obj.__dict__.update(saved.__dict__)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        removed = [item.instance for formset in formsets for item in formset.deleted_forms if item.instance.pk]
        super().save_related(request, form, formsets, change)
        services.media_files_removed(media=removed)
        if any(formset.has_changed() for formset in formsets):
            services.post_media_changed(post=form.instance, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Post) -> None:
        services.post_delete(post=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        for post in queryset.filter(deleted_at__isnull=True):
            services.post_delete(post=post, by=request.user)

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # its confirmation page promises a hard delete
        return actions

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        # A post's deletion is soft: its media and change-log rows stay, so only the post is listed.
        posts = [str(post) for post in objs]
        return posts, {Post._meta.verbose_name_plural: len(posts)}, set(), []

    @admin.action(description=_("Delete selected posts (readers stop seeing them)"), permissions=("delete",))
    def soft_delete(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        self.delete_queryset(request, queryset)


@admin.register(Media)
class MediaAdmin(ServiceRefusalsAsMessages, admin.ModelAdmin):
    form = MediaAdminForm

    def get_queryset(self, request: HttpRequest) -> QuerySet[Media]:
        # An unpublished post's pictures are seen by whoever may see the post, here as anywhere.
        return super().get_queryset(request).filter(post__in=Post.objects.seen_by(request.user))

    list_display = ("alt_text", "post", "kind")
    fields = ("post", "file", "alt_text", "caption", "credit", "position")

    def save_model(self, request: HttpRequest, obj: Media, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.post_media_changed(post=obj.post, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Media) -> None:
        services.media_delete(media=obj, by=request.user)

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # a bulk delete would skip the re-send to readers
        return actions


@admin.register(CoverageState)
class CoverageStateAdmin(admin.ModelAdmin):
    list_display = ("event", "status", "actor", "created_at", "message")
    list_filter = ("status", "event")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Change)
class ChangeAdmin(CoverageStateAdmin):
    list_display = ("event", "seq", "kind", "post", "created_at")
    list_filter = ("kind", "event")


class AuditActionFilter(admin.SimpleListFilter):
    """The trail's verbs are stored in English; the filter offers them in the editor's language."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        actions = model_admin.model.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(action, audit_verb(action)) for action in actions]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


class AuditColumns:
    """The verb and the detail of a trail's entry, in the editor's language (recorded.py)."""

    @admin.display(description=_("action"), ordering="action")
    def shown_action(self, entry: Any) -> str:
        return audit_verb(entry.action)

    @admin.display(description=_("detail"))
    def shown_detail(self, entry: Any) -> str:
        return entry.shown_detail


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditColumns, CoverageStateAdmin):
    list_display = ("created_at", "event", "actor", "shown_action", "shown_detail")
    list_filter = (AuditActionFilter, "event")


@admin.register(PostRevision)
class PostRevisionAdmin(CoverageStateAdmin):
    list_display = ("post", "by", "changed", "created_at")
    list_filter = ()


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "byline_role", "language")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made on the People page or with `manage.py api_token create` (shown once); here they are revoked."""

    list_display = ("name", "user", "scope", "event", "expires_at", "last_used_at", "last_refused_at")
    fields = (
        "name", "user", "scope", "event", "created_at", "expires_at", "last_used_at", "last_refused_at", "refusal",
    )  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("last refusal"))
    def refusal(self, token: ApiToken) -> str:
        return token.shown_refusal
