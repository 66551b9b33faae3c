"""Acts, goodbyes, preparations and a means made ready, told in few words and without a
suicide word (issue 13): the rules themselves read each kind, and harmless look-alikes of
the same words stay below high.

Lines are written for these tests (not taken from triage/data). Positives are checked on
the rules' own tier (rules_score), so a confident model cannot hide a rule that misses.
"""

from __future__ import annotations

import pytest

from triage.engine import assess
from triage.engine.scoring import TIER_FLOOR

AT_LEAST_HIGH = ("high", "imminent")


def rules_reach_high(text: str, language: str) -> bool:
    return assess(text, language).rules_score >= TIER_FLOOR["high"]


KINDS: dict[str, list[tuple[str, str]]] = {
    # At a height with the drop or the barrier named, with no "i'm" before the place.
    "height": [
        ("en", "top of the multi storey now. climbed over the wall"),
        ("en", "up on the viaduct, trucks going past underneath"),
        ("en", "on the ledge of the 9th floor window. legs over"),
        ("ja", "歩道橋の真ん中　下は車ばっかり"),
        ("ja", "屋上の端に立ってる　靴脱いだ"),
    ],
    # In deep or cold water and staying.
    "water": [
        ("en", "in the river up to my chest, it's freezing"),
        ("en", "tide's coming in around me and i'm staying here"),
        ("ja", "川にきた　このまま入っていく"),
    ],
    # A ligature in place.
    "ligature": [
        ("en", "belt's on the door handle. just sitting here"),
        ("en", "tied the scarf to the loft hatch"),
        ("en", "neck's in the loop"),
    ],
    # Bleeding that will not wait.
    "bleeding": [
        ("en", "cut my wrist and it's pumping"),
        ("en", "the cuts are too deep this time"),
        ("en", "bath water's going red"),
    ],
    # Fumes in a closed space.
    "fumes": [
        ("en", "disposable bbq lit in my bedroom, windows shut"),
        ("en", "garage shut, hose is in the window"),
    ],
    # A final goodbye: leaving said together with what makes it final.
    "goodbye": [
        ("en", "bye all. please dont blame yourselves"),
        ("en", "logging off forever. thanks for trying"),
        ("en", "if my dad ever reads this, i loved him"),
        ("ja", "いままでありがとう　さようなら"),
        ("ja", "ありがとね、もう会えないけど"),
    ],
    # Preparations in few words.
    "preparation": [
        ("en", "gave away all my records this week"),
        ("en", "paid off my loans so no one's stuck with them"),
        ("ja", "ゲームのアイテム全部フレンドにあげた"),
        ("ja", "部屋片付けた。もう何もない"),
    ],
    # A means made ready, with a time.
    "means_ready": [
        ("en", "the rope's in the car. tonight"),
        ("en", "going to the quarry tonight"),
        ("en", "last train's at 12:10. i'll be on the tracks"),
    ],
}

LOOK_ALIKES: dict[str, list[tuple[str, str]]] = {
    "height": [
        ("en", "up on the roof fixing the tiles, dad's holding the ladder at the edge"),
        ("en", "top of the tower for the sunset, legs over the bench lol"),
        ("ja", "屋上で夜景みてる　下の車ちっちゃい"),
    ],
    "water": [
        ("en", "in the sea up to my chest, wetsuit was worth it"),
        ("ja", "海きた　夏最高"),
    ],
    "ligature": [
        ("en", "rope's tied to the trailer, off to the tip"),
        ("en", "phone charger on the door handle again, always forget it"),
    ],
    "bleeding": [
        ("en", "sliced my thumb open chopping onions, it's pumping lol"),
    ],
    "fumes": [
        ("en", "bbq is lit in the garden, burgers in ten"),
        ("en", "taped the windows before painting the frames"),
    ],
    "goodbye": [
        ("en", "bye everyone, off to spain for a week, see you soon"),
        ("en", "logging off for the night, sleep well"),
        ("ja", "卒業おめでとう！みんなありがとう、さよなら3年間"),
        ("ja", "ありがとう！ちょっと元気でた　またね"),
    ],
    "preparation": [
        ("en", "gave away all my kids' old toys, they'd outgrown them"),
        ("ja", "引っ越しで服ぜんぶ捨てた、すっきり"),
    ],
    "means_ready": [
        ("en", "the tent's in the car. camping tonight"),
        ("en", "going to the pier with the kids after school"),
        ("en", "the last train's at 12:10, i'll be there to pick you up"),
        ("en", "everything's sorted for the party, cake is ready"),
    ],
}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param(lang, text, id=f"{kind}-{i}")
        for kind, rows in KINDS.items()
        for i, (lang, text) in enumerate(rows)
    ],
)
def test_the_rules_read_each_kind_told_in_few_words_as_high_or_above(
    language: str, text: str
) -> None:
    assert rules_reach_high(text, language)
    assert assess(text, language).tier in AT_LEAST_HIGH


# Look-alikes the rules leave below high but the model, reading the words alone, lifts:
# what the engine gives today, so a better model turns these into passes.
MODEL_LIFTS = {
    "taped the windows before painting the frames": "high (rules medium, model p≈0.75)",
}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param(
            lang,
            text,
            id=f"{kind}-{i}",
            marks=[pytest.mark.xfail(strict=True, reason=f"engine gives {MODEL_LIFTS[text]}")]
            if text in MODEL_LIFTS
            else [],
        )
        for kind, rows in LOOK_ALIKES.items()
        for i, (lang, text) in enumerate(rows)
    ],
)
def test_harmless_look_alikes_of_each_kind_stay_below_high(language: str, text: str) -> None:
    assert assess(text, language).tier not in AT_LEAST_HIGH
