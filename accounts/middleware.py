"""Staff sessions on pages: ended after KIZUNA_STAFF_IDLE_SECONDS without activity, or when
the role needs a second factor the session never gave (accounts/sessions.py)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .sessions import IDLE, UNVERIFIED, activity_note, session_idle, staff_session_end
from .two_factor import two_factor_required


class StaffSessionMiddleware:
    """After django_otp's OTPMiddleware. A session that must end is logged out here and the
    request goes on anonymous: pages then send the person to the login page, which says
    why; APIs refuse. Every other staff request counts as activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            reason = None
            if session_idle(request.session):
                reason = IDLE
            elif two_factor_required(user) and not user.is_verified():  # type: ignore[union-attr,attr-defined]
                reason = UNVERIFIED
            if reason is None:
                activity_note(request.session)
            else:
                staff_session_end(request, reason=reason)
        return self.get_response(request)
