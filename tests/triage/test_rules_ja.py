"""Japanese rules (triage/engine/rules/ja.py): the medicine named first and the intent to
take it all a clause or a sentence later is a plan with its means; with "tonight" it is
imminent. An attacker's test found "薬は全部手元にある。今夜、全部飲むつもり" only high,
while the English "I have the pills here and I'm going to take them all tonight" was
imminent."""

import pytest

from triage.engine import assess


@pytest.mark.parametrize(
    "text",
    [
        "薬は全部手元にある。今夜、全部飲むつもり",
        "薬を持っていて、今夜全部飲むつもりです",
        "薬を全部持ってる。今夜全部飲む",
        "睡眠薬がたまってる。明日全部飲む",
    ],
)
def test_the_medicine_then_taking_it_all_tonight_is_imminent(text: str) -> None:
    assert assess(text, "ja").tier == "imminent"


@pytest.mark.parametrize(
    "text",
    [
        "処方された薬は毎日ちゃんと全部飲むつもり",
        "薬は嫌いだけど、ジュースは全部飲む",
        "風邪薬もらった。言われた通り全部飲むつもり",
    ],
)
def test_taking_a_prescription_or_something_else_is_not_a_plan(text: str) -> None:
    assert assess(text, "ja").tier in ("low", "medium")
