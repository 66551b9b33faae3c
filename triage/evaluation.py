"""Evaluation of four scorers on the held-out users: keyword baseline, rules, model, combined.

Prints figures only (never post text). Alert-rate recall answers the queue's question:
if counselors can look at the top 5/10/20% of messages first, how many at-risk writers
are among them?
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from core.tiers import Tier
from triage.corpus import ChatExample, by_language
from triage.engine.model import RiskModel
from triage.engine.normalise import normalise
from triage.engine.scoring import TIER_FLOOR, RiskAssessment, assess, assess_conversation
from triage.selectors import WrapUpLabel
from triage.training import LABELS, Post

ALERT_RATES: tuple[float, ...] = (0.05, 0.10, 0.20)
TIERS_LOW_TO_HIGH: tuple[str, ...] = (Tier.LOW, Tier.MEDIUM, Tier.HIGH, Tier.IMMINENT)

# The naive list a first version would use: counts distinct keywords present.
BASELINE_KEYWORDS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "kill myself",
    "die",
    "dead",
    "end it",
    "overdose",
    "cut myself",
)
_BASELINE_RE = [re.compile(rf"\b{re.escape(k)}\b", re.IGNORECASE) for k in BASELINE_KEYWORDS]


def keyword_baseline(text: str) -> float:
    return sum(1 for r in _BASELINE_RE if r.search(text)) / len(_BASELINE_RE)


def recall_at_rate(scores: Sequence[float], positive: Sequence[bool], rate: float) -> float:
    """Recall of the positives among the top `rate` of messages by score.

    Ties at the cut are shared out in proportion (the expected recall under random order),
    so a scorer with few distinct values is not flattered or punished by row order.
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(positive, dtype=bool)
    total = int(y.sum())
    if total == 0 or len(s) == 0:
        return 0.0
    k = max(1, math.ceil(rate * len(s)))
    cut = np.sort(s)[::-1][k - 1]
    above = s > cut
    tied = s == cut
    slots = k - int(above.sum())
    found = float(y[above].sum()) + slots * float(y[tied].sum()) / float(tied.sum())
    return found / total


def tier_of(score: float) -> str:
    for tier in reversed(TIERS_LOW_TO_HIGH):
        if score >= TIER_FLOOR[tier]:
            return str(tier)
    return str(Tier.LOW)


def metrics(scores: Sequence[float], positive: Sequence[bool]) -> dict[str, float]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    y = np.asarray(positive, dtype=int)
    result = {
        "auroc": round(float(roc_auc_score(y, scores)), 4),
        "average_precision": round(float(average_precision_score(y, scores)), 4),
    }
    for rate in ALERT_RATES:
        result[f"recall_at_{round(rate * 100)}pct"] = round(
            recall_at_rate(scores, positive, rate), 4
        )
    return result


def confusion(tiers: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, int]]:
    table = {label: {str(t): 0 for t in TIERS_LOW_TO_HIGH} for label in LABELS}
    for tier, label in zip(tiers, labels, strict=True):
        table[label][tier] += 1
    return table


def evaluate(posts: list[Post], model: RiskModel | None) -> dict[str, Any]:
    """Score every held-out post with the four scorers and summarise."""
    positive = [p.at_risk for p in posts]
    labels = [p.label for p in posts]
    assessments = [assess(p.text, "en") for p in posts]

    def model_fn(text: str) -> float:
        normalised = normalise(text).text
        chosen = model.for_text("en", normalised) if model else None
        return chosen.predict_proba(normalised) if chosen else 0.0

    scorers: dict[str, list[float]] = {
        "keyword_baseline": [keyword_baseline(p.text) for p in posts],
        "rules": [a.rules_score for a in assessments],
        "model": [model_fn(p.text) for p in posts],
        "combined": [a.score for a in assessments],
    }
    return {
        "posts": len(posts),
        "users": len({p.user for p in posts}),
        "positives": int(sum(positive)),
        "scorers": {name: metrics(scores, positive) for name, scores in scorers.items()},
        "confusion": {
            "rules": confusion([tier_of(a.rules_score) for a in assessments], labels),
            "combined": confusion([a.tier for a in assessments], labels),
        },
    }


