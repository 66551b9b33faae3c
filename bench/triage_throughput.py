"""Benchmark: messages scored per second by triage.assess on one core, with p50/p99 latency,
and the cost of re-scoring a 50-message conversation when a new message arrives.

Texts: chat lines from our own development sets (triage/data/dev_*.jsonl, written for this
project), and synthetic short and long (about 2,000 characters) texts built from our phrase
lists (never from research posts). The conversation case measures what triage.services does
for each new message: read the new message once, then combine it with the 49 stored
readings of the window ("warm"), beside reading all 50 again ("cold"). Prints a table,
then one JSON line. Never asserts on time.
Run: .venv/bin/python -m bench.triage_throughput [--n 3000]
"""

from __future__ import annotations

import json
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import cli
from bench.kit.stats import percentile
from triage import corpus
from triage.engine.rules import warm_up
from triage.engine.scoring import Reading, assess, combine, read

PHRASES = {
    "en": [
        "I had a long day at work",
        "I feel so lonely lately",
        "I want to die",
        "I have a bottle of pills",
        "tonight",
        "my friend wants to kill herself",
        "this homework is killing me",
        "I'm not going to kill myself",
        "I tried to kill myself last year",
        "nobody would notice",
        "I can't sleep",
        "thanks for listening",
        "my mum shouts at me",
        "I just feel empty",
    ],
    "ja": [
        "今日は仕事で疲れた",
        "最近ずっと寂しい",
        "死にたい",
        "薬を大量に持っている",
        "今夜",
        "友達が死にたいと言っている",
        "死ぬほど眠い",
        "死ぬつもりはない",
        "去年自殺未遂をした",
        "誰にも相談できない",
        "眠れない",
        "聞いてくれてありがとう",
        "母に怒鳴られる",
    ],
}


def synthetic(language: str, length: str, rng: random.Random) -> str:
    phrases = PHRASES[language]
    joiner = ". " if language == "en" else "。"
    if length == "short":
        return rng.choice(phrases)
    parts: list[str] = []
    while sum(len(p) + len(joiner) for p in parts) < 2000:
        parts.append(rng.choice(phrases))
    return joiner.join(parts)[:2000]


def figures(timings: list[float], total: float, chars: int) -> dict[str, float]:
    """Runs a second over `total` seconds, p50/p99 of one run in ms, characters per run."""
    return {
        "messages": len(timings),
        "per_second": round(len(timings) / total, 1),
        "p50_ms": round((percentile(timings, 50) or 0.0) * 1000, 3),
        "p99_ms": round((percentile(timings, 99) or 0.0) * 1000, 3),
        "mean_chars": round(chars / len(timings), 1),
    }


def measure(texts: list[str]) -> dict[str, float]:
    timings = []
    start = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        assess(text)
        timings.append(time.perf_counter() - t0)
    return figures(timings, time.perf_counter() - start, sum(map(len, texts)))


def conversation_cases(
    dev: list[corpus.ChatExample], rng: random.Random, runs: int = 200
) -> dict[str, dict[str, float]]:
    """Re-scoring a 50-message conversation: cold (read all 50) and warm (read the new one,
    recombine with 49 stored readings, as triage.services does)."""
    results: dict[str, dict[str, float]] = {}
    for language in ("en", "ja"):
        lines = [m for e in dev if e.lang == language for m in e.messages]
        if not lines:
            continue
        conversations = [[rng.choice(lines) for _ in range(50)] for _ in range(runs)]
        stored = [
            [(Reading.from_dict(read(t, language).as_dict(), t)) for t in c[:-1]]
            for c in conversations
        ]
        for case in ("cold", "warm"):
            timings = []
            for conversation, kept in zip(conversations, stored, strict=True):
                t0 = time.perf_counter()
                if case == "cold":
                    combine([read(t, language) for t in conversation])
                else:
                    combine([*kept, read(conversation[-1], language)])
                timings.append(time.perf_counter() - t0)
            chars = sum(len(t) for c in conversations for t in c)
            results[f"{language}_conv50_{case}"] = figures(timings, sum(timings), chars)
    return results


def main() -> None:
    parser = cli.parser(__doc__)
    parser.add_argument("--n", type=int, default=3000, help="messages per case (short)")
    args = parser.parse_args()
    rng = random.Random(7)
    t0 = time.perf_counter()
    warm_up()
    assess("warm up the model")
    startup_ms = round((time.perf_counter() - t0) * 1000, 1)

    results: dict[str, dict[str, float]] = {}
    dev = corpus.load_split("dev")
    for language in ("en", "ja"):
        lines = [m for e in dev if e.lang == language for m in e.messages]
        if lines:
            texts = [rng.choice(lines) + f" {i}" for i in range(args.n)]
            results[f"{language}_chat"] = measure(texts)
    for language in ("en", "ja"):
        for length in ("short", "long"):
            n = args.n if length == "short" else max(args.n // 10, 50)
            texts = [synthetic(language, length, rng) + f" {i}" for i in range(n)]
            results[f"{language}_{length}"] = measure(texts)

    results.update(conversation_cases(dev, rng))

    print(
        f"triage.assess on one core ({platform.python_implementation()} "
        f"{platform.python_version()}), start-up (compile + load model): {startup_ms} ms"
    )
    print(f"{'case':<16}{'runs':>7}{'chars':>8}{'per s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for case, r in results.items():
        print(
            f"{case:<16}{r['messages']:>7}{r['mean_chars']:>8}{r['per_second']:>10}"
            f"{r['p50_ms']:>9}{r['p99_ms']:>9}"
        )
    print(
        json.dumps({"benchmark": "triage_throughput", "startup_ms": startup_ms, "results": results})
    )


if __name__ == "__main__":
    main()
