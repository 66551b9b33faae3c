"""HTTP middleware of the project itself (not of one app)."""

from collections.abc import Callable

from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class CloseConnectionsAfterRequest:
    """Close the database connections an HTTP request used, in the thread that used them.

    Websocket consumers and Celery workers keep their connections for CONN_MAX_AGE
    (a new PostgreSQL connection per message cost ~5 ms and serialised the consumers'
    database thread). Under ASGI each HTTP request runs in a thread of its own, where
    Django would leave such a connection open for good (Django documents this), so HTTP
    requests close theirs here, as with CONN_MAX_AGE = 0. Keep this middleware first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            for connection in connections.all(initialized_only=True):
                # Inside an atomic block only under a test case's wrapping transaction.
                if not connection.in_atomic_block:
                    connection.close()


class NothingStoredByDefault:
    """Every page and API answer is marked never to be stored, unless its view chose
    otherwise. A help-seeker may be on a shared or watched computer, and staff pages hold
    transcripts: the back button, the browser's cache and any proxy must not keep them.
    Views also say so themselves (never_cache); this covers any that forget. Static files
    (WhiteNoise, earlier in the chain) keep their own long-lived caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
