"""Normalisation before any rule or model: one place that turns what people type into the
forms the rules and the model are written for, and remembers where each character came from.

Steps, in order (each is documented where it is defined):
1. Unicode NFKC per character (full-width "ＯＤ" → "od", half-width "ｼﾞｻﾂ" → "ジサツ"),
   lower case, and katakana folded to hiragana ("ジサツ" → "じさつ") so one pattern matches
   every script a Japanese writer may choose.
2. Letters disguised as digits or symbols inside a word ("k!ll", "d1e", "su1c1de").
3. Letters spaced out or dotted ("k i l l  m y s e l f", "s.u.i.c.i.d.e").
4. Stretched letters ("diiiie", "pleeeease", "しにたぁぁい") and slight misspellings of key
   words ("sucide", "myslef", "overdoes").
5. The slang and euphemism dictionaries (slang/en.tsv, slang/ja.tsv): "kms" → "kill
   myself", "unalive", "permanent nap", タヒ, しにてぇ, romaji "shinitai" …

Every normalised character keeps the [start, end) span of the original text it came from,
so evidence found in the normalised text still points at the words the person wrote.
Pure and fast: no Django, tables compiled once per process.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from triage.engine.prefilter import Gate, LiteralScan

SLANG_DIR = Path(__file__).resolve().parent / "slang"

_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6  # ァ … ヶ; ヷ-ヺ and ー have no hiragana twin
_KANA_OFFSET = 0x60
# Marks that belong to the character before them (half-width ﾞﾟ, combining accents).
_HALFWIDTH_MARKS = frozenset("\uff9e\uff9f\u3099\u309a\u309b\u309c")


@dataclass(frozen=True)
class Normalised:
    """A text after normalisation, with the original span of each of its characters."""

    source: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind text[start:end]."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else len(self.source)
            return position, position
        return self.starts[start], self.ends[end - 1]


def fold_kana(text: str) -> str:
    """Katakana to hiragana (カタカナ → かたかな); everything else unchanged."""
    return "".join(
        chr(ord(c) - _KANA_OFFSET) if _KATAKANA_START <= ord(c) <= _KATAKANA_END else c
        for c in text
    )


def fold_pattern(pattern: str) -> str:
    """A Japanese rule pattern folded like the text it will be matched against (NFKC, lower
    case, kana), so rules may be written in whichever script reads best."""
    return fold_kana(unicodedata.normalize("NFKC", pattern)).lower()


# ---------------------------------------------------------------------------------------
# The pieces: a text under construction with its map back to the source.
# ---------------------------------------------------------------------------------------


class _Draft:
    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends

    def rewrite(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> None:
        """Replace each match of pattern by replace(match), keeping the map. A replacement
        of the same length maps character to character; any other maps every new character
        to the whole original span of the match."""
        if pattern.search(self.text) is None:
            return
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            lo, hi = match.span()
            new = replace(match)
            if new == match.group() or hi == lo:
                continue
            parts.append(self.text[last:lo])
            starts.extend(self.starts[last:lo])
            ends.extend(self.ends[last:lo])
            if len(new) == hi - lo:
                starts.extend(self.starts[lo:hi])
                ends.extend(self.ends[lo:hi])
            else:
                starts.extend([self.starts[lo]] * len(new))
                ends.extend([self.ends[hi - 1]] * len(new))
            parts.append(new)
            last = hi
        parts.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        self.text = "".join(parts)
        self.starts = starts
        self.ends = ends


def _invisible(char: str) -> bool:
    """A format character, or an accent on a Latin letter (Japanese marks are composed by
    NFKC before this is asked)."""
    return unicodedata.category(char) == "Cf" or (
        unicodedata.combining(char) != 0 and char < "\u3000"
    )


def _characters(text: str) -> _Draft:
    """Step 1: NFKC, lower case and kana folding, one original character (with its marks)
    at a time so each output character knows its source."""
    if text.isascii() and text.isprintable():
        n = len(text)
        return _Draft(text.lower(), list(range(n)), list(range(1, n + 1)))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (text[j] in _HALFWIDTH_MARKS or unicodedata.combining(text[j])):
            j += 1
        chunk = text[i:j]
        if not chunk.isascii():
            chunk = fold_kana(unicodedata.normalize("NFKC", chunk))
            # Invisible format characters (zero-width space, joiner, soft hyphen) and
            # accents left over on Latin letters hide words from the rules: "k​ill",
            # "t̃ook".
            chunk = "".join(
                c
                for c in chunk
                if unicodedata.category(c) != "Cf"
                and not (unicodedata.combining(c) and c < "\u3000")
            )
        chunk = chunk.lower()
        parts.append(chunk)
        starts.extend([i] * len(chunk))
        ends.extend([j] * len(chunk))
        i = j
    return _Draft("".join(parts), starts, ends)


# ---------------------------------------------------------------------------------------
# Step 2: disguised letters.
# ---------------------------------------------------------------------------------------

_LEET = {"0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "4": "a", "@": "a", "$": "s", "5": "s"}
# Only between two letters ("d1e", "k!ll"), or "$" opening a word ("$uicide"), so amounts,
# times and doses ("50 pills", "20 min", "2am") are never touched.
_LEET_RE = re.compile(r"(?<=[a-z])[0134@$5!|](?=[a-z])|(?<![\w$])\$(?=[a-z]{3})")
# A whole word written in digits for letters ("t00k 4ll th3 p1lls"): read as letters only
# where that gives a word the rules are written in, so "2am", "10mg", "4ever" and "1st"
# stay as they are.
_LEET_WORD_RE = re.compile(r"\b(?=[a-z0134]*[a-z])(?=[a-z]*[0134])[a-z0134]{2,}\b")
_LEET_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a"})


def _leet_word(match: re.Match[str]) -> str:
    word = match.group()
    for candidate in (word.translate(_LEET_DIGITS), word.replace("1", "l").translate(_LEET_DIGITS)):
        if candidate in _vocabulary():
            return candidate
    return word


# "*", "#" and "." standing for one letter inside a key word ("k*ll", "su*cide", "d.e").
_MASK_RE = re.compile(r"\b[a-z]+(?:[*#][a-z]*)+\b|\b[a-z]{1,3}\.[a-z]{1,3}\b")


# ---------------------------------------------------------------------------------------
# Step 3: spaced letters.
# ---------------------------------------------------------------------------------------

# Three or more single letters separated by one space, dot, dash, underscore or star.
_SPACED_RE = re.compile(r"(?<![\w])(?:[a-z][ .\-_*·]){2,}[a-z](?![\w])")
_SPACED_LETTERS_RE = re.compile(r"[a-z]")


# ---------------------------------------------------------------------------------------
# Step 4: stretched letters and misspelled key words.
# ---------------------------------------------------------------------------------------

# A word with a letter three times or more in a row ("diiiie", "byeeee").
# Tried from the start of a word only: from every letter, a long run of letters without a
# tripled one costs time in the square of its length ("ab" × 10,000 took half a second).
_STRETCHED_WORD_RE = re.compile(r"(?<![a-z])[a-z]*([a-z])\1\1[a-z]*")
_RUN_RE = re.compile(r"([a-z])\1{2,}")
_LONG_WORD_RE = re.compile(r"[a-z]{6,}")
# Japanese: a run of long-vowel marks or wave dashes, or the same kana three times.
_STRETCH_JA_RE = re.compile(r"([ー〜~])\1+|([\u3041-\u3096])\2{2,}")

# Key words people misspell in distress; a token one edit away (two for long words) from
# one of these, and not itself a common word, is read as the key word. Short words (die,
# kill) are left out: one edit from them lands on too many ordinary words.
KEY_WORDS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "myself",
    "overdose",
    "overdosed",
    "overdosing",
    "goodbye",
    "tonight",
    "anymore",
    "everything",
    "everyone",
    "bleeding",
    "hanging",
    "unalive",
    "paracetamol",
    "ibuprofen",
    "medication",
    "painkillers",
    "sleeping",
    "kill myself",
)
# Real words one edit from a key word, never to be "corrected".
_NOT_TYPOS = frozenset(
    {
        "banging",
        "hanging",
        "ganging",
        "sleepin",
        "bleeting",
        "tonights",
        "everyones",
        "itself",
        "herself",
        "himself",
        "yourself",
        "thyself",
        "oneself",
        "goodbyes",
        "weeping",
        "sweeping",
        "keeping",
        "seeping",
        "sleeping",
        "leading",
        "breeding",
        "feeding",
        "needing",
        "heeding",
        "bleeding",
        "changing",
        "handing",
        "hanking",
        "mashing",
    }
)


def _mask_words() -> tuple[str, ...]:
    return (
        "kill",
        "killing",
        "die",
        "dying",
        "dead",
        "death",
        "suicide",
        "suicidal",
        "myself",
        "overdose",
        "cut",
        "cutting",
        "hang",
        "self",
        "harm",
        "rope",
        "pills",
        "unalive",
    )


@lru_cache(maxsize=1)
def _deletion_index() -> dict[str, str]:
    """SymSpell-style index: each key word and its one-letter deletions → the key word."""
    index: dict[str, str] = {}
    for word in KEY_WORDS:
        if " " in word:
            continue
        index.setdefault(word, word)
        for i in range(len(word)):
            index.setdefault(word[:i] + word[i + 1 :], word)
    return index


def correct_key_word(token: str) -> str | None:
    """The key word a misspelled token stands for, or None (also for correct words)."""
    if len(token) < 6 or token in _NOT_TYPOS:
        return None
    index = _deletion_index()
    if token in index and index[token] == token:
        return None
    candidates: set[str] = set()
    if token in index:
        candidates.add(index[token])  # a letter dropped ("sucide")
    for i in range(len(token)):
        deleted = token[:i] + token[i + 1 :]
        hit = index.get(deleted)
        if hit is not None:
            candidates.add(hit)  # a letter added, changed or swapped ("myslef")
    candidates = {c for c in candidates if abs(len(c) - len(token)) <= 1}
    return min(candidates) if len(candidates) == 1 else None


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Words the rules are written in (for repairing stretched words): every word of the
    English rule patterns and the lexicon, plus the key words."""
    from triage.engine.rules import en as rules_en
    from triage.engine.rules.matching import lexicon_phrases

    words: set[str] = set(KEY_WORDS) | set(_mask_words())
    for rule in rules_en.RULES_EN:
        words.update(re.findall(r"[a-z]{2,}", rule.pattern.lower()))
    for phrases in lexicon_phrases().values():
        for phrase in phrases:
            words.update(re.findall(r"[a-z]{2,}", phrase.lower()))
    words.update(_SHORT_WORDS)
    return frozenset(words)