def render(report: dict[str, Any]) -> str:
    """The report as a readable table (figures only)."""
    lines = [
        f"Held-out users: {report['users']}, posts: {report['posts']}, "
        f"at risk (ideation/behavior/attempt): {report['positives']}",
        "",
        f"{'scorer':<18}{'AUROC':>8}{'AP':>8}{'R@5%':>8}{'R@10%':>8}{'R@20%':>8}",
    ]
    for name, m in report["scorers"].items():
        lines.append(
            f"{name:<18}{m['auroc']:>8.3f}{m['average_precision']:>8.3f}"
            f"{m['recall_at_5pct']:>8.3f}{m['recall_at_10pct']:>8.3f}{m['recall_at_20pct']:>8.3f}"
        )
    for which, table in report["confusion"].items():
        lines += [
            "",
            f"Tier ({which}) by label:",
            f"{'label':<15}" + "".join(f"{t!s:>10}" for t in TIERS_LOW_TO_HIGH),
        ]
        for label, row in table.items():
            lines.append(f"{label:<15}" + "".join(f"{row[str(t)]:>10}" for t in TIERS_LOW_TO_HIGH))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Chat sets (triage/data): the goals of issue 13, per language.
# ---------------------------------------------------------------------------------------


def score_example(example: ChatExample) -> RiskAssessment:
    """A single message is assessed alone; a conversation over all its messages together."""
    if len(example.messages) == 1:
        return assess(example.messages[0], example.lang)
    return assess_conversation(list(example.messages), example.lang)


def chat_metrics(
    examples: Sequence[ChatExample], results: Sequence[RiskAssessment]
) -> dict[str, Any]:
    """Figures for one language: how many imminent (and high) lines reach high or imminent,
    how many low lines do, AUROC of high-or-above against the rest, and the tier matrix."""
    from sklearn.metrics import roc_auc_score

    def share(label: str, reached: Callable[[RiskAssessment], bool]) -> float | None:
        picked = [r for e, r in zip(examples, results, strict=True) if e.tier == label]
        return round(sum(map(reached, picked)) / len(picked), 4) if picked else None

    high_plus = lambda r: r.tier in (Tier.HIGH, Tier.IMMINENT)  # noqa: E731
    positive = [e.high_or_above for e in examples]
    scores = [r.score for r in results]
    matrix = {str(t): {str(u): 0 for u in TIERS_LOW_TO_HIGH} for t in TIERS_LOW_TO_HIGH}
    for example, result in zip(examples, results, strict=True):
        matrix[example.tier][result.tier] += 1
    return {
        "lines": len(examples),
        "imminent_high_or_above": share(Tier.IMMINENT, high_plus),
        "imminent_exact": share(Tier.IMMINENT, lambda r: r.tier == Tier.IMMINENT),
        "high_high_or_above": share(Tier.HIGH, high_plus),
        "medium_high_or_above": share(Tier.MEDIUM, high_plus),
        "low_high_or_above": share(Tier.LOW, high_plus),
        "low_exact": share(Tier.LOW, lambda r: r.tier == Tier.LOW),
        "auroc_high_or_above": (
            round(float(roc_auc_score(positive, scores)), 4)
            if 0 < sum(positive) < len(positive)
            else None
        ),
        "tier_agreement": round(
            sum(e.tier == r.tier for e, r in zip(examples, results, strict=True)) / len(examples), 4
        )
        if examples
        else None,
        "matrix": matrix,
        "by_kind": _by_kind(examples, results),
    }


def _by_kind(
    examples: Sequence[ChatExample], results: Sequence[RiskAssessment]
) -> dict[str, dict[str, Any]]:
    """Per kind of language: how many lines, and how often the scorer put them on the
    right side of the high line (high or imminent against the rest)."""
    kinds: dict[str, list[bool]] = {}
    for example, result in zip(examples, results, strict=True):
        right = example.high_or_above == (result.tier in (Tier.HIGH, Tier.IMMINENT))
        kinds.setdefault(example.kind or "-", []).append(right)
    return {
        kind: {"lines": len(flags), "right_side_of_high": round(sum(flags) / len(flags), 4)}
        for kind, flags in sorted(kinds.items())
    }


def evaluate_chat(examples: Sequence[ChatExample]) -> dict[str, dict[str, Any]]:
    """chat_metrics per language."""
    report: dict[str, dict[str, Any]] = {}
    for language, group in by_language(examples).items():
        report[language] = chat_metrics(group, [score_example(e) for e in group])
    return report


