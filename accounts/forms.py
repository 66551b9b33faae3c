"""Forms of the login steps and the Staff page."""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from core.roles import Role

from .models import User
from .roles import assigned_role, roles_grantable
from .services import CAPACITY_MAX


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class SecondFactorLoginForm(forms.Form):
    """Username, password and code at once: the way in while logging in is paused."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your app, or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


def _role_choices(actor: User) -> list[tuple[str, str]]:
    return [(role.value, str(role.label)) for role in roles_grantable(actor)]


class _PasswordField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            strip=False,
            help_text=_("At least 12 characters. Hand it over in person; they can change it."),
            **kwargs,
        )


class StaffCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    display_name = forms.CharField(
        label=_("Name shown to help-seekers"),
        max_length=60,
        required=False,
        help_text=_("A first name or alias. Never the full name."),
    )
    role = forms.ChoiceField(label=_("Role"))
    capacity = forms.IntegerField(
        label=_("Conversations at once"), min_value=0, max_value=CAPACITY_MAX, initial=3
    )
    password = _PasswordField(label=_("First password"))

    def __init__(self, actor: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(actor)  # type: ignore[attr-defined]
        self.fields["role"].initial = Role.COUNSELOR

    def clean_username(self) -> str:
        username = User.normalize_username(self.cleaned_data["username"].strip())
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is already taken."))
        return str(username)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            probe = User(username=cleaned.get("username", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class StaffUpdateForm(forms.Form):
    display_name = StaffCreateForm.base_fields["display_name"]
    role = forms.ChoiceField(label=_("Role"))
    capacity = StaffCreateForm.base_fields["capacity"]
    is_active = forms.BooleanField(
        label=_("Account active"),
        required=False,
        help_text=_("An inactive account can't log in; its open console closes at once."),
    )

    def __init__(self, actor: User, target: User, *args: Any, **kwargs: Any) -> None:
        role = assigned_role(target)
        kwargs.setdefault(
            "initial",
            {
                "display_name": target.display_name,
                "role": role.value if role else "",
                "capacity": target.capacity,
                "is_active": target.is_active,
            },
        )
        super().__init__(*args, **kwargs)
        choices = _role_choices(actor)
        if role is not None and role.value not in dict(choices):
            choices.append((role.value, str(role.label)))
        self.fields["role"].choices = choices  # type: ignore[attr-defined]
        if target.pk == actor.pk:
            # Nobody changes their own role or switches themselves off.
            self.fields["role"].disabled = True
            self.fields["is_active"].disabled = True


class PasswordSetForm(forms.Form):
    password = _PasswordField(label=_("New password"))

    def __init__(self, target: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        password_validation.validate_password(password, self.target)
        return password
