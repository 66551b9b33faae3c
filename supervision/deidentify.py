"""De-identification of free text for research exports, and per-export pseudonyms.

`deidentify` replaces what it can recognise in English and Japanese text with
placeholders, in this order so that one kind does not break another: URLs (`[URL]`),
email addresses (`[EMAIL]`), phone numbers (`[PHONE]`), social-media handles and
messenger ids (`[HANDLE]`), then names (`[NAME]`): the names it is given (staff names)
and names introduced by common phrases ("my name is X", "call me X", "this is X",
"I go by X", "私の名前はXです", "名前、Xです", "Xと申します", "Xって言います",
"はじめまして、Xです", "Xさん"). Text is matched in its NFKC form, so full-width
digits and letters (０９０－１２３４－５６７８, ｈｔｔｐｓ) are found too; the original
characters are what gets replaced, and everything else is left as written.

Limits, stated plainly because research exports depend on them:

- Detection is best-effort pattern matching, not understanding. A name mentioned without
  one of the phrases above ("Jane said…", "鈴木にいじめられてる"), a lower-case name
  that is not a common one ("call me zephyrine"), an address, a school, a workplace, a
  date of birth, an account or card number, a number in kanji with 十/百/千, an email
  spelled letter by letter or written "jane at example.com" (no provider, no digits),
  or a messenger id that looks like a plain word far from the platform's name is left
  as written. Recall per kind on a bilingual corpus is measured by
  supervision/deidentify_corpus.py and stated in the export's README and in README.md.
- Names are also over-replaced: a staff name that is an ordinary word ("Hope", "Sky") is
  replaced wherever the word appears; a noun before さん/くん/ちゃん/先生 may become
  `[NAME]` (family words such as お母さん and the adverb ちゃんと are kept), and so may
  a word just before a name, separated by a space ("学校 田中さん").
- Phone numbers need a recognisable shape: an international "+" prefix (or a country
  code such as 81 in three groups or more), a leading 0 with 10–11 digits, or the North
  American 3-3-4 grouping, in any of the separators people use (dashes, wave dashes,
  dots, spaces, "_", "/", の) and in kanji numerals too; 7–11 digit numbers of other shapes
  only when a word such as "phone", "call" or "電話" comes just before them. Digits may be
  spaced one or two at a time ("0 9 0 1 2 …") or written as words or kana ("zero nine
  zero…", "oh", "double five", "ゼロキュウゼロ…", "ぜろきゅう…"): the same shapes are
  looked for in a view where three number words in a row become digits. Ages, times,
  years, dates, amounts, postcodes and counting ("0 1 2 3 4 5 6 7 8 9", "one two three")
  are meant to survive.
- Emails are found with "@" or ＠, "at" in any brackets ([at], 【at】, (at)), ★/☆ or
  アット(マーク), and dots written ".", "。", "・" or "dot"/ドット; with a spelled " at "
  only before a known mail provider or after a user name with digits, dots or "_".
- Messenger ids are found after a platform's name, also spaced or disguised ("L I N E",
  "L1NE", "ｌｉｎｅ", "らいん", "ライソ", Cyrillic look-alikes), and after "ID"
  words alone ("IDは taro_0101", "my id is taro99").
- Even with every identifier removed, what someone writes about their life can identify
  them to someone who knows them. De-identified text is still sensitive: exports are for
  approved research only, kept and shared under that approval, and never published raw.

`pseudonymizer()` gives each export its own random ids for conversations and staff:
consistent within one export, unrelated across exports, and not derived from the real id.
"""

import bisect
import itertools
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

URL = "[URL]"
EMAIL = "[EMAIL]"
PHONE = "[PHONE]"
HANDLE = "[HANDLE]"
NAME = "[NAME]"

_PLACEHOLDER = re.compile(r"\[(?:URL|EMAIL|PHONE|HANDLE|NAME)\]")

# Character classes, matched against NFKC text (where full-width forms are already ASCII
# and half-width katakana is full-width).
_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\u3005"  # CJK ideographs and 々
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30fe\u3099\u309a"  # with ー and the voicing marks
_HIRAGANA = "\u3041-\u3096\u3099\u309a"
_LATIN = "A-Za-z\u00c0-\u024f"
_CJK = re.compile(f"[{_KANJI}{_KATAKANA}{_HIRAGANA}]")
_DASHES = "\\-\u2010-\u2015\u2212\u30fc"  # hyphen, dashes, minus, and ー typed as a dash

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

Span = tuple[int, int]


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# --- Matching on the NFKC form, replacing in the original --------------------------------


def _lower(text: str) -> str:
    """Lower case with every position kept. Patterns match it case-sensitively, which
    Python's re does far faster than with IGNORECASE."""
    lowered = text.lower()
    # No character lower-cases to nothing, so equal lengths mean one for one.
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


@lru_cache(maxsize=4096)
def _nfkc_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


# Format characters: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")

_KANJI_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


class _Normalised:
    """The NFKC form of a text, with a way back from its positions to the original's."""

    def __init__(self, text: str) -> None:
        self._origin: list[int] | None = None
        if unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.search(text):
            self.text = text
            self.lower = _lower(text)
            return
        # Character by character, so each normalised character knows where it came from.
        # Invisible format characters (zero-width spaces, joiners) vanish from the view
        # matched: "090\u200b1234\u200b5678" is a phone number.
        parts = ["" if _INVISIBLE.match(char) else _nfkc_char(char) for char in text]
        self.text = "".join(parts)
        self.lower = _lower(self.text)
        if len(self.text) != len(text):
            # Some character became several (㍉ -> ミリ): keep the way back.
            self._origin = [index for index, part in enumerate(parts) for _char in part]

    @property
    def digits(self) -> str:
        """The lower-cased text with kanji numerals as digits (〇九〇 -> 090), for phone
        numbers only: elsewhere 一人 stays a word."""
        return self.lower.translate(_KANJI_DIGITS)

    def original(self, start: int, end: int) -> Span:
        if self._origin is None:
            return start, end
        return self._origin[start], self._origin[end - 1] + 1


Finder = Callable[[_Normalised], Iterable[Span]]


