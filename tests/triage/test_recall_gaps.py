"""Recall gaps closed: how people in crisis actually text, and the look-alikes that must not fire.

Each row is (message, the tier the rules alone must give, a construct that must be in the
evidence). The model may only raise a tier (never to imminent), so rows check the rules tier;
a few everyday look-alikes also check the combined tier.
"""

from __future__ import annotations

import pytest

from triage.engine.rules.common import CONSTRUCTS
from triage.engine.scoring import RiskAssessment, assess

RISK = {"passive_ideation", "active_ideation", "intent", "plan", "self_harm", "hopelessness"}


def rules_tier(result: RiskAssessment) -> str:
    return next(
        t
        for t, lo in (("imminent", 0.75), ("high", 0.5), ("medium", 0.25), ("low", 0.0))
        if result.rules_score >= lo
    )


def check(text: str, tier: str, construct: str | None) -> RiskAssessment:
    result = assess(text)
    for e in result.evidence:
        assert text[e.start : e.end] == e.phrase
        assert e.construct in CONSTRUCTS
    assert rules_tier(result) == tier, (result.explanation, result.evidence)
    if construct is not None:
        assert construct in {e.construct for e in result.evidence}, result.evidence
    return result


# --- the four benchmark misses -------------------------------------------------------------

BENCHMARK = [
    ("I have a rope and I will do it tonight", "imminent", "intent"),
    ("Nobody would notice if I was gone", "medium", "passive_ideation"),
    ("I feel like a burden to everyone", "medium", "hopelessness"),
    ("Sometimes I wish I could just disappear", "medium", "passive_ideation"),
]

# --- euphemisms for the act, with means, ideation and a time ---------------------------------

EN_POSITIVE = [
    ("I'm going to do it tonight, I have the pills", "imminent", "intent"),
    ("I want to die. I'm doing it tonight", "imminent", "intent"),
    ("I've got a rope. Tonight I'm going to go through with it", "imminent", "intent"),
    ("I can't take it anymore, I'm going to end it tonight", "imminent", "intent"),
    ("I tried to kill myself last year. Tonight I'm going to do it", "imminent", "intent"),
    ("I want to die. I'm done. Tonight", "imminent", "intent"),
    ("This is my final goodbye", "imminent", "intent"),
    ("this is goodbye", "imminent", "intent"),
    ("I'm not going to be here tomorrow", "imminent", "intent"),
    ("I want to die, I'll be dead by morning", "imminent", "intent"),
    ("I have 30 pills. I'm going to take them all tonight", "imminent", "intent"),
    ("I'm going to take all my pills tonight", "imminent", "intent"),
    ("I'm going to swallow the whole bottle tonight", "imminent", "intent"),
    ("I won't wake up tomorrow, I took all my sleeping pills", "imminent", "intent"),
    ("I'll OD tonight", "imminent", "intent"),
    ("I'm going to OD on my meds tonight", "imminent", "intent"),
    ("I'm going to jump in front of a train tonight", "imminent", "intent"),
    ("I'm standing on the roof and I'm going to jump", "imminent", "intent"),
    ("I want to die, I've said my goodbyes and it's happening tonight", "imminent", "plan"),
    ("I'm ready to do it, the rope is ready", "high", "intent"),
    ("I'm finally going to go through with it. I'm so tired of living", "high", "intent"),
    ("I'm done. I can't take it anymore", "high", "intent"),
    ("I want to OD", "high", "active_ideation"),
    ("I just wanted to say goodbye to everyone. I want to die", "high", "plan"),
    ("I just wanted to say goodbye.", "high", "plan"),
    ("I said goodbye to my mom. I want to die", "high", "plan"),
    ("I've written letters to my family", "high", "plan"),
    ("I gave away my things", "high", "plan"),
    ("I've given away all my stuff", "high", "plan"),
    ("I bought pills and I want to die", "high", "plan"),
    ("I bought a rope", "high", "plan"),
    ("I wish I was dead and I'm looking at all my meds", "high", "method_means"),
    # burdensomeness
    ("Nobody would care if I died", "medium", "passive_ideation"),
    ("If I died tomorrow nobody would care", "medium", "passive_ideation"),
    ("Would anyone even notice if I disappeared?", "medium", "passive_ideation"),
    ("No one would even miss me", "medium", "passive_ideation"),
    ("no one will miss me", "medium", "passive_ideation"),
    ("nobody would notice", "medium", "passive_ideation"),
    ("Everyone would be better off without me", "medium", "passive_ideation"),
    ("I'm such a burden to my family", "medium", "hopelessness"),
    ("I'm just a burden", "medium", "hopelessness"),
    # passive ideation
    ("I wish I could fall asleep and never wake up", "medium", "passive_ideation"),
    ("I want to sleep forever", "medium", "passive_ideation"),
    ("I hope I don't wake up tomorrow", "medium", "passive_ideation"),
    ("I wish I wasn't born", "medium", "passive_ideation"),
    ("I wish I was never born", "medium", "passive_ideation"),
    ("I don't want to be here anymore", "medium", "passive_ideation"),
    ("I just want to vanish", "medium", "passive_ideation"),
    # entrapment and hopelessness
    ("There's no way out", "medium", "hopelessness"),
    ("I can't go on like this", "medium", "hopelessness"),
    ("I can't take it anymore", "medium", "hopelessness"),
    ("I can't take this any longer", "medium", "hopelessness"),
    ("I feel trapped", "medium", "hopelessness"),
    ("I'm done with everything", "medium", "hopelessness"),
    ("I've given up on life", "medium", "hopelessness"),
    # preparations
    ("I've been getting my affairs in order", "medium", "plan"),
]

