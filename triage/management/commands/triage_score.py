"""`manage.py triage_score`: JSON lines {"id","text","lang"?} in, assessments out, in order.

A malformed line gets an error line ({"id", "line", "error"}) and the stream goes on.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand

from triage.engine.rules import warm_up
from triage.engine.scoring import assess

LANGUAGES = ("en", "ja")


def score_line(raw: str, number: int) -> dict[str, Any]:
    """The output record for one input line (an assessment or an error)."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        return {"id": None, "line": number, "error": f"invalid JSON: {error.msg}"}
    except (ValueError, RecursionError):  # e.g. nesting deeper than the parser allows
        return {"id": None, "line": number, "error": "invalid JSON"}
    if not isinstance(record, dict):
        return {"id": None, "line": number, "error": "expected a JSON object"}
    ident = record.get("id")
    if not (ident is None or isinstance(ident, str | int)) or isinstance(ident, bool):
        return {"id": None, "line": number, "error": "id must be a string or an integer"}
    text = record.get("text")
    if not isinstance(text, str):
        return {"id": ident, "line": number, "error": "text must be a string"}
    lang = record.get("lang")
    if lang is not None and lang not in LANGUAGES:
        return {"id": ident, "line": number, "error": f"lang must be one of {LANGUAGES}"}
    assessment = assess(text, lang)
    return {
        "id": ident,
        "score": assessment.score,
        "tier": assessment.tier,
        "evidence": [e.as_dict() for e in assessment.evidence],
    }


class Command(BaseCommand):
    help = 'Score JSON lines {"id", "text", "lang"?} from stdin; write one JSON line each.'
    # call_command(..., stdin=stream) in tests; the command line reads sys.stdin.
    stealth_options = ("stdin",)

    def handle(self, *args: Any, **options: Any) -> None:
        stream: TextIO = options.get("stdin") or sys.stdin
        if stream is sys.stdin and hasattr(sys.stdin, "reconfigure"):
            # Bad bytes become U+FFFD in that line instead of ending the stream.
            sys.stdin.reconfigure(errors="replace")
        warm_up()
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            result = score_line(raw, number)
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            self.stdout.flush()
