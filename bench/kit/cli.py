"""What every benchmark's command line and output share: the options for the server it
starts (or the one it is pointed at), one way to run `main`, and one report printer.

A benchmark prints its tables on stdout, then one JSON line with every figure; progress
goes to stderr (`log`). It never fails on a time: the exit code is 0 unless the benchmark
itself could not run (1), or was interrupted (130).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bench.kit import BenchError


def log(message: str) -> None:
    """Progress goes to stderr, so that stdout holds only the figures."""
    print(message, file=sys.stderr, flush=True)


def parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser described by the first paragraph of a benchmark's docstring."""
    return argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])


def add_server_options(
    parser: argparse.ArgumentParser,
    *,
    port: int | None,
    url: bool = True,
    worker_pid: bool = False,
    database_url: str | None = None,
    worker: str | None = None,
    server_env: str = "extra environment for the server and worker we start (repeatable)",
) -> None:
    """--port for the server we start (unless `port` is None); with `url`, --url and
    --server-pid to measure one already running (and --worker-pid, --database-url with
    `database_url` as its help); --worker-concurrency (help `worker`) or, if None,
    --no-worker; --seed; --server-env."""
    if port is not None:
        parser.add_argument("--port", type=int, default=port, help="port for the server we start")
    if url:
        parser.add_argument("--url", help="target an already running server (skips all setup)")
        parser.add_argument("--server-pid", type=int, help="with --url: measure this process tree")
    if worker_pid:
        parser.add_argument("--worker-pid", type=int, help="with --url: measure this worker tree")
    if database_url is not None:
        parser.add_argument("--database-url", help=f"with --url: {database_url}")
    if worker is not None:
        parser.add_argument("--worker-concurrency", type=int, default=2, help=worker)
    else:
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start a Celery worker beside the server (scoring tasks then wait)",
        )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-env", action="append", default=[], metavar="KEY=VALUE", help=server_env
    )


def server_env(items: Sequence[str], **defaults: str) -> dict[str, str]:
    """`defaults` overridden by --server-env KEY=VALUE items (those without "=" ignored)."""
    env = dict(defaults)
    for item in items:
        key, equals, value = item.partition("=")
        if equals:
            env[key] = value
    return env


def number_list(
    parser: argparse.ArgumentParser, text: str, kind: Callable[[str], Any], option: str
) -> list[Any]:
    """A comma-separated option ("10,100,500") as numbers, all positive."""
    try:
        values = [kind(part) for part in text.split(",") if part.strip()]
    except ValueError:
        parser.error(f"{option} takes numbers separated by commas")
    if not values or min(values) <= 0:
        parser.error(f"{option} needs at least one positive value")
    return values


def apply_quick(
    parser: argparse.ArgumentParser, args: argparse.Namespace, quick: Mapping[str, Any]
) -> None:
    """--quick: take `quick`'s values for the options left at their defaults (a flag
    given explicitly wins)."""
    if not args.quick:
        return
    for name, value in quick.items():
        if getattr(args, name) == parser.get_default(name):
            setattr(args, name, value)


def run_main(name: str, body: Callable[[], int], cleanup: Callable[[], None] | None = None) -> int:
    """Run a benchmark's body: 1 (and why, on stderr) if it could not run, 130 if
    interrupted; `cleanup` (stopping what it started) runs whatever happens."""
    try:
        return body()
    except BenchError as exc:
        log(f"{name} could not run: {exc}")
        return 1
    except (OSError, TimeoutError) as exc:
        log(f"{name} could not run: {exc!r}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if cleanup is not None:
            cleanup()


def print_json(benchmark: str, config: Mapping[str, Any], results: Any) -> None:
    """The last line of a benchmark's output: every figure, for machines."""
    print(json.dumps({"benchmark": benchmark, "config": config, "results": results}))


# --- Reports ----------------------------------------------------------------------------


def show(value: Any, unit: str = "") -> str:
    return "n/a" if value is None else f"{value}{unit}"


def several(result: Mapping[str, Any], keys: Sequence[str], unit: str) -> str:
    """Figures side by side: "12 ms / 30 ms / n/a"."""
    return " / ".join(show(result.get(key), unit) for key in keys)


def rows_table(title: str | None, rows: Sequence[tuple[str, str]]) -> list[str]:
    """A list of label / value rows, the labels aligned, under "== title ==" if any."""
    width = max(len(label) for label, _ in rows)
    heading = [f"== {title} =="] if title is not None else []
    return [*heading, *(f"  {label:<{width}}  {value}" for label, value in rows)]


def columns_table(
    title: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    first_left: bool = True,
) -> list[str]:
    """A titled table with a column per (heading, key); numbers right-aligned, the first
    column left-aligned unless `first_left` is False."""
    widths = [max(len(head), *(len(show(r.get(key))) for r in rows)) for head, key in columns]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index == 0 and first_left else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    header = line([head for head, _ in columns])
    body = [line([show(row.get(key)) for _, key in columns]) for row in rows]
    return [f"== {title} ==", header, *body]
