"""The English risk model: tf-idf over words and word pairs, then logistic regression.

Stored as JSON (vocabulary, idf, coefficients; no pickle) and scored here in plain Python,
so the artefact is reviewable and loading it cannot run code. Training lives in training.py.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ARTIFACT_PATH = Path(__file__).resolve().parent.parent / "artifacts" / "risk_model_en.json"
FORMAT = "kizuna-triage-tfidf-logreg/1"

_WORD_RE = re.compile(r"\b\w\w+\b")
_APOSTROPHES = str.maketrans("", "", "'\u2019")  # straight and typographic


def analyze(text: str) -> list[str]:
    """Words and adjacent word pairs, lower case, apostrophes dropped ("I'm" -> "im").

    The training posts had their apostrophes stripped ("Im", "dont"); dropping them here
    makes "I'm" in a chat message the same feature as "Im" in training.
    """
    words = _WORD_RE.findall(text.lower().translate(_APOSTROPHES))
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(frozen=True)
class LinearTextModel:
    """tf-idf (sublinear tf, l2 norm) + logistic regression, as sklearn computes it."""

    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    # Probabilities at which the model may raise a tier (see scoring.combine_tiers).
    thresholds: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def decision(self, text: str) -> float:
        counts = Counter(
            index for index in map(self.vocabulary.get, analyze(text)) if index is not None
        )
        if not counts:
            return self.intercept
        weights = {i: (1.0 + math.log(n)) * self.idf[i] for i, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        dot = sum(w * self.coef[i] for i, w in weights.items())
        return dot / norm + self.intercept

    def predict_proba(self, text: str) -> float:
        z = self.decision(text)
        # Split so exp never overflows on extreme inputs.
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def to_json(self) -> dict[str, Any]:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "format": FORMAT,
            "analyzer": "words+pairs, lowercase, apostrophes dropped; tf=1+log(n); l2",
            "meta": self.meta,
            "thresholds": self.thresholds,
            "intercept": self.intercept,
            "terms": terms,
            "idf": [round(self.idf[i], 6) for i in range(len(terms))],
            "coef": [round(self.coef[i], 6) for i in range(len(terms))],
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> LinearTextModel:
        if payload.get("format") != FORMAT:
            raise ValueError(f"unknown model format {payload.get('format')!r}")
        terms = payload["terms"]
        if not (len(terms) == len(payload["idf"]) == len(payload["coef"])):
            raise ValueError("terms, idf and coef differ in length")
        return cls(
            vocabulary={term: i for i, term in enumerate(terms)},
            idf=tuple(float(x) for x in payload["idf"]),
            coef=tuple(float(x) for x in payload["coef"]),
            intercept=float(payload["intercept"]),
            thresholds={k: float(v) for k, v in payload.get("thresholds", {}).items()},
            meta=dict(payload.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def load_model(path: Path = ARTIFACT_PATH) -> LinearTextModel | None:
    """The committed model, loaded once; None (rules only) if it is missing or unreadable."""
    try:
        return LinearTextModel.load(path)
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("triage model not loaded from %s: %s; scoring with rules only", path, error)
        return None