def _replace(text: str, normalised: _Normalised, finder: Finder, placeholder: str) -> str:
    spans = sorted(
        normalised.original(start, end) for start, end in finder(normalised) if end > start
    )
    if not spans:
        return text
    protected = [match.span() for match in _PLACEHOLDER.finditer(text)]
    merged: list[list[int]] = []
    ahead = 0  # placeholders ending before this span's start cannot meet a later one
    for start, end in spans:
        while ahead < len(protected) and protected[ahead][1] <= start:
            ahead += 1
        # Earlier placeholders are never rewritten (a staff member called "Url" must not
        # turn "[URL]" into "[[NAME]]"). Spans and placeholders are both in order, so one
        # walk over each keeps this linear.
        if ahead < len(protected) and protected[ahead][0] < end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if not merged:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in merged:
        pieces += [text[position:start], placeholder]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# --- URLs --------------------------------------------------------------------------------

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]"
_TLDS = (
    "com|net|org|edu|gov|info|biz|io|co|me|app|dev|ai|jp|uk|us|ca|au|nz|de|fr|es|it|nl|"
    "kr|cn|tw|hk|sg|in|ly|gl|gg|tv|fm|xyz|site|online|link|page|blog|shop|club|social|"
    # Shorteners and link pages (lin.ee, linktr.ee, youtu.be, t.ly, bit.do, cutt.ly), and
    # country and new domains seen in messages (.to, .ru, ...). Short words that are
    # also English (.is, .at, .no, .so, .my) are left out: "this.is" is a typo, not a site.
    "ee|be|to|ru|su|cc|ws|la|gd|do|li|ch|se|eu|asia|top|live|store|tech|space|news|"
    "pro|mobi|tk|ml|ga|cf|gq|vn|th|ph|br|mx|ar|pl|cz|ua|tr|world|life|work"
)
_URL_HINT = re.compile(rf"://|www\.|xn--|\.(?:{_TLDS})(?![a-z0-9])")
# Letters of internationalised domain names (例え.jp, пример.рф): kana, kanji, Cyrillic.
_IDN_LETTERS = f"{_KANJI}{_KATAKANA}{_HIRAGANA}\u0400-\u04ff"
_URL = re.compile(  # matched against the lower-cased text
    # With a scheme or www.: everything up to a space or non-ASCII text.
    rf"(?:https?://|www\.)(?:[{_IDN_LETTERS}]+[.]?)*{_URL_CHARS}+"
    # An internationalised domain (日本語.jp, 例え.テスト, пример.рф): letters of another
    # script before an ASCII top-level domain, or a punycode (xn--) label.
    # Its label is all in that script: "ブログはkizuna.co.jp" is Japanese before a plain
    # domain, and "メールはtaroアットマークgmail.com" an address (left to the email pass).
    rf"|(?<![a-z0-9_@.\-/★☆])[{_IDN_LETTERS}][{_IDN_LETTERS}0-9\-]*\."
    rf"(?:[{_IDN_LETTERS}a-z0-9\-]+\.)*(?:{_TLDS}|рф|テスト)(?![A-Za-z0-9])"
    rf"(?:/{_URL_CHARS}*)?"
    rf"|(?<![a-z0-9_@.\-/])(?:[a-z0-9\-]+\.)*xn--[a-z0-9\-]+(?:\.[a-z0-9\-]+)+"
    # A bare domain, not part of an email address or a longer word.
    rf"|(?<![a-z0-9_@.\-/★☆])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:{_TLDS})"
    rf"(?![A-Za-z0-9_@\-])(?!\.[A-Za-z0-9])(?:/{_URL_CHARS}*)?"
)
_URL_TRAILING = ".,;:!?'\"*"


def _find_urls(normalised: _Normalised) -> Iterator[Span]:
    text = normalised.lower
    if not _URL_HINT.search(text):
        return
    # The domain of an address written "taro[at]gmail.com" or "taro99 at gmail.com" is
    # left to the email pass: replaced as a link, it would leave the user's name behind.
    emails = sorted(_find_emails(normalised))
    inside = 0
    for match in _URL.finditer(text):
        start, end = match.span()
        while inside < len(emails) and emails[inside][1] < end:
            inside += 1
        if inside < len(emails) and emails[inside][0] <= start:
            continue
        # Sentence punctuation after a URL is not part of it; nor is a closing
        # parenthesis the URL did not open.
        while end > start:
            last = text[end - 1]
            span = text[start:end]
            if last in _URL_TRAILING or (last == ")" and span.count("(") < span.count(")")):
                end -= 1
            else:
                break
        yield start, end


# --- Email addresses ---------------------------------------------------------------------

# "@" and how people write it to dodge spam filters: "at" in any brackets ((at), [at],
# 【at】, ［at］ is [at] once normalised), ★/☆ (common in Japan), アット(マーク); and dots
# as spaced " . ", the ideographic 。 (not folded to "." by NFKC), ・, or "dot"/ドット in
# brackets or alone.
_OPEN = re.escape("([{<【〔〈《「『")
_CLOSE = re.escape(")]}>】〕〉》」』")
_AT_WORD = r"at\s?mark|atmark|at|アット(?:マーク)?|あっと(?:まーく)?"
_AT = (
    rf"\s*(?:@|[{_OPEN}]\s*(?:{_AT_WORD}|@)\s*[{_CLOSE}]|[★☆]"
    r"|アット(?:マーク)?|あっと(?:まーく)?|atmark)\s*"
)
_DOT_WORD = r"dot|ドット|どっと"
_DOT = (
    rf"(?:\s?[.。・]\s?|\s*[{_OPEN}]\s*(?:{_DOT_WORD}|[.。])\s*[{_CLOSE}]\s*"
    r"|\s*(?:ドット|どっと)\s*)"
)
_AT_HINTS = ("@", "at", "★", "☆", "アット", "あっと")
# "jane at example dot com": only with at least one "dot" word, so "look at this" stays.
_EMAIL_WORDS = re.compile(
    # The user may be spelled with "dot" too: "john dot doe at gmail dot com".
    r"(?<![a-z0-9._%+\-])(?P<user>[a-z0-9._%+\-]+(?:\s+dot\s+[a-z0-9._%+\-]+)*)"
    r"\s+at\s+(?P<domain>[a-z0-9\-]+)"
    r"(?:\s+dot\s+[a-z0-9\-]+)*"
    r"\s+dot\s+(?:com|net|org|jp|co|ne|ac|edu|io|me|uk|us)(?![a-z0-9])"
)
_EMAIL = re.compile(  # matched against the lower-cased text
    rf"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+{_AT}"
    rf"[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_DOT}[a-z]{{2,}}(?![a-z0-9])"
)
# "taro99 at gmail.com", "jane at gmail", "taro アット gmail.com": a spelled "at" before a
# mail provider, or after a user name that has digits, dots or "_" ("look at example.com"
# is a link, not an address).
_MAIL_PROVIDERS = (
    "gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|aol|protonmail|proton|gmx|docomo"
    "|ezweb|softbank|i\\.softbank|ybb|nifty|biglobe|ocn|naver|qq"
)
_EMAIL_SPELLED_AT = re.compile(
    r"(?<![a-z0-9._%+\-])(?P<user>[a-z0-9._%+\-]*[a-z0-9])\s*(?:\s(?:at)\s|アット|あっと)\s*"
    rf"(?P<domain>(?P<provider>{_MAIL_PROVIDERS})(?![a-z0-9\-])|[a-z0-9\-]+)"
    rf"(?P<rest>(?:{_DOT}[a-z0-9\-]+)*{_DOT}[a-z]{{2,}})?(?![a-z0-9])"
)
_NOT_MAIL_USERS = _words(
    "look me him her us them it this that here there work school home is was i you we",
    "they am are be stay stayed live lives living mom dad class night least first last",
)


