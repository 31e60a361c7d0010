from __future__ import annotations

from django.conf import settings
from django.db import models


class Invitation(models.Model):
    """An editor's invitation to join the desk in a role; the link carries a token whose hash is kept."""

    email = models.EmailField()
    role = models.CharField(max_length=40)  # a group name from coverage_app.roles
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.email} as {self.role}"


class PeopleAuditEntry(models.Model):
    """The trail of every change to the desk's people: invitations, roles, deactivations, sign-outs."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    subject_name = models.CharField(max_length=254)
    action = models.CharField(max_length=40)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name_plural = "people audit entries"

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

    def __str__(self) -> str:
        return f"code used by {self.user_id}"
