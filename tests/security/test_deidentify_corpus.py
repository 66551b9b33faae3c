"""De-identification leaks (issue 14, finding 7) and the bilingual corpus behind the
recall figures the research export's README states.

Each line of the attack's list leaked its identifier before: phone numbers with wave
dashes, underscores, slashes, の, a country code without "+", kanji numerals; emails
written with (at) or spaced; messenger ids after "LINEやってる？", "ライン→", "add me on
LINE", Discord name#1234; shorteners and TLDs (lin.ee, linktr.ee, youtu.be, .to, .ru),
internationalised domains; names after "I'm", "I am", 私は…です.

The follow-up attack (FOLLOW_UP_LEAKS) still got through: numbers spaced digit by digit
or written in words and kana; emails with 。 or ＠, "at" in brackets or in katakana;
ids after "IDは", on kik, after a platform name spaced or disguised; names after 名前、,
本名は, はじめまして, "I go by", and in lower case.
"""

from pathlib import Path

import pytest

from supervision.deidentify import deidentify
from supervision.deidentify_corpus import README_END, README_START, corpus, readme_table, recall

README = Path(__file__).resolve().parents[2] / "README.md"

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


FOLLOW_UP_LEAKS = [
    ("0 9 0 1 2 3 4 5 6 7 8", "[PHONE]"),
    ("call me 07 7 00 900 123 ok", "call me [PHONE] ok"),
    ("my number is 0 8 0 - 2 3 4 5 - 6 7 8 9", "my number is [PHONE]"),
    ("zero nine zero one two three four five six seven eight", "[PHONE]"),
    ("oh seven seven oh oh, nine oh oh, one two three", "[PHONE]"),
    ("call me on five five five one two three four", "call me on [PHONE]"),
    ("O9O-1234-5678", "[PHONE]"),
    ("ゼロキュウゼロ イチニサンヨン ゴロクナナハチに電話して", "[PHONE]に電話して"),
    ("ぜろきゅうぜろ、いちにさんよん、ごろくななはちだよ", "[PHONE]だよ"),
    ("ｾﾞﾛｷｭｳｾﾞﾛ ｲﾁﾆｻﾝﾖﾝ ｺﾞﾛｸﾅﾅﾊﾁ", "[PHONE]"),
    ("taro@gmail。com", "[EMAIL]"),
    ("taro［at］gmail.com", "[EMAIL]"),
    ("taro【at】gmail.com", "[EMAIL]"),
    ("taro (at) gmail.com", "[EMAIL]"),
    ("taro アット gmail.com", "[EMAIL]"),
    ("email me at jane99 at gmail.com", "email me at [EMAIL]"),
    ("IDは taro_0101 です", "IDは [HANDLE] です"),
    ("IDはtaro0101だよ", "IDは[HANDLE]だよ"),
    ("my id is taro99", "my id is [HANDLE]"),
    ("kik me taro99", "kik me [HANDLE]"),
    ("L I N E taro_99", "L I N E [HANDLE]"),
    ("L1NE: taro_99", "L1NE: [HANDLE]"),
    ("ライソやってる？taro_0101", "ライソやってる？[HANDLE]"),
    ("名前、花子です", "名前、[NAME]です"),
    ("本名は山田花子です", "本名は[NAME]です"),
    ("はじめまして、田中です", "はじめまして、[NAME]です"),
    ("I go by Sam", "I go by [NAME]"),
    ("i'm sarah", "i'm [NAME]"),
    ("call me kenta", "call me [NAME]"),
]


@pytest.mark.parametrize(("text", "expected"), LEAKS + FOLLOW_UP_LEAKS)
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
        "I'm sad",
        "I'm Struggling a lot",
        "the line was long, 2nd time",
        "my ID is expired",
        "0 1 2 3 4 5 6 7 8 9",
        "私は不安です",
        "私はクズです",
        "いちにさん、深呼吸してる",
    ],
)
def test_the_wider_patterns_leave_ordinary_sentences_alone(text: str):
    assert deidentify(text) == text


def test_the_corpus_is_bilingual_and_has_hundreds_of_lines():
    lines = list(corpus())
    assert len(lines) >= 500
    assert {line.language for line in lines} == {"en", "ja"}
    assert {line.kind for line in lines} == {"phone", "email", "url", "handle", "name", "none"}


ORDINARY = [line for line in corpus() if line.kind == "none"]


def test_the_corpus_has_plenty_of_ordinary_lines_in_each_language():
    for language in ("en", "ja"):
        assert sum(line.language == language for line in ORDINARY) >= 75


@pytest.mark.parametrize("line", ORDINARY, ids=lambda line: line.text)
def test_every_ordinary_line_of_the_corpus_comes_through_unchanged(line):
    assert deidentify(line.text) == line.text


def test_the_readme_table_is_what_the_corpus_measures():
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(recall()), (
        "run: python -m supervision.deidentify_corpus --readme README.md"
    )
