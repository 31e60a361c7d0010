from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from coverage_app.accounts.models import Invitation, PeopleAuditEntry


class ReadOnly(admin.ModelAdmin):
    """A record of what happened: changed only by the newsroom's People page, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PeopleAuditEntry)
class PeopleAuditEntryAdmin(ReadOnly):
    list_display = ("created_at", "actor_name", "action", "subject_name", "detail")
    list_filter = ("action",)
    search_fields = ("actor_name", "subject_name", "detail")


@admin.register(Invitation)
class InvitationAdmin(ReadOnly):
    list_display = ("email", "role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at")
    exclude = ("token_hash",)
