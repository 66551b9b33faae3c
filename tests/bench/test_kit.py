"""The load kit (bench/kit/): its reconnect rule is static/js/socket.js's, read from the
file itself so that a change to one side alone fails here; percentiles and rounding as
every benchmark reports them; and the command line the benchmarks share."""

import asyncio
import random
import re
from pathlib import Path

import pytest
from websockets.asyncio.server import ServerConnection, serve

from bench import chat_latency, console_load, triage_latency
from bench.kit import cli
from bench.kit.sockets import (
    FINAL_CLOSE_CODES,
    STABLE_SECONDS,
    Backoff,
    ReconnectingSocket,
    reconnect_delay,
)
from bench.kit.stats import Tally, cpu_pct, mb, ms, percentile

SOCKET_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "socket.js"


def socket_js() -> str:
    return SOCKET_JS.read_text(encoding="utf-8")


def js_delay_formula() -> tuple[float, float, float, float]:
    """(cap ms, first step ms, jitter floor, jitter divisor) of scheduleReconnect's delay."""
    found = re.search(
        r"Math\.min\((\d+),\s*(\d+)\s*\*\s*2\s*\*\*\s*this\.attempt\)"
        r"\s*\*\s*\(([\d.]+)\s*\+\s*Math\.random\(\)\s*/\s*([\d.]+)\)",
        socket_js(),
    )
    assert found, "socket.js's reconnect delay is no longer min(cap, step * 2 ** attempt) * jitter"
    cap, step, floor, divisor = (float(group) for group in found.groups())
    return cap, step, floor, divisor


class FixedRandom(random.Random):
    """Math.random() answering `value` every time."""

    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value

    def random(self) -> float:
        return self.value


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# --- The reconnect rule, against socket.js ------------------------------------------------


def test_final_close_codes_are_socket_js_s():
    found = re.search(r"FINAL_CLOSE_CODES\s*=\s*new Set\(\[([\d,\s]+)\]\)", socket_js())
    assert found
    assert {int(code) for code in found.group(1).split(",")} == FINAL_CLOSE_CODES


def test_a_connection_counts_as_healthy_after_socket_js_s_stable_time():
    found = re.search(r"STABLE_MS\s*=\s*(\d+)", socket_js())
    assert found
    assert float(found.group(1)) == STABLE_SECONDS * 1000
    # Healthy from the stable time on, not only past it.
    assert re.search(r"Date\.now\(\)\s*-\s*this\.openedAt\s*>=\s*STABLE_MS\)", socket_js())


@pytest.mark.parametrize("random_value", [0.0, 0.3, 0.999])
def test_each_delay_is_socket_js_s_formula(random_value):
    cap, step, floor, divisor = js_delay_formula()
    for attempt in range(8):
        js_ms = min(cap, step * 2**attempt) * (floor + random_value / divisor)
        assert reconnect_delay(attempt, random_value) == pytest.approx(js_ms / 1000)


def test_drops_back_off_from_half_a_second_to_ten_and_stay_there():
    backoff = Backoff(FixedRandom(1.0), clock=Clock())
    assert [backoff.next_delay() for _ in range(7)] == [0.5, 1, 2, 4, 8, 10, 10]


def test_jitter_halves_the_delay_at_most():
    backoff = Backoff(FixedRandom(0.0), clock=Clock())
    assert [backoff.next_delay() for _ in range(3)] == [0.25, 0.5, 1]


def test_the_backoff_starts_again_only_after_a_connection_that_lasted():
    clock = Clock()
    backoff = Backoff(FixedRandom(1.0), clock=clock)
    backoff.next_delay()
    backoff.next_delay()  # two failed attempts: the next waits 2 s
    backoff.opened()
    clock.now += STABLE_SECONDS - 1  # an overloaded server's close, soon after opening
    assert backoff.next_delay() == 2
    backoff.opened()
    clock.now += STABLE_SECONDS  # a healthy connection
    assert backoff.next_delay() == 0.5
    assert backoff.next_delay() == 1  # failed attempts do not start it again


