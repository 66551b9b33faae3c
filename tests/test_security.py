"""Production security settings and the headers every response carries."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

REPO = Path(__file__).resolve().parent.parent


def test_the_deployment_check_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SECURE": "true",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "chat.example.org",
        # A production line names its emergency contacts (counseling/checks.py).
        "KIZUNA_EMERGENCY_CONTACTS": '[{"name": "Emergency services", "number": "999"}]',
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/chat/", "/accounts/login/"])
def test_pages_forbid_inline_script_framing_and_foreign_sources(path):
    response = Client(HTTP_HOST="localhost").get(path)

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_have_no_inline_script_to_block():
    """Data for scripts travels in JSON blocks, which browsers never run."""
    for path in ("/", "/chat/"):
        html = Client(HTTP_HOST="localhost").get(path).content.decode()
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert 'src="' in opening or 'type="application/json"' in opening, opening


@pytest.mark.django_db
def test_the_chat_page_is_never_stored_by_browsers_or_proxies():
    response = Client(HTTP_HOST="localhost").get("/chat/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_no_page_or_answer_is_stored_unless_its_view_says_so():
    """Shared and watched computers: the back button and caches keep nothing of ours."""
    client = Client(HTTP_HOST="localhost")
    for path in ("/", "/accounts/login/", "/api/dashboard/", "/no-such-page/"):
        response = client.get(path)
        assert "no-store" in response.get("Cache-Control", ""), path
