"""A bilingual test corpus for de-identification, and recall measured on it.

Each line is a sentence a help-seeker might write, in English or Japanese, holding one
identifier of a known kind (phone, email, url, handle, name) written the ways people
write them (spaced, full-width, with wave dashes, kanji numerals, "(at)", "LINE→…"), or
holding none (`none`: times, dates, amounts, ages, platform words without an id, which
must come through unchanged). Recall per kind is the share of lines whose identifier no
longer appears in any form after `deidentify`; the figures go into the research export's
README (counseling/exports.py), and tests/security/test_deidentify_corpus.py keeps them
true. Run `python -m counseling.deidentify_corpus` to print them.

The corpus is built from templates × values so that every format meets every kind of
sentence around it; it is a floor, not a proof: real messages are more varied.
"""

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .deidentify import deidentify


@dataclass(frozen=True)
class Line:
    kind: str
    language: str
    text: str
    secret: str  # what must not survive ("" for kind "none": the text must survive)


PHONES = {
    "en": [
        "+81 90-1234-5678",
        "+44 7700 900123",
        "(555) 123-4567",
        "1-555-123-4567",
        "555.123.4567",
        "81-90-1234-5678",
        "090 1234 5678",
        "07700 900123",
        # Known limits: digits spelled out or spaced one by one.
        "zero nine zero one two three four five six seven eight",
        "0 9 0 1 2 3 4 5 6 7 8",
    ],
    "ja": [
        "090-1234-5678",
        "０９０－１２３４－５６７８",
        "090～1234～5678",
        "080〜2345〜6789",
        "090_1234_5678",
        "090/1234/5678",
        "090の1234の5678",
        "〇九〇-一二三四-五六七八",
        "09012345678",
        "0120-123-456",
        "03-1234-5678",
        "+81 80 2345 6789",
        # Known limits: numbers in kana, and in kanji with 十/百.
        "ゼロキュウゼロ イチニサンヨン ゴロクナナハチ",
        "090-1234-56七八",
    ],
}
PHONE_TEMPLATES = {
    "en": [
        "call me on {}",
        "my number is {} please text",
        "{} is my cell",
        "text {} if you can",
        "you can reach me at {}.",
        "whatsapp me {}",
        "my mom's phone is {}",
        "number: {} (after 9pm)",
    ],
    "ja": [
        "電話番号は{}です",
        "{}に電話して",
        "携帯{}だよ",
        "連絡先：{}",
        "何かあったら{}まで",
        "母の番号は{}です",
        "ここに電話して→{}",
        "{}に連絡ください",
    ],
}

EMAILS = {
    "en": [
        "jane.doe@example.com",
        "kid_2009@mail.co.uk",
        "jane (at) example (dot) com",
        "jane [at] example [dot] org",
        "jane @ example . com",
        "jane at example dot com",
        "j.smith+help@school.edu",
        # Known limit: no "@" and no "dot" word.
        "jane.doe at gmail",
    ],
    "ja": [
        "taro@example.jp",
        "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
        "hana★docomo.ne.jp",
        "hana☆ezweb.ne.jp",
        "taro (at) gmail (dot) com",
        "sakura_0101@icloud.com",
        "taroアットマークgmail.com",
        # Known limit: the domain spelled in kana.
        "taro@じーめーる.com",
    ],
}
EMAIL_TEMPLATES = {
    "en": [
        "email me at {}",
        "my email is {}.",
        "{} is my school email",
        "write to {} please",
        "you can mail {} later",
        "contact: {}",
    ],
    "ja": [
        "メールは{}です",
        "{}にメールして",
        "アドレス{}だよ",
        "連絡は{}まで",
        "メアド→{}",
        "{}に送ってください",
    ],
}