async def test_a_final_close_code_stops_the_reconnecting():
    async def refuse(connection: ServerConnection) -> None:
        await connection.close(4403, "forbidden")

    finals: list[int] = []

    class Page(ReconnectingSocket):
        def on_final(self, code: int) -> None:
            finals.append(code)

    async with serve(refuse, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        page = Page([f"http://127.0.0.1:{port}"], "/ws/console/", "sessionid=x")
        keeper = page.connect_and_keep()
        await asyncio.wait_for(keeper, 5)
    assert finals == [4403]
    assert (page.opens, page.final) == (1, True)


async def test_a_dropped_connection_is_opened_again_and_resumed():
    async def close_first(connection: ServerConnection) -> None:
        accepted.append(connection)
        await connection.send('{"type": "hello"}')
        if len(accepted) == 1:
            await connection.close(1012, "restarting")
        else:
            await connection.wait_closed()

    accepted: list[ServerConnection] = []
    connected: list[str] = []
    downs: list[int | None] = []

    class Page(ReconnectingSocket):
        async def on_open(self) -> bool:
            connected.append(self.connected_to[-1])
            return True

        def on_down(self, code: int | None, *, opened: bool) -> None:
            downs.append(code)

    async with serve(close_first, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        page = Page([f"http://127.0.0.1:{port}"], "/ws/seeker/", "kizuna_seeker=x")
        page.connect_and_keep()
        for _ in range(100):
            if len(connected) == 2:
                break
            await asyncio.sleep(0.05)
        await page.close()
    assert len(connected) == 2
    assert downs == [1012]


# --- Figures ----------------------------------------------------------------------------


def test_percentiles_interpolate_between_ranks():
    assert percentile([], 50) is None
    assert percentile([7.0], 99) == 7.0
    values = [40.0, 10.0, 30.0, 20.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 50) == 25.0
    assert percentile(values, 100) == 40.0
    assert percentile(values, 99) == pytest.approx(39.7)


def test_times_and_sizes_round_to_a_tenth_and_keep_none():
    assert ms(12.345) == 12.3
    assert ms(0.01234, 1000) == 12.3
    assert ms(None) is None
    assert mb(512.06) == 512.1
    assert mb(None) is None


def test_cpu_is_a_percentage_of_one_core():
    assert cpu_pct(10.0, 11.5, 3.0) == 50
    assert cpu_pct(None, 11.5, 3.0) is None
    assert cpu_pct(10.0, 11.5, 0.0) is None


def test_a_tally_counts_errors_by_kind():
    tally = Tally()
    tally.error("seeker_send_failed")
    tally.error("seeker_send_failed")
    tally.error("console_no_hello")
    assert tally.error_figures() == {
        "errors": 3,
        "error_kinds": {"seeker_send_failed": 2, "console_no_hello": 1},
    }


# --- The command line and the report ------------------------------------------------------


def test_server_options_target_a_running_server_and_add_environment():
    parser = cli.parser("Title.\n\nMore.")
    cli.add_server_options(parser, port=8000, worker_pid=True, database_url="create staff")
    running = ["--url", "http://127.0.0.1:9000", "--server-pid", "12", "--worker-pid", "13"]
    args = parser.parse_args(
        [*running, "--server-env", "KIZUNA_X=1", "--server-env", "ignored", "--seed", "3"]
    )
    assert (args.url, args.server_pid, args.worker_pid, args.seed) == (
        "http://127.0.0.1:9000",
        12,
        13,
        3,
    )
    assert (args.port, args.no_worker, args.database_url) == (8000, False, None)
    assert cli.server_env(args.server_env, KIZUNA_X="0", KIZUNA_Y="2") == {
        "KIZUNA_X": "1",
        "KIZUNA_Y": "2",
    }
    assert parser.description == "Title."


def test_a_benchmark_refuses_sizes_that_are_not_positive_numbers():
    assert chat_latency.parse_args(["--sizes", "10,100"]).size_list == [10, 100]
    assert triage_latency.parse_args(["--rates", "0.5"]).rate_list == [0.5]
    for sizes in ("10,0", "ten", ""):
        with pytest.raises(SystemExit):
            chat_latency.parse_args(["--sizes", sizes])


def test_quick_takes_its_values_unless_a_flag_says_otherwise():
    args = console_load.parse_args(["--quick", "--rate", "3"])
    assert (args.counselors, args.duration, args.rate) == (10, 10.0, 3.0)
    assert console_load.parse_args([]).counselors == 50


def test_reports_align_their_labels_and_show_what_is_missing():
    assert cli.rows_table("run", [("sent", "10"), ("latency p50", cli.show(None, " ms"))]) == [
        "== run ==",
        "  sent         10",
        "  latency p50  n/a",
    ]
    rows: list[dict[str, float | None]] = [
        {"rate": 1.0, "p50_ms": 12.5},
        {"rate": 10.0, "p50_ms": None},
    ]
    assert cli.columns_table("rates", rows, [("rate/s", "rate"), ("p50 ms", "p50_ms")]) == [
        "== rates ==",
        "rate/s  p50 ms",
        "1.0       12.5",
        "10.0       n/a",
    ]
