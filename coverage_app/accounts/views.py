"""The desk's people (editors only) and accepting an invitation: parse, call a service, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coverage_app.accounts import selectors, services
from coverage_app.accounts.forms import ActiveForm, InvitationAcceptForm, InviteForm, RoleForm, TokenForm
from coverage_app.accounts.middleware import needs_second_factor

PEOPLE = "accounts/people.html"


def editors_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.is_editor(request.user):
            raise PermissionDenied(_("Only editors manage the desk's people."))
        return view(request, *args, **kwargs)

    return wrapper


def _people_page(request: HttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    context = {
        "people": selectors.desk_people(),
        "invitations": selectors.open_invitations(),
        "audit": selectors.people_audit(),
        "invite_form": extra.pop("invite_form", None) or InviteForm(),
        "token_form": extra.pop("token_form", None) or TokenForm(),
        "role_choices": RoleForm.base_fields["role"].choices,
        **extra,
    }
    return render(request, PEOPLE, context, status=status)


def _refusal(request: HttpRequest, error: Exception) -> HttpResponse:
    text = error.messages[0] if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)
    return redirect("people:people")


def refusals_as_messages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A People action the services refuse (a role, the last editor, a bad address) goes back to the
    People page with the refusal as its message; the service changed nothing."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except (PermissionDenied, ValidationError) as error:
            return _refusal(request, error)

    return wrapper


def _done(request: HttpRequest, message: str, to: str = "people:people") -> HttpResponse:
    messages.success(request, message)
    return redirect(to)


@editors_only
def people(request: HttpRequest) -> HttpResponse:
    return _people_page(request)


def _person(pk: int) -> Any:
    return get_object_or_404(get_user_model(), pk=pk)


@require_POST
@editors_only
@refusals_as_messages
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _people_page(request, status=422, invite_form=form)
    services.invitation_create(
        by=request.user,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        accept_url=lambda token: request.build_absolute_uri(reverse("invitation_accept", args=[token])),
    )
    return _done(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})


@require_POST
@editors_only
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.invitation_revoke(by=request.user, invitation_id=pk)
    return _done(request, _("Invitation withdrawn."))


@require_POST
@editors_only
@refusals_as_messages
def person_role(request: HttpRequest, pk: int) -> HttpResponse:
    person, form = _person(pk), RoleForm(request.POST)
    if not form.is_valid():
        return _refusal(request, ValidationError(_("Choose a role.")))
    services.person_set_role(by=request.user, person=person, role=form.cleaned_data["role"])
    role = services.ROLE_NAMES[form.cleaned_data["role"]]
    return _done(request, _("%(name)s's role is now: %(role)s.") % {"name": person.get_username(), "role": role})


@require_POST
@editors_only
@refusals_as_messages
def person_active(request: HttpRequest, pk: int) -> HttpResponse:
    person, form = _person(pk), ActiveForm(request.POST)
    form.is_valid()
    active = form.cleaned_data.get("active", False)
    services.person_set_active(by=request.user, person=person, active=active)
    text = _("%(name)s reactivated.") if active else _("%(name)s deactivated and signed out.")
    return _done(request, text % {"name": person.get_username()})


@require_POST
@editors_only
@refusals_as_messages
def person_sign_out(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    ended = services.person_sign_out_everywhere(by=request.user, person=person)
    # Signing oneself out everywhere ends this session too: the next page is the sign-in.
    to = "newsroom:login" if person.pk == request.user.pk else "people:people"
    text = ngettext(
        "%(name)s signed out everywhere (%(count)s session).",
        "%(name)s signed out everywhere (%(count)s sessions).",
        ended,
    )
    return _done(request, text % {"name": person.get_username(), "count": ended}, to=to)


@require_POST
@editors_only
@refusals_as_messages
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _people_page(request, status=422, token_form=form)
    data = dict(form.cleaned_data)
    person = data.pop("person")
    token = services.token_issue(by=request.user, person=person, **data)
    # Shown once, on this answer only: only its hash is kept.
    return _people_page(request, new_token=token, new_token_for=person)


@require_POST
@editors_only
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.token_revoke(by=request.user, token_id=pk)
    return _done(request, _("Token revoked: it stops working at once."))


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationInvalid as error:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invitation_accept(
                token=token,
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except services.InvitationInvalid as error:
            return render(request, "accounts/invitation_invalid.html", {"reason": str(error)}, status=410)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error("password1", error)
        else:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            # The password was typed in this very request: allauth may count it as a fresh
            # confirmation, so setting up a second factor next does not ask for it again.
            record_authentication(request, user, method="password", username=user.get_username(), reauthenticated=True)
            if needs_second_factor(user):
                messages.info(request, _("Welcome. Your role needs a second factor: add one now."))
                return redirect("mfa_index")
            messages.success(request, _("Welcome to the newsroom."))
            return redirect("newsroom:home")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}, status=status)
