"""The rule engine: finds risk phrases in a text and reads their context.

Compiles the tables in rules_en.py, rules_ja.py and the lexicon once (lazily, per process),
then for each message returns hits with their construct after negation, third-person,
past-tense and idiom handling. Pure functions, no Django.
"""

# Typographic apostrophes and full-width punctuation are matched on purpose.

from __future__ import annotations

import bisect
import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from triage.engine.normalise import fold_pattern, normalise
from triage.engine.normalise import warm_up as normalise_warm_up
from triage.engine.prefilter import Gate, LiteralScan
from triage.engine.rules import en as rules_en
from triage.engine.rules import en_acts, en_extra, ja_acts, ja_extra
from triage.engine.rules import ja as rules_ja
from triage.engine.rules.common import (
    CONCERN_FOR_OTHER,
    CONTEXT_REACH,
    HOPELESSNESS,
    IDIOM,
    INTENT,
    LONELINESS_ISOLATION,
    METHOD_MEANS,
    PRIOR_ATTEMPT,
    PROTECTIVE_FACTOR,
    RISK_CONTEXT,
    SUICIDAL_CONSTRUCTS,
    TIMEFRAME,
    WARNING_SIGN,
    Rule,
)

LEXICON_PATH = Path(__file__).resolve().parents[2] / "lexicon" / "lexicon_validated.csv"

# Words, with an inner apostrophe kept so "don't" is one token ("dont" once normalised).
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’")
# Punctuation between two tokens that ends a clause (for negation and subject scans).
_CLAUSE_PUNCT_RE = re.compile(r"[.!?;:,\n。、！？…]")
_CLAUSE_WORDS = frozenset({"but", "because", "cause", "cuz", "though", "although", "so"})
_SENTENCE_RE = re.compile(r"[.!?\n。！？]+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")

# How far back (in tokens) a negation may sit from the phrase it negates.
NEGATION_WINDOW = 5
# How far back (in tokens) we look for the subject of a phrase.
SUBJECT_WINDOW = 10
# How far (in characters) a past or recent marker may sit from a phrase in its sentence.
SENTENCE_REACH = 200


@dataclass(frozen=True)
class Hit:
    """A rule match after context handling; start/end index the original text."""

    start: int
    end: int
    construct: str
    weight: float
    acute: bool = False
    # From a needs_risk rule: kept only next to other risk of the writer's own.
    needs_risk: bool = False
    # Without that company, a warning sign rather than nothing (Rule.cue_alone).
    cue_alone: bool = False
    # The rule's key (rule_key), so a conversation can apply its harmless company across
    # the person's other messages; "" for the lexicon's phrases.
    rule: str = ""
    # For concern_for_other: the other person's risk read as acute (an act, an intent,
    # "she says she'll do it tonight"), which makes the writer's conversation at least medium.
    other_acute: bool = False


def normalise_token(token: str) -> str:
    """Lower-case and drop apostrophes, so "I'm", "I’m" and "Im" are the same word."""
    return token.lower().translate(_APOSTROPHES)


def contains_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


# ---------------------------------------------------------------------------------------
# Compiling the tables (once per process).
# ---------------------------------------------------------------------------------------


