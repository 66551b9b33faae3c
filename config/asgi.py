"""ASGI entry point: HTTP goes to Django, websockets to the apps' consumers."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django must be set up before the consumers (and their models) are imported.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from config.origin import OwnOriginValidator  # noqa: E402
from counseling.routing import websocket_urlpatterns  # noqa: E402

if settings.KIZUNA["EMBEDDED_BEAT"]:
    from config.embedded import beat_start

    beat_start()

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": OwnOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
