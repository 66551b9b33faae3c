"""Websockets are opened only from the service's own pages: scheme, host and port.

Channels' AllowedHostsOriginValidator compares host names only, so a page on another
port of the same host (http://127.0.0.1:9999, any local dev server or a second service on
the machine) could open our sockets with the victim's SameSite cookies, which browsers
send across ports (issue 14, finding 4). An Origin is ours when it is listed in
KIZUNA_ORIGINS, or when it is exactly the origin the socket itself was opened on: the
Host header (itself one of ALLOWED_HOSTS) with the connection's scheme and port.
"""

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_key(origin: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin such as "https://help.example.org", or None if it
    is not one (opaque "null", a path, credentials, an unknown scheme)."""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for header, value in scope.get("headers", []):
        if header == name:
            return str(value.decode("latin1"))
    return None


def _own_origin(scope: dict[str, Any]) -> tuple[str, str, int] | None:
    """The origin this socket was opened on, if its Host is one of ours."""
    host = _header(scope, b"host")
    if not host:
        return None
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    secure = scope.get("scheme") == "wss"
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        # Behind the TLS proxy settings trust for HTTP, trusted here alike.
        name = proxy_header[0].removeprefix("HTTP_").replace("_", "-").lower().encode()
        secure = secure or _header(scope, name) == proxy_header[1]
    return origin_key(f"{'https' if secure else 'http'}://{host}")


def origin_allowed(scope: dict[str, Any]) -> bool:
    origin = _header(scope, b"origin")
    key = origin_key(origin) if origin else None
    if key is None:
        return False
    configured = {origin_key(o) for o in settings.KIZUNA["ORIGINS"]}
    return key in configured or key == _own_origin(scope)


class OwnOriginValidator:
    """ASGI middleware: a websocket whose Origin is not ours is refused at the handshake."""

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] != "websocket":
            raise ValueError("OwnOriginValidator is for websocket connections only")
        if origin_allowed(scope):
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)