def rule_key(rule: Rule) -> str:
    """A stable name for a rule (its pattern's digest): stored readings keep it."""
    return hashlib.sha1(rule.pattern.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    regex: re.Pattern[str]
    benign: re.Pattern[str] | None = None
    gate: Gate = field(default_factory=lambda: Gate(None))
    key: str = ""

    def finditer(self, text: str) -> list[re.Match[str]]:
        matches = [m for m in self.regex.finditer(text) if m.end() > m.start()]
        if matches and self.benign is not None and self.benign.search(text):
            return []  # harmless company in the same message
        return matches


@dataclass(frozen=True)
class _Lexicon:
    # first token -> lengths of phrases starting with it (longest first)
    lengths: dict[str, tuple[int, ...]]
    phrases: dict[tuple[str, ...], Rule]


def _apostrophe_flexible(pattern: str) -> str:
    # "I'm" in a rule also matches "I’m" and "Im".
    return pattern.replace("'", "['’]?")


def _compile(
    rule: Rule, prepare: Callable[[str], str], company: Callable[[str], str] | None = None
) -> _CompiledRule:
    # The text is already lower case (engine.normalise), and re's IGNORECASE costs a
    # case fold per character tried: rules are written in lower case instead.
    benign = re.compile((company or prepare)(rule.benign)) if rule.benign else None
    pattern = prepare(rule.pattern)
    return _CompiledRule(rule, re.compile(pattern), benign, Gate.of(pattern), rule_key(rule))


@lru_cache(maxsize=1)
def _literal_scans() -> tuple[LiteralScan, LiteralScan]:
    return (
        LiteralScan([c.gate for c in compiled_rules_en()]),
        LiteralScan([c.gate for c in compiled_rules_ja()]),
    )


def _english(pattern: str) -> str:
    return _apostrophe_flexible(pattern)


def _english_company(pattern: str) -> str:
    # Harmless company is a word or the start of one ("camping", "allerg…"), never the
    # inside of another word ("show" is not in "shower").
    return _apostrophe_flexible(f"(?<![a-z])(?:{pattern})")


@lru_cache(maxsize=1)
def compiled_rules_en() -> tuple[_CompiledRule, ...]:
    rules = rules_en.RULES_EN + en_acts.RULES_EN_ACTS + en_extra.RULES_EN_EXTRA
    return tuple(_compile(rule, _english, _english_company) for rule in rules)


@lru_cache(maxsize=1)
def compiled_rules_ja() -> tuple[_CompiledRule, ...]:
    rules = rules_ja.RULES_JA + ja_acts.RULES_JA_ACTS + ja_extra.RULES_JA_EXTRA
    return tuple(_compile(rule, fold_pattern) for rule in rules)


def lexicon_phrases() -> dict[str, list[str]]:
    """The lexicon's surface phrases per construct (its second half repeats them lemmatised)."""
    with LEXICON_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    # Rows 1-4 hold the prompt, definition, reference and examples; phrases follow.
    body = [row for row in rows[5:] if row and row[0].strip().isdigit()]
    phrases: dict[str, list[str]] = {}
    for column, name in enumerate(header):
        if name not in rules_en.LEXICON_CONSTRUCTS:
            continue
        values = [row[column].strip() for row in body if len(row) > column and row[column].strip()]
        phrases[name] = values[: len(values) // 2]
    return phrases


@lru_cache(maxsize=1)
def compiled_lexicon() -> _Lexicon:
    phrases: dict[tuple[str, ...], Rule] = {}
    for name, values in lexicon_phrases().items():
        construct, take_all = rules_en.LEXICON_CONSTRUCTS[name]
        keep = rules_en.LEXICON_KEEP.get(name, frozenset())
        for phrase in values:
            if phrase in rules_en.LEXICON_DROP or (not take_all and phrase not in keep):
                continue
            key = tuple(normalise_token(t) for t in _TOKEN_RE.findall(phrase))
            if not key or key in phrases:
                continue  # the first construct listed wins (ideation before means)
            target, weight = rules_en.LEXICON_RECONSTRUCT.get(phrase, (construct, 1.0))
            if phrase in rules_en.LEXICON_WEAK:
                weight = 0.5
            phrases[key] = Rule(pattern=phrase, construct=target, weight=weight)
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    return _Lexicon(
        lengths={first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()},
        phrases=phrases,
    )


def warm_up() -> None:
    """Compile everything now (a worker calls this at start so the first message is fast)."""
    compiled_rules_en()
    compiled_rules_ja()
    compiled_lexicon()
    _past_re_en()
    _context_re_ja()
    _literal_scans()
    normalise_warm_up()


@lru_cache(maxsize=1)
def _past_re_en() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(_apostrophe_flexible(rules_en.PAST_MARKERS)),
        re.compile(rules_en.CURRENT_MARKERS),
        re.compile(rules_en.RECENT_MARKERS),
    )


@lru_cache(maxsize=1)
def _context_re_ja() -> dict[str, re.Pattern[str]]:
    return {
        "negation": re.compile(fold_pattern(rules_ja.NEGATION_SUFFIX)),
        "first": re.compile(fold_pattern(rules_ja.FIRST_PERSON_JA)),
        "third": re.compile(fold_pattern(rules_ja.THIRD_PERSON_JA)),
        "past": re.compile(fold_pattern(rules_ja.PAST_MARKERS_JA)),
        "current": re.compile(fold_pattern(rules_ja.CURRENT_MARKERS_JA)),
        "recent": re.compile(fold_pattern(rules_ja.RECENT_MARKERS_JA)),
    }


# ---------------------------------------------------------------------------------------
# Matching.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    rule: Rule
    key: str = ""


class _Text:
    """A message with its tokens and sentence spans, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[int, int, str]] = [
            (m.start(), m.end(), normalise_token(m.group())) for m in _TOKEN_RE.finditer(text)
        ]
        self.token_starts = [t[0] for t in self.tokens]
        bounds = [0] + [m.end() for m in _SENTENCE_RE.finditer(text)] + [len(text)]
        self.sentence_bounds = sorted(set(bounds))
        self._markers: dict[re.Pattern[str], list[tuple[int, int]]] = {}

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) around [start, end), at most SENTENCE_REACH characters
        either side (a message without punctuation is one long "sentence")."""
        i = bisect.bisect_right(self.sentence_bounds, start) - 1
        j = bisect.bisect_left(self.sentence_bounds, end)
        lo = self.sentence_bounds[max(i, 0)]
        hi = self.sentence_bounds[min(j, len(self.sentence_bounds) - 1)]
        return max(lo, start - SENTENCE_REACH), min(max(hi, end), end + SENTENCE_REACH)

    def has_marker(self, pattern: re.Pattern[str], lo: int, hi: int) -> bool:
        """Whether pattern matches inside [lo, hi); the text is scanned once per pattern."""
        starts = self._markers.get(pattern)
        if starts is None:
            starts = self._markers[pattern] = [
                (m.start(), m.end()) for m in pattern.finditer(self.text)
            ]
        i = bisect.bisect_left(starts, (lo, -1))
        return i < len(starts) and starts[i][1] <= hi

    def first_token(self, start: int) -> int:
        return bisect.bisect_left(self.token_starts, start)

    def clause_break_before(self, index: int) -> bool:
        """Whether a clause ends between token index-1 and token index."""
        if index <= 0:
            return True
        end = self.tokens[index][0] if index < len(self.tokens) else len(self.text)
        gap = self.text[self.tokens[index - 1][1] : end]
        return _CLAUSE_PUNCT_RE.search(gap) is not None


def _find_en(doc: _Text) -> list[_Raw]:
    found: list[_Raw] = []
    lexicon = compiled_lexicon()
    tokens = doc.tokens
    norms = [t[2] for t in tokens]
    for i, word in enumerate(norms):
        for n in lexicon.lengths.get(word, ()):
            if i + n > len(norms):
                continue
            rule = lexicon.phrases.get(tuple(norms[i : i + n]))
            if rule is not None:
                found.append(_Raw(tokens[i][0], tokens[i + n - 1][1], rule))
                break  # the longest phrase starting here
    return found + _find_patterns(doc, compiled_rules_en(), _literal_scans()[0])


def _find_ja(doc: _Text) -> list[_Raw]:
    return _find_patterns(doc, compiled_rules_ja(), _literal_scans()[1])


def _find_patterns(doc: _Text, rules: tuple[_CompiledRule, ...], scan: LiteralScan) -> list[_Raw]:
    # Only rules whose required words occur in the text can match (prefilter.py).
    return [
        _Raw(m.start(), m.end(), rules[index].rule, rules[index].key)
        for index in scan.open_gates(doc.text)
        for m in rules[index].finditer(doc.text)
    ]


class _Intervals:
    """Spans sorted by start, for fast overlap and containment questions on long texts."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        best = -1
        for _, e in spans:
            best = max(best, e)
            self.max_end.append(best)

    def _max_end_before(self, index: int) -> int:
        return self.max_end[index - 1] if index > 0 else -1

    def overlaps(self, start: int, end: int) -> bool:
        return self._max_end_before(bisect.bisect_left(self.starts, end)) > start

    def strictly_contains(self, start: int, end: int) -> bool:
        """Some span starts at or before start and ends after end, or starts earlier and
        ends at or after end (a longer span around [start, end))."""
        if self._max_end_before(bisect.bisect_right(self.starts, start)) > end:
            return True
        return self._max_end_before(bisect.bisect_left(self.starts, start)) >= end


def _drop_superseded(raws: list[_Raw]) -> list[_Raw]:
    """Drop matches inside a superseding match, and every risk match touching an idiom."""
    bosses = _Intervals([(r.start, r.end) for r in raws if r.rule.supersede])
    idioms = _Intervals([(r.start, r.end) for r in raws if r.rule.construct == IDIOM])
    return [
        raw
        for raw in raws
        if raw.rule.construct != IDIOM
        and not idioms.overlaps(raw.start, raw.end)
        and not bosses.strictly_contains(raw.start, raw.end)
    ]


# --- English context ------------------------------------------------------------------------


def _negation_start_en(doc: _Text, raw: _Raw) -> int | None:
    """Start offset of a negation governing the phrase, or None."""
    first = doc.first_token(raw.start)
    between: list[str] = []
    index = first
    for _ in range(NEGATION_WINDOW):
        if doc.clause_break_before(index):
            return None
        index -= 1
        word = doc.tokens[index][2]
        if word in rules_en.NEGATION_CUES:
            if any(w in rules_en.NEGATION_BREAKERS for w in between):
                return None
            return doc.tokens[index][0]
        if word in rules_en.FIRST_PERSON or word in rules_en.THIRD_PERSON:
            return None
        if word in _CLAUSE_WORDS:
            return None
        between.append(word)
    return None


def _third_person_en(doc: _Text, raw: _Raw) -> bool:
    first = doc.first_token(raw.start)
    end_index = bisect.bisect_left(doc.token_starts, raw.end)
    own_words = {t[2] for t in doc.tokens[first:end_index]}
    if own_words & rules_en.FIRST_PERSON:
        return False  # "kill myself", "hit me": the phrase itself names the writer
    index = first
    for _ in range(SUBJECT_WINDOW):
        if doc.clause_break_before(index):
            return False
        index -= 1
        word = doc.tokens[index][2]
        if word in rules_en.FIRST_PERSON:
            return False
        if word in rules_en.THIRD_PERSON:
            return True
        if word in _CLAUSE_WORDS:
            return False
    return False


def _is_past(doc: _Text, raw: _Raw, past: re.Pattern[str], current: re.Pattern[str]) -> bool:
    lo, hi = doc.sentence(raw.start, raw.end)
    return doc.has_marker(past, lo, hi) and not doc.has_marker(current, lo, hi)


def _is_recent(doc: _Text, raw: _Raw, past: re.Pattern[str], recent: re.Pattern[str]) -> bool:
    lo, hi = doc.sentence(raw.start, raw.end)
    return doc.has_marker(recent, lo, hi) and not doc.has_marker(past, lo, hi)


def _contextualise(doc: _Text, raw: _Raw, japanese: bool) -> Hit | None:
    rule = raw.rule
    hit = Hit(
        raw.start,
        raw.end,
        rule.construct,
        rule.weight,
        rule.acute,
        rule.needs_risk,
        rule.cue_alone,
        rule=raw.key,
    )
    if japanese:
        ctx = _context_re_ja()
        past_re, current_re, recent_re = ctx["past"], ctx["current"], ctx["recent"]
    else:
        past_re, current_re, recent_re = _past_re_en()

    if rule.recent_escalates and _is_recent(doc, raw, past_re, recent_re):
        # "I tried to kill myself tonight", さっき自殺未遂した: an attempt now, not history.
        return replace(hit, construct=INTENT, weight=2.0, acute=True)
    if rule.construct == TIMEFRAME and not japanese and _negation_start_en(doc, raw) is not None:
        return None  # "not going to do it tonight": the time of something not done
    if rule.construct == CONCERN_FOR_OTHER:
        # A rule written about someone else ("she says she'll do it tonight").
        return replace(hit, acute=False, other_acute=rule.acute)
    if not rule.context:
        return hit

    # Negation: a negated suicidal statement is protective; other negated risks vanish.
    negated_span: tuple[int, int] | None = None
    if japanese:
        suffix = ctx["negation"].match(doc.text, raw.end, min(len(doc.text), raw.end + 16))
        if suffix is not None:
            negated_span = (raw.start, suffix.end())
    else:
        neg_start = _negation_start_en(doc, raw)
        if neg_start is not None:
            negated_span = (neg_start, raw.end)
    if negated_span is not None:
        if rule.needs_risk:
            return None  # "not doing it tonight" is no evidence either way
        if rule.construct in SUICIDAL_CONSTRUCTS:
            return Hit(negated_span[0], negated_span[1], PROTECTIVE_FACTOR, 1.0)
        return None

    # Whose risk: the nearest subject before the phrase decides. A means is the writer's
    # whoever owns it ("her morphine", 母の薬).
    if rule.construct in (SUICIDAL_CONSTRUCTS - {METHOD_MEANS}) | {
        HOPELESSNESS,
        LONELINESS_ISOLATION,
    }:
        third = _third_person_ja(doc, raw) if japanese else _third_person_en(doc, raw)
        if third:
            if rule.construct in SUICIDAL_CONSTRUCTS:
                other_acute = (rule.acute or rule.construct == INTENT) and not _is_past(
                    doc, raw, past_re, current_re
                )
                return replace(
                    hit, construct=CONCERN_FOR_OTHER, acute=False, other_acute=other_acute
                )
            return None

    # Past tense: risk history, not a current plan.
    if rule.construct in SUICIDAL_CONSTRUCTS and _is_past(doc, raw, past_re, current_re):
        return replace(hit, construct=PRIOR_ATTEMPT, weight=1.0, acute=False)
    return hit


# Where a Japanese clause ends (a condition, a reason, a contrast, a pause): a subject
# before it belongs to that clause ("子供が学校行ったら 薬全部飲む": the children go, the
# writer takes the pills).
_CLAUSE_END_JA = re.compile(
    r"(?:たら|れば|なら|ても|でも|けど|けれど|のに|ので|から|し|て|で)[、,\s]|[、,。!?！？\s]"
)


def _third_person_ja(doc: _Text, raw: _Raw) -> bool:
    ctx = _context_re_ja()
    lo, _ = doc.sentence(raw.start, raw.end)
    window = doc.text[max(lo, raw.start - 40) : raw.start]
    clause_ends = [m.end() for m in _CLAUSE_END_JA.finditer(window)]
    if clause_ends:
        window = window[clause_ends[-1] :]
    last_first = max((m.end() for m in ctx["first"].finditer(window)), default=-1)
    last_third = max((m.end() for m in ctx["third"].finditer(window)), default=-1)
    return last_third > last_first


@dataclass(frozen=True)
class Findings:
    hits: list[Hit]
    # Risk words were read in context and explained away (an idiom, a negation, someone
    # else, the past). The model must not undo that reading by raising the tier.
    explained_away: bool
    # The text as the rules read it (engine.normalise), for the model to read the same way.
    normalised: str = ""


def find_hits(text: str, *, japanese: bool, pending: bool = False) -> Findings:
    """All evidence hits in text, in text order, without duplicates.

    pending: keep needs_risk euphemisms even without risky company in this text (the
    caller weighs them against the rest of the conversation, keep_euphemisms_in_company).

    English rules always run (Japanese messages quote English words like "OD"); Japanese
    rules run when the text contains kana or kanji or the caller says it is Japanese.
    """
    normalised = normalise(text)
    doc = _Text(normalised.text)
    hits: list[Hit] = []
    explained_away = False
    passes = [(_find_en(doc), False)]
    if japanese or contains_cjk(normalised.text):  # romaji slang resolves to Japanese
        passes.append((_find_ja(doc), True))
    for raws, is_japanese in passes:
        explained_away = explained_away or any(r.rule.construct == IDIOM for r in raws)
        for raw in _drop_superseded(raws):
            hit = _contextualise(doc, raw, japanese=is_japanese)
            if hit is None or hit.construct != raw.rule.construct:
                explained_away = explained_away or hit is None or hit.construct != INTENT
            if hit is not None:
                hits.append(hit)
    if not pending:
        hits = keep_euphemisms_in_company(hits)
    explained_away = explained_away or any(
        h.construct in (PROTECTIVE_FACTOR, CONCERN_FOR_OTHER, PRIOR_ATTEMPT) for h in hits
    )
    in_source = [
        replace(hit, start=span[0], end=span[1])
        for hit in hits
        for span in (normalised.source_span(hit.start, hit.end),)
    ]
    return Findings(_dedupe(in_source), explained_away, normalised.text)


@lru_cache(maxsize=1)
def _benign_by_key() -> dict[str, re.Pattern[str]]:
    return {c.key: c.benign for c in compiled_rules_en() + compiled_rules_ja() if c.benign}


def has_company(hit: Hit) -> bool:
    """Whether the hit's rule names harmless company at all."""
    return bool(hit.rule) and hit.rule in _benign_by_key()


def harmless_elsewhere(hit: Hit, others: list[str]) -> bool:
    """Whether the hit's rule finds its harmless company in another message of the same
    person (normalised): "ロープ買った" … "キャンプの話です"."""
    benign = _benign_by_key().get(hit.rule) if hit.rule else None
    return benign is not None and any(benign.search(text) for text in others)


def keep_euphemisms_in_company(hits: list[Hit], *, elsewhere: bool = False) -> list[Hit]:
    """Drop needs_risk hits ("I'll do it tonight", 今夜やる) with no other risk of the
    writer's own (RISK_CONTEXT, from a rule that is not itself a euphemism, not overlapping
    the phrase) within CONTEXT_REACH characters. elsewhere: such risk was found in another
    of the person's recent messages, which is company enough ("i have the rope" … "tonight
    then")."""
    if not any(h.needs_risk for h in hits) or elsewhere:
        return hits
    anchors = sorted(
        (h.start, h.end) for h in hits if not h.needs_risk and h.construct in RISK_CONTEXT
    )
    starts = [start for start, _ in anchors]
    longest = max((end - start for start, end in anchors), default=0)
    kept: list[Hit] = []
    for hit in hits:
        if hit.needs_risk:
            lo = bisect.bisect_left(starts, hit.start - CONTEXT_REACH - longest)
            hi = bisect.bisect_right(starts, hit.end + CONTEXT_REACH)
            if not any(
                (end <= hit.start or start >= hit.end) and end >= hit.start - CONTEXT_REACH
                for start, end in anchors[lo:hi]
            ):
                if hit.cue_alone:
                    kept.append(
                        replace(
                            hit, construct=WARNING_SIGN, weight=1.0, acute=False, needs_risk=False
                        )
                    )
                continue
        kept.append(hit)
    return kept


def _as_warning_sign(hit: Hit) -> Hit:
    return replace(hit, construct=WARNING_SIGN, weight=1.0, acute=False, needs_risk=False)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per span and construct, and no hit inside a longer one of the same construct.

    A single sweep in text order, so a 100,000-character message stays linear.
    """
    best: dict[tuple[int, int, str], Hit] = {}
    for hit in hits:
        key = (hit.start, hit.end, hit.construct)
        seen = best.get(key)
        if seen is None or (hit.weight, hit.acute) > (seen.weight, seen.acute):
            best[key] = hit
    ordered = sorted(best.values(), key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    widest: dict[str, Hit] = {}  # per construct, the kept hit reaching furthest right
    for hit in ordered:
        cover = widest.get(hit.construct)
        if (
            cover is not None
            and hit.end <= cover.end
            and cover.weight >= hit.weight
            and (cover.acute or not hit.acute)
            # A euphemism still waiting for company must not swallow a plain act inside it
            # ("さっき薬全部飲んだ、眠い": the after-effect span holds the overdose itself).
            and (hit.needs_risk or not cover.needs_risk)
        ):
            continue
        kept.append(hit)
        if cover is None or hit.end > cover.end:
            widest[hit.construct] = hit
    return kept
