"""Shared vocabulary of the triage rules: construct names and the shape of one rule.

Kept free of regex machinery so a clinician can read the rule tables without the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

# The writer's own risk, in the words of DESIGN.md ("Triage").
PASSIVE_IDEATION = "passive_ideation"  # wish to be dead, not wake up, disappear
ACTIVE_IDEATION = "active_ideation"  # thoughts of killing oneself
METHOD_MEANS = "method_means"  # a lethal method or access to it (pills, rope, heights, gun)
PLAN = "plan"  # preparations: a note, pills saved, things given away
INTENT = "intent"  # a stated decision to act, or an act in progress
TIMEFRAME = "timeframe"  # when: tonight, today, after everyone is asleep
PRIOR_ATTEMPT = "prior_attempt"  # risk history: past attempts, past self-harm or past ideation
SELF_HARM = "self_harm"  # current self-injury (cutting, burning)
HARM_TO_OTHERS = "harm_to_others"  # threats to kill or hurt someone else
ABUSE_VIOLENCE = "abuse_violence"  # the writer is being hurt: abuse, assault, bullying
LONELINESS_ISOLATION = "loneliness_isolation"
HOPELESSNESS = "hopelessness"
PROTECTIVE_FACTOR = "protective_factor"  # reasons to live, safety, negated ideation
# Not one of the writer's own risk constructs: risk words about someone else
# ("my friend wants to die", 友達が死にたいと言っている). Kept as evidence for the counselor,
# it never raises the writer's tier above low.
CONCERN_FOR_OTHER = "concern_for_other"
# Words that often come with imminent risk in a crisis chat but prove nothing alone: a
# goodbye that signs off a message, "took them all", "this is it", a knot tied to the
# bannister. Alone they make a conversation medium (a counselor should look, and the model
# may raise it); in the company of other risk the rule's own construct counts.
WARNING_SIGN = "warning_sign"
# Not found by a rule: the words the model weighed most where it raised a tier.
MODEL_SIGNAL = "model_signal"

CONSTRUCTS: tuple[str, ...] = (
    PASSIVE_IDEATION,
    ACTIVE_IDEATION,
    METHOD_MEANS,
    PLAN,
    INTENT,
    TIMEFRAME,
    PRIOR_ATTEMPT,
    SELF_HARM,
    HARM_TO_OTHERS,
    ABUSE_VIOLENCE,
    LONELINESS_ISOLATION,
    HOPELESSNESS,
    PROTECTIVE_FACTOR,
    CONCERN_FOR_OTHER,
    WARNING_SIGN,
    MODEL_SIGNAL,
)

# Constructs that describe the writer's own suicidal thoughts or acts: these are the ones
# negation turns into a protective statement, a third-person subject into concern for
# another person, and past tense into risk history.
SUICIDAL_CONSTRUCTS = frozenset(
    {PASSIVE_IDEATION, ACTIVE_IDEATION, METHOD_MEANS, PLAN, INTENT, SELF_HARM}
)

# Not a construct: spans that look risky but are idioms ("killing it", 死ぬほど笑った).
# A risk match overlapping an idiom is dropped.
IDIOM = "idiom"


@dataclass(frozen=True)
class Rule:
    """One reviewable rule: a pattern and the construct it is evidence for.

    weight: 0.5 weak cue (only counts alongside others), 1 normal, 2 strong.
    acute: an act in progress or an imminent decision ("I just took 40 pills",
        今から飛び降りる); on its own it makes the tier imminent.
    context: apply negation, third-person and past-tense checks (off for timeframes,
        idioms and rules that already encode their own context).
    supersede: drop shorter matches of other rules inside this one ("tried to kill myself"
        hides the "kill myself" inside it).
    recent_escalates: for attempt history ("I tried to kill myself"), a recency word in the
        same sentence ("just", "tonight", さっき) turns it into an acute attempt.
    needs_risk: a euphemism that is risk only in risky company ("I'll do it tonight",
        "I'm done", 今夜やる, さようなら). It counts only when another rule finds the writer's
        own risk (ideation, means, plan, self-harm, hopelessness or an attempt history)
        within CONTEXT_REACH characters of it; otherwise it is dropped. "I have a rope and
        I will do it tonight" is imminent; "I will do it tonight" (homework) is low.
    cue_alone: for a needs_risk rule, what is left without risky company: a warning sign
        (True) instead of nothing (False).
    benign: harmless company (a regular expression): where it occurs anywhere in the same
        message the rule does not fire ("lit the bbq in the garden", a film, a climbing
        trip, laughter).
    For construct CONCERN_FOR_OTHER, acute marks another person's act or decision ("she
        says she'll do it tonight"): the writer's conversation is then at least medium.
    """

    pattern: str
    construct: str
    weight: float = 1.0
    acute: bool = False
    context: bool = True
    supersede: bool = False
    recent_escalates: bool = False
    needs_risk: bool = False
    cue_alone: bool = False
    benign: str | None = None


# Risk that lets a needs_risk euphemism count: the writer's own current risk or history.
RISK_CONTEXT = frozenset(
    {
        PASSIVE_IDEATION,
        ACTIVE_IDEATION,
        METHOD_MEANS,
        PLAN,
        INTENT,
        SELF_HARM,
        HOPELESSNESS,
        PRIOR_ATTEMPT,
    }
)
# How far (in characters) that risk may sit from the euphemism: the whole of a chat
# message, the neighbourhood of the phrase in a long pasted text.
CONTEXT_REACH = 300