JA_POSITIVE = [
    ("消えたい", "medium", "passive_ideation"),
    ("もう消えてなくなりたい", "medium", "passive_ideation"),
    ("いなくなりたい", "medium", "passive_ideation"),
    ("生まれてこなければよかった", "medium", "passive_ideation"),
    ("生まれてこなきゃよかった", "medium", "passive_ideation"),
    ("永遠に眠りたい", "medium", "passive_ideation"),
    ("生きるのに疲れた", "medium", "passive_ideation"),
    ("私がいなくなっても誰も気にしない", "medium", "passive_ideation"),
    ("死んでも誰も悲しまない", "medium", "passive_ideation"),
    ("消えても誰も気づかない", "medium", "passive_ideation"),
    ("みんなに迷惑をかけてばかり", "medium", "hopelessness"),
    ("家族に迷惑をかけている", "medium", "hopelessness"),
    ("迷惑しかかけていない", "medium", "hopelessness"),
    ("私は家族のお荷物だ", "medium", "hopelessness"),
    ("生きてるだけで迷惑", "medium", "hopelessness"),
    ("もう限界", "medium", "hopelessness"),
    ("逃げ場がない", "medium", "hopelessness"),
    ("楽になりたい", "medium", "passive_ideation"),
    ("もう全部終わりにしたい", "high", "active_ideation"),
    ("人生を終わらせたい", "high", "active_ideation"),
    ("死にたい。もう終わりにしたい", "high", "active_ideation"),
    ("ODしたい", "high", "active_ideation"),
    ("ロープを買った", "high", "plan"),
    ("遺書を書いた", "high", "plan"),
    ("最後の手紙を書いた", "high", "plan"),
    ("持ち物を全部人にあげた", "high", "plan"),
    ("死にたい。薬を買った", "high", "plan"),
    ("薬を全部飲む", "high", "intent"),
    ("ビルから飛び降りる", "high", "intent"),
    ("線路に飛び込む", "high", "intent"),
    ("首を吊るつもり", "high", "intent"),
    ("ODする", "high", "intent"),
    ("ロープを買った。今夜やる", "imminent", "intent"),
    ("死にたい。今夜やる", "imminent", "intent"),
    ("今夜薬を全部飲む", "imminent", "intent"),
    ("今夜飛び降りる", "imminent", "intent"),
    ("今夜ODする", "imminent", "intent"),
    ("今夜死ぬ", "imminent", "intent"),
    ("さっきODした", "imminent", "intent"),
    ("今までありがとう。さようなら", "imminent", "intent"),
    ("死にたい。みんな今までありがとう。さようなら", "imminent", "intent"),
    ("この世にさようなら", "imminent", "intent"),
    ("消えたい。みんな、さようなら", "high", "plan"),
]


@pytest.mark.parametrize(("text", "tier", "construct"), BENCHMARK + EN_POSITIVE + JA_POSITIVE)
def test_crisis_phrasings_reach_their_tier(text: str, tier: str, construct: str) -> None:
    result = check(text, tier, construct)
    order = ["low", "medium", "high", "imminent"]
    assert order.index(result.tier) >= order.index(tier)


# --- look-alikes: everyday text, negation, third person, past tense, idioms ------------------

