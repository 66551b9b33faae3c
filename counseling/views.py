"""Pages and the one HTTP endpoint of the help-seeker's path, and the counselor console."""

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.roles import is_counselor

from . import frames, selectors, ui_strings
from .errors import Refusal
from .services import conversation_start

# Answers the intake may carry; anything else a client sends is dropped.
INTAKE_FIELDS = {"topic", "age_band", "safe_now"}
INTAKE_VALUE_MAX = 40


def _seeker_token(request: HttpRequest) -> str | None:
    return request.COOKIES.get(settings.KIZUNA["SEEKER_COOKIE_NAME"])


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "counseling/landing.html")


@never_cache
def chat(request: HttpRequest) -> HttpResponse:
    conversation = selectors.conversation_for_seeker(_seeker_token(request))
    if conversation is not None and not conversation.is_open and "new" in request.GET:
        conversation = None  # the person chose to start again after an ended conversation
    return render(
        request,
        "counseling/chat.html",
        {"has_conversation": conversation is not None, "seeker_strings": ui_strings.SEEKER},
    )


def _refused(code: str, status: int) -> JsonResponse:
    refusal = Refusal(code)
    return JsonResponse({"error": refusal.code, "message": refusal.message}, status=status)


def _intake_clean(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {
        key: value[:INTAKE_VALUE_MAX]
        for key, value in raw.items()
        if key in INTAKE_FIELDS and isinstance(value, str)
    }


@never_cache
@require_POST
def chat_start(request: HttpRequest) -> JsonResponse:
    """Open a conversation with its first message; the token goes only into the cookie."""
    existing = selectors.conversation_for_seeker(_seeker_token(request))
    if existing is not None and existing.is_open:
        return _refused("already_open", 409)
    try:
        payload = json.loads(request.body)
    except ValueError:
        return _refused("bad_request", 400)
    if not isinstance(payload, dict):
        return _refused("bad_request", 400)
    try:
        _conversation, token, message = conversation_start(
            language=payload.get("language") or request.LANGUAGE_CODE,
            intake=_intake_clean(payload.get("intake")),
            body=payload.get("body"),
            client_id=payload.get("client_id"),
        )
    except Refusal as refusal:
        return _refused(refusal.code, 400)
    response = JsonResponse({"message": frames.message_frame(message)}, status=201)
    response.set_cookie(
        settings.KIZUNA["SEEKER_COOKIE_NAME"],
        token,
        max_age=settings.KIZUNA["SEEKER_RESUME_HOURS"] * 3600,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )
    return response


@never_cache
@login_required
def console(request: HttpRequest) -> HttpResponse:
    if not is_counselor(request.user):
        raise PermissionDenied
    return render(request, "counseling/console.html", {"console_strings": ui_strings.CONSOLE})
