"""Triage's one public scoring function: text in, an explainable risk assessment out.

assess() runs the reviewable rules (rules.py) and, for English, the trained model
(model.py), then decides the tier by the combination rule documented in triage/README.md.
Pure and fast: no Django, no I/O after the first call, never raises on a str.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from triage.engine import rules
from triage.engine.model import load_model
from triage.engine.rules.common import (
    ABUSE_VIOLENCE,
    ACTIVE_IDEATION,
    CONCERN_FOR_OTHER,
    HARM_TO_OTHERS,
    HOPELESSNESS,
    INTENT,
    LONELINESS_ISOLATION,
    METHOD_MEANS,
    PASSIVE_IDEATION,
    PLAN,
    PRIOR_ATTEMPT,
    PROTECTIVE_FACTOR,
    SELF_HARM,
    TIMEFRAME,
)
from triage.tiers import Tier

logger = logging.getLogger(__name__)

# Each tier owns a quarter of the 0..1 score, so sorting by score never contradicts the tier.
TIER_FLOOR: dict[str, float] = {
    Tier.LOW: 0.0,
    Tier.MEDIUM: 0.25,
    Tier.HIGH: 0.5,
    Tier.IMMINENT: 0.75,
}
BAND = 0.25
# Below the next tier's floor, so rounding never lifts a score into the next band.
_BAND_TOP = BAND * 0.999

# Model probabilities that may raise a rules tier by one step (overridden by the values
# stored with the trained model). The model never makes a message imminent.
DEFAULT_THRESHOLDS = {"medium": 0.5, "high": 0.8}

CONSTRUCT_LABELS: dict[str, str] = {
    PASSIVE_IDEATION: "a wish to be dead",
    ACTIVE_IDEATION: "thoughts of suicide",
    METHOD_MEANS: "a method or means",
    PLAN: "preparations",
    INTENT: "a stated intent to act",
    TIMEFRAME: "a time",
    PRIOR_ATTEMPT: "a history of attempts or self-harm",
    SELF_HARM: "current self-harm",
    HARM_TO_OTHERS: "a threat to harm others",
    ABUSE_VIOLENCE: "abuse or violence",
    LONELINESS_ISOLATION: "loneliness",
    HOPELESSNESS: "hopelessness",
    PROTECTIVE_FACTOR: "a protective factor",
    CONCERN_FOR_OTHER: "someone else's risk",
}

# The writer's own current risk (not history, not someone else's, not protective).
CURRENT_RISK = frozenset(
    {PASSIVE_IDEATION, ACTIVE_IDEATION, INTENT, PLAN, METHOD_MEANS, SELF_HARM, HOPELESSNESS}
)

# A pasted wall of text can repeat a phrase thousands of times; counselors need the first few.
MAX_EVIDENCE_PER_CONSTRUCT = 20

_JAPANESE = "ja"
_ENGLISH = "en"


@dataclass(frozen=True)
class Evidence:
    """A phrase of the message (text[start:end]) and the construct it is evidence for."""

    phrase: str
    start: int
    end: int
    construct: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "construct": self.construct,
        }


@dataclass(frozen=True)
class Assessment:
    """The result of assess(): a 0..1 score, its tier, the evidence and why."""

    score: float
    tier: str
    evidence: tuple[Evidence, ...]
    rules_score: float
    model_score: float | None
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "tier": self.tier,
            "evidence": [e.as_dict() for e in self.evidence],
            "rules_score": self.rules_score,
            "model_score": self.model_score,
            "explanation": self.explanation,
        }

    @property
    def constructs(self) -> frozenset[str]:
        return frozenset(e.construct for e in self.evidence)


def detect_language(text: str) -> str:
    """ "ja" if the text has any kana or kanji, else "en"."""
    return _JAPANESE if rules.contains_cjk(text) else _ENGLISH


# ---------------------------------------------------------------------------------------
# The tier rule.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RulesDecision:
    tier: str
    score: float
    reason: str  # the clause of the explanation after "because"


def _strongest(hits: Iterable[rules.Hit]) -> dict[str, float]:
    best: dict[str, float] = {}
    for hit in hits:
        best[hit.construct] = max(best.get(hit.construct, 0.0), hit.weight)
    return best


def decide_rules_tier(hits: list[rules.Hit], quote: dict[str, str]) -> RulesDecision:
    """Apply the documented combination rule to the evidence found by the rules.

    imminent: an acute statement (an act in progress, "this is goodbye", 今から死ぬ); or
        ideation/intent/self-harm + (means or plan) + timeframe; or intent + timeframe.
    high: active ideation or intent; a strong plan (a note, pills saved); a wish to be
        dead with means or plan; current self-harm; a serious threat to others.
    medium: a wish to be dead (or a bare mention of suicide), hopelessness, a prior attempt,
        abuse, a threat to others, or a strong means named on its own.
    low: anything else (loneliness alone, protective factors, someone else's risk).
    """
    w = _strongest(hits)
    passive = w.get(PASSIVE_IDEATION, 0.0)
    active = w.get(ACTIVE_IDEATION, 0.0)
    intent = w.get(INTENT, 0.0)
    means = w.get(METHOD_MEANS, 0.0)
    plan = w.get(PLAN, 0.0)
    self_harm = w.get(SELF_HARM, 0.0)
    harm_others = w.get(HARM_TO_OTHERS, 0.0)
    timeframe = TIMEFRAME in w
    ideation = max(passive, active, intent, self_harm)
    acute = [h for h in hits if h.acute]

    def q(*constructs: str) -> str:
        parts = [f"{CONSTRUCT_LABELS[c]} (“{quote[c]}”)" for c in constructs if c in quote]
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    idea_key = next(
        c
        for c, v in (
            (INTENT, intent),
            (ACTIVE_IDEATION, active),
            (SELF_HARM, self_harm),
            (PASSIVE_IDEATION, passive),
            ("", 1.0),
        )
        if v >= 1.0 or c == ""
    )
    tier: str
    reason: str
    if acute:
        phrase = quote.get(acute[0].construct, "")
        tier, reason = (
            Tier.IMMINENT,
            f"it describes an act in progress or about to happen (“{phrase}”)",
        )
    elif ideation >= 1.0 and (means or plan) and timeframe:
        prep = METHOD_MEANS if means >= plan else PLAN
        tier, reason = Tier.IMMINENT, f"it combines {q(idea_key, prep, TIMEFRAME)}"
    elif intent and timeframe:
        tier, reason = Tier.IMMINENT, f"it combines {q(INTENT, TIMEFRAME)}"
    elif active or intent:
        tier, reason = (
            Tier.HIGH,
            f"it expresses {q(INTENT if intent >= active else ACTIVE_IDEATION)}",
        )
    elif plan >= 1.0:
        tier, reason = Tier.HIGH, f"it describes {q(PLAN)}"
    elif passive >= 1.0 and (means or plan):
        tier, reason = (
            Tier.HIGH,
            f"it combines {q(PASSIVE_IDEATION, METHOD_MEANS if means else PLAN)}",
        )
    elif self_harm >= 1.0:
        tier, reason = Tier.HIGH, f"it describes {q(SELF_HARM)}"
    elif harm_others >= 2.0 or (harm_others and (means or plan)):
        tier, reason = Tier.HIGH, f"it contains {q(HARM_TO_OTHERS, METHOD_MEANS)}"
    else:
        medium = [
            c
            for c in (
                PASSIVE_IDEATION,
                SELF_HARM,
                PRIOR_ATTEMPT,
                HOPELESSNESS,
                ABUSE_VIOLENCE,
                HARM_TO_OTHERS,
                PLAN,
            )
            if c in w
        ]
        if means >= 1.0:
            medium.append(METHOD_MEANS)
        if medium:
            tier, reason = Tier.MEDIUM, f"it mentions {q(*medium[:2])}"
        else:
            low = [c for c in (CONCERN_FOR_OTHER, LONELINESS_ISOLATION, METHOD_MEANS) if c in w]
            if PROTECTIVE_FACTOR in w:
                low.append(PROTECTIVE_FACTOR)
            if low:
                tier, reason = Tier.LOW, f"it mentions only {q(*low[:2])}"
            else:
                tier, reason = Tier.LOW, "no risk phrases were found"

    # Position inside the band: more (and stronger) risk evidence ranks higher; protective
    # factors pull it down inside the band, never out of it.
    risk_weight = sum(v for c, v in w.items() if c not in (PROTECTIVE_FACTOR,))
    if CONCERN_FOR_OTHER in w:
        risk_weight -= w[CONCERN_FOR_OTHER] * 0.5
    strength = 1.0 - math.exp(-0.4 * max(risk_weight, 0.0))
    if PROTECTIVE_FACTOR in w:
        strength *= 0.7
    score = TIER_FLOOR[tier] + _BAND_TOP * strength
    return RulesDecision(tier=tier, score=round(score, 4), reason=reason)


def combine_tiers(rules_tier: str, model_score: float | None, thresholds: dict[str, float]) -> str:
    """The model may raise a tier by at most one step, to at most high; never lower it."""
    if model_score is None:
        return rules_tier
    if rules_tier == Tier.LOW and model_score >= thresholds.get("medium", 0.5):
        return Tier.MEDIUM
    if rules_tier == Tier.MEDIUM and model_score >= thresholds.get("high", 0.8):
        return Tier.HIGH
    return rules_tier


# ---------------------------------------------------------------------------------------
# assess()
# ---------------------------------------------------------------------------------------


def _model_probability(text: str) -> tuple[float | None, dict[str, float]]:
    model = load_model()
    if model is None:
        return None, DEFAULT_THRESHOLDS
    return model.predict_proba(text), {**DEFAULT_THRESHOLDS, **model.thresholds}


def assess(text: str, language: str | None = None) -> Assessment:
    """Score one help-seeker message.

    language: "en", "ja" or None (detected: any kana or kanji means Japanese). The model is
    English-only; Japanese is scored by the rules alone. Never raises on a str.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _assess(text, language)
    except Exception:  # a triage bug must not drop a help-seeker's message from the queue
        logger.exception("triage scoring failed; falling back to a medium tier for review")
        return Assessment(
            score=TIER_FLOOR[Tier.MEDIUM],
            tier=Tier.MEDIUM.value,
            evidence=(),
            rules_score=TIER_FLOOR[Tier.MEDIUM],
            model_score=None,
            explanation="Medium risk because automatic scoring failed; please read the message.",
        )


def _assess(text: str, language: str | None) -> Assessment:
    lang = language if language in (_ENGLISH, _JAPANESE) else detect_language(text)
    findings = rules.find_hits(text, japanese=lang == _JAPANESE)
    hits = findings.hits
    per_construct: dict[str, int] = {}
    shown: list[rules.Hit] = []
    for hit in hits:  # the tier uses every hit; the evidence list stays readable
        per_construct[hit.construct] = per_construct.get(hit.construct, 0) + 1
        if per_construct[hit.construct] <= MAX_EVIDENCE_PER_CONSTRUCT:
            shown.append(hit)
    evidence = tuple(Evidence(text[h.start : h.end], h.start, h.end, h.construct) for h in shown)
    quote: dict[str, str] = {}
    for hit in sorted(hits, key=lambda h: (-h.acute, -h.weight, h.start)):
        quote.setdefault(hit.construct, _clip(text[hit.start : hit.end]))
    decision = decide_rules_tier(hits, quote)

    model_score: float | None = None
    thresholds = DEFAULT_THRESHOLDS
    if lang == _ENGLISH and text.strip():
        model_score, thresholds = _model_probability(text)
        if model_score is not None:
            model_score = round(model_score, 4)
    # The model reads words, not context: where the rules explained the risk words away
    # (negation, someone else, the past, an idiom) and found no current risk of the
    # writer's own, the model may not raise the tier (it still orders messages inside it).
    current_risk = any(h.construct in CURRENT_RISK for h in hits)
    model_may_raise = current_risk or not findings.explained_away
    tier = decision.tier
    if model_may_raise:
        tier = combine_tiers(decision.tier, model_score, thresholds)

    score = decision.score
    if model_score is not None:
        score = max(score, TIER_FLOOR[tier] + _BAND_TOP * model_score)
    score = round(min(max(score, 0.0), 1.0), 4)

    if tier == decision.tier:
        explanation = f"{_tier_name(tier)} because {decision.reason}."
    else:
        explanation = (
            f"{_tier_name(tier)} because the language model rates the message like posts "
            f"with suicidal ideation (p={model_score:.2f}), although the rules alone gave "
            f"{decision.tier} ({decision.reason})."
        )
    return Assessment(
        score=score,
        tier=str(tier),
        evidence=evidence,
        rules_score=decision.score,
        model_score=model_score,
        explanation=explanation,
    )


def _tier_name(tier: str) -> str:
    return {
        Tier.IMMINENT: "Imminent risk",
        Tier.HIGH: "High risk",
        Tier.MEDIUM: "Medium risk",
        Tier.LOW: "Low risk",
    }[Tier(tier)]


def _clip(phrase: str, limit: int = 60) -> str:
    phrase = " ".join(phrase.split())
    return phrase if len(phrase) <= limit else phrase[: limit - 1] + "…"
