"""Help-seeker page weight and responsiveness, in headless Chromium at phone size.

A person in crisis is often on a phone with a poor connection; this measures what they wait
for. For the landing page (/) and the chat page (/chat/), each loaded with a cold cache (a
fresh browser context every time), on the local network and on an emulated slow network
(by default 400 kbit/s down and up, 400 ms round trip: "slow 3G"-like):

  * bytes transferred (CDP `Network.loadingFinished` encodedDataLength: bodies and headers
    of the HTML, CSS and JS) and bytes after decoding, number of requests, by type;
  * navigation timing: responseStart, domInteractive, domContentLoaded and load;
  * on /chat/, when the composer is usable (its submit handler is attached and the text
    box is enabled), from the same time origin.

Then, N times (--runs) in a fresh context on the local network: the time from pressing
Send on the first message until it shows as "Sent" (an HTTP POST opens the conversation),
and for a follow-up message once the websocket is up (sent and confirmed over the socket).
Times are taken inside the page (performance.now()), not across the Playwright wire. Each
conversation is ended afterwards, so no queue is left full of benchmark people.

Run (sets up its own database `kizuna_bench_seeker`, uvicorn and a Celery worker):

    .venv/bin/python -m bench.seeker_page
    .venv/bin/python -m bench.seeker_page --runs 5 --load-runs 1
    .venv/bin/python -m bench.seeker_page --url http://127.0.0.1:8000

Prints a table, then one JSON line with every figure. It never fails on a time: exit code
0 unless the benchmark itself could not run. Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also as python bench/x.py

from bench.kit import cli
from bench.kit.browser import PHONE, chromium
from bench.kit.cli import log
from bench.kit.processes import BenchServer
from bench.kit.stats import ms, percentile

BUDGET_BYTES = 150 * 1024
PAGES = {"landing": "/", "chat": "/chat/"}
FIRST_MESSAGE = "Hello, I can't sleep and I feel alone."
FOLLOW_UP = "Are you still there?"
TIMEOUT_MS = 60_000

# Before any page script: note when seeker.js attaches the composer's submit handler (the
# moment pressing Send does something), when Send is pressed, and when the k-th message of
# ours shows "Sent". performance.now() counts from the navigation's time origin.
INSTRUMENT = """(() => {
  const original = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (type === "submit" && this instanceof HTMLFormElement && this.id === "composer"
        && window.__composerReady === undefined) {
      window.__composerReady = performance.now();
    }
    return original.call(this, type, listener, options);
  };
  window.__sendPressed = [];
  window.__sentShown = [];
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("#send-button")) {
      window.__sendPressed.push(performance.now());
    }
  }, true);
  const sentCount = () => Array.from(document.querySelectorAll(".message.mine .state"))
    .filter((node) => node.textContent.trim() === window.__sentText).length;
  const observer = new MutationObserver(() => {
    const count = sentCount();
    while (window.__sentShown.length < count) window.__sentShown.push(performance.now());
  });
  document.addEventListener("DOMContentLoaded", () => {
    const strings = document.getElementById("seeker-strings");
    window.__sentText = strings ? JSON.parse(strings.textContent).sent : "Sent";
    const list = document.getElementById("messages");
    if (list) observer.observe(list, { childList: true, subtree: true, characterData: true });
  });
})();"""

NAVIGATION_TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const input = document.getElementById("composer-input");
  return {
    response_start_ms: nav.responseStart,
    dom_interactive_ms: nav.domInteractive,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    composer_ready_ms: input && !input.disabled && window.__composerReady !== undefined
      ? window.__composerReady : null,
  };
}"""


@dataclass(frozen=True)
class Network:
    name: str
    down_kbps: float | None = None  # None: no emulation (the local network as it is)
    up_kbps: float | None = None
    rtt_ms: float = 0.0

    def conditions(self) -> dict[str, Any] | None:
        if self.down_kbps is None or self.up_kbps is None:
            return None
        return {
            "offline": False,
            "latency": self.rtt_ms,
            "downloadThroughput": self.down_kbps * 1000 / 8,  # bytes per second
            "uploadThroughput": self.up_kbps * 1000 / 8,
        }

    def describe(self) -> str:
        if self.down_kbps is None:
            return "127.0.0.1, no throttling"
        return f"{self.down_kbps:g}/{self.up_kbps:g} kbit/s, {self.rtt_ms:g} ms RTT"


