"""A flood of conversation starts against admission (counseling/admission.py), while real
people in Chromium start conversations.

The attack of issue 14 (finding 1): a script sends starts as fast as it likes, every one
a fresh "browser" (its own invented CSRF cookie). Here it sends --rate starts a second
(Poisson arrivals, default 100/s) of the kinds a script gets for free:

  * no_proof: a well-formed first message without an admission proof;
  * junk:     an empty JSON object (no message at all);
  * forged:   a real challenge with a made-up solution;
  * replayed: one proof the script solved once, sent again and again;

and, beside it, --solvers processes that pay for admission as the page does: fetch a
challenge, solve it (the Python twin of the page's solver, counseling/proof.py) and start,
as fast as they can. Their rate is what the work costs a script on this machine.

Meanwhile --browsers times a fresh Chromium context (phone size, its CPU slowed
--phone-cpu times as DevTools does for a mid-range phone) loads /chat/, writes a first
message and presses Send; we time press -> "Sent" (the start went through, proof
included) and count how many got in. Nobody is on shift, so every paid start that gets in
lengthens the queue, and the work asked rises with it (counseling/admission.py): the
figures include the levels the solvers were asked and the level at the end. Nothing is
asserted: it prints figures.

Run (its own database `kizuna_bench_flood`, uvicorn and a Celery worker):

    .venv/bin/python -m bench.start_flood
    .venv/bin/python -m bench.start_flood --rate 100 --seconds 60 --browsers 5 --solvers 1
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import random
import secrets
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import cli
from bench.kit.app import proof_for
from bench.kit.browser import PHONE, chromium
from bench.kit.cli import log
from bench.kit.http import HttpSession
from bench.kit.http import admission_challenge as challenge
from bench.kit.processes import BenchServer
from bench.kit.stats import percentile

KINDS = ("no_proof", "junk", "forged", "replayed")

SENT_SHOWN = """(() => {
  window.__sentShown = null;
  const observer = new MutationObserver(() => {
    const states = Array.from(document.querySelectorAll(".message.mine .state"));
    if (window.__sentShown === null && states.some((n) => n.textContent.trim() === "Sent")) {
      window.__sentShown = performance.now();
    }
  });
  document.addEventListener("DOMContentLoaded", () => {
    const options = { childList: true, subtree: true, characterData: true };
    observer.observe(document.getElementById("messages"), options);
  });
})();"""


def post_start(base_url: str, payload: Any) -> tuple[int, str]:
    """One start from a brand-new script "browser"; (status, error code or "")."""
    session = HttpSession(base_url)
    csrf = secrets.token_hex(16)
    session.cookies["csrftoken"] = csrf
    status, _headers, body = session.request(
        "POST",
        "/chat/start",
        body=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
    )
    code = ""
    with contextlib.suppress(ValueError):
        code = json.loads(body).get("error", "") if status != 201 else ""
    return status, code


def first_message(n: int) -> dict[str, Any]:
    return {"body": f"flood {n}", "client_id": f"f{n}", "language": "en"}


def solver(base_url: str, stop_at: float, results: Any) -> None:
    """A process that pays for each start as the page does, as fast as it can."""
    accepted = refused = 0
    solving = 0.0
    n = 0
    levels: Counter[int] = Counter()
    while time.time() < stop_at:
        offered = challenge(base_url)
        levels[offered["bits"]] += 1
        began = time.process_time()
        proof = proof_for(offered)
        solving += time.process_time() - began
        status, _code = post_start(base_url, {**first_message(10**8 + n), "admission": proof})
        n += 1
        if status == 201:
            accepted += 1
        else:
            refused += 1
    results.put(
        {
            "accepted": accepted,
            "refused": refused,
            "solve_cpu_s": solving,
            "n": n,
            "levels": dict(levels),
        }
    )


def flood(base_url: str, rate: float, seconds: float, tally: Counter[str]) -> float:
    """Starts of the free kinds at `rate` a second; returns the rate achieved."""
    replay = proof_for(challenge(base_url))
    for _ in range(10):  # its one honest use (solved again if the work went up meanwhile)
        status, _code = post_start(base_url, {**first_message(-1), "admission": replay})
        if status == 201:
            break
        replay = proof_for(challenge(base_url))
    forged_from = challenge(base_url)
    rng = random.Random(14)
    lock = threading.Lock()

    def one(n: int) -> None:
        kind = KINDS[n % len(KINDS)]
        payload: Any = {
            "no_proof": first_message(n),
            "junk": {},
            "forged": {
                **first_message(n),
                "admission": {"challenge": forged_from["challenge"], "solution": str(n)},
            },
            "replayed": {**first_message(n), "admission": replay},
        }[kind]
        try:
            status, code = post_start(base_url, payload)
            outcome = f"{kind}:{status}:{code}"
        except Exception as exc:  # the server refusing connections is a figure too
            outcome = f"{kind}:failed:{type(exc).__name__}"
        with lock:
            tally[outcome] += 1

    began = time.monotonic()
    sent = 0
    with ThreadPoolExecutor(max_workers=64) as pool:
        next_at = began
        while next_at - began < seconds:
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, sent)
            sent += 1
            next_at += rng.expovariate(rate)
    return sent / (time.monotonic() - began)


def browser_starts(base_url: str, runs: int, gap: float, phone_cpu: float) -> list[dict[str, Any]]:
    results = []
    with chromium() as browser:
        for _ in range(runs):
            time.sleep(gap)
            context = browser.new_context(
                base_url=base_url,
                viewport=PHONE,
                is_mobile=True,
                locale="en-US",
            )
            context.set_default_timeout(60_000)
            context.add_init_script(SENT_SHOWN)
            page = context.new_page()
            if phone_cpu > 1:
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": phone_cpu})
            try:
                page.goto("/chat/")
                page.fill("#composer-input", "Hello, I need someone to talk to.")
                pressed = page.evaluate("() => performance.now()")
                page.click("#send-button")
                page.wait_for_function("() => window.__sentShown !== null")
                shown = page.evaluate("() => window.__sentShown")
                results.append(
                    {
                        "started": True,
                        "press_to_sent_ms": shown - pressed,
                        "bits_then": challenge(base_url)["bits"],
                    }
                )
            except Exception as exc:
                failure = f"{type(exc).__name__}: {exc}"[:300]
                results.append({"started": False, "error": failure})
            finally:
                context.close()
    return results


def main() -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--rate", type=float, default=100.0, help="free starts a second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--browsers", type=int, default=5, help="Chromium starts during it")
    parser.add_argument("--solvers", type=int, default=1, help="processes paying the proof")
    parser.add_argument("--bits", type=int, default=16, help="KIZUNA_START_PROOF_BITS")
    parser.add_argument("--limit", type=int, default=60, help="starts a minute before more work")
    parser.add_argument("--max-bits", type=int, default=18, help="KIZUNA_START_PROOF_MAX_BITS")
    parser.add_argument(
        "--queue-allowance", type=int, default=10, help="KIZUNA_START_PROOF_QUEUE_ALLOWANCE"
    )
    parser.add_argument(
        "--phone-cpu", type=float, default=4.0, help="Chromium CPU slowed this many times"
    )
    parser.add_argument("--port", type=int, default=8771)
    args = parser.parse_args()

    server = BenchServer(
        port=args.port,
        database="kizuna_bench_flood",
        celery_queue="kizuna-bench-flood",
        extra_env={
            "KIZUNA_CHANNEL_PREFIX": "kizuna-bench-flood",
            "KIZUNA_START_PROOF_BITS": str(args.bits),
            "KIZUNA_CONVERSATION_STARTS_PER_MINUTE": str(args.limit),
            "KIZUNA_START_PROOF_MAX_BITS": str(args.max_bits),
            "KIZUNA_START_PROOF_QUEUE_ALLOWANCE": str(args.queue_allowance),
        },
    )
    return cli.run_main("start_flood", lambda: flood_and_report(args, server), server.stop)


def flood_and_report(args: argparse.Namespace, server: BenchServer) -> int:
    server.setup()
    server.start()
    base_url = server.base_url
    stop_at = time.time() + args.seconds
    queue: Any = multiprocessing.Queue()
    solvers = [
        multiprocessing.Process(target=solver, args=(base_url, stop_at, queue))
        for _ in range(args.solvers)
    ]
    for process in solvers:
        process.start()
    tally: Counter[str] = Counter()
    gap = args.seconds / (args.browsers + 1)
    people: list[dict[str, Any]] = []
    people_thread = threading.Thread(
        target=lambda: people.extend(browser_starts(base_url, args.browsers, gap, args.phone_cpu))
    )
    people_thread.start()
    log(f"flooding {args.rate}/s for {args.seconds} s; {args.solvers} solver(s)")
    achieved = flood(base_url, args.rate, args.seconds, tally)
    people_thread.join()
    paid = [queue.get(timeout=120) for _ in solvers]
    for process in solvers:
        process.join(timeout=30)
    bits_at_end = challenge(base_url)["bits"]
    problems = server.log_problems_since_last_call()

    times = [p["press_to_sent_ms"] for p in people if p["started"]]
    free_accepted = sum(count for key, count in tally.items() if ":201:" in key)
    paid_accepted = sum(p["accepted"] for p in paid)
    paid_cpu = sum(p["solve_cpu_s"] for p in paid)
    paid_n = sum(p["n"] for p in paid)
    levels: Counter[int] = Counter()
    for p in paid:
        levels.update({int(bits): count for bits, count in p["levels"].items()})
    figures = {
        "flood_rate_asked": args.rate,
        "flood_rate_achieved": round(achieved, 1),
        "free_starts_sent": sum(tally.values()),
        "free_starts_accepted": free_accepted,
        "free_outcomes": dict(sorted(tally.items())),
        "paid_starts_tried": paid_n,
        "paid_starts_accepted": paid_accepted,
        "paid_starts_per_s": round(paid_n / args.seconds, 2),
        "paid_solve_cpu_ms_each": round(1000 * paid_cpu / paid_n, 1) if paid_n else None,
        "paid_bits_asked": dict(sorted(levels.items())),
        "queue_built_by_paid_starts": paid_accepted,
        "bits_asked_at_end": bits_at_end,
        "browsers_started": f"{len(times)}/{len(people)}",
        "browser_press_to_sent_ms_p50": round(percentile(times, 50) or 0, 1) if times else None,
        "browser_press_to_sent_ms_max": round(max(times), 1) if times else None,
        "browser_bits_after_each": [p.get("bits_then") for p in people if p["started"]],
        "browser_phone_cpu_slowdown": args.phone_cpu,
        "browser_failures": [p for p in people if not p["started"]],
        "server_log_problems": problems[:5],
        "bits": args.bits,
        "limit_per_minute": args.limit,
        "max_bits": args.max_bits,
        "queue_allowance": args.queue_allowance,
    }
    print("== start_flood: free and paid starts against admission, real browsers beside ==")
    for key, value in figures.items():
        print(f"{key:>32}: {value}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
