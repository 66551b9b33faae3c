"""De-identification leaks (issue 14, finding 7) and the bilingual corpus behind the
recall figures the research export's README states.

Each line of the attack's list leaked its identifier before: phone numbers with wave
dashes, underscores, slashes, の, a country code without "+", kanji numerals; emails
written with (at) or spaced; messenger ids after "LINEやってる？", "ライン→", "add me on
LINE", Discord name#1234; shorteners and TLDs (lin.ee, linktr.ee, youtu.be, .to, .ru),
internationalised domains; names after "I'm", "I am", 私は…です.
"""

import pytest

from counseling.deidentify import deidentify
from counseling.deidentify_corpus import caught, corpus, recall
from counseling.exports import RECALL_MEASURED, UNTOUCHED_MEASURED

LEAKS = [
    ("090～1234～5678に電話して", "[PHONE]に電話して"),
    ("080〜1234〜5678", "[PHONE]"),
    ("番号は090_1234_5678", "番号は[PHONE]"),
    ("090/1234/5678です", "[PHONE]です"),
    ("090の1234の5678", "[PHONE]"),
    ("call 81-90-1234-5678", "call [PHONE]"),
    ("電話は〇九〇-一二三四-五六七八", "電話は[PHONE]"),
    ("taro (at) gmail (dot) com", "[EMAIL]"),
    ("mail taro @ gmail . com", "mail [EMAIL]"),
    ("taro at gmail dot com", "[EMAIL]"),
    ("メールはhana★docomo.ne.jp", "メールは[EMAIL]"),
    ("LINEやってる？taro_0101だよ", "LINEやってる？[HANDLE]だよ"),
    ("ライン→taro_0101", "ライン→[HANDLE]"),
    ("add me on LINE taro_0101", "add me on LINE [HANDLE]"),
    ("my Instagram: hana.k_22", "my Instagram: [HANDLE]"),
    ("Discord name#1234", "Discord [HANDLE]"),
    ("lin.ee/abc123", "[URL]"),
    ("linktr.ee/hana", "[URL]"),
    ("youtu.be/dQw4w9WgXcQ", "[URL]"),
    ("see example.to", "see [URL]"),
    ("see example.ru/page", "see [URL]"),
    ("例え.jpを見て", "[URL]を見て"),
    ("xn--eckwd4c7c.xn--zckzah", "[URL]"),
    ("I'm Taro", "I'm [NAME]"),
    ("I am Jane Smith.", "I am [NAME]."),
    ("私は田中です", "私は[NAME]です"),
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_each_leak_of_the_attack_is_closed(text: str, expected: str):
    assert deidentify(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm Tired of everything",
        "I am Japanese",
        "私は学生です",
        "私は大丈夫です",
        "LINEやってる？ LINE ID教えて",
        "look at this dot",
        "it happened at 3:30 on 2024/05/01",
        "一人で泣いてる",
    ],
)
def test_the_wider_patterns_leave_ordinary_sentences_alone(text: str):
    assert deidentify(text) == text


def test_the_corpus_is_bilingual_and_has_hundreds_of_lines():
    lines = list(corpus())
    assert len(lines) >= 500
    assert {line.language for line in lines} == {"en", "ja"}
    assert {line.kind for line in lines} == {"phone", "email", "url", "handle", "name", "none"}


def test_the_readme_claims_no_more_recall_than_the_corpus_shows():
    measured = recall()
    for kind, by_language in RECALL_MEASURED.items():
        for language, (stated, total) in by_language.items():
            hit, lines = measured[kind, language]
            assert lines == total, f"{kind} {language}: the corpus changed, restate it"
            assert hit >= stated, f"{kind} {language}: {hit}/{lines} < stated {stated}"
    untouched = sum(caught(line) for line in corpus() if line.kind == "none")
    assert untouched >= UNTOUCHED_MEASURED[0]