class Traffic:
    """Requests and bytes of one page load, from the DevTools protocol's Network events."""

    def __init__(self) -> None:
        self.requests: dict[str, dict[str, Any]] = {}

    def on_request(self, event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if url.startswith("data:"):
            return
        self.requests[event["requestId"]] = {
            "url": url,
            "type": event.get("type", "Other"),
            "encoded": 0,
            "decoded": 0,
            "status": None,
            "done": False,
        }

    def on_response(self, event: dict[str, Any]) -> None:
        entry = self.requests.get(event["requestId"])
        if entry is not None:
            entry["status"] = event["response"].get("status")

    def on_data(self, event: dict[str, Any]) -> None:
        entry = self.requests.get(event["requestId"])
        if entry is not None:
            entry["decoded"] += event.get("dataLength", 0)

    def on_finished(self, event: dict[str, Any]) -> None:
        entry = self.requests.get(event["requestId"])
        if entry is not None:
            entry["encoded"] = int(event.get("encodedDataLength", 0))
            entry["done"] = True

    def on_failed(self, event: dict[str, Any]) -> None:
        entry = self.requests.get(event["requestId"])
        if entry is not None:
            entry["done"] = True
            entry["status"] = "failed"

    def summary(self) -> dict[str, Any]:
        by_type: Counter[str] = Counter()
        for entry in self.requests.values():
            by_type[entry["type"]] += entry["encoded"]
        return {
            "requests": len(self.requests),
            "transferred_bytes": sum(entry["encoded"] for entry in self.requests.values()),
            "decoded_bytes": sum(entry["decoded"] for entry in self.requests.values()),
            "transferred_by_type": dict(by_type),
            "resources": sorted(
                f"{entry['type']} {entry['status']} {entry['encoded']} B "
                f"{entry['url'].split('/', 3)[-1] or '/'}"
                for entry in self.requests.values()
            ),
        }


# --- Browser -----------------------------------------------------------------------------


@contextlib.contextmanager
def phone_page(browser: Any, base_url: str) -> Iterator[Any]:
    """A page in a brand-new context: empty cache, no cookies, phone viewport, English."""
    context = browser.new_context(
        base_url=base_url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="en-US",
        extra_http_headers={"Accept-Language": "en"},
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(INSTRUMENT)
    try:
        yield context, context.new_page()
    finally:
        context.close()


def load_once(browser: Any, base_url: str, path: str, network: Network) -> dict[str, Any]:
    with phone_page(browser, base_url) as (context, page):
        cdp = context.new_cdp_session(page)
        traffic = Traffic()
        cdp.on("Network.requestWillBeSent", traffic.on_request)
        cdp.on("Network.responseReceived", traffic.on_response)
        cdp.on("Network.dataReceived", traffic.on_data)
        cdp.on("Network.loadingFinished", traffic.on_finished)
        cdp.on("Network.loadingFailed", traffic.on_failed)
        cdp.send("Network.enable")
        conditions = network.conditions()
        if conditions is not None:
            cdp.send("Network.emulateNetworkConditions", conditions)
        started = time.perf_counter()
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        wall_ms = 1000 * (time.perf_counter() - started)
        timing = page.evaluate(NAVIGATION_TIMING)
        deadline = time.monotonic() + 5
        while not all(e["done"] for e in traffic.requests.values()) and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        cdp.detach()
        return {**traffic.summary(), **timing, "wall_ms": wall_ms}


def median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def measure_loads(
    browser: Any, base_url: str, networks: list[Network], runs: int
) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    numeric = (
        "requests",
        "transferred_bytes",
        "decoded_bytes",
        "response_start_ms",
        "dom_interactive_ms",
        "dom_content_loaded_ms",
        "load_ms",
        "composer_ready_ms",
        "wall_ms",
    )
    for network in networks:
        results[network.name] = {}
        for name, path in PAGES.items():
            loads = [load_once(browser, base_url, path, network) for _ in range(runs)]
            figures: dict[str, Any] = {
                key: ms(median([load[key] for load in loads])) for key in numeric
            }
            figures["requests"] = int(figures["requests"] or 0)
            figures["transferred_bytes"] = int(figures["transferred_bytes"] or 0)
            figures["decoded_bytes"] = int(figures["decoded_bytes"] or 0)
            figures["transferred_by_type"] = loads[-1]["transferred_by_type"]
            figures["resources"] = loads[-1]["resources"]
            figures["under_budget"] = figures["transferred_bytes"] < BUDGET_BYTES
            results[network.name][name] = figures
            log(
                f"{network.name} {path}: {figures['transferred_bytes']} B in "
                f"{figures['requests']} requests, load {figures['load_ms']} ms"
            )
    return results


def wait_until(page: Any, expression: str, timeout_s: float = 30.0) -> None:
    """Poll `expression` in the page until it is true. Not page.wait_for_function: that
    evaluates a string in the page, which our Content Security Policy (no 'unsafe-eval')
    refuses. The times measured are stamped in the page, so polling adds nothing to them."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout_s:.0f} s: {expression}")
        time.sleep(0.02)


def send_once(browser: Any, base_url: str) -> tuple[float | None, float | None]:
    """One fresh help-seeker: first message (HTTP) then a follow-up (websocket), in ms."""
    with phone_page(browser, base_url) as (_context, page):
        page.goto("/chat/")
        wait_until(page, "window.__composerReady !== undefined")
        page.fill("#composer-input", FIRST_MESSAGE)
        page.click("#send-button")
        wait_until(page, "window.__sentShown.length >= 1")
        # The "conversation" frame shows the End button: the websocket is open.
        page.locator("#end-button").wait_for(state="visible")
        page.fill("#composer-input", FOLLOW_UP)
        page.click("#send-button")
        wait_until(page, "window.__sentShown.length >= 2")
        pressed: list[float] = page.evaluate("window.__sendPressed")
        shown: list[float] = page.evaluate("window.__sentShown")
        first = shown[0] - pressed[0] if len(pressed) >= 1 else None
        follow_up = shown[1] - pressed[1] if len(pressed) >= 2 else None
        # Leave nobody waiting in the queue: end the conversation as the person would.
        with contextlib.suppress(Exception):
            page.once("dialog", lambda dialog: dialog.accept())
            page.click("#end-button")
            page.locator("#new-button").wait_for(state="visible", timeout=10_000)
        return first, follow_up


def measure_sends(browser: Any, base_url: str, runs: int) -> dict[str, dict[str, Any]]:
    firsts: list[float] = []
    follow_ups: list[float] = []
    failures = 0
    for index in range(runs):
        try:
            first, follow_up = send_once(browser, base_url)
        except Exception as exc:  # a timeout is a result here, not a crash of the benchmark
            failures += 1
            log(f"send run {index + 1} failed: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        if first is not None:
            firsts.append(first)
        if follow_up is not None:
            follow_ups.append(follow_up)
    return {
        "first": latency_figures(firsts, runs, failures),
        "follow_up": latency_figures(follow_ups, runs, failures),
    }


def latency_figures(values: list[float], runs: int, failures: int) -> dict[str, Any]:
    return {
        "n": len(values),
        "runs": runs,
        "failed": failures,
        "p50_ms": ms(percentile(values, 50)),
        "p95_ms": ms(percentile(values, 95)),
        "min_ms": ms(min(values, default=None)),
        "max_ms": ms(max(values, default=None)),
    }


# --- Reporting --------------------------------------------------------------------------


def table(result: dict[str, Any], networks: list[Network]) -> str:
    show = cli.show
    lines = [f"== seeker_page (phone {PHONE['width']}x{PHONE['height']}, cold cache) =="]
    header = (
        f"  {'network':<8} {'page':<8} {'KB sent':>8} {'KB body':>8} {'reqs':>5} "
        f"{'TTFB':>8} {'interact':>9} {'DCL':>8} {'load':>8} {'composer':>9}"
    )
    lines.append(header)
    for network in networks:
        for name in PAGES:
            page = result["page_load"][network.name][name]
            lines.append(
                f"  {network.name:<8} {name:<8} "
                f"{page['transferred_bytes'] / 1024:>8.1f} {page['decoded_bytes'] / 1024:>8.1f} "
                f"{page['requests']:>5} "
                f"{show(page['response_start_ms']):>8} {show(page['dom_interactive_ms']):>9} "
                f"{show(page['dom_content_loaded_ms']):>8} {show(page['load_ms']):>8} "
                f"{show(page['composer_ready_ms']):>9}"
            )
    lines.append("  (times in ms from navigation start; medians; KB = 1024 bytes)")
    lines.append(
        "  (under emulation Chromium delays each response's body, not its headers, so TTFB"
        " leaves the RTT out; handshakes are not emulated: real networks are slower)"
    )
    for network in networks:
        lines.append(f"  {network.name}: {network.describe()}")
    for name in PAGES:
        page = result["page_load"][networks[0].name][name]
        verdict = "under" if page["under_budget"] else "OVER"
        lines.append(
            f"  {name}: {page['transferred_bytes']} B transferred, {verdict} the "
            f"{BUDGET_BYTES // 1024} KB budget; by type {page['transferred_by_type']}"
        )
        for resource in page["resources"]:
            lines.append(f"      {resource}")
    for label, key in (("first message (HTTP)", "first"), ("follow-up (websocket)", "follow_up")):
        figures = result["send"][key]
        lines.append(
            f"  Send -> 'Sent', {label}: p50 {show(figures['p50_ms'], ' ms')}, "
            f"p95 {show(figures['p95_ms'], ' ms')}, max {show(figures['max_ms'], ' ms')} "
            f"(n={figures['n']}/{figures['runs']}, failed {figures['failed']})"
        )
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.parser(__doc__)
    parser.add_argument("--runs", type=int, default=20, help="fresh help-seekers sending")
    parser.add_argument("--load-runs", type=int, default=3, help="cold loads per page/network")
    parser.add_argument("--slow-down-kbps", type=float, default=400.0)
    parser.add_argument("--slow-up-kbps", type=float, default=400.0)
    parser.add_argument("--slow-rtt-ms", type=float, default=400.0)
    parser.add_argument("--port", type=int, default=8767, help="port for the server we start")
    parser.add_argument("--url", help="target an already running server (skips all setup)")
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="do not start a Celery worker beside the server (scoring tasks then wait)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.load_runs < 1:
        parser.error("--runs and --load-runs must be positive")
    if min(args.slow_down_kbps, args.slow_up_kbps) <= 0 or args.slow_rtt_ms < 0:
        parser.error("the slow network needs positive throughput and a non-negative RTT")
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        parser.error("--url must be a server on this machine (http://127.0.0.1:PORT)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    networks = [
        Network("local"),
        Network("slow", args.slow_down_kbps, args.slow_up_kbps, args.slow_rtt_ms),
    ]
    server: BenchServer | None = None
    if not args.url:
        server = BenchServer(
            port=args.port,
            database="kizuna_bench_seeker",
            extra_env={"KIZUNA_CHANNEL_PREFIX": "kizuna-bench-seeker"},
            with_worker=not args.no_worker,
            celery_queue="kizuna-bench-seeker",
        )
    return cli.run_main(
        "seeker_page",
        lambda: measure_and_report(args, networks, server),
        server.stop if server is not None else None,
    )


def measure_and_report(
    args: argparse.Namespace, networks: list[Network], server: BenchServer | None
) -> int:
    if server is None:
        base_url = args.url.rstrip("/")
    else:
        server.setup()
        server.start()
        base_url = server.base_url
    with chromium() as browser:
        page_load = measure_loads(browser, base_url, networks, args.load_runs)
        log(f"sending: {args.runs} fresh help-seekers")
        send = measure_sends(browser, base_url, args.runs)
    problems: list[str] = []
    if server is not None:
        problems = server.log_problems_shown()
    result: dict[str, Any] = {"page_load": page_load, "send": send}
    print(table(result, networks), flush=True)
    for pages in page_load.values():
        for figures in pages.values():
            figures.pop("resources", None)  # listed in the table; the JSON keeps the figures
    config = {
        "viewport": PHONE,
        "runs": args.runs,
        "load_runs": args.load_runs,
        "networks": {network.name: network.describe() for network in networks},
        "worker": server is not None and server.worker is not None,
        "url": args.url,
    }
    summary = {
        "benchmark": "seeker_page",
        "config": config,
        "budget_bytes": BUDGET_BYTES,
        **result,
        "server_log_problems": len(problems),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
