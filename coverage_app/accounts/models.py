from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coverage_app import recorded


class Invitation(models.Model):
    """An editor's invitation to join the desk in a role; the link carries a token whose hash is kept."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=40)  # a group name from coverage_app.roles
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("account")
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} as {self.role}"


class PeopleAuditEntry(recorded.RecordedDetail):
    """The trail of every change to the desk's people: invitations, roles, deactivations, sign-outs."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    actor_name = models.CharField(_("by"), max_length=150)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("person")
    )
    subject_name = models.CharField(_("person"), max_length=254)
    action = models.CharField(_("action"), max_length=40)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("people audit entry")
        verbose_name_plural = _("people audit entries")

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.subject_name}"


class UsedTotpCode(models.Model):
    """An authenticator-app code already used, kept for the period it stays valid: shared by every
    worker through the database, so a code seen once is refused everywhere (allauth keeps this in
    the cache, which without Redis is each process's own)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("user", "code_hash"), name="one_use_per_totp_code"),)
        verbose_name = _("used sign-in code")
        verbose_name_plural = _("used sign-in codes")

    def __str__(self) -> str:
        return f"code used by {self.user_id}"
