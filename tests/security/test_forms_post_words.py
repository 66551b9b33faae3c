"""Forms that carry words send them in a request body (POST), never in a URL, where they
would land in the address bar, the history and any proxy's access log. Checked over every
template and every form the page scripts build, so a new form cannot forget it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
WORDS_FIELD = re.compile(
    r"<textarea\b|<input\b(?![^>]*type=\"(hidden|radio|checkbox|number|date|submit)\")", re.I
)
# GET on purpose, and no help-seeker's words in them: a staff member's search among the
# saved replies (the search is bookmarkable) and a report's date range.
GET_FORMS = {"replies-search", "period-form"}


def _forms() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for attrs, body in FORM.findall(path.read_text()):
            found.append((str(path.relative_to(ROOT)), attrs, body))
    return found


def test_every_template_form_with_a_text_field_posts() -> None:
    forms = [(path, attrs) for path, attrs, body in _forms() if WORDS_FIELD.search(body)]
    assert (
        len(forms) >= 5
    )  # the chat composer, survey, login forms...: the pattern still finds them
    offenders = [
        (path, attrs)
        for path, attrs in forms
        if 'method="post"' not in attrs and not any(name in attrs for name in GET_FORMS)
    ]
    assert offenders == []


def test_the_chat_composer_cannot_send_before_its_script_takes_it_over() -> None:
    chat = (ROOT / "templates/counseling/chat.html").read_text()
    assert re.search(r'<button type="submit"[^>]*id="send-button"[^>]*\bdisabled\b', chat)


def test_every_form_the_page_scripts_build_posts() -> None:
    built = []
    for path in sorted((ROOT / "static/js").glob("*.js")):
        built += [(path.name, m) for m in re.findall(r'el\("form",[^\n]*', path.read_text())]
    assert built, "no script-built forms found: the pattern is out of date"
    assert [(name, line) for name, line in built if 'method: "post"' not in line] == []
