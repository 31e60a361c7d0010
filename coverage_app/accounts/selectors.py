from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from coverage_app.accounts.models import Invitation, PeopleAuditEntry
from coverage_app.accounts.services import ROLES
from coverage_app.models import ApiToken


def desk_people() -> list[Any]:
    """Everyone with a newsroom role (or staff), with their role, second factor and tokens, in one read."""
    users = get_user_model()
    strong = Authenticator.objects.filter(
        user=OuterRef("pk"), type__in=(Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
    )
    return list(
        users.objects.filter(Q(groups__name__in=ROLES) | Q(is_staff=True))
        .distinct()
        .annotate(has_second_factor=Exists(strong))
        .prefetch_related("groups", Prefetch("api_tokens", ApiToken.objects.select_related("event").order_by("-pk")))
        .order_by("-is_active", "username")
    )


def open_invitations() -> list[Invitation]:
    return list(
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .order_by("-created_at")
    )


def people_audit(size: int = 50) -> list[PeopleAuditEntry]:
    return list(PeopleAuditEntry.objects.all()[:size])
