"""Evaluation helpers: alert-rate recall with ties, the keyword baseline."""

from __future__ import annotations

import pytest

from triage.evaluation import keyword_baseline, recall_at_rate, tier_of


def test_recall_at_rate_counts_the_top_messages() -> None:
    scores = [0.9, 0.8, 0.1, 0.2, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0]
    positive = [True, False, True, False, False, False, False, False, False, False]
    assert recall_at_rate(scores, positive, 0.10) == 0.5
    assert recall_at_rate(scores, positive, 0.20) == 0.5
    assert recall_at_rate(scores, positive, 1.0) == 1.0


def test_ties_at_the_cut_are_shared_out() -> None:
    # Ten equal scores, two positives: flagging 5 finds one positive on average.
    assert recall_at_rate([0.5] * 10, [True, True] + [False] * 8, 0.5) == pytest.approx(0.5)


def test_keyword_baseline_is_naive() -> None:
    assert keyword_baseline("I want to die") > 0
    assert keyword_baseline("this homework is killing me") == 0
    assert keyword_baseline("I don't want to die") > 0  # no negation handling, by design


def test_tier_of_score_bands() -> None:
    assert [tier_of(s) for s in (0.0, 0.3, 0.6, 0.9)] == ["low", "medium", "high", "imminent"]
