"""Who may use every REST endpoint under /api/ and every supervisor page under
/supervisor/. Both lists are read from the URL resolver, so an endpoint or page added
later is checked without touching this file; path parameters are filled from the
OpenAPI schema's enums (API) or from SAMPLE_KWARGS (pages)."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from accounts.models import User
from counseling.models import CannedResponse
from tests.accounts.factories import counselor, supervisor
from tests.support.sockets import _session_cookie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

# Endpoints counselors use too; every other one under /api/ is for supervisors only.
COUNSELOR_ENDPOINTS = {"api/canned-responses/", "api/schema/"}
# What each endpoint documents in its docstring (the schema says only "an object").
FIELDS = {
    "supervision:api_dashboard": {
        "generated_at",
        "waiting",
        "hourly",
        "today",
        "team",
        "active",
        "alerts",
    },
    "supervision:api_report": {"report", "title", "start", "end", "data"},
    "supervision:api_staffing": {"target_seconds", "target_level", "concurrency", "rows"},
    "api_schema": {"openapi", "info", "paths"},
}
CANNED_RESPONSE_FIELDS = {"id", "title", "body", "language", "shared"}
# Path parameters of supervisor pages (the API's come from the schema).
SAMPLE_KWARGS = {
    "supervision:report_csv": {"name": "volume_by_hour"},
    "supervision:export_job": {"job_id": "00000000-0000-4000-8000-000000000000"},
}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


def routes(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(route, "namespace:name") for every route the project serves."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner or "")
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield prefix + str(pattern.pattern), name


API_ROUTES = sorted({route: name for route, name in routes() if route.startswith("api/")}.items())
PAGE_ROUTES = sorted(
    {route: name for route, name in routes() if route.startswith("supervisor/")}.items()
)


def test_the_known_endpoints_and_pages_are_found():
    assert {"api/dashboard/", "api/canned-responses/", "api/schema/"} <= dict(API_ROUTES).keys()
    assert "supervisor/" in dict(PAGE_ROUTES)


# --- Filling in paths -----------------------------------------------------------------------


def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def schema_path(route: str) -> str:
    return "/" + CONVERTER.sub(lambda m: "{" + m["parameter"] + "}", route)


def api_urls(route: str) -> list[str]:
    """The route with each path parameter set to every value the schema allows."""
    if not CONVERTER.search(route):
        return ["/" + route]
    documented = schema()["paths"].get(schema_path(route))
    assert documented, f"/{route} is not in the OpenAPI schema"
    parameters = {
        parameter["name"]: parameter.get("schema", {}).get("enum")
        for operation in documented.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
    }
    urls = [route]
    for name, values in parameters.items():
        assert values, f"/{route}: the schema gives no values for path parameter {name!r}"
        pattern = re.compile(r"<(?:[^>:]+:)?" + re.escape(name) + ">")
        urls = [pattern.sub(str(value), url) for url in urls for value in values]
    return ["/" + url for url in urls]


def page_url(route: str, name: str) -> str:
    if not CONVERTER.search(route):
        return "/" + route
    assert name in SAMPLE_KWARGS, f"/{route}: add sample path parameters to SAMPLE_KWARGS"
    return reverse(name, kwargs=SAMPLE_KWARGS[name])


def logged_in(user: User) -> Client:
    """A browser logged in as `user` the way staff log in (tests/support/sockets.py keeps
    the session in step with what a staff login needs)."""
    client = Client()
    name, _sep, key = _session_cookie(user).partition("=")
    client.cookies[name] = key
    return client


# --- The API --------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "name"), API_ROUTES, ids=[route for route, _ in API_ROUTES])
def test_the_api_refuses_anonymous_callers(route: str, name: str):
    for url in api_urls(route):
        assert Client().get(url).status_code in (401, 403), url


@pytest.mark.parametrize(("route", "name"), API_ROUTES, ids=[route for route, _ in API_ROUTES])
def test_counselors_may_use_only_the_endpoints_meant_for_them(route: str, name: str):
    client = logged_in(counselor())
    expected = 200 if route in COUNSELOR_ENDPOINTS else 403
    for url in api_urls(route):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize(("route", "name"), API_ROUTES, ids=[route for route, _ in API_ROUTES])
def test_supervisors_get_every_endpoint_with_its_documented_fields(route: str, name: str):
    CannedResponse.objects.create(language="en", title="Check safety", body="Are you safe?")
    client = logged_in(supervisor())
    for url in api_urls(route):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, (url, response.content[:300])
        if name == "api_schema":
            import yaml

            body = yaml.safe_load(response.content)
        else:
            body = response.json()
        if name == "counseling:api_canned_responses":
            assert body and all(set(item) == CANNED_RESPONSE_FIELDS for item in body)
        elif name in FIELDS:
            assert FIELDS[name] <= set(body), url


def test_the_schema_describes_every_endpoint():
    documented = schema()["paths"]
    missing = [
        route
        for route, _name in API_ROUTES
        if route != "api/schema/" and schema_path(route) not in documented
    ]
    assert missing == []


def test_an_api_caller_who_loses_the_supervisor_role_is_refused_at_once():
    boss = supervisor()
    client = logged_in(boss)
    assert client.get("/api/dashboard/").status_code == 200
    boss.groups.clear()
    assert client.get("/api/dashboard/").status_code == 403


# --- Supervisor pages -----------------------------------------------------------------------


@pytest.mark.parametrize(("route", "name"), PAGE_ROUTES, ids=[route for route, _ in PAGE_ROUTES])
def test_supervisor_pages_send_anonymous_visitors_to_log_in(route: str, name: str):
    url = page_url(route, name)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize(("route", "name"), PAGE_ROUTES, ids=[route for route, _ in PAGE_ROUTES])
def test_supervisor_pages_refuse_counselors(route: str, name: str):
    assert logged_in(counselor()).get(page_url(route, name)).status_code == 403


@pytest.mark.parametrize(("route", "name"), PAGE_ROUTES, ids=[route for route, _ in PAGE_ROUTES])
def test_supervisor_pages_open_for_supervisors(route: str, name: str):
    boss = supervisor()
    # The research export is for supervisors given this permission as well.
    boss.user_permissions.add(Permission.objects.get(codename="export_research"))
    assert logged_in(boss).get(page_url(route, name)).status_code == 200
