"""Triage's one public scoring function: text in, an explainable risk assessment out.

assess() runs the reviewable rules (rules.py) and, for English, the trained model
(model.py), then decides the tier by the combination rule documented in triage/README.md.
Pure and fast: no Django settings, database or apps (its only Django is core.tiers's
Tier, a TextChoices used as plain strings, which needs none of them), no I/O after the
first call, never raises on a str.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from core.tiers import Tier
from triage.engine import rules
from triage.engine.model import load_model
from triage.engine.normalise import normalise
from triage.engine.rules.common import (
    ABUSE_VIOLENCE,
    ACTIVE_IDEATION,
    CONCERN_FOR_OTHER,
    HARM_TO_OTHERS,
    HOPELESSNESS,
    INTENT,
    LONELINESS_ISOLATION,
    METHOD_MEANS,
    MODEL_SIGNAL,
    PASSIVE_IDEATION,
    PLAN,
    PRIOR_ATTEMPT,
    PROTECTIVE_FACTOR,
    RISK_CONTEXT,
    SELF_HARM,
    TIMEFRAME,
    WARNING_SIGN,
)

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
    WARNING_SIGN: "a warning sign",
    MODEL_SIGNAL: "what the model weighed",
}

# The writer's own current risk (not history, not someone else's, not protective).
CURRENT_RISK = frozenset(
    {
        PASSIVE_IDEATION,
        ACTIVE_IDEATION,
        INTENT,
        PLAN,
        METHOD_MEANS,
        SELF_HARM,
        HOPELESSNESS,
        WARNING_SIGN,
    }
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
    # In a conversation: which of its messages (index into the texts scored), else None.
    message: int | None = None

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "construct": self.construct,
        }
        if self.message is not None:
            found["message"] = self.message
        return found


@dataclass(frozen=True)
class RiskAssessment:
    """The result of assess(): a 0..1 score, its tier, the evidence and why. (What
    triage.services stores of it, per message, is the model triage.models.Assessment.)"""

    score: float
    tier: str
    evidence: tuple[Evidence, ...]
    rules_score: float
    model_score: float | None
    explanation: str
    # `explanation` as data ({"tier", "code", "parts"}, see Reason and explain()), for
    # staff screens to word in their own language.
    reason: dict[str, Any] = field(default_factory=dict)
    # The tier rests on someone else's risk (a friend who says she will do it tonight),
    # not the writer's own: the counselor is shown whose risk it is.
    about_other: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "tier": self.tier,
            "evidence": [e.as_dict() for e in self.evidence],
            "rules_score": self.rules_score,
            "model_score": self.model_score,
            "explanation": self.explanation,
            "reason": self.reason,
            "about_other": self.about_other,
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
class Reason:
    """Why a tier was given, as data: a code naming the rule that decided it and the
    (construct, quoted phrase) pairs it rests on. Staff screens word it in the reader's
    language (counseling/ui_strings.py "explain"); `english()` words it for logs and the
    stored explanation."""

    code: str
    parts: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "parts": [list(part) for part in self.parts]}

    def english(self) -> str:
        if self.code == "act":  # the act speaks for itself: its words, not its construct
            return REASON_ENGLISH["act"].format(parts=f"“{self.parts[0][1]}”")
        said = [f"{CONSTRUCT_LABELS[c]} (“{phrase}”)" for c, phrase in self.parts]
        listed = ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else "".join(said)
        return REASON_ENGLISH[self.code].format(parts=listed)


# The clause after "because", per reason code (the staff pages' wording is in
# counseling/ui_strings.py and must say the same).
REASON_ENGLISH = {
    "act": "it describes an act in progress or about to happen ({parts})",
    "combines": "it combines {parts}",
    "expresses": "it expresses {parts}",
    "describes": "it describes {parts}",
    "contains": "it contains {parts}",
    "mentions": "it mentions {parts}",
    "other_acting": "it describes {parts}, acting soon",
    "mentions_only": "it mentions only {parts}",
    "nothing": "no risk phrases were found",
}


@dataclass(frozen=True)
class RulesDecision:
    tier: str
    score: float
    reason: Reason
    about_other: bool = False


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
        dead with means or plan; current self-harm; a means or plan with a time; a serious
        threat to others; a death threat or strangling by someone else.
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
    abuse = w.get(ABUSE_VIOLENCE, 0.0)
    timeframe = TIMEFRAME in w
    ideation = max(passive, active, intent, self_harm)
    acute = [h for h in hits if h.acute]

    def q(*constructs: str) -> tuple[tuple[str, str], ...]:
        return tuple((c, quote[c]) for c in constructs if c in quote)

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
    reason: Reason
    if acute:
        construct = acute[0].construct
        tier, reason = Tier.IMMINENT, Reason("act", ((construct, quote.get(construct, "")),))
    elif ideation >= 1.0 and (means or plan) and timeframe:
        prep = METHOD_MEANS if means >= plan else PLAN
        tier, reason = Tier.IMMINENT, Reason("combines", q(idea_key, prep, TIMEFRAME))
    elif intent and timeframe:
        tier, reason = Tier.IMMINENT, Reason("combines", q(INTENT, TIMEFRAME))
    elif active or intent:
        tier, reason = (
            Tier.HIGH,
            Reason("expresses", q(INTENT if intent >= active else ACTIVE_IDEATION)),
        )
    elif plan >= 1.0:
        tier, reason = Tier.HIGH, Reason("describes", q(PLAN))
    elif passive >= 1.0 and (means or plan):
        tier, reason = (
            Tier.HIGH,
            Reason("combines", q(PASSIVE_IDEATION, METHOD_MEANS if means else PLAN)),
        )
    elif self_harm >= 1.0:
        tier, reason = Tier.HIGH, Reason("describes", q(SELF_HARM))
    elif (means >= 1.0 or plan) and timeframe:
        # A means at hand and a time, even with no word for what they are for.
        prep = METHOD_MEANS if means >= plan else PLAN
        tier, reason = Tier.HIGH, Reason("combines", q(prep, TIMEFRAME))
    elif harm_others >= 2.0 or (harm_others and (means or plan)):
        tier, reason = Tier.HIGH, Reason("contains", q(HARM_TO_OTHERS, METHOD_MEANS))
    elif abuse >= 2.0:
        tier, reason = Tier.HIGH, Reason("describes", q(ABUSE_VIOLENCE))
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
                WARNING_SIGN,
            )
            if c in w
        ]
        if means >= 1.0 or (means and timeframe):
            medium.append(METHOD_MEANS)
        # Someone else acting or about to: an act, a decision, or their risk with a time.
        other_acute = any(h.other_acute for h in hits if h.construct == CONCERN_FOR_OTHER) or (
            CONCERN_FOR_OTHER in w and timeframe
        )
        if medium:
            tier, reason = Tier.MEDIUM, Reason("mentions", q(*medium[:2]))
        elif other_acute:
            tier, reason = Tier.MEDIUM, Reason("other_acting", q(CONCERN_FOR_OTHER))
        else:
            low = [c for c in (CONCERN_FOR_OTHER, LONELINESS_ISOLATION, METHOD_MEANS) if c in w]
            if PROTECTIVE_FACTOR in w:
                low.append(PROTECTIVE_FACTOR)
            if low:
                tier, reason = Tier.LOW, Reason("mentions_only", q(*low[:2]))
            else:
                tier, reason = Tier.LOW, Reason("nothing")

    # Position inside the band: more (and stronger) risk evidence ranks higher; protective
    # factors pull it down inside the band, never out of it.
    risk_weight = sum(v for c, v in w.items() if c not in (PROTECTIVE_FACTOR,))
    if CONCERN_FOR_OTHER in w:
        risk_weight -= w[CONCERN_FOR_OTHER] * 0.5
    strength = 1.0 - math.exp(-0.4 * max(risk_weight, 0.0))
    if PROTECTIVE_FACTOR in w:
        strength *= 0.7
    score = TIER_FLOOR[tier] + _BAND_TOP * strength
    # Times, means and warning signs in a sentence about someone else are theirs too: only
    # the writer's own ideation, plans, acts or history make the risk the writer's.
    own = w.keys() & {
        PASSIVE_IDEATION,
        ACTIVE_IDEATION,
        INTENT,
        PLAN,
        SELF_HARM,
        HOPELESSNESS,
        PRIOR_ATTEMPT,
        ABUSE_VIOLENCE,
        HARM_TO_OTHERS,
    }
    about_other = CONCERN_FOR_OTHER in w and tier != Tier.LOW and not own
    return RulesDecision(tier=tier, score=round(score, 4), reason=reason, about_other=about_other)


def combine_tiers(rules_tier: str, model_score: float | None, thresholds: dict[str, float]) -> str:
    """The model may raise a tier by one step, to at most high; never lower it. Where the
    rules found nothing, a model as sure as at most two in a hundred out-of-fold low lines
    ("high_from_low") raises it to high: an act told in words no rule knows ("up on the
    dam wall", "its tied") must not wait behind a medium queue."""
    if model_score is None:
        return rules_tier
    if rules_tier == Tier.LOW and model_score >= thresholds.get("high_from_low", 2.0):
        return Tier.HIGH
    if rules_tier == Tier.LOW and model_score >= thresholds.get("medium", 0.5):
        return Tier.MEDIUM
    if rules_tier == Tier.MEDIUM and model_score >= thresholds.get("high", 0.8):
        return Tier.HIGH
    return rules_tier


# ---------------------------------------------------------------------------------------
# assess()
# ---------------------------------------------------------------------------------------


def _model_probability(language: str, normalised: str) -> tuple[float | None, dict[str, float]]:
    models = load_model()
    model = models.for_text(language, normalised) if models is not None else None
    if model is None:
        return None, DEFAULT_THRESHOLDS
    return model.predict_proba(normalised), {**DEFAULT_THRESHOLDS, **model.thresholds}


@dataclass(frozen=True)
class Reading:
    """One message read once: its rule hits (euphemisms still pending their company) and
    the model's probability. A conversation is scored by combining its readings, so a new
    message costs one reading, not a re-read of the whole conversation."""

    text: str
    language: str
    hits: tuple[rules.Hit, ...]
    explained_away: bool
    model_score: float | None
    thresholds: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, without the text (stored beside the message it was read from)."""
        return {
            "language": self.language,
            "hits": [
                [
                    h.start,
                    h.end,
                    h.construct,
                    h.weight,
                    h.acute,
                    h.needs_risk,
                    h.cue_alone,
                    h.other_acute,
                    h.rule,
                ]
                for h in self.hits
            ],
            "explained_away": self.explained_away,
            "model_score": self.model_score,
        }

    @classmethod
    def from_dict(cls, stored: dict[str, Any], text: str) -> Reading:
        """A stored reading of `text` back; the thresholds come from today's model."""
        language = str(stored.get("language") or detect_language(text))
        models = load_model()
        model = models.for_language(language) if models is not None else None
        thresholds = {**DEFAULT_THRESHOLDS, **(model.thresholds if model else {})}
        return cls(
            text=text,
            language=language,
            hits=tuple(_stored_hit(row) for row in stored.get("hits", [])),
            explained_away=bool(stored.get("explained_away")),
            model_score=stored.get("model_score"),
            thresholds=thresholds,
        )

    @property
    def model_may_raise(self) -> bool:
        # The model reads words, not context: where the rules explained the risk words
        # away (negation, someone else, the past, an idiom) and found no current risk of
        # the writer's own, the model may not raise the tier.
        return any(h.construct in CURRENT_RISK for h in self.hits) or not self.explained_away


def _stored_hit(row: list[Any]) -> rules.Hit:
    start, end, construct, weight, acute, needs_risk, cue_alone, other_acute = row[:8]
    return rules.Hit(
        start=int(start),
        end=int(end),
        construct=str(construct),
        weight=float(weight),
        acute=bool(acute),
        needs_risk=bool(needs_risk),
        cue_alone=bool(cue_alone),
        other_acute=bool(other_acute),
        rule=str(row[8]) if len(row) > 8 else "",
    )


# How many of a conversation's newest messages the model reads together.
CONVERSATION_MODEL_MESSAGES = 5


def read_model_only(text: str, language: str) -> Reading:
    """A reading with the model's probability only (no rule hits): the model's view of a
    conversation's recent messages together."""
    normalised = normalise(text).text
    model_score, thresholds = (
        _model_probability(language, normalised) if text.strip() else (None, DEFAULT_THRESHOLDS)
    )
    return Reading(
        text=text,
        language=language,
        hits=(),
        explained_away=False,
        model_score=round(model_score, 4) if model_score is not None else None,
        thresholds=thresholds,
    )


def read(text: str, language: str | None = None) -> Reading:
    """Read one help-seeker message (rules and model); see combine()."""
    lang = language if language in (_ENGLISH, _JAPANESE) else detect_language(text)
    findings = rules.find_hits(text, japanese=lang == _JAPANESE, pending=True)
    model_score: float | None = None
    thresholds = DEFAULT_THRESHOLDS
    if text.strip():
        model_score, thresholds = _model_probability(lang, findings.normalised)
        if model_score is not None:
            model_score = round(model_score, 4)
    return Reading(
        text=text,
        language=lang,
        hits=tuple(findings.hits),
        explained_away=findings.explained_away,
        model_score=model_score,
        thresholds=thresholds,
    )


def assess(text: str, language: str | None = None) -> RiskAssessment:
    """Score one help-seeker message.

    language: "en", "ja" or None (detected: any kana or kanji means Japanese). Never
    raises on a str.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _safely(lambda: combine([read(text, language)]))


def assess_conversation(texts: Sequence[str], language: str | None = None) -> RiskAssessment:
    """Score a conversation from its recent help-seeker messages, oldest first, together:
    a means in one message and a time in the next combine. Evidence names its message
    (the index in texts) and the span inside it."""
    clean = [t if isinstance(t, str) else "" if t is None else str(t) for t in texts]
    return _safely(lambda: combine([read(t, language) for t in clean]))


def _safely(score: Callable[[], RiskAssessment]) -> RiskAssessment:
    try:
        return score()
    except Exception:  # a triage bug must not drop a help-seeker's message from the queue
        logger.exception("triage scoring failed; falling back to a medium tier for review")
        return RiskAssessment(
            score=TIER_FLOOR[Tier.MEDIUM],
            tier=Tier.MEDIUM.value,
            evidence=(),
            rules_score=TIER_FLOOR[Tier.MEDIUM],
            model_score=None,
            explanation=explain(FAILED_REASON),
            reason=FAILED_REASON,
        )


# How many of a conversation's newest messages can lend harmless company to another.
COMPANY_MESSAGES = 10


class _RecentTexts:
    """The newest messages' normalised texts, normalised only when first asked for."""

    def __init__(self, readings: Sequence[Reading]) -> None:
        self._readings = readings
        self._texts: dict[int, str] = {}

    def except_for(self, index: int) -> list[str]:
        first = max(0, len(self._readings) - COMPANY_MESSAGES)
        return [self._text(i) for i in range(first, len(self._readings)) if i != index]

    def _text(self, i: int) -> str:
        if i not in self._texts:
            self._texts[i] = normalise(self._readings[i].text).text
        return self._texts[i]


# Someone else's act already under way, in the writer's words: "took a whole packet",
# "the car is running", "won't wake up", 飲んだ, 血, 意識がない. The writer needs help now to
# get help to them, so it is high (still flagged as someone else's risk); a plan or a
# threat ("she says she'll do it tonight") stays medium.
_OTHER_ACT_DONE = {
    "en": re.compile(
        r"\b(?:took|taken|swallowed|downed|drank|necked|overdosed|od'?d|cut|slit|stabbed|hanged|"
        r"hanging|jumped|bleeding|blood|car\s+(?:is\s+)?(?:on|running)|engine\s+(?:is\s+)?"
        r"running|won'?t\s+wake|unconscious|not\s+breathing|unresponsive|floppy|"
        r"(?:on|at)\s+the\s+(?:ledge|edge|roof|bridge|tracks|railing|platform\s+edge)|passed\s+out|"
        r"locked\s+(?:himself|herself|themself|themselves)\s+in|with\s+a\s+(?:knife|blade|rope|gun))\b"
    ),
    "ja": re.compile(
        r"飲んだ|のんだ|飲んじゃった|切った|刺した|血|吊って|首を|飛び降りた|意識(?:が)?(?:ない|なく)|"
        r"起きない|息(?:を)?してない|返事がない|ろれつ|エンジン"
    ),
}


def _someone_else_in_danger_now(
    decision: RulesDecision,
    located: list[tuple[int, rules.Hit]],
    readings: Sequence[Reading],
) -> RulesDecision:
    if decision.tier not in (Tier.LOW, Tier.MEDIUM) or not decision.about_other:
        return decision
    for index, hit in located:
        if hit.construct != CONCERN_FOR_OTHER or not hit.other_acute:
            continue
        reading = readings[index]
        pattern = _OTHER_ACT_DONE[_JAPANESE if reading.language == _JAPANESE else "en"]
        if pattern.search(reading.text[hit.start : hit.end].lower()):
            strength = (decision.score - TIER_FLOOR[decision.tier]) / _BAND_TOP
            return RulesDecision(
                tier=Tier.HIGH,
                score=round(TIER_FLOOR[Tier.HIGH] + _BAND_TOP * strength, 4),
                reason=Reason(
                    "other_acting",
                    ((CONCERN_FOR_OTHER, _clip(reading.text[hit.start : hit.end])),),
                ),
                about_other=True,
            )
    return decision


def combine(readings: Sequence[Reading]) -> RiskAssessment:
    """One assessment from one or more readings (a message, or a conversation's recent
    messages oldest first): the tier rule over all their evidence, then the model."""
    if not readings:
        return combine([read("")])
    own_risk = [
        any(not h.needs_risk and h.construct in RISK_CONTEXT for h in r.hits) for r in readings
    ]
    hits: list[rules.Hit] = []
    located: list[tuple[int, rules.Hit]] = []
    recent_texts = _RecentTexts(readings)
    for index, reading in enumerate(readings):
        elsewhere = any(own_risk[:index] + own_risk[index + 1 :])
        own_hits = list(reading.hits)
        if len(readings) > 1 and any(rules.has_company(h) for h in own_hits):
            # Harmless company said in another message counts too ("ロープ買った" …
            # "キャンプの話です").
            others = recent_texts.except_for(index)
            own_hits = [h for h in own_hits if not rules.harmless_elsewhere(h, others)]
        for hit in rules.keep_euphemisms_in_company(own_hits, elsewhere=elsewhere):
            hits.append(hit)
            located.append((index, hit))
    single = len(readings) == 1
    per_construct: dict[str, int] = {}
    evidence: list[Evidence] = []
    for index, hit in located:  # the tier uses every hit; the evidence list stays readable
        per_construct[hit.construct] = per_construct.get(hit.construct, 0) + 1
        if per_construct[hit.construct] <= MAX_EVIDENCE_PER_CONSTRUCT:
            text = readings[index].text
            evidence.append(
                Evidence(
                    text[hit.start : hit.end],
                    hit.start,
                    hit.end,
                    hit.construct,
                    message=None if single else index,
                )
            )
    quote: dict[str, str] = {}
    for index, hit in sorted(located, key=lambda ih: (-ih[1].acute, -ih[1].weight, -ih[0])):
        quote.setdefault(hit.construct, _clip(readings[index].text[hit.start : hit.end]))
    decision = decide_rules_tier(hits, quote)
    decision = _someone_else_in_danger_now(decision, located, readings)

    if len(readings) > 1:
        # The model reads a conversation's recent messages together, one per line, as it
        # was trained on conversations: "ロープ買った" then "キャンプの話です" is one text.
        joined = read_model_only(
            "\n".join(r.text for r in readings[-CONVERSATION_MODEL_MESSAGES:]),
            readings[-1].language,
        )
        joined = replace(joined, explained_away=not any(r.model_may_raise for r in readings))
        model_readings = [joined]
    else:
        model_readings = list(readings)
    raising = [r for r in model_readings if r.model_score is not None and r.model_may_raise]
    model_score = max(
        (r.model_score for r in model_readings if r.model_score is not None), default=None
    )
    tier = decision.tier
    if raising:
        best = max(raising, key=lambda r: r.model_score or 0.0)
        tier = combine_tiers(decision.tier, best.model_score, best.thresholds)
        if tier != decision.tier:
            # Show the counselor what the model read: its strongest features in the text
            # (in a conversation, in its newest message).
            index = len(readings) - 1
            for start, end in _model_spans(readings[index] if not single else best):
                evidence.append(
                    Evidence(
                        best.text[start:end],
                        start,
                        end,
                        MODEL_SIGNAL,
                        message=None if single else index,
                    )
                )

    score = decision.score
    if model_score is not None:
        score = max(score, TIER_FLOOR[tier] + _BAND_TOP * model_score)
    score = round(min(max(score, 0.0), 1.0), 4)

    if tier == decision.tier:
        reason = {"tier": str(tier), **decision.reason.as_dict()}
    else:
        reason = {
            "tier": str(tier),
            "code": "model",
            "p": round(model_score or 0.0, 2),
            "rules": {"tier": str(decision.tier), **decision.reason.as_dict()},
        }
    return RiskAssessment(
        score=score,
        tier=str(tier),
        evidence=tuple(evidence),
        rules_score=decision.score,
        model_score=model_score,
        explanation=explain(reason),
        reason=reason,
        about_other=decision.about_other,
    )


_WORD_CHARS = re.compile(r"[\w\u3040-\u30ff\u3400-\u9fff]")


# Words too common to tell a counselor anything about what the model read.
_STOP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "my",
        "me",
        "i",
        "im",
        "i'm",
        "you",
        "your",
        "it",
        "its",
        "is",
        "was",
        "be",
        "so",
        "just",
        "like",
        "that",
        "this",
        "from",
        "by",
        "are",
        "am",
        "not",
        "no",
        "do",
        "dont",
    ]
)


