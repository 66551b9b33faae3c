"""Staff login (password, then a code from an authenticator app or a recovery code; first
time: set the app up), the account's two-factor page, and the Staff page for supervisors
and admins."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from core.roles import is_supervisor

from .forms import (
    CodeForm,
    PasswordSetForm,
    SecondFactorLoginForm,
    StaffCreateForm,
    StaffUpdateForm,
)
from .lockout import (
    lockout_response,
    login_failure_record,
    login_locked,
    login_with_second_factor,
)
from .models import User
from .roles import can_manage
from .selectors import staff_for_manager, staff_rows
from .sessions import (
    ENDED_REASON,
    IDLE,
    UNVERIFIED,
    idle_seconds,
    pending_clear,
    pending_login,
    pending_start,
    staff_logging_out,
    staff_login,
)
from .staff import (
    staff_account_create,
    staff_account_update,
    staff_password_set,
    staff_two_factor_reset,
    staff_unlock,
)
from .two_factor import (
    RECOVERY_CODE_COUNT,
    authenticator_for_setup,
    has_two_factor,
    recovery_codes_left,
    recovery_codes_renew,
    totp_qr_svg,
    totp_secret,
    two_factor_enable,
    two_factor_required,
    two_factor_throttled,
    two_factor_verify,
)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Recovery codes just made, shown once: {"codes": [...], "next": url}.
NEW_RECOVERY_CODES = "kizuna_new_recovery_codes"


def _no_store(response: HttpResponse) -> HttpResponse:
    """Pages with secrets (the setup key, recovery codes) are never kept by a browser."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    return response


def _ended_notice(reason: object) -> str | None:
    if reason == IDLE:
        minutes = max(1, round(idle_seconds() / 60))
        return ngettext(
            "You were logged out after %(minutes)s minute without activity. Please log in again.",
            "You were logged out after %(minutes)s minutes without activity. Please log in again.",
            minutes,
        ) % {"minutes": minutes}
    if reason == UNVERIFIED:
        return _("Please log in again: your account needs a two-factor code.")
    if reason == "expired":
        return _("That took a little too long. Please log in again.")
    return None


class StaffLoginView(auth_views.LoginView):
    """Step one: username and password. Nobody is logged in until the second step."""

    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["ended_notice"] = _ended_notice(self.request.session.pop(ENDED_REASON, None))
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if has_two_factor(user):
            pending_start(self.request, user, next_url=self.get_redirect_url())
            return redirect("accounts:login_code")
        if two_factor_required(user):
            pending_start(self.request, user, next_url=self.get_redirect_url())
            return redirect("accounts:two_factor_setup")
        staff_login(self.request, user, backend=user.backend)
        return redirect(self.get_success_url())