def _find_emails(normalised: _Normalised) -> Iterator[Span]:
    text = normalised.lower
    if " dot " in text:
        for match in _spelled_at_matches(_EMAIL_WORDS, text):
            if match.group("user") not in _NOT_MAIL_USERS:  # "look at example dot com"
                yield match.span()
    if not any(at in text for at in _AT_HINTS):
        return
    for match in _EMAIL.finditer(text):
        yield match.span()
    for match in _spelled_at_matches(_EMAIL_SPELLED_AT, text):
        user = match.group("user")
        clear_user = bool(re.search(r"[0-9._]", user))
        if user in _NOT_MAIL_USERS:
            continue
        if match.group("rest") and (match.group("provider") or clear_user):
            yield match.span()
        elif match.group("provider") and clear_user:
            yield match.span()  # "jane.doe at gmail": no top-level domain needed


def _spelled_at_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, including one that starts at the previous match's domain: in "email
    me at jane at gmail.com", "me at jane" is tried first and refused by the caller."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        position = match.start("domain")


# --- Phone numbers -----------------------------------------------------------------------

# A run of digits with the separators people put in phone numbers (not ":" or ",", so
# times and amounts never join one).
# Beyond dashes and dots, people separate groups with wave dashes (090〜1234〜5678),
# underscores, slashes and の (090の1234の5678).
_PHONE_MARKS = f"{_DASHES}~\u301c\uff5e_/\u306e"
_PHONE_RUN = re.compile(rf"(?<![0-9A-Za-z+])(?:\+ ?)?\(?[0-9][0-9(){_PHONE_MARKS}. \t]*[0-9]")
_DIGITS = re.compile(r"[0-9]+")
_PHONE_SEPARATOR = re.compile(rf"[ \t]?\)?[ \t]?[{_PHONE_MARKS}.]?[ \t]?\(?[ \t]?")
# Country codes written without their "+" (81-90-1234-5678): the ones of this service's
# languages and their neighbours.
_COUNTRY_CODES = ("81", "44", "61", "64", "82", "86", "852", "886", "65", "63", "1")
_ANY_DIGIT = re.compile(r"[0-9]")
_PHONE_WORDS = re.compile(  # matched against the lower-cased text
    r"phone|tel|call|text|number|mobile|cell|whatsapp|sms"
    r"|電話|でんわ|番号|ばんごう|携帯|ケータイ|けいたい|連絡先"
)


def _phone_shape(groups: list[str], *, international: bool, announced: bool) -> bool:
    digits = sum(len(group) for group in groups)
    if international:
        return 8 <= digits <= 15 and len(groups[-1]) >= 2
    if len(groups[-1]) < 3 and len(groups) >= 4:
        return _spaced_out(groups, announced=announced)
    if (
        len(groups) >= 3
        and groups[0] in _COUNTRY_CODES
        and not groups[1].startswith("0")
        and 10 <= digits <= 13
        and len(groups[-1]) >= 3
    ):
        return True  # 81-90-1234-5678: an international number without its "+"
    if len(groups[-1]) < 3:
        # Dates (2024-05-01), times and scores end in short groups.
        return False
    if groups[0].startswith("0") and 10 <= digits <= 11:
        # Japanese and British domestic numbers: 090-1234-5678, 0120-123-456, 07700 900123.
        return True
    lengths = [len(group) for group in groups]
    if lengths[-3:] == [3, 3, 4] and groups[-3][0] in "23456789" and lengths[:-3] in ([], [1]):
        return True  # North American: (555) 123-4567, 1-555-123-4567
    return announced and 7 <= digits <= 11


def _spaced_out(groups: list[str], *, announced: bool) -> bool:
    """A number written a digit or two at a time ("0 9 0 1 2 3 4 5 6 7 8", "09 01 23 45
    67 8"): its last group is short like a date's or a score's, so it must also have no
    group as long as a year, look like a domestic number (or follow a word such as
    "call"), and not merely count (0 1 2 3 4 5 6 7 8 9) or repeat a digit or two."""
    digits = "".join(groups)
    if len(set(digits)) < 3 or max(len(group) for group in groups) > 3:
        return False
    if not (
        (digits[0] == "0" and 10 <= len(digits) <= 11) or (announced and 7 <= len(digits) <= 11)
    ):
        return False
    steps = {(int(after) - int(before)) % 10 for before, after in pairwise(digits)}
    return steps not in ({1}, {9})


def _find_phones(normalised: _Normalised) -> Iterator[Span]:
    text = normalised.digits
    yield from _phones_in(text)
    # The same search over digits spelled in words ("zero nine zero …", "ゼロキュウゼロ…").
    spelled = _SpelledDigits.of(text)
    if spelled is not None:
        for start, end in _phones_in(spelled.text):
            yield spelled.source(start, end)


def _phones_in(text: str) -> Iterator[Span]:
    if not _ANY_DIGIT.search(text):
        return
    for run in _PHONE_RUN.finditer(text):
        groups = list(_DIGITS.finditer(text, run.start(), run.end()))
        # Split the run wherever the gap between digit groups is not a phone separator.
        chunks: list[list[re.Match[str]]] = [[groups[0]]]
        for before, after in pairwise(groups):
            if _PHONE_SEPARATOR.fullmatch(text, before.end(), after.start()):
                chunks[-1].append(after)
            else:
                chunks.append([after])
        plus = text.startswith("+", run.start())
        for chunk in chunks:
            yield from _phone_spans(text, chunk, plus=plus and chunk[0] is groups[0])


# Digits written as words. English words need a boundary; Japanese ones (matched in
# katakana, hiragana folded in) follow one another without spaces, longest first.
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ゼロ": "0", "レイ": "0", "マル": "0", "イチ": "1", "ニイ": "2", "ニー": "2",
    "サン": "3", "ヨン": "4", "ゴオ": "5", "ゴー": "5", "ロク": "6", "ナナ": "7",
    "シチ": "7", "ハチ": "8", "キュウ": "9", "キュー": "9",
    "ニ": "2", "シ": "4", "ゴ": "5", "ク": "9",
}  # fmt: skip
_ENGLISH_DIGIT_WORD = (
    r"(?<![a-z])(?:(?P<times>double|triple)[ \-]?)?"
    r"(?P<word>zero|oh|o|one|two|three|four|five|six|seven|eight|nine)(?![a-z])"
)
# Half-width ｾﾞ and ｺﾞ become セ and コ followed by a combining voicing mark: the text is
# normalised a character at a time, so they are not composed into ゼ and ゴ.
_JAPANESE_DIGIT_WORD = (
    "(?P<kana>"
    + "|".join(word for word in _DIGIT_WORDS if not word.isascii())
    .replace("ゼ", "(?:ゼ|セ\u3099)")
    .replace("ゴ", "(?:ゴ|コ\u3099)")
    + ")"
)
_DIGIT_TOKEN = re.compile(rf"{_ENGLISH_DIGIT_WORD}|{_JAPANESE_DIGIT_WORD}|[0-9]++")
_DIGIT_WORD_HINT = re.compile(rf"{_ENGLISH_DIGIT_WORD}|{_JAPANESE_DIGIT_WORD}")
# Tokens in a row, with at most three separators between them (possessive: no
# backtracking into a run of separators, so the search stays linear).
_ANY_DIGIT_TOKEN = re.sub(r"\(\?P<[a-z]+>", "(?:", _DIGIT_TOKEN.pattern)
_DIGIT_TOKEN_RUN = re.compile(
    rf"(?:{_ANY_DIGIT_TOKEN})(?:[ \t{_PHONE_MARKS}.,、，・]{{0,3}}+(?:{_ANY_DIGIT_TOKEN}))*"
)
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_LIST_MARKS = str.maketrans(",、，・", "    ")


