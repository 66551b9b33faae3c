"""ASGI entry point: HTTP goes to Django, websockets to the apps' consumers."""

import os
from typing import Any

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django must be set up before the consumers (and their models) are imported.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from config.origin import OwnOriginValidator  # noqa: E402
from counseling import routing as counseling_routing  # noqa: E402
from queues import routing as queues_routing  # noqa: E402
from supervision import routing as supervision_routing  # noqa: E402

# Each app's routes, the layers' sockets side by side.
websocket_urlpatterns = [
    *counseling_routing.websocket_urlpatterns,
    *queues_routing.websocket_urlpatterns,
    *supervision_routing.websocket_urlpatterns,
]

if settings.KIZUNA["EMBEDDED_BEAT"]:
    from config.embedded import beat_start

    beat_start()


class NoClientAddress:
    """Forget the client's network address before anything sees it.

    The ASGI server puts it in the scope ("client"; from X-Forwarded-For too, which
    uvicorn trusts from a local proxy) and logs it from there in lines of its own:
    'host:port - "WebSocket /ws/seeker/" [accepted]'. The scope is the server's own dict,
    so emptying it here keeps the address out of those lines, out of Django's
    REMOTE_ADDR and out of every log (issue 14, finding 2). config/logging.py's filter
    stays as a second line for any other server or logger.
    """

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if "client" in scope:
            scope["client"] = None
        return await self.application(scope, receive, send)


application = NoClientAddress(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": OwnOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        }
    )
)
