"""Facts and questions between layers (core/bus.py, core/facts.py): with every app ready,
each fact has someone acting on it and each question exactly one answer, so a help-
seeker's message is never stored without being scored, nor a queue changed unseen."""

import pytest

from core import bus, facts


@pytest.mark.parametrize("fact", facts.FACTS)
def test_every_fact_has_a_subscriber(fact):
    assert bus._subscribers.get(fact), f"nobody acts on {fact}"


@pytest.mark.parametrize("question", facts.QUESTIONS)
def test_every_question_has_an_answer(question):
    assert question in bus._answerers, f"nobody answers {question}"


def test_publish_runs_each_subscriber_once_with_the_details():
    heard: list[dict] = []

    def listener(**details):
        heard.append(details)

    bus.subscribe("test.heard", listener)
    bus.subscribe("test.heard", listener)  # ready() running twice subscribes once
    try:
        bus.publish("test.heard", conversation="c1")
        assert heard == [{"conversation": "c1"}]
    finally:
        bus._subscribers.pop("test.heard")


def test_a_question_nobody_answers_fails_loudly():
    with pytest.raises(RuntimeError, match="nobody answers"):
        bus.ask("test.unanswered")


def test_a_question_has_one_answer_only():
    bus.answer("test.one", lambda: 1)
    try:
        with pytest.raises(RuntimeError, match="already has an answer"):
            bus.answer("test.one", lambda: 2)
        assert bus.ask("test.one") == 1
    finally:
        bus._answerers.pop("test.one")
