"""The risk models: per language, tf-idf over character n-grams of the normalised text, then
logistic regression for "high or imminent"; and for long English texts (an outpouring that
reads like a forum post) a word model trained on the Reddit posts.

Character n-grams need no tokenizer (Japanese has no spaces) and survive the typos,
stretched letters and odd spellings that normalisation does not repair. Stored as JSON
(vocabulary, idf, coefficients; no pickle) and scored here in plain Python, so the artefact
is reviewable and loading it cannot run code. Training lives in triage/training.py.
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

ARTIFACT_PATH = Path(__file__).resolve().parent.parent / "artifacts" / "risk_model.json"
FORMAT = "kizuna-triage-chargram/2"
NGRAM_SIZES = (2, 3, 4)

_SPACES_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_ESSAY_WORD_RE = re.compile(r"\b\w\w+\b")
_APOSTROPHES = str.maketrans("", "", "'\u2019")
# From this many characters of normalised text, a message is scored by the long-text model
# where the language has one: no line of our chat corpora is this long, more than half of
# the Reddit posts are.
LONG_TEXT_CHARS = 200


def features(normalised: str) -> list[str]:
    """Character 2-, 3- and 4-grams of the normalised text (runs of spaces as one, a space
    at each end) and its words. The text must already be normalised (engine.normalise)."""
    padded = " " + _SPACES_RE.sub(" ", normalised).strip() + " "
    grams = [padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)]
    words = [f"w:{word}" for word in _WORD_RE.findall(normalised)]
    return grams + words


def word_features(normalised: str) -> list[str]:
    """Words and adjacent word pairs, apostrophes dropped ("I'm" -> "im"): the long-text
    model's features (the Reddit posts had their apostrophes stripped)."""
    words = _ESSAY_WORD_RE.findall(normalised.lower().translate(_APOSTROPHES))
    return words + [f"{a} {b}" for a, b in pairwise(words)]


ANALYZERS = {"chargram": features, "words": word_features}


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
    analyzer: str = "chargram"

    def _weights(self, normalised: str) -> dict[int, float]:
        analyze = ANALYZERS[self.analyzer]
        counts = Counter(
            index for index in map(self.vocabulary.get, analyze(normalised)) if index is not None
        )
        weights = {i: (1.0 + math.log(n)) * self.idf[i] for i, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {i: w / norm for i, w in weights.items()} if norm else {}

    def decision(self, normalised: str) -> float:
        weights = self._weights(normalised)
        return sum(w * self.coef[i] for i, w in weights.items()) + self.intercept

    def predict_proba(self, normalised: str) -> float:
        z = self.decision(normalised)
        # Split so exp never overflows on extreme inputs.
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def strongest(self, normalised: str, n: int = 3) -> list[str]:
        """The n features that pushed this text most towards risk (for the evidence)."""
        terms = self._terms()
        pushes = sorted(
            ((w * self.coef[i], terms[i]) for i, w in self._weights(normalised).items()),
            reverse=True,
        )
        return [term for push, term in pushes[:n] if push > 0]

    def _terms(self) -> list[str]:
        terms = [""] * len(self.vocabulary)
        for term, i in self.vocabulary.items():
            terms[i] = term
        return terms

    def to_json(self) -> dict[str, Any]:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "analyzer": self.analyzer,
            "meta": self.meta,
            "thresholds": self.thresholds,
            "intercept": self.intercept,
            "terms": terms,
            "idf": [round(self.idf[i], 6) for i in range(len(terms))],
            "coef": [round(self.coef[i], 6) for i in range(len(terms))],
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> LinearTextModel:
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
            analyzer=str(payload.get("analyzer", "chargram")),
        )


@dataclass(frozen=True)
class RiskModel:
    """The models of one artefact: per language, and per language for long texts."""

    languages: dict[str, LinearTextModel]
    meta: dict[str, Any] = field(default_factory=dict)
    long_texts: dict[str, LinearTextModel] = field(default_factory=dict)

    def for_language(self, language: str) -> LinearTextModel | None:
        return self.languages.get(language)

    def for_text(self, language: str, normalised: str) -> LinearTextModel | None:
        """The model that reads this text: the long-text one from LONG_TEXT_CHARS on."""
        if len(normalised) >= LONG_TEXT_CHARS and language in self.long_texts:
            return self.long_texts[language]
        return self.languages.get(language)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "analyzer": "normalised text; char 2-4-grams (spaces collapsed, padded) + words; "
            "tf=1+log(n); idf; l2",
            "meta": self.meta,
            "languages": {lang: m.to_json() for lang, m in sorted(self.languages.items())},
            "long_texts": {lang: m.to_json() for lang, m in sorted(self.long_texts.items())},
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> RiskModel:
        if payload.get("format") != FORMAT:
            raise ValueError(f"unknown model format {payload.get('format')!r}")
        return cls(
            languages={
                lang: LinearTextModel.from_json(m) for lang, m in payload["languages"].items()
            },
            meta=dict(payload.get("meta", {})),
            long_texts={
                lang: LinearTextModel.from_json(m)
                for lang, m in payload.get("long_texts", {}).items()
            },
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RiskModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def load_model(path: Path = ARTIFACT_PATH) -> RiskModel | None:
    """The committed models, loaded once; None (rules only) if missing or unreadable."""
    try:
        return RiskModel.load(path)
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("triage model not loaded from %s: %s; scoring with rules only", path, error)
        return None
