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

from triage.engine.model import LinearTextModel
from triage.engine.scoring import TIER_FLOOR, assess
from triage.tiers import Tier
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


def evaluate(posts: list[Post], model: LinearTextModel | None) -> dict[str, Any]:
    """Score every held-out post with the four scorers and summarise."""
    positive = [p.at_risk for p in posts]
    labels = [p.label for p in posts]
    assessments = [assess(p.text, "en") for p in posts]
    model_fn: Callable[[str], float] = model.predict_proba if model else (lambda _t: 0.0)
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
