"""Pages and the one HTTP endpoint of the help-seeker's path, and the counselor console."""

from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import User
from core.errors import Refusal
from core.roles import is_counselor, is_supervisor
from counseling.services.conversations import (
    conversation_delete_by_seeker,
    seeker_presence_set,
    seeker_start,
    survey_submit,
)
from counseling.services.counselor_tools import (
    canned_response_delete,
    canned_response_editable,
    canned_response_save,
)

from . import frames, selectors, ui_strings
from .admission import admission_challenge
from .checklist import ITEMS
from .forms import CannedResponseForm
from .hours import service_open
from .intake import QUESTIONS
from .wire import json_parse
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


def _start_refused(refusal: Refusal) -> JsonResponse:
    if refusal.code == "admission":
        # More work is needed now (or the proof was missing, used or stale): the page
        # solves this new challenge and sends the start again by itself.
        answer = {"error": refusal.code, "message": refusal.message, **admission_challenge()}
        return JsonResponse(answer, status=429)
    if refusal.code == "already_open":
        return _refused(refusal.code, 409)
    return _refused(refusal.code, 429 if refusal.code == "busy" else 400)


@never_cache
def chat_admission(request: HttpRequest) -> JsonResponse:
    """A challenge for the next start (counseling/admission.py); asks for nothing."""
    return JsonResponse(admission_challenge())


@never_cache
@require_POST
def chat_start(request: HttpRequest) -> JsonResponse:
    """Open a conversation with its first message; the token goes only into the cookie."""
    try:
        started = seeker_start(
            request_body=request.body,
            language=request.LANGUAGE_CODE,
            seeker_token=_seeker_token(request),
            browser_key=request.COOKIES.get(settings.CSRF_COOKIE_NAME),
            device_cookie=request.COOKIES.get(settings.KIZUNA["DEVICE_COOKIE_NAME"]),
        )
    except Refusal as refusal:
        return _start_refused(refusal)
    response = JsonResponse({"message": frames.message_frame(started.message)}, status=201)
    if started.device_token:
        response.set_cookie(
            settings.KIZUNA["DEVICE_COOKIE_NAME"],
            started.device_token,
            max_age=settings.KIZUNA["RETENTION_DAYS"] * 86400,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Strict",
        )
    response.set_cookie(
        settings.KIZUNA["SEEKER_COOKIE_NAME"],
        started.token,
        max_age=None if started.no_trace else settings.KIZUNA["SEEKER_RESUME_HOURS"] * 3600,
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
        _forget_browser(response, no_trace=True)
    return response


@never_cache
@require_POST
def chat_forget(request: HttpRequest) -> HttpResponse:
    """Remove this browser's link to its conversation, and to earlier ones if it had one
    (the transcripts stay for the counselors' records until the retention period ends)."""
    response = HttpResponse(status=204)
    _forget_browser(response, no_trace=True)  # only "leave no trace" pages ask for this
    return response


def _forget_browser(response: HttpResponse, *, no_trace: bool = False) -> None:
    """Drop this browser's links to its conversations: the token and the device cookie.
    With "leave no trace" also the cookies that only served the visit (the CSRF token,
    the language choice), so nothing of the service is left on the device."""
    response.delete_cookie(settings.KIZUNA["SEEKER_COOKIE_NAME"], samesite="Strict")
    response.delete_cookie(settings.KIZUNA["DEVICE_COOKIE_NAME"], samesite="Strict")
    if no_trace:
        response.delete_cookie(settings.CSRF_COOKIE_NAME, samesite=settings.CSRF_COOKIE_SAMESITE)
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)


@never_cache
@require_POST
def chat_delete(request: HttpRequest) -> HttpResponse:
    """The help-seeker deletes their ended conversation; the browser forgets it too."""
    conversation = selectors.conversation_for_seeker(_seeker_token(request))
    if conversation is None:
        return _refused("not_found", 404)
    try:
        conversation_delete_by_seeker(conversation=conversation)
    except Refusal as refusal:
        return _refused(refusal.code, 409)
    response = HttpResponse(status=204)
    _forget_browser(response)
    return response


@never_cache
@require_POST
def chat_survey(request: HttpRequest) -> JsonResponse:
    conversation = selectors.conversation_for_seeker(_seeker_token(request))
    if conversation is None:
        return _refused("not_found", 404)
    try:
        answers = json_parse(request.body)
        survey_submit(conversation=conversation, answers=answers)
    except Refusal as refusal:
        return _refused(refusal.code, 400)
    return JsonResponse({"stored": True}, status=201)


def _counselor(request: HttpRequest) -> User:
    """The logged-in counselor or supervisor; anyone else is refused."""
    if not is_counselor(request.user):
        raise PermissionDenied
    return cast(User, request.user)


@never_cache
@login_required
def console(request: HttpRequest) -> HttpResponse:
    user = _counselor(request)
    strings = {**ui_strings.CONSOLE, "outcomes": outcomes(), "checklist_items": ITEMS}
    return render(
        request,
        "counseling/console.html",
        {"console_strings": strings, "is_supervisor": is_supervisor(user)},
    )


@never_cache
@login_required
def canned_responses(request: HttpRequest) -> HttpResponse:
    """Saved replies: search them, add one; supervisors manage the shared ones."""
    user = _counselor(request)
    form = CannedResponseForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            canned_response_save(actor=user, **form.cleaned_data)
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("counseling:canned_responses")
    query = request.GET.get("q", "")[:100]
    language = request.GET.get("language") or None
    replies = selectors.canned_responses_for(user, language=language, query=query)
    return render(
        request,
        "counseling/canned_responses.html",
        {
            "form": form,
            "replies": [(r, canned_response_editable(r, user)) for r in replies],
            "query": query,
            "language": language or "",
            "can_share": is_supervisor(user),
        },
    )


@never_cache
@login_required
def canned_response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _counselor(request)
    reply = get_object_or_404(selectors.canned_responses_for(user), pk=pk)
    if not canned_response_editable(reply, user):
        raise PermissionDenied
    initial = {"title": reply.title, "language": reply.language, "body": reply.body}
    form = CannedResponseForm(request.POST or None, initial={**initial, "shared": reply.shared})
    if request.method == "POST" and "delete" in request.POST:
        canned_response_delete(actor=user, response=reply)
        return redirect("counseling:canned_responses")
    if request.method == "POST" and form.is_valid():
        try:
            canned_response_save(actor=user, response=reply, **form.cleaned_data)
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("counseling:canned_responses")
    return render(
        request,
        "counseling/canned_response_edit.html",
        {"form": form, "reply": reply, "can_share": is_supervisor(user)},
    )
