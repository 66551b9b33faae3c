"""The Japanese catalogue is complete and safe to format, and pages render in Japanese."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from counseling.ui_strings import CONSOLE, SEEKER

PO_FILE = Path(settings.BASE_DIR) / "locale" / "ja" / "LC_MESSAGES" / "django.po"
# {name} for str.format / the scripts' format(); %(name)s for Django's blocktranslate.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]+\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgstr: str = ""
    msgid_plural: str = ""
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(text: str) -> list[Entry]:
    """Just enough of the PO format for this catalogue: plurals (Japanese has one form,
    msgstr[0]), no msgctxt."""
    entries: list[Entry] = []
    current: Entry | None = None
    target = ""
    flags: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("msgid "):
            current = Entry(flags=flags, line=number)
            entries.append(current)
            flags = set()
            target = "msgid"
            current.msgid = ast.literal_eval(line[len("msgid ") :])
        elif line.startswith("msgstr "):
            assert current is not None, f"line {number}: msgstr without msgid"
            target = "msgstr"
            current.msgstr = ast.literal_eval(line[len("msgstr ") :])
        elif line.startswith("msgid_plural "):
            assert current is not None, f"line {number}: msgid_plural without msgid"
            target = "msgid_plural"
            current.msgid_plural = ast.literal_eval(line[len("msgid_plural ") :])
        elif line.startswith("msgstr[0] "):
            assert current is not None, f"line {number}: msgstr[0] without msgid"
            target = "msgstr"
            current.msgstr = ast.literal_eval(line[len("msgstr[0] ") :])
        elif line.startswith('"'):
            assert current is not None, f"line {number}: continuation outside an entry"
            setattr(current, target, getattr(current, target) + ast.literal_eval(line))
        elif line.startswith(("msgctxt", "msgstr[")):
            pytest.fail(f"line {number}: {line.split()[0]} is not handled by this parser")
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    found = [entry for entry in parse_po(PO_FILE.read_text(encoding="utf-8")) if entry.msgid]
    assert found, f"no messages in {PO_FILE}"
    return found


def test_every_message_is_translated_and_checked(entries: list[Entry]) -> None:
    untranslated = [e.msgid for e in entries if not e.msgstr.strip()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"still marked fuzzy: {fuzzy}"


def test_placeholders_survive_translation(entries: list[Entry]) -> None:
    wrong = {
        e.msgid: e.msgstr
        for e in entries
        if sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(e.msgstr))
    }
    assert not wrong, f"placeholders differ: {wrong}"


def test_script_strings_are_japanese() -> None:
    with translation.override("ja"):
        assert str(SEEKER["waiting"]).startswith("順番")
        position = str(SEEKER["position"]).format(position=2, waiting=5)
        assert position.startswith("あなたは2番目です")
        assert "5人が順番を待っています" in position
        tiers = CONSOLE["tiers"]
        assert isinstance(tiers, dict)
        assert str(tiers["imminent"]) == "切迫したリスク"


def test_landing_page_renders_in_japanese(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="ja">' in page
    assert "ひとりで抱えこまなくて、大丈夫です。" in page
    assert "すぐに閉じる" in page