# The rules find no risk of the writer's own in these (timeframes, weak means words,
# protective factors or someone else's risk may still be evidence).
LOOK_ALIKES = [
    # "do it" / "end it" / "I'm done" with no risk nearby
    "I will do it tonight",
    "I'll do it tomorrow",
    "Let's do it tonight!",
    "I'm going to do it! So excited",
    "I'm definitely doing this",
    "I'm going to end it with my boyfriend tonight",
    "I want to end things with her",
    "I'm done with my homework",
    "I'm done eating, going to bed",
    "I'm done. Going to bed",
    "I'll be gone by tomorrow, flying to Osaka",
    "I won't wake up until noon tomorrow",
    "I'm going to take all my meds as prescribed",
    "I'm taking the train home tonight",
    "I'm on the roof fixing tiles",
    "I'm grateful to have a roof over my head",
    # goodbyes, letters and errands
    "Goodbye, see you tomorrow",
    "This is goodbye for now, see you next week!",
    "I said goodbye to my friends at the airport",
    "I wrote a letter to my grandma",
    "I bought some paracetamol for my headache",
    # burdensomeness look-alikes and negations
    "I'm not a burden",
    "I don't feel like a burden anymore",
    "I don't want to be a burden, could you drive me?",
    "My mom feels like a burden",
    "Nobody would notice if I left the party early",
    "If I skipped class nobody would notice",
    "Nobody would care about my opinion",
    "I'm trapped in traffic",
    # negation, third person and idioms around the new phrases
    "I have pills but I won't do it",
    "I don't wish I could disappear anymore",
    "He wishes he could just disappear",
    "My friend said nobody would notice if she was gone",
    "It's not true that nobody would notice if I was gone",
    "This homework is killing me, I'll do it tonight",
    "I'm dying to see it, I'll do it tonight",
    "I could kill for a pizza",
    "this is killing me",
    "I'd kill for a coffee, I'll do it tonight",
    # Japanese
    "宿題を今日やる",
    "今夜やる",
    "明日は雨天決行です",
    "風邪薬を買った",
    "みんなありがとう！楽しかった",
    "さようなら、また明日",
    "ご迷惑をおかけしてすみません",
    "迷惑をかけてすみません",
    "お荷物が届きました",
    "仕事を終わりにしたい",
    "処方された薬を全部飲むように言われた",
    "消えたいとは思わない",
    "友達が消えたいと言っている",
    "友達が迷惑をかけている",
    "迷惑をかけているわけじゃない",
    "死ぬほど笑った。今夜やる",
    "明日死ぬかもしれないくらい忙しい",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_stay_low(text: str) -> None:
    result = check(text, "low", None)
    assert not {e.construct for e in result.evidence} & RISK, result.evidence


# Everyday "do it" must stay low after the model too, as the benchmark asked.
@pytest.mark.parametrize(
    "text",
    [
        "I will do it tonight",
        "I'll do it tomorrow",
        "Let's do it tonight!",
        "I'm done. Going to bed",
        "I said goodbye to my friends at the airport",
        "I wrote a letter to my grandma",
        "This is goodbye for now, see you next week!",
        "I could kill for a pizza",
        "I'm dying to see it",
        "this homework is killing me",
        "this is killing me",
    ],
)
def test_everyday_text_stays_low_after_the_model(text: str) -> None:
    assert assess(text).tier == "low"


# --- history: past tense turns the new phrases into risk history, not a current plan ------------

PAST = [
    "When I was a teenager I wished I could just disappear",
    "I used to feel like nobody would notice if I was gone",
    "昔は消えたいと思っていた",
    "昔ODした",
]


@pytest.mark.parametrize("text", PAST)
def test_past_phrasings_are_history(text: str) -> None:
    result = check(text, "medium", "prior_attempt")
    assert not {e.construct for e in result.evidence} & {"intent", "plan", "passive_ideation"}


def test_negated_euphemism_is_no_evidence() -> None:
    # "not doing it" is neither risk nor a protective statement by itself.
    result = assess("I have a rope. I'm not going to do it tonight")
    assert "intent" not in {e.construct for e in result.evidence}
    assert rules_tier(result) == "low"


def test_euphemism_needs_risk_nearby_in_a_long_text() -> None:
    far = "I want to die. " + "We talked about the weather and the garden. " * 20
    assert rules_tier(assess(far + "I will do it tonight")) == "medium"
    near = "I want to die. I will do it tonight"
    assert rules_tier(assess(near)) == "imminent"


def test_explanation_quotes_the_euphemism() -> None:
    result = assess("I have a rope and I will do it tonight")
    assert result.explanation.startswith("Imminent risk because")
    assert "I will do it" in result.explanation
