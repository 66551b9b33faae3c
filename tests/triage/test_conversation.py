"""triage.engine.assess_conversation: a help-seeker's recent messages read together, so
risk spread over several short messages is not missed."""

from __future__ import annotations

import pytest

from triage.engine import assess, assess_conversation

AT_LEAST_HIGH = ("high", "imminent")

MEANS_THEN_TIME = [
    ["i have 40 paracetamol", "tonight"],
    ["i've got the rope in my room", "tonight"],
    ["i have a full bottle of my dads pills", "going to take them tonight when everyone's out"],
    ["薬は全部ある", "今夜"],
    ["ロープは部屋にある", "今夜"],
]


@pytest.mark.parametrize("messages", MEANS_THEN_TIME)
def test_a_means_and_a_time_in_separate_messages_are_at_least_high(messages: list[str]) -> None:
    assert assess_conversation(messages).tier in AT_LEAST_HIGH


EUPHEMISM_WITH_MEANS = [
    ["i have 40 paracetamol", "i'll do it tonight"],
    ["i bought a rope", "i'll do it tonight"],
    ["薬を50錠ためた", "今夜やるつもり"],
    ["i have all my sleeping tablets lined up", "i'll do it tonight"],
]


@pytest.mark.parametrize("messages", EUPHEMISM_WITH_MEANS)
def test_a_euphemism_with_the_means_in_another_message_is_imminent(messages: list[str]) -> None:
    assert assess_conversation(messages).tier == "imminent"


def test_the_same_euphemism_alone_is_not_read_as_intent() -> None:
    assert "intent" not in assess("i'll do it tonight").constructs


def test_evidence_names_its_message_and_quotes_inside_it() -> None:
    messages = ["i have 40 paracetamol", "i'll do it tonight"]
    result = assess_conversation(messages)
    assert {e.message for e in result.evidence} == {0, 1}
    for e in result.evidence:
        assert e.message is not None
        assert messages[e.message][e.start : e.end] == e.phrase


@pytest.mark.parametrize(
    "text", ["i want to kill myself", "i'll do it tonight", "死にたい", "hi, is anyone there"]
)
def test_a_one_message_conversation_is_the_message_assessed_alone(text: str) -> None:
    assert assess_conversation([text]) == assess(text)


BENIGN = [
    ["hi", "exams are rough", "thanks for listening, night"],
    ["long shift at work today", "my boss yelled at me", "going to cook pasta and sleep"],
    ["こんばんは", "仕事で疲れた", "話聞いてくれてありがと"],
    # Rope and charcoal bought for a camp or a barbecue are harmless company (issue 13).
    ["we went camping", "bought rope and charcoal for it", "tonight we grill"],
]


@pytest.mark.parametrize("messages", BENIGN)
def test_everyday_conversations_stay_low(messages: list[str]) -> None:
    assert assess_conversation(messages).tier == "low"
