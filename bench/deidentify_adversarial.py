"""De-identification against adversarial text: how long each pass takes on 2,000
characters (the longest message) built to make pattern matching slow.

A help-seeker controls what they write, and research exports de-identify every message;
a pass that is more than linear in its input lets one person stall exports for everyone
(issue 14, finding 6: 2,000 characters of "1 1 1 …" took 10.5 s in the phone pass, six
such messages 103 s). Each case is timed alone, best of --runs, and printed; the aim is
every case under 10 ms on this kind of machine. It never fails on a time.

    .venv/bin/python -m bench.deidentify_adversarial
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bench.kit import cli
from supervision.deidentify import deidentify

LENGTH = 2000
STAFF_NAMES = ("Aoi Tanaka", "Ren", "Hope", "山田花子", "さくら")


def repeated(unit: str) -> str:
    return (unit * (LENGTH // len(unit) + 1))[:LENGTH]


CASES = {
    # Phone numbers: digit groups in every separator, with and without a "+" or a word.
    "digits-spaced": repeated("1 "),
    "digits-dashed": repeated("1-"),
    "digits-tabbed": repeated("1\t"),
    "digits-full-width": repeated("１ "),
    "digits-parenthesised": repeated("(1)"),
    "digits-dotted": repeated("1."),
    "zero-groups": repeated("0 12 "),
    "plus-groups": repeated("+1 "),
    "announced-groups": repeated("call 1 "),
    "ten-digit-groups": repeated("0901234567 "),
    "wave-dash-groups": repeated("0～1"),
    "one-long-run": "1" * LENGTH,
    "dash-run": "0" + "-" * (LENGTH - 2) + "0",
    # Digits spaced one by one and written in words (issue 14, item 7 follow-up).
    "zero-spaced": repeated("0 9 "),
    "words-spaced": repeated("zero nine "),
    "words-run": repeated("zero"),
    "oh-words": repeated("oh "),
    "double-words": repeated("double oh "),
    "kana-digits": repeated("ゼロキュウ"),
    "hiragana-digits": repeated("ぜろにし"),
    "particle-digits": repeated("に"),
    "half-width-kana-digits": repeated("ｾﾞﾛｺﾞ"),
    "words-and-digits": repeated("one 2 "),
    # Emails.
    "at-signs": repeated("a@"),
    "at-dots": repeated("a@a."),
    "at-then-dots": "a@" + repeated("a.")[: LENGTH - 2],
    "at-then-dashes": "x@" + repeated("a-")[: LENGTH - 2],
    "spelled-at": repeated("a (at) "),
    "spelled-dots": "a (at) b" + repeated(" (dot) b")[: LENGTH - 8],
    "spaces-before-at": "a" + " " * (LENGTH - 2) + "@",
    "bracketed-at": repeated("a［at］"),
    "bracketed-dots": "a【at】b" + repeated("【dot】b")[: LENGTH - 6],
    "ideographic-dots": "a@" + repeated("a。")[: LENGTH - 2],
    "word-at-chain": repeated("a at "),
    "word-at-dotted": repeated("a.b at c.d "),
    "katakana-at": repeated("aアットb"),
    # URLs.
    "schemes": repeated("http://"),
    "www": repeated("www."),
    "domain-dots": repeated("a."),
    "domain-dashes": repeated("a-"),
    "tld-words": repeated("a.com."),
    "parentheses-in-url": "https://a/" + repeated("()")[: LENGTH - 10],
    # Handles and messenger ids.
    "at-handles": repeated("@a "),
    "line-ids": repeated("line id "),
    "platform-words": repeated("LINE "),
    "ja-platform": repeated("ラインID "),
    "spaced-platform": repeated("L I N E "),
    "lookalike-platform": repeated("l1ne "),
    "id-intro": repeated("IDは"),
    "id-intro-ids": repeated("ID: a1 "),
    # Names.
    "my-name-is": repeated("my name is "),
    "call-me": repeated("call me Al "),
    "titles": repeated("mr. "),
    "staff-names": repeated("Aoi Tanaka Ren "),
    "ja-honorific": repeated("田中さん"),
    "ja-name-word": repeated("名前は"),
    "ja-kanji-run": "漢" * LENGTH,
    "ja-hiragana-san": repeated("あいさん"),
    "ja-introduction": repeated("たなかと申します"),
    "ja-self-comma": repeated("私、"),
    "ja-greeting": repeated("はじめまして、"),
    "name-colon": repeated("name: "),
    "lower-names": repeated("im sarah "),
    # Everything at once, and plain text as the baseline.
    "placeholders": repeated("[URL] a@b.co "),
    "plain-letters": "a" * LENGTH,
    "plain-english": repeated("I have not slept well and I feel alone tonight. "),
}


def best_ms(text: str, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        deidentify(text, names=STAFF_NAMES)
        times.append((time.perf_counter() - began) * 1000)
    return min(times), statistics.median(times)


def main() -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figures = {}
    print(
        f"== deidentify on {LENGTH}-character adversarial inputs (best / median of {args.runs}) =="
    )
    for name, text in CASES.items():
        best, median = best_ms(text, args.runs)
        figures[name] = {"best_ms": round(best, 2), "median_ms": round(median, 2)}
        print(f"{name:>24}: {best:8.2f} ms  {median:8.2f} ms")
    worst = max(figures.items(), key=lambda item: item[1]["best_ms"])
    print(f"{'worst':>24}: {worst[0]} {worst[1]['best_ms']} ms")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