def _telling(needle: str) -> bool:
    """A feature worth showing: a word that is not a stop word, or a fragment of at least
    three letters (two for Japanese characters)."""
    letters = [c for c in needle if c.isalpha()]
    if not letters or needle.lower() in _STOP_WORDS:
        return False
    japanese = any(ord(c) > 0x3000 for c in letters)
    return len(letters) >= (2 if japanese else 3) and "\n" not in needle


def _model_spans(reading: Reading, n: int = 3) -> list[tuple[int, int]]:
    """Where in the original text the model's n strongest features lie (each widened to
    its whole word), without overlaps."""
    models = load_model()
    normalised = normalise(reading.text)
    model = models.for_text(reading.language, normalised.text) if models else None
    if model is None:
        return []
    spans: list[tuple[int, int]] = []
    text = normalised.text
    for feature in model.strongest(text, 4 * n):
        if len(spans) >= n:
            break
        needle = feature[2:] if feature.startswith("w:") else feature.strip()
        if not _telling(needle):
            continue
        at = text.find(needle) if needle else -1
        if at < 0:
            continue
        lo, hi = at, at + len(needle)
        while lo > 0 and _WORD_CHARS.match(text[lo - 1]) and " " in text:
            lo -= 1
        while hi < len(text) and _WORD_CHARS.match(text[hi]) and " " in text:
            hi += 1
        start, end = normalised.source_span(lo, hi)
        if end - start < 2:
            continue  # a single character tells the counselor nothing
        if not any(start < e and s < end for s, e in spans):
            spans.append((start, end))
    return sorted(spans)


FAILED_REASON: dict[str, Any] = {"tier": Tier.MEDIUM.value, "code": "failed", "parts": []}


def explain(reason: dict[str, Any]) -> str:
    """A reason (as stored) in English: "High risk because it expresses …"."""
    tier = _tier_name(reason["tier"])
    code = reason.get("code")
    if code == "failed":
        return f"{tier} because automatic scoring failed; please read the message."
    if code == "not_safe":
        return f"{tier} because the person answered that they are not safe right now."
    if code == "model":
        rules = reason["rules"]
        return (
            f"{tier} because the language model reads it like messages from people at "
            f"high risk (p={reason['p']:.2f}), although the rules alone gave "
            f"{rules['tier']} ({_reason_of(rules).english()})."
        )
    return f"{tier} because {_reason_of(reason).english()}."


def _reason_of(stored: dict[str, Any]) -> Reason:
    return Reason(stored["code"], tuple((c, phrase) for c, phrase in stored.get("parts", ())))


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
