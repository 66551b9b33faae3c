"""The triage management commands: triage_score's stream contract, train/eval on the CSV."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command


def run_score(lines: list[str]) -> list[dict[str, Any]]:
    out = StringIO()
    call_command("triage_score", stdin=StringIO("\n".join(lines) + "\n"), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_scores_each_line_in_order() -> None:
    results = run_score(
        [
            json.dumps({"id": "a", "text": "I want to die tonight, I have a rope"}),
            json.dumps({"id": 2, "text": "死にたい", "lang": "ja"}),
            json.dumps({"id": "c", "text": "thanks, talk soon"}),
        ]
    )
    assert [r["id"] for r in results] == ["a", 2, "c"]
    assert [r["tier"] for r in results] == ["imminent", "medium", "low"]
    assert set(results[0]) == {"id", "score", "tier", "evidence"}
    first = results[0]["evidence"]
    assert isinstance(first, list)
    assert {"phrase": "rope", "start": 32, "end": 36, "construct": "method_means"} in first


def test_malformed_lines_get_an_error_and_the_stream_goes_on() -> None:
    results = run_score(
        [
            "not json",
            json.dumps({"id": "no-text"}),
            json.dumps([1, 2]),
            json.dumps({"id": 4, "text": 5}),
            json.dumps({"id": 5, "text": "hi", "lang": "fr"}),
            json.dumps({"id": {"x": 1}, "text": "hi"}),
            "",
            "[" * 100_000,
            json.dumps({"id": "ok", "text": "I feel lonely"}),
        ]
    )
    assert results[0] == {"id": None, "line": 1, "error": results[0]["error"]}
    assert (
        results[1]["id"] == "no-text" and results[1]["line"] == 2 and "text" in results[1]["error"]
    )
    assert results[2]["id"] is None and results[2]["line"] == 3
    assert results[3]["id"] == 4 and "error" in results[3]
    assert results[4]["id"] == 5 and "lang" in results[4]["error"]
    assert results[5]["id"] is None and "id" in results[5]["error"]
    assert results[6] == {"id": None, "line": 8, "error": results[6]["error"]}
    assert results[7]["id"] == "ok" and results[7]["tier"] == "low"
    assert len(results) == 8  # the blank line is skipped


def test_train_and_eval_print_figures_and_no_posts(tmp_path: Path, cssrs_data: Path) -> None:
    out = StringIO()
    model_path = tmp_path / "model.json"
    call_command("triage_train", data=str(cssrs_data), out=str(model_path), stdout=out)
    assert model_path.stat().st_size < 5_000_000
    out = StringIO()
    call_command("triage_eval", data=str(cssrs_data), model=str(model_path), stdout=out)
    lines = out.getvalue().splitlines()
    report = json.loads(lines[-1])
    assert set(report["scorers"]) == {"keyword_baseline", "rules", "model", "combined"}
    for figures in report["scorers"].values():
        assert set(figures) == {
            "auroc",
            "average_precision",
            "recall_at_5pct",
            "recall_at_10pct",
            "recall_at_20pct",
        }
    assert report["scorers"]["combined"]["auroc"] > report["scorers"]["keyword_baseline"]["auroc"]
    assert "AUROC" in out.getvalue()
