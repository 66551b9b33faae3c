"""Immediacy: "now", "about to", "in a minute" turn a stated intent into an act about to
happen (imminent), and alone they are no risk. A tester's "I'm on the roof and I'm going
to jump now" and "i am going to kill myself now" were only high."""

import pytest

from triage.engine import assess


@pytest.mark.parametrize(
    "text",
    [
        "I'm on the roof and I'm going to jump now",
        "i am going to kill myself now",
        "about to jump",
        "im going to end it right now. bye",
        "im going to kill myself in a minute",
    ],
)
def test_an_intent_with_now_is_imminent(text: str) -> None:
    assert assess(text, "en").tier == "imminent"


@pytest.mark.parametrize(
    "text",
    [
        "i feel sad now",
        "im going to bed now",
        "going to jump in the pool now",
        "about to jump into the shower",
        "ok im about to cry lol",
        "my phone is about to die",
    ],
)
def test_now_alone_is_no_risk(text: str) -> None:
    assert assess(text, "en").tier == "low"


@pytest.mark.parametrize(
    "text",
    ["i take my pills now", "forgot my meds again ugh", "taking my meds now then bed"],
)
def test_routine_medication_is_no_risk(text: str) -> None:
    # "now" next to pills must not read as an overdose about to happen.
    assert assess(text, "en").tier == "low"


@pytest.mark.parametrize("text", ["im going to take all my pills now", "i took all my pills now"])
def test_all_the_pills_now_is_imminent(text: str) -> None:
    assert assess(text, "en").tier == "imminent"


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("im cutting right now", "high"),  # was medium: self-harm as it happens
        ("going to cut deep", "high"),
        ("I have the knife in my hand and I'm going to cut deep right now, goodbye", "imminent"),
    ],
)
def test_cutting_as_it_happens_is_at_least_high(text: str, tier: str) -> None:
    assert assess(text, "en").tier == tier


@pytest.mark.parametrize(
    "text", ["im cutting onions", "im cutting my hair now", "im cutting back on sugar"]
)
def test_cutting_something_else_is_no_risk(text: str) -> None:
    assert assess(text, "en").tier == "low"
