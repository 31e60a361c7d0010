from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coverage_app.accounts.models import Invitation, PeopleAuditEntry
from coverage_app.admin import AuditActionFilter, AuditColumns
from coverage_app.templatetags.newsroom import role_name


class ReadOnly(admin.ModelAdmin):
    """A record of what happened: changed only by the newsroom's People page, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PeopleAuditEntry)
class PeopleAuditEntryAdmin(AuditColumns, ReadOnly):
    list_display = ("created_at", "actor_name", "shown_action", "subject_name", "shown_detail")
    list_filter = (AuditActionFilter,)
    search_fields = ("actor_name", "subject_name", "detail")


@admin.register(Invitation)
class InvitationAdmin(ReadOnly):
    list_display = ("email", "shown_role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at")
    exclude = ("token_hash",)

    @admin.display(description=_("role"), ordering="role")
    def shown_role(self, invitation: Invitation) -> str:
        return role_name(invitation.role)