# Chat words that come out stretched ("nooo", "byeee", "pleeease", "sooo").
_SHORT_WORDS = frozenset(
    {"no", "so", "bye", "please", "help", "me", "done", "sorry", "tired", "alone", "why", "ok"}
)


def _unstretch(word: str) -> str:
    """A stretched word ("diie" after collapsing "diiiie", "pleease") back to the word the
    rules know, trying each doubled letter once; unknown words keep their doubles."""
    vocabulary = _vocabulary()
    if word in vocabulary:
        return word
    doubles = [i for i in range(len(word) - 1) if word[i] == word[i + 1]]
    for i in doubles:
        candidate = word[:i] + word[i + 1 :]
        if candidate in vocabulary:
            return candidate
    if len(doubles) >= 2:
        candidate = re.sub(r"([a-z])\1", r"\1", word)
        if candidate in vocabulary:
            return candidate
    return word


# ---------------------------------------------------------------------------------------
# Step 5: the slang and euphemism dictionaries.
# ---------------------------------------------------------------------------------------


class _Dictionary:
    """The slang entries, each compiled once; only those whose required words occur in
    the text run, one after another in file order (more specific entries come first)."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        self.patterns = tuple(re.compile(p) for p, _ in entries)
        self.replacements = tuple(c for _, c in entries)
        self.scan = LiteralScan([Gate.of(p) for p, _ in entries])

    def rewrite(self, draft: _Draft) -> None:
        for index in self.scan.open_gates(draft.text):
            draft.rewrite(self.patterns[index], _constant(self.replacements[index]))


def _constant(canonical: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: canonical


def _read_dictionary(path: Path, *, japanese: bool) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, _, rest = line.partition("\t")
        canonical = rest.split("\t", 1)[0]
        if japanese:
            pattern, canonical = fold_pattern(pattern), fold_pattern(canonical)
        entries.append((pattern, canonical))
    return entries


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    entries = _read_dictionary(SLANG_DIR / "en.tsv", japanese=False) + _read_dictionary(
        SLANG_DIR / "ja.tsv", japanese=True
    )
    return _Dictionary(entries)  # a broken entry fails here, at start-up


def warm_up() -> None:
    _dictionary()
    _vocabulary()
    _deletion_index()


# ---------------------------------------------------------------------------------------
# normalise()
# ---------------------------------------------------------------------------------------


def normalise(text: str) -> Normalised:
    """The normalised text and its map back to text (see the module docstring)."""
    draft = _characters(text)
    draft.rewrite(_LEET_RE, lambda m: _LEET.get(m.group(), "s"))
    draft.rewrite(_LEET_WORD_RE, _leet_word)
    draft.rewrite(_MASK_RE, _unmask)
    draft.rewrite(_SPACED_RE, _unspace)
    draft.rewrite(_STRETCHED_WORD_RE, lambda m: _unstretch(_RUN_RE.sub(r"\1\1", m.group())))
    draft.rewrite(_LONG_WORD_RE, lambda m: correct_key_word(m.group()) or m.group())
    draft.rewrite(_STRETCH_JA_RE, lambda m: m.group(1) or m.group(2))
    _dictionary().rewrite(draft)
    return Normalised(text, draft.text, tuple(draft.starts), tuple(draft.ends))


def _unmask(match: re.Match[str]) -> str:
    token = match.group()
    letters = len(token.replace("*", "").replace("#", "").replace(".", ""))
    if letters < 2:
        return token
    pattern = re.compile("^" + re.sub(r"[*#.]", "[a-z]", token) + "$")
    found = [word for word in _mask_words() if pattern.match(word)]
    return found[0] if len(found) == 1 else token


def _unspace(match: re.Match[str]) -> str:
    letters = "".join(_SPACED_LETTERS_RE.findall(match.group()))
    words = _segment(letters)
    return " ".join(words) if words else match.group()


SEGMENT_MAX_LETTERS = 80


@lru_cache(maxsize=1)
def _segment_vocabulary() -> frozenset[str]:
    return _vocabulary() | {"i", "a", "to", "it", "my", "me"}


def _segment(letters: str) -> list[str] | None:
    """Split "killmyself" into known words ("kill", "myself"), or None if it cannot be.
    Longer runs than any spaced-out phrase are left alone: the split costs time in the
    square of the run's length."""
    vocabulary = _segment_vocabulary()
    n = len(letters)
    if n > SEGMENT_MAX_LETTERS:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 12), end):
            previous = best[start]
            word = letters[start:end]
            if previous is not None and word in vocabulary:
                candidate = [*previous, word]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[n]
