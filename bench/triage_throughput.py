"""Benchmark: messages scored per second by triage.assess on one core, with p50/p99 latency.

Synthetic English and Japanese texts, short (one line) and long (about 2,000 characters),
built from our own phrase lists (never from research posts). Prints a table, then one JSON
line. Never asserts on time. Run: .venv/bin/python bench/triage_throughput.py [--n 3000]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.engine.rules import warm_up
from triage.engine.scoring import assess

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


def measure(texts: list[str]) -> dict[str, float]:
    timings = []
    start = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        assess(text)
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    timings.sort()
    return {
        "messages": len(texts),
        "per_second": round(len(texts) / total, 1),
        "p50_ms": round(statistics.median(timings) * 1000, 3),
        "p99_ms": round(timings[int(0.99 * (len(timings) - 1))] * 1000, 3),
        "mean_chars": round(sum(map(len, texts)) / len(texts), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=3000, help="messages per case (short)")
    args = parser.parse_args()
    rng = random.Random(7)
    t0 = time.perf_counter()
    warm_up()
    assess("warm up the model")
    startup_ms = round((time.perf_counter() - t0) * 1000, 1)

    results: dict[str, dict[str, float]] = {}
    for language in ("en", "ja"):
        for length in ("short", "long"):
            n = args.n if length == "short" else max(args.n // 10, 50)
            texts = [synthetic(language, length, rng) + f" {i}" for i in range(n)]
            results[f"{language}_{length}"] = measure(texts)

    print(
        f"triage.assess on one core ({platform.python_implementation()} "
        f"{platform.python_version()}), start-up (compile + load model): {startup_ms} ms"
    )
    print(f"{'case':<10}{'msgs':>7}{'chars':>8}{'msg/s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for case, r in results.items():
        print(
            f"{case:<10}{r['messages']:>7}{r['mean_chars']:>8}{r['per_second']:>10}"
            f"{r['p50_ms']:>9}{r['p99_ms']:>9}"
        )
    print(
        json.dumps({"benchmark": "triage_throughput", "startup_ms": startup_ms, "results": results})
    )


if __name__ == "__main__":
    main()