def render_chat(report: dict[str, dict[str, Any]], title: str) -> str:
    lines = [title]
    for language, m in report.items():
        lines += [
            "",
            f"[{language}] {m['lines']} lines: imminent→high+ {_pct(m['imminent_high_or_above'])}"
            f" (exact {_pct(m['imminent_exact'])}), high→high+ {_pct(m['high_high_or_above'])},"
            f" medium→high+ {_pct(m['medium_high_or_above'])},"
            f" low→high+ {_pct(m['low_high_or_above'])}, AUROC(high+) {m['auroc_high_or_above']},"
            f" tier agreement {_pct(m['tier_agreement'])}",
            f"{'label → scored':<16}" + "".join(f"{t!s:>10}" for t in TIERS_LOW_TO_HIGH),
        ]
        for label in reversed(TIERS_LOW_TO_HIGH):
            row = m["matrix"][str(label)]
            lines.append(
                f"{label!s:<16}" + "".join(f"{row[str(t)]:>10}" for t in TIERS_LOW_TO_HIGH)
            )
        kinds = ", ".join(
            f"{kind} {_pct(k['right_side_of_high'])} ({k['lines']})"
            for kind, k in m["by_kind"].items()
        )
        lines.append(f"right side of the high line, by kind: {kinds}")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


# ---------------------------------------------------------------------------------------
# Counselors' wrap-ups: how triage agrees with the people who read the whole conversation.
# ---------------------------------------------------------------------------------------


def wrapup_agreement(labels: Sequence[WrapUpLabel]) -> dict[str, Any]:
    """Per language: how often the tier triage gave when the conversation ended (and the
    tier today's engine gives its de-identified messages) equals the counselor's, by the
    counselor's tier, with how often triage was lower (the dangerous direction)."""
    report: dict[str, Any] = {}
    for language in sorted({label.language for label in labels}):
        group = [label for label in labels if label.language == language]
        rescored = [
            assess_conversation(list(label.messages), language).tier if label.messages else None
            for label in group
        ]
        by_tier: dict[str, dict[str, Any]] = {}
        for tier in reversed(TIERS_LOW_TO_HIGH):
            picked = [
                (lb, r) for lb, r in zip(group, rescored, strict=True) if lb.counselor_tier == tier
            ]
            if not picked:
                continue
            by_tier[str(tier)] = {
                "conversations": len(picked),
                "triage_agrees": _share([lb.triage_tier == tier for lb, _ in picked]),
                "triage_lower": _share([_rank(lb.triage_tier) < _rank(tier) for lb, _ in picked]),
                "engine_agrees": _share([r == tier for _, r in picked if r is not None]),
                "engine_lower": _share(
                    [_rank(r) < _rank(tier) for _, r in picked if r is not None]
                ),
            }
        report[language] = {
            "conversations": len(group),
            "triage_agrees": _share([lb.triage_tier == lb.counselor_tier for lb in group]),
            "engine_agrees": _share(
                [r == lb.counselor_tier for lb, r in zip(group, rescored, strict=True) if r]
            ),
            "by_counselor_tier": by_tier,
        }
    return report


def render_wrapups(report: dict[str, Any]) -> str:
    if not report:
        return "No wrap-ups with a counselor tier yet."
    lines = ["Counselors' wrap-up tiers against triage (figures only):"]
    for language, m in report.items():
        lines += [
            "",
            f"[{language}] {m['conversations']} conversations: triage at the end agreed "
            f"{_pct(m['triage_agrees'])}, today's engine agrees {_pct(m['engine_agrees'])}",
            f"{'counselor tier':<16}{'n':>6}{'triage =':>10}{'lower':>8}"
            f"{'engine =':>10}{'lower':>8}",
        ]
        for tier, row in m["by_counselor_tier"].items():
            lines.append(
                f"{tier:<16}{row['conversations']:>6}{_pct(row['triage_agrees']):>10}"
                f"{_pct(row['triage_lower']):>8}{_pct(row['engine_agrees']):>10}"
                f"{_pct(row['engine_lower']):>8}"
            )
    return "\n".join(lines)


def _share(flags: Sequence[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def _rank(tier: str | None) -> int:
    order = [str(t) for t in TIERS_LOW_TO_HIGH]
    return order.index(tier) if tier in order else -1
