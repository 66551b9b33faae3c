"""Plain HTTP and websocket clients for tests against the live server: each "browser" is
an explicit cookie dict, so a test decides exactly what is shared between requests."""

import asyncio
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: str

    def json(self) -> Any:
        return json.loads(self.body)

    def cookies(self) -> dict[str, Any]:
        jar: SimpleCookie = SimpleCookie()
        for name, value in self.headers:
            if name.lower() == "set-cookie":
                jar.load(value)
        return {name: morsel for name, morsel in jar.items()}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@dataclass
class Browser:
    """One browser's cookies against one server; every request and reply is kept."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    history: list[tuple[str, Reply]] = field(default_factory=list)

    def request(
        self, method: str, path: str, *, data: bytes | None = None, headers: dict | None = None
    ) -> Reply:
        all_headers = {"Origin": self.base_url, **self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            all_headers["X-CSRFToken"] = self.cookies["csrftoken"]
        request = urllib.request.Request(
            self.base_url + path, data=data, headers=all_headers, method=method
        )
        try:
            with OPENER.open(request, timeout=60) as response:
                reply = Reply(response.status, list(response.headers.items()), _text(response))
        except urllib.error.HTTPError as error:
            reply = Reply(error.code, list(error.headers.items()), _text(error))
        for name, morsel in reply.cookies().items():
            if morsel["max-age"] == "0" or not morsel.value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value
        self.history.append((path, reply))
        return reply

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post_json(self, path: str, payload: Any) -> Reply:
        return self.request(
            "POST",
            path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )

    def post_form(self, path: str, form: str = "") -> Reply:
        return self.request(
            "POST",
            path,
            data=form.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )


def _text(response: Any) -> str:
    return response.read().decode("utf-8", errors="replace")


def ws_url(base_url: str, path: str) -> str:
    return base_url.replace("http://", "ws://") + path


async def receive_type(ws: Any, kind: str, timeout: float = 10) -> dict[str, Any]:
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == kind:
                return frame


def first_message(body: str = "I need to talk to someone", client_id: str = "first") -> dict:
    return {"body": body, "client_id": client_id, "language": "en"}
