"""The triage management commands: triage_score's stream contract, triage_train and
triage_eval on the chat corpus, the research CSV and counselors' wrap-ups."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from counseling.models import WrapUp
from tests.accounts.factories import counselor
from tests.counseling.factories import waiting_conversation
from triage import corpus, training
from triage.engine.model import RiskModel


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
    # 死にたい ("I want to die") is active ideation (LABELLING.md): high.
    assert [r["tier"] for r in results] == ["imminent", "high", "low"]
    assert set(results[0]) == {"id", "score", "tier", "evidence"}


def test_evidence_is_written_as_spans_of_the_line() -> None:
    text = "I want to die tonight, I have a rope"
    (result,) = run_score([json.dumps({"id": "a", "text": text})])
    evidence = result["evidence"]
    assert all(set(e) == {"phrase", "start", "end", "construct"} for e in evidence)
    assert all(text[e["start"] : e["end"]] == e["phrase"] for e in evidence)
    assert [e for e in evidence if e["construct"] == "method_means" and "rope" in e["phrase"]]


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


# --- triage_train and triage_eval on the chat corpus --------------------------------------------


def corpus_lines(split: str) -> list[str]:
    """Corpus messages long enough that finding one in the output means it was printed."""
    return [m for e in corpus.load_split(split) for m in e.messages if len(m) >= 12]


@pytest.fixture(scope="module")
def chat_only_training(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """triage_train without --data, once for the module (it takes a quarter of a minute)."""
    model_path = tmp_path_factory.mktemp("train") / "model.json"
    out = StringIO()
    call_command("triage_train", out=str(model_path), stdout=out)
    return model_path, out.getvalue()


def test_train_without_data_writes_a_model_per_language(
    chat_only_training: tuple[Path, str],
) -> None:
    model_path, _printed = chat_only_training
    model = RiskModel.load(model_path)
    assert set(model.languages) == {"en", "ja"}
    assert "data_sha256" not in model.meta  # no research CSV went in


def test_train_prints_each_language_and_no_corpus_line(
    chat_only_training: tuple[Path, str],
) -> None:
    _model_path, printed = chat_only_training
    assert "[en]" in printed and "[ja]" in printed
    assert not [line for line in corpus_lines("train") if line in printed]


def run_eval(**options: Any) -> tuple[str, dict[str, Any]]:
    out = StringIO()
    call_command("triage_eval", stdout=out, **options)
    printed = out.getvalue()
    return printed, json.loads(printed.splitlines()[-1])


@pytest.fixture(scope="module")
def dev_eval() -> tuple[str, dict[str, Any]]:
    """triage_eval on the chat dev sets, once for the module."""
    return run_eval(split="dev")


def test_eval_reports_the_chat_dev_sets_per_language(dev_eval: tuple[str, dict[str, Any]]) -> None:
    printed, report = dev_eval
    assert set(report["chat"]) == {"en", "ja"}
    assert "[en]" in printed and "[ja]" in printed


def test_eval_prints_no_corpus_line(dev_eval: tuple[str, dict[str, Any]]) -> None:
    printed, _report = dev_eval
    assert not [line for line in corpus_lines("dev") if line in printed]


def test_eval_on_the_research_csv_prints_figures_and_no_posts(cssrs_data: Path) -> None:
    printed, report = run_eval(data=str(cssrs_data))
    assert set(report["reddit"]["scorers"]) == {"keyword_baseline", "rules", "model", "combined"}
    _train, held_out = training.split_by_user(training.load_posts(cssrs_data))
    assert not [p.text for p in held_out if len(p.text) >= 12 and p.text in printed]


# --- counselors' wrap-ups ----------------------------------------------------------------------

EMAIL = "sam.rivers@example.org"
WRAPPED_UP = [
    # (language, help-seeker's message, counselor's tier, triage's tier at the end)
    ("en", f"i want to die, my email is {EMAIL} if you need it", "high", "medium"),
    ("en", "exams are getting on top of me this term", "low", "low"),
    ("ja", "もう消えたいな、毎日がしんどい", "medium", "medium"),
]


@pytest.fixture
def wrapped_up() -> None:
    staff = counselor()
    for language, body, counselor_tier, triage_tier in WRAPPED_UP:
        conversation, _token = waiting_conversation(body, language=language)
        WrapUp.objects.create(
            conversation=conversation,
            counselor=staff,
            outcome="de_escalated",
            counselor_tier=counselor_tier,
            triage_tier=triage_tier,
        )


@pytest.mark.django_db
def test_eval_from_wrapups_reports_agreement_by_language_and_tier(wrapped_up: None) -> None:
    _printed, report = run_eval(from_wrapups=True)
    by_language = report["wrapups"]
    assert set(by_language) == {"en", "ja"}
    assert set(by_language["en"]["by_counselor_tier"]) == {"high", "low"}
    assert set(by_language["ja"]["by_counselor_tier"]) == {"medium"}


@pytest.mark.django_db
def test_eval_from_wrapups_prints_no_message_text(wrapped_up: None) -> None:
    printed, _report = run_eval(from_wrapups=True)
    assert not [body for _lang, body, _c, _t in WRAPPED_UP if body in printed]
    assert EMAIL not in printed


@pytest.mark.django_db
def test_train_with_wrapups_learns_from_de_identified_text(
    wrapped_up: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added: list[str] = []

    def record_training(
        data: Path | None, out: Path, *, extra: list[corpus.ChatExample] | None = None
    ) -> tuple[RiskModel, dict[str, Any], list[Any]]:
        # Stands in for the half-minute fit: only what reaches the examples matters here.
        added.extend(m for example in extra or [] for m in example.messages)
        model = RiskModel({})
        model.save(out)
        return model, {}, []

    monkeypatch.setattr(training, "train", record_training)
    call_command(
        "triage_train", out=str(tmp_path / "model.json"), include_wrapups=True, stdout=StringIO()
    )
    assert len(added) == len(WRAPPED_UP)
    assert not [m for m in added if EMAIL in m]
