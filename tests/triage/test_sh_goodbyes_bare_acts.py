"""Issue 13's third round, kinds found in the training misses: current self-harm in chat
words (and self-harm in the past), Japanese final goodbyes, bare acts and countdowns that
complete earlier risk in the same conversation, and the look-alikes behind Japanese low
lines raised to high (a prescribed dose, self-harm denied or long stopped, readiness for a
trip, an account moved).

Lines are written for these tests (not taken from triage/data). Each kind is checked on the
rules' own score (rules_score), so the model can neither hide a rule that misses nor excuse
a rule that fires on a harmless line.
"""

from __future__ import annotations

import pytest

from triage.engine import assess, assess_conversation
from triage.engine.scoring import TIER_FLOOR


def rules_tier(text: str, language: str) -> str:
    return _tier(assess(text, language).rules_score)


def conversation_rules_tier(messages: list[str], language: str) -> str:
    return _tier(assess_conversation(messages, language).rules_score)


def _tier(score: float) -> str:
    return max((floor, tier) for tier, floor in TIER_FLOOR.items() if score >= floor)[1]


AT_LEAST_HIGH = ("high", "imminent")

# --- current self-harm in chat words, and its past -------------------------------------------

CURRENT_SELF_HARM = [
    "relapsed on sh again, 3 weeks clean gone",
    "i went too deep tonight, the towel is soaked",
    "pretty sure i need stitches this time",
    "fresh cuts on my hip, hiding them from mum",
    "my cuts are really deep tonight",
    "got my blades out after school",
    "broke my sh streak tonight",
    "keep reopening the cuts on my arm",
]

PAST_SELF_HARM = [
    "my old self harm scars itch in the heat",
    "i used to sh when i was 14",
    "been clean from self harm for a year now",
]

SELF_HARM_LOOK_ALIKES = [
    "sliced my thumb chopping carrots, might need stitches",
    "burned myself on the stove making pasta",
    "went too deep into a youtube rabbit hole again",
    "relapsed on smoking, day 12 gone",
    "new cuts of the film are out on the director's site",
    "the cat needs stitches after the fight",
]


@pytest.mark.parametrize("text", CURRENT_SELF_HARM)
def test_current_self_harm_in_chat_words_is_high(text: str) -> None:
    assert rules_tier(text, "en") in AT_LEAST_HIGH


@pytest.mark.parametrize("text", PAST_SELF_HARM)
def test_self_harm_in_the_past_is_history_not_current(text: str) -> None:
    assert rules_tier(text, "en") == "medium"


@pytest.mark.parametrize("text", SELF_HARM_LOOK_ALIKES)
def test_self_harm_look_alikes_stay_below_high(text: str) -> None:
    assert rules_tier(text, "en") not in AT_LEAST_HIGH


def test_relapsed_alone_is_for_a_counselor_to_look_at() -> None:
    assert rules_tier("relapsed again last night", "en") in ("medium", "high", "imminent")
    assert rules_tier("i relapsed", "en") == "medium"


# --- Japanese final goodbyes ------------------------------------------------------------------

JA_GOODBYES = [
    "妹のこと、よろしくお願いします",
    "ねこの世話、頼みます。ありがとね",
    "父に、お父さんのせいじゃないって伝えといて",
    "先に行ってます　母によろしく",
    "返信いらないです、最後にここに書いときたかった",
    "最後に挨拶したくて来ました",
    "天国でじいちゃんに会えるかな、いくね",
]

JA_ORDINARY_GOODBYES = [
    "旅行のあいだ犬のことよろしくお願いします",
    "合宿の間、猫の世話よろしくね",
    "先に行ってます、会場の入り口でよろしく",
    "お盆に天国のばあちゃんに手を合わせた",
    "早く神様のところに行きたいって思う日もある",
]


@pytest.mark.parametrize("text", JA_GOODBYES)
def test_japanese_final_goodbyes_are_imminent(text: str) -> None:
    assert rules_tier(text, "ja") == "imminent"


@pytest.mark.parametrize("text", JA_ORDINARY_GOODBYES)
def test_japanese_ordinary_goodbyes_are_not_imminent(text: str) -> None:
    assert rules_tier(text, "ja") != "imminent"


# --- bare acts and countdowns that complete earlier risk --------------------------------------

COMPLETED = [
    (["i want to kill myself", "did it"], "en"),
    (["i've set up the rope in the shed", "i want this over", "its tied"], "en"),
    (["i want to die", "20 mins"], "en"),
    (["saved up all my tablets", "taking them now"], "en"),
    (["薬ずっとためてた", "さっき飲んだ"], "ja"),
    (["死にたい", "あと20分"], "ja"),
    (["練炭ある、もう消えたい", "火つけた"], "ja"),
]

NOT_COMPLETED = [
    (["my essay is due", "did it"], "en"),
    (["cookies in the oven", "20 mins"], "en"),
    (["風邪薬もらった", "医者に言われた通り1錠", "飲んだ"], "ja"),
    (["課題しんどい", "あと20分"], "ja"),
    (["キャンプきた", "火つけた"], "ja"),
]


@pytest.mark.parametrize(("messages", "language"), COMPLETED)
def test_a_bare_act_or_countdown_completes_earlier_risk(messages: list[str], language: str) -> None:
    assert conversation_rules_tier(messages, language) == "imminent"


@pytest.mark.parametrize(("messages", "language"), NOT_COMPLETED)
def test_a_bare_act_or_countdown_after_everyday_talk_is_not_risk(
    messages: list[str], language: str
) -> None:
    assert conversation_rules_tier(messages, language) not in AT_LEAST_HIGH


@pytest.mark.parametrize(
    ("text", "language"),
    [("did it", "en"), ("20 mins", "en"), ("もう飲んだ", "ja"), ("あと20分", "ja")],
)
def test_a_bare_act_or_countdown_alone_is_no_rule_evidence(text: str, language: str) -> None:
    assert rules_tier(text, language) not in AT_LEAST_HIGH


# --- Japanese look-alikes that were raised to high ---------------------------------------------

JA_LOOK_ALIKES = [
    "医者に言われた通り眠剤1錠飲んだ、おやすみ",
    "カロナール2錠飲んだ、熱下がるといいな",
    "自分を傷つけたりはしてません、ただ眠れない",
    "リスカはしたことないです",
    "しにたいって思ったことはないです",
    "アムカやめて2年たった",
    "準備できた、明日からライブ遠征",
    "今夜決行、彼氏の誕生日サプライズ",
    "アカウント消した、別垢に移行",
    "最後のメッセージ、もう寝るね",
    "寝ぼけて壁に頭ぶつけた",
    "門限やぶったら母に殺される",
]


@pytest.mark.parametrize("text", JA_LOOK_ALIKES)
def test_japanese_look_alikes_stay_below_high(text: str) -> None:
    assert rules_tier(text, "ja") not in AT_LEAST_HIGH


def test_japanese_risk_next_to_the_look_alikes_still_counts() -> None:
    assert rules_tier("睡眠薬30錠飲んだ", "ja") == "imminent"
    # An after-effect told in the same breath must not hide the overdose inside it.
    assert rules_tier("さっき薬全部飲んだ、眠い", "ja") == "imminent"
    assert rules_tier("リスカした", "ja") in AT_LEAST_HIGH
    assert rules_tier("準備できた、今夜やる　死にたい", "ja") in AT_LEAST_HIGH