def _after_login(next_url: str) -> str:
    return next_url or resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponseBase:
    """Step two: the 6-digit code from the app, or a recovery code (each works once).
    Wrong codes count toward the lockout as wrong passwords do."""
    pending = pending_login(request)
    if pending is None:
        request.session[ENDED_REASON] = "expired"
        return redirect("accounts:login")
    user, backend, next_url = pending
    if not has_two_factor(user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = user.get_username()
        if login_locked(request, username):
            return lockout_response(request)
        code = form.cleaned_data["code"]
        if two_factor_throttled(user=user, code=code):
            form.add_error("code", _("Please wait a few seconds, then try the code again."))
        else:
            device = two_factor_verify(user=user, code=code)
            if device is not None:
                pending_clear(request)
                staff_login(request, user, backend=backend, device=device)
                return redirect(_after_login(next_url))
            if login_failure_record(request, username):
                return lockout_response(request)
            form.add_error(
                "code",
                _(
                    "That code didn't work. Try the newest code in your app, "
                    "or one of your recovery codes."
                ),
            )
    return render(
        request, "accounts/login_code.html", {"form": form, "username": user.get_username()}
    )


@require_http_methods(["GET", "POST"])
def login_second_factor(request: HttpRequest) -> HttpResponseBase:
    """While logging in to an account is paused after failed tries: password and code
    together still log its owner in (accounts/lockout.py says why and what is counted)."""
    form = SecondFactorLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = login_with_second_factor(
            request, username=data["username"], password=data["password"], code=data["code"]
        )
        if attempt.user is not None:
            staff_login(
                request, attempt.user, backend=MODEL_BACKEND, device=attempt.device, past_pause=True
            )
            return redirect(_after_login(""))
        if attempt.refusal == "paused":
            return lockout_response(request)
        if attempt.refusal == "wait":
            form.add_error(None, _("Please wait a few seconds, then try the code again."))
        else:
            form.add_error(
                None,
                _(
                    "That didn't work. Check the username, the password and the newest "
                    "code in your app (or one of your recovery codes)."
                ),
            )
    return render(request, "accounts/login_second_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponseBase:
    """First login (or after a reset): add the account to an authenticator app, confirm
    with a code from it, then see the recovery codes once. Nothing else opens before."""
    pending = pending_login(request)
    if pending is not None:
        user, backend, next_url = pending
    elif request.user.is_authenticated:
        user, backend, next_url = request.user, "", ""  # type: ignore[assignment]
    else:
        return redirect("accounts:login")
    if has_two_factor(user):
        return redirect("accounts:login_code" if pending else "accounts:security")
    device = authenticator_for_setup(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor_enable(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            if pending is not None:
                pending_clear(request)
                staff_login(request, user, backend=backend, device=device)
            else:
                otp_login(request, device)
            request.session[NEW_RECOVERY_CODES] = {"codes": codes, "next": next_url}
            return redirect("accounts:recovery_codes")
        form.add_error(
            "code",
            _("That code didn't work. Check that the app shows this account, then try again."),
        )
    context = {
        "form": form,
        "username": user.get_username(),
        "secret": totp_secret(device),
        "otpauth_uri": device.config_url,
        # Our own SVG markup, drawn from the URI by the qrcode library: no user text.
        "qr_svg": mark_safe(  # noqa: S308
            totp_qr_svg(device, label=_("QR code to add this account to an authenticator app"))
        ),
    }
    return _no_store(render(request, "accounts/two_factor_setup.html", context))


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponseBase:
    shown = request.session.pop(NEW_RECOVERY_CODES, None)
    if not isinstance(shown, dict):
        return redirect("accounts:security")
    context = {"codes": shown["codes"], "next": _after_login(shown.get("next", ""))}
    return _no_store(render(request, "accounts/recovery_codes.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponseBase:
    """The account's two-factor login: on or not, recovery codes left, make new ones."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        codes = recovery_codes_renew(user=user)
        request.session[NEW_RECOVERY_CODES] = {"codes": codes, "next": ""}
        return redirect("accounts:recovery_codes")
    enabled = has_two_factor(user)
    context = {
        "enabled": enabled,
        "required": two_factor_required(user),
        "codes_left": recovery_codes_left(user) if enabled else 0,
        "code_count": RECOVERY_CODE_COUNT,
    }
    return render(request, "accounts/security.html", context)


class StaffLogoutView(auth_views.LogoutView):
    """Logging out also closes this browser's console and dashboard (accounts/signals.py)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        staff_logging_out(request)
        return super().post(request, *args, **kwargs)


# --- The Staff page ----------------------------------------------------------------------


def _manager(request: HttpRequest) -> User:
    if not is_supervisor(request.user):
        raise PermissionDenied
    return request.user  # type: ignore[return-value]


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    return render(request, "accounts/staff_list.html", {"rows": staff_rows(actor)})


@login_required
@require_http_methods(["GET", "POST"])
def staff_add(request: HttpRequest) -> HttpResponseBase:
    actor = _manager(request)
    form = StaffCreateForm(actor, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = staff_account_create(
                actor=actor,
                username=data["username"],
                password=data["password"],
                role=data["role"],
                display_name=data["display_name"],
                capacity=data["capacity"],
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("%(username)s was added. They set up two-factor login when they first log in.")
                % {"username": user.get_username()},
            )
            return redirect("accounts:staff_list")
    return render(request, "accounts/staff_add.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, user_id: int) -> HttpResponseBase:
    """One account: role, limit, name and active; a new password; reset two-factor;
    unlock. Only accounts the manager may see can be fetched."""
    actor = _manager(request)
    target = get_object_or_404(staff_for_manager(actor), pk=user_id)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    form = StaffUpdateForm(actor, target, request.POST if action == "save" else None)
    password_form = PasswordSetForm(target, request.POST if action == "password" else None)
    try:
        if action == "save" and form.is_valid():
            data = form.cleaned_data
            staff_account_update(
                actor=actor,
                user=target,
                role=data["role"],
                capacity=data["capacity"],
                is_active=data["is_active"],
                display_name=data["display_name"],
            )
            messages.success(request, _("Saved."))
            return redirect("accounts:staff_edit", user_id=target.pk)
        if action == "password" and password_form.is_valid():
            staff_password_set(
                actor=actor, user=target, password=password_form.cleaned_data["password"]
            )
            messages.success(request, _("The new password is set."))
            return redirect("accounts:staff_edit", user_id=target.pk)
        if action == "reset_two_factor":
            staff_two_factor_reset(actor=actor, user=target)
            messages.success(
                request, _("Two-factor login was reset: they set it up again at their next login.")
            )
            return redirect("accounts:staff_edit", user_id=target.pk)
        if action == "unlock":
            staff_unlock(actor=actor, user=target)
            messages.success(request, _("Unlocked: they can log in now."))
            return redirect("accounts:staff_edit", user_id=target.pk)
    except PermissionDenied as refusal:
        refused = str(refusal) or _("You can't change this account.")
    else:
        refused = ""
    context = {
        "refused": refused,
        "target": target,
        "form": form,
        "password_form": password_form,
        "is_self": target.pk == actor.pk,
        "manageable": can_manage(actor, target),
        "two_factor": has_two_factor(target),
    }
    return render(request, "accounts/staff_edit.html", context)
