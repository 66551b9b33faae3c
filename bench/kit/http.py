"""The HTTP half of the protocol, as a browser speaks it: a cookie-keeping session with
CSRF, a help-seeker's start (paying for admission when asked, as the page does), and a
staff login through the forms with the second factor (django_otp's TOTP, as the
authenticator app on a phone computes it). Standard library only, blocking: run it in
a thread from async code."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import time
import urllib.parse
from base64 import b32decode
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from http.cookies import SimpleCookie
from typing import Any

from django_otp.oath import TOTP

from bench.kit import BenchError
from bench.kit.app import SEEKER_COOKIE, SESSION_COOKIE, proof_for

HTTP_TIMEOUT = 30.0
TOTP_STEP, TOTP_DIGITS = 30, 6


class HttpSession:
    """A tiny cookie-keeping HTTP/1.1 client for 127.0.0.1, a new connection per request.
    Every request carries the same-origin Origin and Referer a page's requests do."""

    def __init__(self, base_url: str) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise BenchError(f"only http:// URLs are supported, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.origin = f"http://{parsed.netloc}"
        self.cookies: dict[str, str] = {}

    def cookie_header(self, names: Iterable[str] | None = None) -> str:
        chosen = self.cookies if names is None else {n: self.cookies[n] for n in names}
        return "; ".join(f"{name}={value}" for name, value in chosen.items())

    def cookies_load(self, header: str) -> None:
        """Take the cookies of a Cookie header value (a login's answer, say)."""
        for part in header.split("; "):
            name, _, value = part.partition("=")
            self.cookies[name] = value

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = HTTP_TIMEOUT,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            sent_headers = {"Origin": self.origin, "Referer": f"{self.origin}{path}"}
            if self.cookies:
                sent_headers["Cookie"] = self.cookie_header()
            sent_headers.update(headers or {})
            connection.request(method, path, body=body, headers=sent_headers)
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            parsed: SimpleCookie = SimpleCookie()
            parsed.load(raw)
            for name, morsel in parsed.items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, payload

    def post_form(self, path: str, fields: Mapping[str, str]) -> tuple[int, str]:
        """POST a form with the CSRF token from the cookie; (status, redirect Location)."""
        form = {**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        status, headers, _payload = self.request(
            "POST",
            path,
            body=urllib.parse.urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return status, headers.get("Location", "") if status == 302 else ""


# --- Help-seekers -----------------------------------------------------------------------


def chat_csrf_token(base_url: str) -> str:
    """The `csrftoken` cookie a help-seeker gets with the chat page (GET /chat/)."""
    session = HttpSession(base_url)
    status, _headers, _payload = session.request("GET", "/chat/")
    if status != 200 or "csrftoken" not in session.cookies:
        raise BenchError(f"GET /chat/ answered {status} without a csrftoken cookie")
    return session.cookies["csrftoken"]


def admission_challenge(base_url: str) -> dict[str, Any]:
    """A challenge from GET /chat/admission, as the page fetches one before a start."""
    _status, _headers, body = HttpSession(base_url).request("GET", "/chat/admission")
    return dict(json.loads(body))


def chat_start_post(
    base_url: str, *, csrf_token: str, body: str, client_id: str, language: str = "en"
) -> tuple[str, dict[str, Any]]:
    """POST /chat/start only (the chat page was loaded earlier, giving `csrf_token`).

    Returns the seeker token and the response JSON ({"message": {...}}).
    """
    session = HttpSession(base_url)
    session.cookies["csrftoken"] = csrf_token
    start: dict[str, Any] = {"body": body, "client_id": client_id, "language": language}
    for _attempt in range(6):
        status, _headers, payload = session.request(
            "POST",
            "/chat/start",
            body=json.dumps(start).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": csrf_token},
        )
        # A server that asks for admission work (counseling/admission.py) sends a
        # challenge with its refusal: solve it and start again, as the page does.
        refusal = json.loads(payload) if status == 429 else {}
        if refusal.get("error") != "admission":
            break
        start["admission"] = proof_for(refusal)
    if status != 201 or SEEKER_COOKIE not in session.cookies:
        raise BenchError(f"POST /chat/start answered {status}: {payload[:200]!r}")
    try:
        answer = json.loads(payload)
    except ValueError as exc:
        raise BenchError(f"POST /chat/start answered non-JSON: {payload[:200]!r}") from exc
    return session.cookies[SEEKER_COOKIE], answer


def seeker_start(base_url: str, *, body: str, client_id: str, language: str = "en") -> str:
    """Open a conversation as a help-seeker would (chat page, then the first message);
    return the seeker token their socket's cookie carries."""
    csrf_token = chat_csrf_token(base_url)
    token, _answer = chat_start_post(
        base_url, csrf_token=csrf_token, body=body, client_id=client_id, language=language
    )
    return token


def seeker_cookie(token: str) -> str:
    return f"{SEEKER_COOKIE}={token}"


# --- Staff ------------------------------------------------------------------------------


def totp_code_from_secret(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator shows for a base32 key (as the setup page shows it,
    spaces allowed) now, or at `at`."""
    compact = re.sub(r"\s", "", secret).upper()
    key = b32decode(compact + "=" * (-len(compact) % 8))
    totp = TOTP(key, TOTP_STEP, 0, TOTP_DIGITS, 0)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{TOTP_DIGITS}d}"


def staff_login(
    base_url: str,
    *,
    username: str,
    password: str,
    totp_secret: str | None = None,
    code: Callable[[], str] | None = None,
) -> str:
    """Log a staff member in through the forms; return the Cookie header value their
    console's socket needs.

    Two-factor login as a person does it: password, then a code from the authenticator.
    An account without an authenticator yet (staff_create resets it) goes through the
    setup page, whose key is read from the page. One that has it needs its key
    (`totp_secret`, base32) or a `code` function (tests, which know the device).
    """
    session = HttpSession(base_url)
    status, _headers, _payload = session.request("GET", "/accounts/login/")
    if status != 200 or "csrftoken" not in session.cookies:
        raise BenchError(f"GET /accounts/login/ answered {status} without a csrftoken cookie")
    status, step = session.post_form(
        "/accounts/login/", {"username": username, "password": password}
    )
    if step.endswith("/accounts/login/setup/"):
        status, _headers, page = session.request("GET", "/accounts/login/setup/")
        found = re.search(r'data-secret="([A-Z2-7 ]+)"', page.decode())
        if status != 200 or found is None:
            raise BenchError(f"setup page for {username} answered {status} without a key")
        status, step = session.post_form(
            "/accounts/login/setup/", {"code": totp_code_from_secret(found.group(1))}
        )
    elif step.endswith("/accounts/login/code/"):
        if code is None and totp_secret is None:
            raise BenchError(
                f"{username} has two-factor login set up: pass totp_secret, or recreate the "
                "account with accounts.services.staff_create"
            )
        answer = code() if code is not None else totp_code_from_secret(str(totp_secret))
        status, step = session.post_form("/accounts/login/code/", {"code": answer})
    if status != 302 or SESSION_COOKIE not in session.cookies:
        raise BenchError(f"login of {username} answered {status} without a session")
    return session.cookie_header([SESSION_COOKIE, "csrftoken"])


async def staff_log_in_all(
    logins: Iterable[tuple[str, str]], password: str, executor: Any, *, concurrency: int = 8
) -> list[str]:
    """Log staff in, `concurrency` at a time: each login is a PBKDF2 check, and a server
    process checks one at a time, so more at once only wait longer.

    `logins` are (base_url, username) pairs sharing `password`; returns the Cookie header
    value of each, in the same order. `executor` runs the blocking HTTP calls. Raises
    BenchError naming the first login that failed.
    """
    loop = asyncio.get_running_loop()
    limit = asyncio.Semaphore(concurrency)

    async def one(base_url: str, username: str) -> str:
        async with limit:
            login = partial(staff_login, base_url, username=username, password=password)
            return await asyncio.wait_for(loop.run_in_executor(executor, login), 300)

    pairs = list(logins)
    answers = await asyncio.gather(*(one(url, name) for url, name in pairs), return_exceptions=True)
    for (url, name), answer in zip(pairs, answers, strict=True):
        if isinstance(answer, BaseException):
            raise BenchError(f"login of {name} at {url} failed: {answer!r}")
    return [str(answer) for answer in answers]
