"""Behaviour of triage.engine.assess: constructs, context handling, tiers and robustness."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from triage.engine.rules.common import CONSTRUCTS
from triage.engine.scoring import (
    CONSTRUCT_LABELS,
    RiskAssessment,
    assess,
    combine_tiers,
    detect_language,
    explain,
)

TIER_ORDER = {"low": 0, "medium": 1, "high": 2, "imminent": 3}


def constructs(text: str, language: str | None = None) -> set[str]:
    return {e.construct for e in assess(text, language).evidence}


def assert_spans_match(text: str, assessment: RiskAssessment) -> None:
    for e in assessment.evidence:
        assert text[e.start : e.end] == e.phrase
        assert e.construct in CONSTRUCTS


# --- one case per construct, English and Japanese ------------------------------------------

CONSTRUCT_CASES = [
    ("I wish I was dead", "passive_ideation"),
    ("I want to kill myself", "active_ideation"),
    ("I have 50 paracetamol", "method_means"),
    ("there's a bottle of pills on my desk", "method_means"),
    ("💊💊💊", "method_means"),
    ("I've written a note for my mum", "plan"),
    ("I have the pills ready", "plan"),
    ("I'm going to kill myself", "intent"),
    ("I'll do it after everyone is asleep", "timeframe"),
    ("I tried to kill myself last year", "prior_attempt"),
    ("I cut myself again", "self_harm"),
    ("I'm going to kill him", "harm_to_others"),
    ("my stepdad hits me", "abuse_violence"),
    ("I feel so lonely", "loneliness_isolation"),
    ("everything feels hopeless", "hopelessness"),
    ("I want to live for my kids", "protective_factor"),
    ("死にたい", "passive_ideation"),
    ("消えたい", "passive_ideation"),
    ("自殺したい", "active_ideation"),
    ("首を吊る", "method_means"),
    ("練炭を用意した", "method_means"),
    ("遺書を書いた", "plan"),
    ("死ぬつもりだ", "intent"),
    ("今夜", "timeframe"),
    ("去年自殺未遂をした", "prior_attempt"),
    ("リスカしちゃった", "self_harm"),
    ("あいつを殺してやる", "harm_to_others"),
    ("父に殴られた", "abuse_violence"),
    ("ずっと孤独だ", "loneliness_isolation"),
    ("未来が見えない", "hopelessness"),
    ("死にたくない", "protective_factor"),
]


@pytest.mark.parametrize(("text", "construct"), CONSTRUCT_CASES)
def test_each_construct_is_found(text: str, construct: str) -> None:
    result = assess(text)
    assert construct in {e.construct for e in result.evidence}
    assert_spans_match(text, result)


# --- negation ----------------------------------------------------------------------------

NEGATED = [
    "I'm not going to kill myself",
    "I don't want to die",
    "I would never hurt myself",
    "I'm not suicidal",
    "死にたくない",
    "死ぬつもりはない",
    "自殺はしない",
    "死にたいとは思わない",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negated_ideation_is_protective_not_risk(text: str) -> None:
    result = assess(text)
    assert result.tier == "low"
    assert constructs(text) <= {"protective_factor"}
    assert "protective_factor" in constructs(text)


def test_negation_does_not_cross_into_a_new_statement() -> None:
    assert assess("I'm not okay. I want to kill myself").tier == "high"


def test_cannot_stop_thinking_is_not_a_negation() -> None:
    assert "active_ideation" in constructs("I can't stop thinking about killing myself")


# --- third persons -----------------------------------------------------------------------

THIRD_PERSON = [
    "my friend wants to die",
    "My friend told me she wants to kill herself",
    "my brother is suicidal",
    "友達が死にたいと言っている",
    "彼氏が自殺したいって言ってる",
]


@pytest.mark.parametrize("text", THIRD_PERSON)
def test_someone_elses_risk_is_evidence_but_not_the_writers_risk(text: str) -> None:
    result = assess(text)
    assert result.tier == "low"
    assert "concern_for_other" in constructs(text)
    assert not constructs(text) & {"passive_ideation", "active_ideation", "intent"}


def test_writer_risk_inside_a_sentence_about_someone_else_still_counts() -> None:
    assert assess("my mom doesn't know I want to die").tier != "low"
    assert assess("母は私が死にたいと思っていることを知らない").tier != "low"


# --- past tense --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I tried to kill myself last year",
        "I used to cut myself in high school",
        "when I was 15 I wanted to die",
        "去年自殺未遂をした",
        "昔リスカしてた",
    ],
)
def test_past_attempts_are_history_not_current_plans(text: str) -> None:
    result = assess(text)
    assert "prior_attempt" in constructs(text)
    assert result.tier == "medium"
    assert not constructs(text) & {"plan", "intent", "active_ideation", "self_harm"}


def test_an_attempt_today_is_imminent_not_history() -> None:
    assert assess("I tried to kill myself tonight").tier == "imminent"
    assert assess("さっき自殺未遂した").tier == "imminent"


# --- idioms ------------------------------------------------------------------------------

IDIOMS = [
    "this homework is killing me",
    "I'm dying to see it",
    "you're killing it!",
    "I'm killing myself laughing",
    "I was bored to death",
    "that cake is to die for",
    "I'm dead 😂",
    "死ぬほど笑った",
    "死ぬほど眠い",
    "死ぬかと思った",
    "死ぬ気で頑張る",
]


@pytest.mark.parametrize("text", IDIOMS)
def test_idioms_carry_no_risk(text: str) -> None:
    result = assess(text, None)
    assert result.tier == "low"
    assert result.rules_score < 0.25
    assert not result.evidence


# --- tiers, each with its evidence -------------------------------------------------------

TIER_CASES = [
    (
        "I want to die. I have 50 paracetamol. Tonight.",
        "imminent",
        {"passive_ideation", "method_means", "timeframe"},
    ),
    ("I'm going to kill myself tonight", "imminent", {"intent", "timeframe"}),
    ("I just took 40 pills", "imminent", {"intent"}),
    (
        "I want to die, the rope is ready, after everyone is asleep",
        "imminent",
        {"passive_ideation", "timeframe"},
    ),
    (
        "今夜、薬を大量に飲んで死にたい",
        "imminent",
        {"passive_ideation", "method_means", "timeframe"},
    ),
    ("今から飛び降りる", "imminent", {"intent"}),
    ("I want to kill myself", "high", {"active_ideation"}),
    ("I've written a note", "high", {"plan"}),
    ("I cut myself again", "high", {"self_harm"}),
    (
        "I wish I was dead and I keep looking at the bottle of pills",
        "high",
        {"passive_ideation", "method_means"},
    ),
    ("自殺したい", "high", {"active_ideation"}),
    ("遺書を書いた", "high", {"plan"}),
    ("I wish I was dead", "medium", {"passive_ideation"}),
    ("死にたい", "medium", {"passive_ideation"}),
    ("I tried to overdose two years ago", "medium", {"prior_attempt"}),
    ("he hits me when he drinks", "medium", {"abuse_violence"}),
    ("生きる意味がない", "medium", {"hopelessness"}),
    ("I feel so lonely", "low", {"loneliness_isolation"}),
    ("", "low", set()),
]


@pytest.mark.parametrize(("text", "tier", "expected"), TIER_CASES)
def test_tier_and_its_evidence(text: str, tier: str, expected: set[str]) -> None:
    result = assess(text)
    # Rules set the tier here; the model may only raise it, and never to imminent.
    rules_tier = next(
        t
        for t, lo in (("imminent", 0.75), ("high", 0.5), ("medium", 0.25), ("low", 0.0))
        if result.rules_score >= lo
    )
    assert rules_tier == tier
    assert TIER_ORDER[result.tier] >= TIER_ORDER[tier]
    assert expected <= {e.construct for e in result.evidence}
    assert_spans_match(text, result)
    assert result.tier in result.explanation.lower() or result.tier == "imminent"


def test_score_band_matches_tier() -> None:
    bands = {"low": (0, 0.25), "medium": (0.25, 0.5), "high": (0.5, 0.75), "imminent": (0.75, 1)}
    for text, _tier, _ in TIER_CASES:
        result = assess(text)
        lo, hi = bands[result.tier]
        assert lo <= result.score <= hi
        assert result.score >= result.rules_score


def test_explanation_names_the_evidence() -> None:
    result = assess("I want to die. I have 50 paracetamol. Tonight.")
    assert result.explanation.startswith("Imminent risk because")
    assert "50 paracetamol" in result.explanation
    assert "Tonight" in result.explanation


# --- the model may raise a tier, by one step (from low to high only when it is very sure),
# never to imminent, never lower ---------------------------------------------------------


@pytest.mark.parametrize(
    ("rules_tier", "p", "expected"),
    [
        ("low", 0.99, "medium"),
        ("low", 0.1, "low"),
        ("medium", 0.99, "high"),
        ("high", 0.99, "high"),
        ("imminent", 0.0, "imminent"),
        ("high", 0.0, "high"),
        ("medium", None, "medium"),
    ],
)
def test_model_raises_by_at_most_one_step(rules_tier: str, p: float | None, expected: str) -> None:
    assert combine_tiers(rules_tier, p, {"medium": 0.5, "high": 0.8}) == expected


@pytest.mark.parametrize(
    ("rules_tier", "p", "expected"),
    [
        ("low", 0.95, "high"),
        ("low", 0.85, "medium"),
        ("low", 0.2, "low"),
        ("medium", 0.95, "high"),
        ("high", 0.99, "high"),
    ],
)
def test_a_very_sure_model_raises_low_to_high(rules_tier: str, p: float, expected: str) -> None:
    thresholds = {"medium": 0.5, "high": 0.8, "high_from_low": 0.9}
    assert combine_tiers(rules_tier, p, thresholds) == expected


def test_each_language_has_its_own_model() -> None:
    assert assess("死にたい").model_score is not None
    assert assess("I want to die", "en").model_score is not None


# --- the JSON shape ----------------------------------------------------------------------


def test_as_dict_is_json_with_the_documented_keys() -> None:
    result = assess("I want to die tonight 💊")
    payload = json.loads(json.dumps(result.as_dict()))
    assert set(payload) == {
        "score",
        "tier",
        "evidence",
        "rules_score",
        "model_score",
        "explanation",
        "reason",
        "about_other",
    }
    assert isinstance(payload["score"], float)
    assert payload["tier"] in TIER_ORDER
    assert payload["evidence"]
    for item in payload["evidence"]:
        assert set(item) == {"phrase", "start", "end", "construct"}


# --- robustness --------------------------------------------------------------------------

ODD_INPUTS = [
    "",
    " ",
    "\x00\x01\x02\x1b[31m\ud800",
    "😀" * 1000,
    "a" * 100_000,
    "I want to die " * 8_000,
    "死にたい" * 20_000,
    "\u202e\u200b\ufeffkill\u200bmyself",
    "İİİ kill myself İ",
    "'''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''''",
]


@pytest.mark.parametrize("text", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_never_raises_and_spans_stay_exact(text: str) -> None:
    result = assess(text)
    assert result.tier in TIER_ORDER
    assert 0.0 <= result.score <= 1.0
    assert "failed" not in result.explanation
    assert_spans_match(text, result)


def test_unknown_language_falls_back_to_detection() -> None:
    assert assess("死にたい", "xx").tier == assess("死にたい", "ja").tier


def test_language_detection() -> None:
    assert detect_language("死にたい") == "ja"
    assert detect_language("ｼﾆﾀｲ") == "ja"
    assert detect_language("I want to die") == "en"
    assert detect_language("") == "en"


@pytest.mark.parametrize(
    "text",
    ["I took all my pills 20 min ago", "i want to die", "hello", "今夜飛び降りる", "もう疲れた"],
)
def test_the_reason_is_the_explanation_as_data(text: str) -> None:
    # Staff screens word the reason in their own language; it must say what the English
    # explanation says, tier and quoted phrases included.
    result = assess(text)
    assert result.reason["tier"] == result.tier
    assert explain(result.reason) == result.explanation
    quoted = result.reason.get("rules", result.reason).get("parts", [])
    for construct, phrase in quoted:
        assert phrase in result.explanation
        assert construct in CONSTRUCT_LABELS


def test_a_model_raise_keeps_the_rules_reason_beside_it() -> None:
    # The rules read "i want to die" alone as a wish to be dead (medium); the model
    # raises it.
    result = assess("i want to die")
    assert result.reason["code"] == "model"
    assert result.reason["rules"]["tier"] != result.tier
    assert f"p={result.reason['p']:.2f}" in result.explanation


def test_the_engine_scores_where_django_is_not_set_up() -> None:
    # The engine's docstring says so: no settings, database or apps are needed.
    script = (
        "from django.conf import settings\n"
        "from triage.engine import assess\n"
        "result = assess('I am going to kill myself tonight')\n"
        "assert not settings.configured\n"
        "print(result.tier)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imminent"
