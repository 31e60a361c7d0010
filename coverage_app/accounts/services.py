"""Every change to the desk's people: invitations, roles, deactivation, signing out, tokens.
Each one is refused unless an editor makes it, and each one is written to the people audit trail."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from coverage_app import recorded, tokens
from coverage_app.accounts.models import Invitation, PeopleAuditEntry
from coverage_app.models import ApiToken, Event
from coverage_app.roles import CONTRIBUTORS, EDITORS, JOURNALISTS

ROLES = (CONTRIBUTORS, JOURNALISTS, EDITORS)
# One person's role, as the pages say it (the groups keep their English names).
ROLE_NAMES = {
    CONTRIBUTORS: pgettext_lazy("role", "Contributor"),
    JOURNALISTS: pgettext_lazy("role", "Journalist"),
    EDITORS: pgettext_lazy("role", "Editor"),
}
logger = logging.getLogger(__name__)


class InvitationInvalid(Exception):
    """The link is unknown, used, revoked or expired: nothing is created."""


def is_editor(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists()))


def _require_editor(by: Any) -> None:
    if not is_editor(by):
        raise PermissionDenied(_("Only editors manage the desk's people."))


def _require_changeable(by: Any, person: Any) -> None:
    _require_editor(by)
    if person.pk == by.pk:
        raise PermissionDenied(_("You cannot change your own role or account here; ask another editor."))
    if person.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("Only an administrator changes an administrator's account."))


def _audit(*, by: Any, subject: Any, subject_name: str = "", action: str, detail: recorded.Said | None = None) -> None:
    # The detail is kept in English (logs, searches) and as a code, shown in each reader's language.
    text = detail.english[:300] if detail else ""
    # Also logged: a security team's log pipeline sees people changes with the request that made them.
    logger.info(
        "people: %s %s %s",
        by.get_username() if by else "system",
        action,
        subject_name or (subject.get_username() if subject else ""),
        extra={"action": action, "detail": text},
    )
    PeopleAuditEntry.objects.create(
        actor=by,
        actor_name=by.get_username() if by else "system",
        subject=subject,
        subject_name=subject_name or (subject.get_username() if subject else ""),
        action=action,
        detail=text,
        detail_code=detail.code if detail else "",
        detail_params=detail.params if detail else {},
    )


def role_of(user: Any) -> str:
    names = set(user.groups.values_list("name", flat=True))
    return next((role for role in reversed(ROLES) if role in names), "")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, by: Any, email: str, role: str, accept_url: Any) -> Invitation:
    """Invite `email` to the desk as `role`; the link (made by `accept_url(token)`) is mailed, never stored."""
    _require_editor(by)
    if role not in ROLES:
        raise ValidationError(_("Choose a role: %(roles)s.") % {"roles": ", ".join(str(ROLE_NAMES[r]) for r in ROLES)})
    email = email.strip()
    if get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError(_("Someone on the desk already uses that address."))
    # A new invitation to the same address replaces any earlier one still open.
    Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    context = {"invitation": invitation, "url": accept_url(token), "by": by, "site": settings.SITE_NAME}
    send_mail(
        subject=f"{settings.SITE_NAME}: you are invited to the newsroom",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    _audit(by=by, subject=None, subject_name=email, action="invited", detail=recorded.said("invited_as", role=role))
    return invitation


def invitation_for_token(token: str) -> Invitation:
    invitation = Invitation.objects.filter(token_hash=_hash(token)).first()
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid. Check that the whole link was copied."))
    if invitation.accepted_at is not None:
        raise InvitationInvalid(_("This invitation has already been used. Sign in, or reset your password."))
    if invitation.revoked_at is not None:
        raise InvitationInvalid(_("This invitation was withdrawn. Ask an editor for a new one."))
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(_("This invitation has expired. Ask an editor for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, first_name: str = "", last_name: str = "") -> Any:
    """Make the invited account. The invitation row is locked, so one link makes one account."""
    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation = invitation_for_token(token)  # re-read under the lock: a double submit makes one account
    users = get_user_model()
    username = users.normalize_username(username.strip())
    if users.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "That username is taken."})
    user = users(username=username, email=invitation.email, first_name=first_name, last_name=last_name)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=invitation.role))
    EmailAddress.objects.create(user=user, email=invitation.email, primary=True, verified=True)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    detail = recorded.said("joined_as", role=invitation.role, inviter=str(invitation.invited_by))
    _audit(by=user, subject=user, action="joined", detail=detail)
    return user


@transaction.atomic
def invitation_revoke(*, by: Any, invitation_id: int) -> None:
    _require_editor(by)
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id, accepted_at__isnull=True).first()
    if invitation is None or invitation.revoked_at is not None:
        return
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _audit(by=by, subject=None, subject_name=invitation.email, action="withdrew invitation")


@transaction.atomic
def person_set_role(*, by: Any, person: Any, role: str) -> None:
    _require_changeable(by, person)
    if role not in ROLES:
        raise ValidationError(_("Choose a role: %(roles)s.") % {"roles": ", ".join(str(ROLE_NAMES[r]) for r in ROLES)})
    before = role_of(person)
    if before == role:
        return
    person.groups.remove(*Group.objects.filter(name__in=ROLES))
    person.groups.add(Group.objects.get(name=role))
    _audit(
        by=by, subject=person, action="changed role", detail=recorded.said("role_changed", before=before, after=role)
    )


def _end_sessions(person: Any) -> int:
    """Every session of `person`: the ones allauth tracked, and any older one in the session table."""
    ended = 0
    for session in UserSession.objects.filter(user=person):
        session.end()
        ended += 1
    # Sessions made before session tracking existed: the table is small (signed-in staff only).
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def person_sign_out_everywhere(*, by: Any, person: Any) -> int:
    _require_editor(by)
    if person.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("Only an administrator changes an administrator's account."))
    ended = _end_sessions(person)
    _audit(by=by, subject=person, action="signed out everywhere", detail=recorded.said("sessions_ended", count=ended))
    return ended


@transaction.atomic
def person_set_active(*, by: Any, person: Any, active: bool) -> None:
    """Deactivating ends every session and stops every API token of the person (both check is_active)."""
    _require_changeable(by, person)
    if person.is_active == active:
        return
    person.is_active = active
    person.save(update_fields=["is_active"])
    if not active:
        _end_sessions(person)
    _audit(by=by, subject=person, action="reactivated" if active else "deactivated")


@transaction.atomic
def token_issue(*, by: Any, person: Any, name: str, scope: str, days: int, event: Event | None) -> str:
    """An editor makes a token for someone (a bot's account, a wire desk); it is shown once."""
    _require_editor(by)
    if not 1 <= days <= 366:
        raise ValidationError(_("A token works for 1 to 366 days."))
    token = tokens.issue_token(user=person, name=name, scope=scope, lifetime=timedelta(days=days), event=event)
    if event is not None:
        detail = recorded.said("token_issued_for_event", name=name, scope=scope, event=event.slug, days=days)
    else:
        detail = recorded.said("token_issued", name=name, scope=scope, days=days)
    _audit(by=by, subject=person, action="issued API token", detail=detail)
    return token


@transaction.atomic
def token_revoke(*, by: Any, token_id: int) -> None:
    _require_editor(by)
    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    if token is None:
        return
    token.delete()
    _audit(by=by, subject=token.user, action="revoked API token", detail=recorded.said("token_named", name=token.name))


def profile_update(*, user: Any, language: str, byline_role: str) -> Any:
    """A signed-in person's own settings: the newsroom's language ("" follows their browser) and the
    role their byline is prefilled with. Anyone may change their own; nobody else's is touched."""
    from coverage_app.models import Profile

    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("%(code)s is not a language of this newsroom.") % {"code": repr(language)})
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"language": language, "byline_role": byline_role.strip()[:120]}
    )
    return profile
