"""De-identification does work in proportion to the text, whatever a help-seeker writes.

The attack (issue 14, finding 6): 2,000 characters of "1 1 1 …" took 10.5 s in the phone
pass (cubic in the number of digit groups); six such messages held an export's
transaction open for 103 s. Time is not asserted here (bench/deidentify_adversarial.py
prints it for 40 adversarial inputs); the work is: how often a candidate number's shape
is checked, and how often a found span is compared with an earlier placeholder.
"""

import pytest

from supervision import deidentify as module
from supervision.deidentify import deidentify


def counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls = [0]
    original = getattr(module, name)

    def counting(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.mark.parametrize("unit", ["1 ", "1-", "1.", "(1)", "0 12 ", "0901234567 ", "１ "])
@pytest.mark.parametrize("length", [500, 2000])
def test_the_phone_pass_checks_a_bounded_number_of_candidates_per_digit_group(
    monkeypatch: pytest.MonkeyPatch, unit: str, length: int
):
    calls = counted(monkeypatch, "_phone_shape")
    text = (unit * length)[:length]
    groups = sum(1 for _ in module._DIGITS.finditer(module._Normalised(text).text))
    deidentify(text)
    # At most one check per way a number of up to 15 digits can end, from each group.
    assert calls[0] <= module._PHONE_MAX_DIGITS * groups


@pytest.mark.parametrize(
    "unit", ["0 9 ", "zero nine ", "oh ", "double oh ", "ゼロキュウ", "ぜろに"]
)
def test_numbers_in_words_and_spaced_digits_check_a_bounded_number_of_candidates(
    monkeypatch: pytest.MonkeyPatch, unit: str
):
    """Digits written as words are searched again in a view where they are digits: the
    same bound holds there, per digit group of either view."""
    calls = counted(monkeypatch, "_phone_shape")
    text = (unit * 2000)[:2000]
    view = module._Normalised(text).digits
    spelled = module._SpelledDigits.of(view)
    groups = sum(1 for _ in module._DIGITS.finditer(view)) + (
        sum(1 for _ in module._DIGITS.finditer(spelled.text)) if spelled else 0
    )
    deidentify(text)
    assert calls[0] <= module._PHONE_MAX_DIGITS * groups


def test_bounding_the_search_still_finds_every_number_in_a_run_of_them():
    text = "090-1234-5678, 080-2345-6789, +81 3 1234 5678, (555) 123-4567"
    assert deidentify(text) == "[PHONE], [PHONE], [PHONE], [PHONE]"


def test_placeholders_and_spans_are_compared_in_one_walk():
    """A message full of placeholder-like text and of things to replace."""
    text = ("[URL] a@b.co " * 200)[:2000]
    assert deidentify(text).count("[EMAIL]") == text.count("a@b.co")
