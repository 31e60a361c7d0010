from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from coverage_app.accounts.services import ROLE_NAMES, ROLES
from coverage_app.models import ApiToken, Event
from coverage_app.newsroom.forms import ChoiceField

ROLE_CHOICES = [(role, ROLE_NAMES[role]) for role in ROLES]  # "Editors" -> "Editor", in the page's language


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form (so second factors and the lock apply), dressed as the newsroom's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Username or email")
        # The page's field keeps the id it always had, so bookmarks, password managers and tests agree.
        login.widget.attrs.update({"id": "id_username", "autocomplete": "username", "autofocus": True})
        login.widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=ROLES[0])


class RoleForm(forms.Form):
    role = ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class ActiveForm(forms.Form):
    active = forms.BooleanField(required=False)


class TokenForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True),
        label=_("Acts as"),
        empty_label=_("Choose a person"),
    )
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “Wire feed”."))
    scope = ChoiceField(label=_("Scope"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    days = forms.IntegerField(label=_("Works for (days)"), min_value=1, max_value=366, initial=90)
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(),
        required=False,
        label=_("Event"),
        empty_label=_("any event"),
        help_text=_("Only this event, if chosen."),
    )


class InvitationAcceptForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, help_text=_("What you sign in with."))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned

    @staticmethod
    def help_for_password() -> list[str]:
        return password_validation.password_validators_help_texts()
