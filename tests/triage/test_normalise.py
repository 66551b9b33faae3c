"""triage.engine.normalise: what people type becomes the forms the rules are written for,
and evidence still points at the characters the person typed."""

from __future__ import annotations

import pytest

from triage.engine import assess
from triage.engine.normalise import normalise

# --- width and script ----------------------------------------------------------------------


def test_full_width_letters_and_digits_become_ascii() -> None:
    assert normalise("ＯＤ１０錠").text == "od10錠"


def test_half_width_katakana_is_read_as_full_width_and_folded() -> None:
    assert normalise("ﾊﾝｶｸ").text == "はんかく"


def test_katakana_is_folded_to_hiragana() -> None:
    assert normalise("カタカナ").text == "かたかな"


def test_each_normalised_character_maps_back_to_its_source_character() -> None:
    result = normalise("ＡＢＣ")
    assert [result.source_span(i, i + 1) for i in range(3)] == [(0, 1), (1, 2), (2, 3)]


# --- disguised, spaced and stretched letters ---------------------------------------------------

DISGUISED = [
    ("k!ll myself", "kill myself"),
    ("i want to d1e", "i want to die"),
    ("su1c1de", "suicide"),
    ("k*ll myself", "kill myself"),
    ("k i l l  m y s e l f", "kill"),
    ("s.u.i.c.i.d.e", "suicide"),
    ("i want to diiiiie", "i want to die"),
    ("thinking about sucide", "suicide"),
    ("kill myslef", "kill myself"),
]


@pytest.mark.parametrize(("typed", "expected"), DISGUISED)
def test_disguised_spellings_are_read_as_the_word(typed: str, expected: str) -> None:
    assert expected in normalise(typed).text


def test_spaced_out_letters_are_joined_into_words() -> None:
    assert normalise("k i l l  m y s e l f").text.split() == ["kill", "myself"]


def test_stretched_japanese_is_shortened() -> None:
    assert "ぁぁ" not in normalise("しにたぁぁい").text


# --- slang and euphemisms --------------------------------------------------------------------

SLANG = [
    ("kms", "kill myself"),
    ("i want to unalive myself", "kill myself"),
    ("タヒにたい", "死にたい"),
    ("shinitai", "死にたい"),
]


@pytest.mark.parametrize(("typed", "expected"), SLANG)
def test_slang_is_read_as_what_it_stands_for(typed: str, expected: str) -> None:
    assert expected in normalise(typed).text


# --- numbers are left as written -------------------------------------------------------------


@pytest.mark.parametrize("amount", ["50 pills", "20 min", "2am", "took 2 at 3pm"])
def test_amounts_and_times_keep_their_digits(amount: str) -> None:
    assert amount in normalise(amount).text


# --- evidence points at the original text ------------------------------------------------------

DISGUISED_RISK = [
    "k!ll myself",
    "i want to d1e",
    "su1c1de",
    "k*ll myself",
    "k i l l  m y s e l f",
    "s.u.i.c.i.d.e",
    "i want to diiiiie",
    "しにたぁぁい",
    "thinking about sucide",
    "kill myslef",
    "kms",
    "i want to unalive myself",
    "タヒにたい",
    "ｼﾞｻﾂしたい",
    "ＯＤしたい",
    "took 50 pills 20 min ago",
    "ok so i have 30 tablets here, it's 2am",
]


@pytest.mark.parametrize("text", DISGUISED_RISK)
def test_evidence_spans_quote_the_original_text(text: str) -> None:
    result = assess(text)
    assert result.evidence
    assert all(text[e.start : e.end] == e.phrase for e in result.evidence)


@pytest.mark.parametrize("text", DISGUISED_RISK[:-2])
def test_disguised_ideation_is_not_missed(text: str) -> None:
    assert assess(text).tier in ("high", "imminent")


@pytest.mark.xfail(
    strict=True, reason="medium: romaji is read as 死にたい, which alone is a wish to be dead"
)
def test_romaji_ideation_is_not_missed() -> None:
    assert assess("shinitai").tier in ("high", "imminent")