URLS = {
    "en": [
        "https://example.com/my-story",
        "www.example.org/page",
        "example.com/me",
        "lin.ee/abc123",
        "linktr.ee/hana",
        "youtu.be/dQw4w9WgXcQ",
        "bit.ly/3xyz",
        "example.to/x",
        "example.ru/page",
        "my-diary.blog",
        # Known limit: a domain spelled out.
        "example dot com slash hana",
    ],
    "ja": [
        "https://example.jp/nikki",
        "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ",
        "kizuna.co.jp",
        "例え.jp",
        "https://例え.jp/path",
        "xn--eckwd4c7c.xn--zckzah",
        "lin.ee/xyz789",
        "twitter.com/hana_chan",
    ],
}
URL_TEMPLATES = {
    "en": [
        "look at {}",
        "I wrote about it on {} last night",
        "here: {}",
        "{} has my story",
        "check {} please",
    ],
    "ja": [
        "{}を見て",
        "ブログは{}です",
        "ここ→{}",
        "{}に書いた",
        "リンク：{}",
    ],
}

HANDLES = {
    "en": [
        ("follow @night_owl99 there", "night_owl99"),
        ("LINE ID: abc123", "abc123"),
        ("my insta is jane.doe99", "jane.doe99"),
        ("Instagram handle: dancer_girl", "dancer_girl"),
        ("add me on LINE taro_0101", "taro_0101"),
        ("add me on discord kenta#0420", "kenta#0420"),
        ("my Discord is moon.cat#1234", "moon.cat#1234"),
        ("tiktok username is kid_2009", "kid_2009"),
        ("X account: bar_1", "bar_1"),
        ("snap me: sunny_77", "sunny_77"),
        ("my twitter is @sad_boy_01", "sad_boy_01"),
        ("kakao id lee_min2", "lee_min2"),
        # Known limits: an id that looks like a word, far from the platform's name.
        ("my line is hanabi", "hanabi"),
        ("find me on insta, I go by moonchild there", "moonchild"),
    ],
    "ja": [
        ("LINEやってる？taro_0101だよ", "taro_0101"),
        ("ライン→hana_0202", "hana_0202"),
        ("ラインのIDはsakura_88です", "sakura_88"),
        ("インスタのアカウントはhana_0101", "hana_0101"),
        ("＠ｈａｎａ＿０１にDMして", "hana_01"),
        ("インスタ→miki.k_22", "miki.k_22"),
        ("ツイッターは@yuki_0303です", "yuki_0303"),
        ("ディスコードはkenta#0420", "kenta#0420"),
        ("ラインID：ｍｉｋｉ０１", "miki01"),
        ("LINE ID教えるね、taro0101", "taro0101"),
        # Known limit: an id that looks like a word.
        ("ラインはhanabiで検索して", "hanabi"),
    ],
}
HANDLE_FRAMES = {
    "en": ["{}", "if you want, {}", "{} (I'm online late)", "ok {} ok"],
    "ja": ["{}", "よかったら{}", "{}（夜なら見てる）", "ねえ、{}"],
}

NAMES = {
    "en": [
        ("My name is Jane Smith", "Jane"),
        ("my name's jane", "jane"),
        ("I'm called Bobby", "Bobby"),
        ("call me Kate", "Kate"),
        ("Hello, this is Tom", "Tom"),
        ("I'm Taro", "Taro"),
        ("I am Emily Brown", "Emily"),
        ("Hi, I'm Kenta", "Kenta"),
        ("im Sara", "Sara"),
        ("I told Mr. Brown", "Brown"),
        ("they call me Jojo", "Jojo"),
        # Known limits: a name with no phrase before it.
        ("Jane said I should write", "Jane"),
        ("ask for Marcus at the desk", "Marcus"),
    ],
    "ja": [
        ("私の名前は田中です", "田中"),
        ("なまえはさくらだよ", "さくら"),
        ("山田太郎と申します", "山田太郎"),
        ("わたしはみさきといいます", "みさき"),
        ("ユウって呼んで", "ユウ"),
        ("田中さんに相談した", "田中"),
        ("友達のゆうきくんと", "ゆうき"),
        ("佐藤先生が怖い", "佐藤"),
        ("私は田中です", "田中"),
        ("僕はけんただよ", "けんた"),
        ("ミキちゃんとけんかした", "ミキ"),
        # Known limits: a name with no phrase or honorific.
        ("はじめまして、田中です", "田中"),
        ("鈴木にいじめられてる", "鈴木"),
    ],
}
NAME_FRAMES = {
    "en": ["{}.", "{} and I can't sleep", "hi. {}", "{}, sorry"],
    "ja": ["{}。", "{}。眠れない", "こんばんは。{}", "{}…ごめん"],
}