def _is_particle(text: str, token: re.Match[str]) -> bool:
    return (
        token.group("kana") is not None
        and token.end() - token.start() == 1
        and ("\u3041" <= text[token.start()] <= "\u3096")
    )


@dataclass(frozen=True)
class _SpelledDigits:
    """A text with digits written as words turned into digits ("zero nine zero" ->
    "0 9 0"), and the way back from its positions to the text's."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> "_SpelledDigits | None":
        folded = text.translate(_HIRAGANA_TO_KATAKANA)  # one for one: positions kept
        if not _DIGIT_WORD_HINT.search(folded):
            return None
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        changed = False
        for run in _DIGIT_TOKEN_RUN.finditer(folded):
            tokens = list(_DIGIT_TOKEN.finditer(folded, run.start(), run.end()))
            # A lone hiragana に, し, く or ご at either end of a run is a particle or a
            # verb ("…ななはちに電話して", "にぜろきゅう…"), not a digit.
            while tokens and _is_particle(text, tokens[-1]):
                tokens.pop()
            while tokens and _is_particle(text, tokens[0]):
                tokens.pop(0)
            words = sum(1 for token in tokens if not token.group()[0].isdigit())
            digits = sum(len(token.group()) for token in tokens if token.group()[0].isdigit())
            # Three number words in a row, or one among digits ("o9o-1234-5678"): a
            # single "one" or "oh" in a sentence stays a word.
            if words < 3 and not (words and digits >= 4):
                continue
            if not tokens:
                continue
            changed = True
            for token in tokens:
                # Text before the run is kept as written, and separators inside it too,
                # with commas as spaces ("zero nine zero, one two…" is one number).
                between = text[position : token.start()]
                pieces.append(between if token is tokens[0] else between.translate(_LIST_MARKS))
                starts.extend(range(position, token.start()))
                ends.extend(range(position + 1, token.start() + 1))
                spelled = token.group("word") or token.group("kana")
                if spelled is None:
                    digits_here = token.group()
                else:
                    count = {"double": 2, "triple": 3}.get(token.group("times") or "", 1)
                    digits_here = _DIGIT_WORDS[unicodedata.normalize("NFC", spelled)] * count
                pieces.append(digits_here)
                starts.extend([token.start()] * len(digits_here))
                ends.extend([token.end()] * len(digits_here))
                position = token.end()
        if not changed:
            return None
        pieces.append(text[position:])
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
        return cls("".join(pieces), starts, ends)

    def source(self, start: int, end: int) -> Span:
        return self.starts[start], self.ends[end - 1]


# No phone number has more digits than this (E.164), so none spans more digit groups:
# bounding the search by it keeps the pass linear in the text. Without the bound, 2,000
# characters of "1 1 1 …" took 10 s (issue 14, finding 6).
_PHONE_MAX_DIGITS = 15
_PHONE_MIN_DIGITS = 7  # the fewest any shape in _phone_shape accepts


def _phone_spans(text: str, chunk: list[re.Match[str]], *, plus: bool) -> Iterator[Span]:
    groups = [match.group() for match in chunk]
    # Fewer than three different digits in the whole run ("0 0 0 …", "0 9 0 9 …"): no
    # number spaced out in it (_spaced_out), so its many short groups are not tried.
    spaced_out = len(set("".join(groups))) >= 3
    # totals[i] is the number of digits in groups[:i]: a candidate's digits by subtraction,
    # without rebuilding a list of groups at every start.
    totals = [0, *itertools.accumulate(len(group) for group in groups)]
    first = 0
    while first < len(chunk):
        found = False
        start = chunk[first].start()
        international = plus and first == 0
        announced: bool | None = None  # looked up only when a candidate needs it
        # The groups that could still be one number starting here (at most 15 digits).
        stop = bisect.bisect_right(totals, totals[first] + _PHONE_MAX_DIGITS) - 1
        # The longest number starting at this group; otherwise try from the next group.
        for end in range(min(stop, first + _PHONE_MAX_DIGITS), first, -1):
            digits = totals[end] - totals[first]
            if digits < _PHONE_MIN_DIGITS:
                break  # shorter still: no shape has so few digits
            if not international and len(groups[end - 1]) < 3:
                # A domestic number ends in a short group only when spaced out, with at
                # most 11 digits and a leading 0 or a word such as "call" (_spaced_out):
                # checked here first, as most runs of short groups are not numbers.
                if not spaced_out or end - first < 4 or digits > 11:
                    continue
                if groups[first][0] != "0" or digits < 10:
                    if announced is None:
                        announced = _announced(text, start)
                    if not announced:
                        continue
            if announced is None:
                announced = _announced(text, start)
            if _phone_shape(groups[first:end], international=international, announced=announced):
                if international:
                    start = text.rindex("+", 0, start)
                elif start > 0 and text[start - 1] == "(":
                    start -= 1
                yield start, chunk[end - 1].end()
                first, found = end, True
                break
        if not found:
            first += 1


def _announced(text: str, start: int) -> bool:
    """Whether a word such as "call" or "電話" comes just before `start`."""
    return bool(_PHONE_WORDS.search(text, max(0, start - 25), start))


# --- Social-media handles and messenger ids ----------------------------------------------

_AT_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
# Platforms' names as people write them to slip past filters: spaced or dotted letter
# by letter ("L I N E", "i.n.s.t.a"), with digits or Cyrillic and Greek letters that look
# like Latin ones ("L1NE", "lіne" with a Cyrillic і), full-width (folded by NFKC).
_PLATFORM_NAMES = (
    "line", "instagram", "insta", "twitter", "tiktok", "snapchat", "snap", "discord",
    "telegram", "kakaotalk", "kakao", "facebook", "threads", "bluesky", "skype", "wechat",
    "whatsapp", "kik", "viber", "reddit", "tumblr", "twitch", "roblox", "youtube", "mixi",
)  # fmt: skip
_LOOKALIKES = {
    "a": "a4аα", "c": "cс", "e": "e3еε", "i": "i1l!|іıι", "k": "kкκ", "l": "l1i|ӏ",
    "n": "nп", "o": "o0оο", "p": "pрρ", "s": "s5$ѕ", "t": "t7т", "x": "xх", "y": "yу",
}  # fmt: skip
_LETTER_GAP = r"[ .\-_*]?"


def _disguised(name: str) -> str:
    return _LETTER_GAP.join(f"[{re.escape(_LOOKALIKES.get(char, char))}]" for char in name)


_PLATFORM = (  # matched against the lower-cased text; "x" only where it was "X"
    "(?:" + "|".join(_disguised(name) for name in _PLATFORM_NAMES) + r"|tik tok|ig|fb)(?![a-z])"
    r"|x(?![a-z0-9])"
    r"|ライン|らいん|ライソ|らいそ|インスタ(?:グラム)?|いんすた|ツイッター|ついったー|ティックトック"
    r"|ティクトク|スナップ(?:チャット)?|スナチャ|ディスコード|ディスコ|でぃすこ|フェイスブック"
    r"|エックス|カカオ(?:トーク)?|かかお|テレグラム|ユーチューブ"
)
_ACCOUNT_WORD = (
    r"id|account|acct|handle|username|user ?name|name"
    r"|アカウント|アカ|垢|ユーザー名|ユーザーネーム|ユーザ名|ネーム|アイディー?"
)
# An id introduced without a platform: "IDは taro_0101 です", "ID: taro99", "my id is
# taro99", "ユーザー名はhana".
_ID_INTRODUCED = re.compile(
    r"(?<![a-z0-9])(?:id|user ?id|user ?name|username|アイディー?|ユーザー?名|ユーザーネーム"
    r"|アカウント名?|アカ名|垢名?)\s*(?P<mark>[:：=→]|->|は|is)\s*"
    r"@?(?P<id>[a-z0-9_][a-z0-9_.\-]{1,29})(?![a-z0-9_])"
)
_MESSENGER_ID = re.compile(
    rf"(?P<platform>{_PLATFORM})\s*(?:'s\s*)?(?:"
    # "LINE ID: abc123", "ラインのIDはabc123", "instagram handle is jane.doe"
    rf"(?P<strong>の?\s*(?:{_ACCOUNT_WORD}))\s*(?:[:：=]|is|は|→|->)?\s*"
    # "my insta is jane.doe99", "LINE: abc_1" (only ids that look like ids, below)
    r"|(?P<mark>[:：=→]|->|is|は|で|やってる|やってます|やってるよ)\s*"
    # "add me on LINE taro_0101", "LINEやってる？taro_0101だよ": an id-looking word a few
    # characters after the platform's name (checked below: letters and digits or "_").
    r"|(?P<loose>[^\n@]{0,12}?)(?<![a-z0-9_.])"
    r"(?=@?[a-z0-9_.\-]*[0-9_])(?=@?[a-z0-9_.\-]*[a-z])"
    r")@?(?P<id>[a-z0-9_][a-z0-9_.\-]{1,29})(?![a-z0-9_])"
)
# Discord's name#1234.
_DISCORD_TAG = re.compile(r"(?<![a-z0-9_.#])[a-z0-9_.]{2,32}#[0-9]{4}(?![0-9])")
_NOT_IDS = {"private", "secret", "please", "here", "below", "above", "later", "none", "what"}
_ID_LABEL_MARKS = {":", "：", "=", "→", "->"}
_CLAUSE_END = re.compile(r"\s*(?:[.,!?;:)\]」。、！？）]|\n|$)")
# Platform names that are also everyday words ("the first line: hello"): a colon after
# them labels nothing by itself.
_PLATFORMS_THAT_ARE_WORDS = {"line", "ライン", "らいん", "x", "ig", "fb", "snap"}
# Ordinals, times, ages and sizes mix letters and digits too: "the line was long, 2nd
# time", "LINE at 10pm", "no signal, 4g".
_NOT_ID_SHAPE = re.compile(
    r"[0-9]+(?:st|nd|rd|th|am|pm|yo|yrs?|g|h|hrs?|mins?|kg|km|cm|mm|m|s|x|k|gb|mb|p|d|w)"
)


def _find_handles(normalised: _Normalised) -> Iterator[Span]:
    text = normalised.lower
    for match in _MESSENGER_ID.finditer(text):
        start = match.start()
        if start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
            continue  # "online", "big": not a platform's name
        x = match.group("platform") == "x"
        if x and normalised.text[start] != "X":
            continue
        handle = match.group("id").rstrip(".-")
        if handle in _NOT_IDS:
            continue
        if match.group("loose") is not None and not (
            re.search(r"[a-z]", handle) and re.search(r"[0-9_]", handle)
        ):
            continue  # loosely placed: only a clear id (letters with digits or "_")
        if match.group("strong") is None:
            if _NOT_ID_SHAPE.fullmatch(handle):
                continue
            # Without a word such as "ID" or "account", only something that looks like an
            # id is one: "Instagram is toxic" and "X: 10.5" stay as written. A colon right
            # after a platform that is no ordinary word is the id's label: "kik: johndoe".
            if x or not re.search(r"[a-z]", handle):
                continue
            labelled = (
                match.group("mark") in _ID_LABEL_MARKS
                and match.group("platform") not in _PLATFORMS_THAT_ARE_WORDS
                # the label's whole value: "instagram: everyone looks…" is a sentence
                and _CLAUSE_END.match(text, match.start("id") + len(handle)) is not None
            )
            if not labelled and not re.search(r"[0-9_.]", handle):
                continue
        id_start = match.start("id")
        yield (id_start - 1 if text[id_start - 1] == "@" else id_start), id_start + len(handle)
    for match in _ID_INTRODUCED.finditer(text):
        handle = match.group("id").rstrip(".-")
        if handle in _NOT_IDS or len(handle) < 3:
            continue
        # After "is", only what looks like an id ("my ID is expired" stays).
        if match.group("mark") == "is" and not (
            re.search(r"[a-z]", handle) and re.search(r"[0-9_.]", handle)
        ):
            continue
        id_start = match.start("id")
        yield (id_start - 1 if text[id_start - 1] == "@" else id_start), id_start + len(handle)
    if "@" in text:
        for match in _AT_HANDLE.finditer(text):
            yield match.span()
    if "#" in text:
        for match in _DISCORD_TAG.finditer(text):
            yield match.span()


# --- Names -------------------------------------------------------------------------------


# Words that follow "my name is" / "call me" / "this is" without being names, and (the
# Japanese ones) questions, refusals and everyday words in name positions.
_NOT_NAMES = _words(
    "a an the not no so just really very too kind sort what who called in at on and but or",
    "i im i'm me my you your it its it's is here there back now today tomorrow tonight",
    "later again please thanks thank sorry hi hello hey ok okay yes yeah anonymous crazy",
    "stupid whatever nobody nothing someone somebody anyone anybody god secret private",
    "unknown important irrelevant hard difficult bad good fine weird scary awful terrible",
    "english japanese because if when how why where monday tuesday wednesday thursday",
    "friday saturday sunday january february march april may june july august september",
    "october november december",
    "going trying feeling alone scared tired sad depressed lonely afraid done lost worried",
    "ashamed sick hurt broken home sure glad happy angry confused desperate suicidal",
    "christian muslim buddhist gay lesbian bi trans straight single married pregnant",
    "american british australian canadian chinese korean asian",
    # States and feelings a capital letter can fall on ("I'm Exhausted", "I'm Still here").
    "still having gonna getting exhausted numb hopeless worthless useless stuck anxious",
    "overwhelmed stressed empty nervous alright always never only about also kinda",
    "literally honestly actually probably definitely almost finally currently seriously",
    "new old young fat ugly dumb weak strong ready late early awake up out off over down",
    "afraid upset mad fed sleepy hungry bored busy free safe unsafe better worse worst",
    "after by bus train car foot myself yourself everyone everything all both",
    "何 なに なん 秘密 ひみつ 内緒 ないしょ ない なし 無し 不明 まだ 言えない いえない",
    "ありがとう ごめん ごめんなさい すみません はい いいえ うん いや だめ 無理 むり 嫌",
    "好き 大丈夫 助けて たすけて おはよう こんにちは こんばんは さようなら バイバイ",
    "そう いつも ずっと もう いちに",
    # Feelings said with です (はじめまして。つらいです).
    "つらい こわい さびしい さみしい ねむい くるしい しんどい いたい かなしい むなしい",
    "きつい だるい うざい きもい やばい ひどい",
)
# Given names and family names common among this service's users, for the lower-case
# chat that never capitalises ("im sarah", "call me kenta"): only these are names then.
# Names that are also everyday words (Hope, Joy, Will, May, Mark, Sky, Ai) are left out.
_GIVEN_NAMES = _words(
    "sarah emily emma olivia sophia sophie ava mia isabella chloe grace lily ella hannah",
    "jessica ashley amanda megan lauren rachel rebecca samantha nicole stephanie jennifer",
    "michelle laura kate katie kathy amy anna annie alice lucy sara jane mary lisa linda",
    "karen susan nancy betty helen emma zoe zoey madison abigail natalie victoria julia",
    "jasmine kayla alexis brianna taylor morgan jordan riley avery harper evelyn amelia",
    "james john robert michael william david richard joseph thomas charles chris christopher",
    "daniel matthew anthony steven andrew joshua kevin brian george edward ryan jacob",
    "ethan noah liam mason logan lucas oliver elijah aiden jackson sebastian henry owen",
    "tom tommy bobby kenny danny johnny mike jim jimmy joe ben sam alex josh nick tyler",
    "brandon justin kyle eric adam nathan aaron zach zachary dylan connor luke jason sean",
    "marcus carlos juan luis jose maria sofia camila valentina lee kim min jin",
    "taro hanako kenta yuki yuka yui yuna hina haruto sota yuto riku ren hinata yuma",
    "sakura misaki ayaka aya mao miki mika saki rina nana kana yuko yoko keiko akiko",
    "takeshi hiroshi satoshi kenji ichiro daiki daisuke shota ryota kaito haruka natsuki",
    "kaori megumi ayumi tomoko naoko emi kaede miyu moe yuzu kotone koharu himari",
    "tanaka sato suzuki takahashi watanabe ito yamamoto nakamura kobayashi kato yamada",
    "sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda",
)
_NOT_NAMES_HIRAGANA = tuple(word for word in _NOT_NAMES if re.fullmatch(f"[{_HIRAGANA}]+", word))
# Words before さん/ちゃん/くん/先生 that are family, roles or set phrases, not names.
_NOT_NAMES_BEFORE_HONORIFIC = _words(
    "母 父 姉 兄 妹 弟 婆 爺 祖母 祖父 叔母 叔父 伯母 伯父 嫁 婿 娘 息子 孫 旦那 夫 妻 奥 親",
    "親戚 赤 皆 諸 彼 彼女 彼氏 友達 近所 隣 相手 先方 客 神 仏 王 担任 保健 学校 高校 中学",
    "小学校 塾 大学 病院 主治医 校長 教頭 上司 部長 課長 社長 店長 監督 警察 医者 看護師",
    "かあ とう ねえ にい ばあ じい おかあ おとう おねえ おにい おばあ おじい おば おじ みな",
    "みんな たく あか おまわり おいしゃ おきゃく",
    "ママ パパ カウンセラー スタッフ ドクター セラピスト ナース ヘルパー サンタ",
)
# Occupations (本屋さん, 店員さん, 看護師さん, 運転手さん) end in one of these.
_OCCUPATION_ENDINGS = tuple("屋員師者官長手士業")

_WORD = rf"[{_LATIN}][{_LATIN}'’\-]*"
_JA_RUN = rf"[{_KANJI}{_KATAKANA}]{{1,8}}"
_PHRASE_NAME = rf"(?P<name>{_WORD}|{_JA_RUN})(?:\s+(?P<more>{_WORD}))?"
# Matched against the lower-cased text; capitals are checked in the original (below).
_ENGLISH_NAME_PHRASES = re.compile(
    rf"(?:(?P<any_case>(?:my\s+|the\s+)?(?:(?:first|real|full|last|given|middle|nick|sur)\s*)?"
    rf"name\s*(?:is|['’]s|[:：=])|i\s*['’]?\s*a?m\s+called"
    rf"|(?:they|people|everyone|everybody|friends)\s+call\s+me|named\s+me)"
    # "call me tomorrow", "this is hard", "Dr. who?": only a capitalised word is a name,
    # or one of the common names above ("call me sarah").
    rf"|call\s+me|this\s+is|i\s*['’]\s*m|i\s+am|im|i\s+go\s+by|it\s*['’]?s"
    rf"|(?:mr|mrs|ms|miss|mx|dr|prof)\.?)\s+{_PHRASE_NAME}(?![{_LATIN}])"
)

# A Japanese name: a run of kanji/katakana/Latin letters not continuing a longer run, or
# two to five hiragana after a boundary or a particle.
_JA_LEFT = r"\s、。，．！？!?,.「」『』（）()・:：はがもとのにを"
_JA_NAME = (
    rf"(?:(?<![{_KANJI}{_KATAKANA}{_LATIN}0-9])[{_KANJI}{_KATAKANA}{_LATIN}]{{1,8}}"
    rf"(?:[ \t][{_KANJI}{_KATAKANA}{_LATIN}]{{1,8}})?"
    rf"|(?<![^{_JA_LEFT}])[{_HIRAGANA}]{{2,5}}?)"
)
_JA_NAME_WORDS = (
    "名前",
    "なまえ",
    "本名",
    "ほんみょう",
    "名字",
    "苗字",
    "みょうじ",
    "フルネーム",
    "あだ名",
    "あだな",
    "ニックネーム",
    "呼び名",
)
_JA_INTRODUCTIONS = (
    "いいます",
    "言います",
    "申します",
    "もうします",
    "呼んで",
    "よんで",
    "呼ばれ",
    "よばれ",
)
# 私は田中です / 僕はけんただよ: what follows "I am" is a name unless it says what one
# is (a student, a woman, fine): those words, and words ending like them, are kept.
_JA_SELF = ("私", "わたし", "僕", "ぼく", "俺", "おれ", "あたし", "うち", "自分")
# はじめまして、田中です: a greeting, then the name.
_JA_GREETINGS = ("はじめまして", "初めまして", "こんばんは", "こんにちは", "どうも")
_JA_SELF_NOT_NAMES = _words(
    "学生 高校生 中学生 小学生 大学生 社会人 女 男 女性 男性 女子 男子 主婦 無職 会社員 一人",
    "元気 平気 大丈夫 本気 本当 普通 病気 バカ ダメ ひとり だめ むり",
    # What people say they are or feel (私は不安です, 私はクズです): not names.
    "不安 心配 鬱 うつ 躁 病人 障害者 発達 不登校 引きこもり ひきこもり ニート フリーター",
    "バイト パート クズ ゴミ カス ブス デブ ハゲ アホ あほ ばか 役立たず 邪魔 迷惑 不要",
    "不幸 幸せ 孤独 独り ぼっち ボッチ 限界 最悪 最低 真剣 必死 正直 素直 変 変人 異常",
    "陰キャ 陽キャ オタク ヲタク ゲイ レズ バイ ハーフ 外国人 日本人 長男 長女 次男",
    "次女 末っ子 一人っ子 母親 父親 母 父 妻 夫 娘 息子 姉 兄 妹 弟 ママ パパ 親 独身",
    "既婚 妊婦 受験生 浪人 新人 年上 年下 未成年 大人 子供 子ども こども 女の子 男の子",
    "そう ここ どこ 何 誰 だれ 嫌 嫌い 好き 無事 安全 危険 自由 暇 ひま 被害者 加害者",
    "味方 敵 反対 賛成 担当 初めて はじめて 初心者 明日 今日 今 いま もう まだ 無理",
    "メンヘラ ぶす でぶ ぼっち へいき げんき ダメ人間 ひとりぼっち 一人ぼっち 人間",
    "すみません ごめんなさい よろしく お願いします 妊娠中 仕事中 入院中 休職中 治療中",
    "通院中 勉強中 休学中 失業中 家出中 家庭 母子家庭 父子家庭",
)
# Words ending like these say what someone is (学生, 会社員, 妊娠中, うつ病, 依存症, 人間).
# (Not 中 or 間: 田中, 本間.)
_JA_SELF_NOT_ENDINGS = tuple("生人員者婦職歳才気病症供態感的")
_JA_NAME_ENDING = r"(?=\s*(?:です|でした|だよ|だ|っていいます|といいます|と申します|。|！|!|$))"
_JAPANESE_NAME_PHRASES = [
    # 私は田中です / 僕、けんただよ
    (
        _JA_SELF,
        # (うち after a kana is そのうち, "soon", not "I".)
        re.compile(
            rf"(?:{'|'.join(_JA_SELF)})(?<![{_HIRAGANA}]うち)(?:は|、|,)\s*"
            rf"(?P<name>{_JA_NAME}){_JA_NAME_ENDING}"
        ),
    ),
    (
        _JA_GREETINGS,
        re.compile(
            rf"(?:{'|'.join(_JA_GREETINGS)})[、。,.!！\s]*(?P<name>{_JA_NAME}){_JA_NAME_ENDING}"
        ),
    ),
    # 私の名前は田中です / なまえ：さくら / 本名は山田花子 / 苗字、山田です
    (
        _JA_NAME_WORDS,
        re.compile(
            rf"(?:{'|'.join(_JA_NAME_WORDS)})\s*(?:は|:|：|、|,|→|=|って)\s*(?P<name>{_JA_NAME})"
            r"(?=\s*(?:です|でした|だよ|だ|って|と|。|、|！|!|？|\?|\.|,|\s|$))"
        ),
    ),
    # 田中といいます / さくらと申します / ゆうって呼んで
    (
        _JA_INTRODUCTIONS,
        re.compile(rf"(?P<name>{_JA_NAME})\s*(?:と|って)\s*(?:{'|'.join(_JA_INTRODUCTIONS)})"),
    ),
]
_HONORIFICS = ("さん", "くん", "君", "ちゃん", "先生", "せんせい", "先輩", "せんぱい")
_HONORIFIC = re.compile(rf"(?P<name>{_JA_NAME})(?P<honorific>{'|'.join(_HONORIFICS)})")

# Words in Latin (and Greek, Cyrillic) script, for matching known names word by word.
_NAME_TOKEN = re.compile(r"[0-9a-z_\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")
_NAME_GAP = re.compile(r"[\s\-'’.]{1,3}")


@dataclass(frozen=True)
class _KnownNames:
    # First word (lower case) -> the names starting with it, as words, longest first.
    latin: dict[str, list[tuple[str, ...]]]
    japanese: re.Pattern[str] | None

    def find(self, normalised: _Normalised) -> Iterator[Span]:
        text = normalised.lower
        if self.latin and not self.latin.keys().isdisjoint(_NAME_TOKEN.findall(text)):
            yield from self._find_latin(text)
        if self.japanese is not None:
            for match in self.japanese.finditer(text):
                yield match.span()

    def _find_latin(self, text: str) -> Iterator[Span]:
        tokens = list(_NAME_TOKEN.finditer(text))
        for index, token in enumerate(tokens):
            candidates = self.latin.get(token.group())
            if not candidates or (token.start() > 0 and text[token.start() - 1] in "'’"):
                continue  # "Neil" in "O'Neil" is not Neil
            for words in candidates:
                following = tokens[index : index + len(words)]
                if self._spells(text, following, words):
                    yield token.start(), following[-1].end()
                    break

    @staticmethod
    def _spells(text: str, tokens: list[re.Match[str]], words: tuple[str, ...]) -> bool:
        if len(tokens) != len(words):
            return False
        if any(token.group() != word for token, word in zip(tokens, words, strict=True)):
            return False
        return all(
            _NAME_GAP.fullmatch(text, before.end(), after.start())
            for before, after in pairwise(tokens)
        )


@lru_cache(maxsize=16)
def _known_names(names: tuple[str, ...]) -> _KnownNames:
    latin: dict[str, set[tuple[str, ...]]] = {}
    japanese: set[str] = set()
    for raw in names:
        name = unicodedata.normalize("NFKC", raw or "").strip().lower()
        if sum(char.isalnum() for char in name) < 2 or not any(char.isalpha() for char in name):
            continue
        if _CJK.search(name):
            # Japanese has no spaces between words: a name matches wherever it appears.
            japanese.add(r"\s*".join(re.escape(word) for word in name.split()))
        else:
            words = tuple(_NAME_TOKEN.findall(name))
            if words:
                latin.setdefault(words[0], set()).add(words)
    # Longest first, so "Jane Smith" and "山田花子" are replaced whole, not "Jane", "山田".
    ordered = {
        first: sorted(found, key=lambda words: (-len(words), words))
        for first, found in latin.items()
    }
    pattern = None
    if japanese:
        pattern = re.compile("|".join(sorted(japanese, key=lambda p: (-len(p), p))))
    return _KnownNames(latin=ordered, japanese=pattern)


_NOT_NAME_ENDINGS = ("ing", "less", "ful", "ous", "ness", "ated", "ied")


def _is_name(word: str) -> bool:
    word = word.lower().replace("’", "'").removesuffix("'s")  # "This is Tuesday's…"
    if word in _NOT_NAMES:
        return False
    if word.isascii() and len(word) > 4 and word.endswith(_NOT_NAME_ENDINGS):
        return False  # "I'm Struggling", "I am Hopeless"
    # "まだない", "ないです": hiragana that starts or ends with an everyday word.
    return not (
        re.fullmatch(f"[{_HIRAGANA}]+", word)
        and (word.startswith(_NOT_NAMES_HIRAGANA) or word.endswith(_NOT_NAMES_HIRAGANA))
    )


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper()


def _find_english_names(normalised: _Normalised) -> Iterator[Span]:
    original = normalised.text
    for match in _ENGLISH_NAME_PHRASES.finditer(normalised.lower):
        start = match.start()
        if start > 0 and original[start - 1].isalpha():
            continue  # "Tom" after "custom": a phrase starts a word
        name = original[match.start("name") : match.end("name")]
        any_case = match.group("any_case") is not None
        known = name.lower() in _GIVEN_NAMES
        if not _is_name(name) or not (any_case or known or _capitalised(name) or _CJK.search(name)):
            continue
        if match.group().startswith("it") and not known:
            continue  # "it's Sarah" names someone, "it's Monday" does not: common names only
        end = match.end("name")
        more = match.group("more")
        more_original = original[match.start("more") : match.end("more")] if more else ""
        if more and _is_name(more) and (_capitalised(more_original) or more in _GIVEN_NAMES):
            end = match.end("more")
        yield match.start("name"), end


def _find_names(normalised: _Normalised, known: _KnownNames) -> Iterator[Span]:
    yield from known.find(normalised)
    yield from _find_english_names(normalised)
    text = normalised.text
    for hints, pattern in _JAPANESE_NAME_PHRASES:
        if any(hint in text for hint in hints):
            for match in pattern.finditer(text):
                name = match.group("name")
                if (
                    hints is not _JA_NAME_WORDS
                    and hints is not _JA_INTRODUCTIONS
                    and (
                        name in _JA_SELF_NOT_NAMES
                        or name.endswith(_JA_SELF_NOT_ENDINGS)
                        or "ー" in name  # ハーフ, メンヘラー: rarely a given name
                        or (len(name) > 2 and name.isascii() and name.isupper())  # ADHD
                    )
                ):
                    continue
                if _is_name(name):
                    yield match.span("name")
    if any(honorific in text for honorific in _HONORIFICS):
        for match in _HONORIFIC.finditer(text):
            if _is_honorific_name(text, match):
                yield match.span("name")


def _is_honorific_name(text: str, match: re.Match[str]) -> bool:
    name, honorific, start = match.group("name"), match.group("honorific"), match.start()
    if name in _NOT_NAMES_BEFORE_HONORIFIC or not _is_name(name):
        return False
    if name.endswith(_OCCUPATION_ENDINGS):
        return False
    # お母さん, ご主人さん, 御嬢さん: a prefixed common noun, never a name.
    if start > 0 and text[start - 1] in "おご御":
        return False
    hiragana = bool(re.fullmatch(f"[{_HIRAGANA}]+", name))
    if hiragana and honorific == "君":
        return False  # "でも君は…": 君 is "you"
    # ちゃんと ("properly") is far more common than a hiragana or kanji name before ちゃん.
    katakana_or_latin = bool(re.fullmatch(f"[{_KATAKANA}{_LATIN} ]+", name))
    return not (
        honorific == "ちゃん" and text.startswith("と", match.end()) and not katakana_or_latin
    )


# --- Public API --------------------------------------------------------------------------


def deidentify(text: str, *, names: Iterable[str] = ()) -> str:
    """Replace URLs, emails, phone numbers, handles and detectable names in `text`.

    `names` are known names (staff display and first names), replaced wherever they
    appear: as whole words in any case in Latin script, anywhere in Japanese. Pass the
    same tuple each time to reuse the prepared names across calls.
    """
    if not text:
        return text
    known = _known_names(names if isinstance(names, tuple) else tuple(names))
    passes: list[tuple[Finder, str]] = [
        (_find_urls, URL),
        (_find_emails, EMAIL),
        (_find_phones, PHONE),
        (_find_handles, HANDLE),
        (lambda normal: _find_names(normal, known), NAME),
    ]
    normalised = _Normalised(text)
    for finder, placeholder in passes:
        replaced = _replace(text, normalised, finder, placeholder)
        if replaced is not text:
            text, normalised = replaced, _Normalised(replaced)
    return text


class Pseudonymizer:
    """Maps real ids to random ids for one export. Call it with a real id; `None` maps
    to an empty string. The random ids come from `secrets`, not from the real id."""

    def __init__(self, *, prefix: str = "", nbytes: int = 8) -> None:
        self._prefix = prefix
        self._nbytes = nbytes
        self._ids: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, real_id: object) -> str:
        if real_id is None:
            return ""
        key = str(real_id)
        pseudonym = self._ids.get(key)
        if pseudonym is None:
            pseudonym = self._prefix + secrets.token_hex(self._nbytes)
            while pseudonym in self._used:
                pseudonym = self._prefix + secrets.token_hex(self._nbytes)
            self._ids[key] = pseudonym
            self._used.add(pseudonym)
        return pseudonym

    def __contains__(self, real_id: object) -> bool:
        return str(real_id) in self._ids

    def __len__(self) -> int:
        return len(self._ids)


def pseudonymizer(*, prefix: str = "") -> Pseudonymizer:
    """A fresh mapping from real ids to random ids, for one export."""
    return Pseudonymizer(prefix=prefix)
