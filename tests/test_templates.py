"""Template hygiene: Django's {# … #} comment ends at the line's end; one that runs over
two lines is shown on the page as text (it once was, on the chat page)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_one_line_comment_runs_over_two_lines() -> None:
    broken = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert broken == []