NONE = {
    "en": [
        "I'm 16 and my brother is 19",
        "it happened at 3:30 on 2024-05-01",
        "since 2024, in 2008/04/12",
        "I owe $1,200",
        "100% sure, 24/7",
        "call 110 or 119, in the US 911",
        "scores 10-3",
        "Instagram is toxic for me",
        "I was online all night",
        "meet me @ the station",
        "call me tomorrow",
        "this is hard",
        "my name is not important",
        "I'm Tired of everything",
        "I am Japanese",
        "look at this dot",
    ],
    "ja": [
        "16歳です",
        "3時30分に2024年5月1日",
        "5000円しかない",
        "LINEやってる？ LINE ID教えて",
        "お母さんとおばあちゃんに言えない",
        "たくさん泣いた。ちゃんと食べてない",
        "本屋さんと店員さん",
        "名前は秘密です",
        "私は学生です",
        "私は大丈夫です",
        "一人で泣いてる",
        "二〇二四年の春から",
    ],
}


def corpus() -> Iterator[Line]:
    for language in ("en", "ja"):
        for template, phone in itertools.product(PHONE_TEMPLATES[language], PHONES[language]):
            yield Line("phone", language, template.format(phone), phone)
        for template, email in itertools.product(EMAIL_TEMPLATES[language], EMAILS[language]):
            yield Line("email", language, template.format(email), email)
        for template, url in itertools.product(URL_TEMPLATES[language], URLS[language]):
            yield Line("url", language, template.format(url), url)
        for frame, (text, handle) in itertools.product(HANDLE_FRAMES[language], HANDLES[language]):
            yield Line("handle", language, frame.format(text), handle)
        for frame, (text, name) in itertools.product(NAME_FRAMES[language], NAMES[language]):
            yield Line("name", language, frame.format(text), name)
        for text in NONE[language]:
            yield Line("none", language, text, "")


def _pieces(secret: str) -> list[str]:
    """The parts of an identifier that identify (digits of a number, words of an address),
    in the plain form they would be searched for."""
    plain = _plain(secret)
    return [
        piece
        for piece in re.split(r"[^0-9a-z\u3040-\u30ff\u4e00-\u9fff]+", plain)
        if len(piece) >= 3
    ]


def caught(line: Line) -> bool:
    """Whether the line came through as it should: every identifying part of its secret
    gone (for kind "none": the text unchanged)."""
    out = deidentify(line.text)
    if line.kind == "none":
        return out == line.text
    without_placeholders = re.sub(r"\[(?:URL|EMAIL|PHONE|HANDLE|NAME)\]", " ", out)
    plain, around = (
        _plain(text) for text in (without_placeholders, line.text.replace(line.secret, " "))
    )
    pieces = _pieces(line.secret) or [_plain(line.secret)]
    common = {"com", "org", "net", "www", "http", "https", "jp", "co", "ne", "page", "path"}
    # A piece is left when it occurs more often than in the sentence around the secret
    # ("mail" of "email me at kid@mail.co.uk" is the sentence's own word).
    return not [
        piece
        for piece in pieces
        if piece not in common and plain.count(piece) > around.count(piece)
    ]


def _plain(text: str) -> str:
    plain = unicodedata.normalize("NFKC", text).lower()
    return plain.translate(str.maketrans("〇一二三四五六七八九", "0123456789"))


def recall() -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, language) -> (caught, lines)."""
    totals: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for line in corpus():
        totals[line.kind, line.language] += 1
        hits[line.kind, line.language] += caught(line)
    return {key: (hits[key], totals[key]) for key in sorted(totals)}


def misses() -> list[tuple[Line, str]]:
    return [(line, deidentify(line.text)) for line in corpus() if not caught(line)]


if __name__ == "__main__":
    for (kind, language), (hit, total) in recall().items():
        print(f"{kind:>7} {language}: {hit}/{total} = {hit / total:.1%}")
    for line, out in misses():
        print(f"MISS {line.kind} {line.text!r} -> {out!r}")
