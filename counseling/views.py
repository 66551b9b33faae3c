"""Pages and the one HTTP endpoint of the help-seeker's path, and the counselor console."""

import json

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
from .hours import service_open
from .intake import QUESTIONS
from .services import conversation_start, seeker_presence_set, survey_submit
from .wrapup import outcomes


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
        {
            "has_conversation": conversation is not None,
            "seeker_strings": ui_strings.SEEKER,
            "intake_questions": QUESTIONS,
            "service_open": service_open(),
        },
    )


def _refused(code: str, status: int) -> JsonResponse:
    refusal = Refusal(code)
    return JsonResponse({"error": refusal.code, "message": refusal.message}, status=status)


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
            intake=payload.get("intake"),
            body=payload.get("body"),
            client_id=payload.get("client_id"),
        )
    except Refusal as refusal:
        return _refused(refusal.code, 400)
    response = JsonResponse({"message": frames.message_frame(message)}, status=201)
    # "Leave no trace": a session cookie, gone when the browser closes (and deleted at the
    # end or on quick exit); otherwise the person can come back for SEEKER_RESUME_HOURS.
    no_trace = payload.get("no_trace") is True
    response.set_cookie(
        settings.KIZUNA["SEEKER_COOKIE_NAME"],
        token,
        max_age=None if no_trace else settings.KIZUNA["SEEKER_RESUME_HOURS"] * 3600,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )
    return response


@never_cache
@require_POST
def chat_left(request: HttpRequest) -> HttpResponse:
    """Quick exit (sent with navigator.sendBeacon as the page leaves): tell the counselor
    the person left suddenly. With "forget", the browser also drops its token."""
    conversation = selectors.conversation_for_seeker(_seeker_token(request))
    if conversation is not None:
        seeker_presence_set(conversation=conversation, present=False, how="quick_exit")
    response = HttpResponse(status=204)
    if request.POST.get("forget") == "1":
        response.delete_cookie(settings.KIZUNA["SEEKER_COOKIE_NAME"], samesite="Strict")
    return response


@never_cache
@require_POST
def chat_forget(request: HttpRequest) -> HttpResponse:
    """Remove this browser's link to its conversation (the transcript stays for the
    counselor's records until the retention period ends)."""
    response = HttpResponse(status=204)
    response.delete_cookie(settings.KIZUNA["SEEKER_COOKIE_NAME"], samesite="Strict")
    return response


@never_cache
@require_POST
def chat_survey(request: HttpRequest) -> JsonResponse:
    conversation = selectors.conversation_for_seeker(_seeker_token(request))
    if conversation is None:
        return _refused("not_found", 404)
    try:
        answers = json.loads(request.body)
        survey_submit(conversation=conversation, answers=answers)
    except ValueError:
        return _refused("bad_request", 400)
    except Refusal as refusal:
        return _refused(refusal.code, 400)
    return JsonResponse({"stored": True}, status=201)


@never_cache
@login_required
def console(request: HttpRequest) -> HttpResponse:
    if not is_counselor(request.user):
        raise PermissionDenied
    strings = {**ui_strings.CONSOLE, "outcomes": outcomes()}
    return render(request, "counseling/console.html", {"console_strings": strings})
