"""Kinds of chat language a set written blind (by people who had not read the rules) found
missing, and the look-alikes it found firing. Each row is (message, the tier the rules
alone must give, a construct that must be in the evidence); look-alikes must stay below
high after the model too.
"""

from __future__ import annotations

import pytest

from tests.triage.test_recall_gaps import check
from triage.engine.scoring import assess

CAUGHT = [
    # An overdose told by its amount: a month's supply, a handful of whatever was there,
    # poison pellets by the handful (EN); a month's prescription gulped down (JA).
    ("took my whole months worth of pills lol", "imminent", "intent"),
    ("lol took a handful of whatever was in the drawer. gonna sleep forever", "imminent", "intent"),
    ("took whatever was in the medicine cabinet", "imminent", "intent"),
    ("ate a handful of the rat poison pellets like half an hour ago", "imminent", "intent"),
    ("処方の一か月分いっきに流しこんだ　これで消えられる", "imminent", "intent"),
    ("薬二週間分のみこんだ", "imminent", "intent"),
    # The usual medicine, all of it, is an overdose however "usual" it is.
    ("いつもの薬を全部飲んだ", "imminent", "intent"),
    # Charcoal or an exhaust in a closed space.
    ("zipped the tent shut and lit the charcoal inside. getting dizzy", "imminent", "intent"),
    ("the exhaust is piped in. waiting to die", "imminent", "intent"),
    # Going back to finish it: the past is what makes it risk.
    ("got out of the canal soaked. going back in properly this time", "imminent", "intent"),
    # Last words written to be read afterwards, or to be kept from someone.
    ("これ読まれるころには死んでると思う", "imminent", "intent"),
    ("弟には自殺だって言わないで　ばいばい", "imminent", "intent"),
    ("死ぬ前に誰かに聞いてほしかった　ありがとう", "imminent", "intent"),
    ("母さんにわるくないって伝えてほしい", "imminent", "intent"),
    ("机に手紙おいた　おやすみ　ずっと", "imminent", "intent"),
    # Bleeding that will not stop, without the word 血.
    ("タオル真っ赤　押さえても押さえてもあふれてくる", "imminent", "intent"),
    # A decision told as its place or way, ending in 死ぬ.
    ("高速のってる　壁につっこんで死ぬ　アクセル全開", "high", "intent"),
    ("仕事おわったらあの崖いって死ぬ　車のガソリン満タンにした", "imminent", "intent"),
    # Affairs put in order.
    ("made sure the dog has a new home. so thats one less thing", "high", "plan"),
    (
        "cancelled my phone contract and the gym, sold the car. nothing left to sort really",
        "high",
        "plan",
    ),
    ("通帳と暗証番号のメモ　母の机に入れといた", "high", "plan"),
    ("家族と友達あてに手紙何通か書いてる", "high", "plan"),
    ("猫を友達にあげた　これでもう大丈夫", "high", "plan"),
    # Self-harm come back, a recent attempt, English inside Japanese, revenge with a knife.
    ("再発した　カミソリで", "high", "self_harm"),
    ("未遂で入院してて　昨日退院したばっか", "high", "intent"),
    ("suicidalなんだけど本気で", "high", "active_ideation"),
    ("学校の奴らに復讐する　ナイフ用意した　来週の集会で", "high", "harm_to_others"),
]


@pytest.mark.parametrize(("text", "tier", "construct"), CAUGHT)
def test_blind_set_kinds_reach_their_tier(text: str, tier: str, construct: str) -> None:
    check(text, tier, construct)


LOOK_ALIKES = [
    # The same words in everyday company.
    "bought rope and tape for moving house on saturday",
    "deleted instagram for my mental health, feeling better already",
    "deleted my facebook, too much drama, feels great",
    "finished my last exam ever!! goodbye school forever",
    "found a new home for my cat because im moving abroad, nothing left to sort",
    "had whatever was in the fridge",
    "lit the bbq in the garden",
    "waiting to go home",
    "gonna do it properly this time, the essay i mean",
    "鼻血とまらんw ティッシュ足りない",
    "机に手紙おいた、誕生日のサプライズ",
    "ゲームで崖から落ちて死ぬの何回目",
    # A dose as usual.
    "took my usual meds",
    "took my night meds and going to sleep",
    "いつもの薬を飲んだ",
    "処方通り薬飲んだよ",
    # A goodbye that says when the writer will be back.
    "さようなら、ありがとうございました。また困ったら来ます",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_blind_set_look_alikes_stay_below_high(text: str) -> None:
    result = assess(text)
    assert result.tier in ("low", "medium"), (result.explanation, result.evidence)
