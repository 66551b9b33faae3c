"""A newcomer's `make test`: it brings up what the suite needs itself (.ci/services), and
on a machine that already has everything that step says and does nothing."""

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_test_brings_up_the_services_before_the_suite():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe is not None
    steps = recipe.group(1).splitlines()
    assert steps[0].strip() == "@.ci/services"
    assert any("pytest" in step for step in steps[1:])


def test_on_a_ready_machine_bringing_up_says_and_does_nothing():
    # This machine runs the suite, so PostgreSQL, Redis and Chromium are there.
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL",)}
    done = subprocess.run(
        [str(ROOT / ".ci/services")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def test_ci_runs_exactly_what_a_newcomer_runs():
    ci = (ROOT / ".ci/run").read_text()
    assert ci.strip().endswith("make test")
