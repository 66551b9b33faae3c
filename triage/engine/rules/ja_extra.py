"""More Japanese rules for chat language the first tables miss (see ja_acts.py for the style):
reviewable rows, each with harmless company where the words have an everyday use."""

# Rule patterns stay on one line each to be read as a table.

from __future__ import annotations

from triage.engine.rules.common import Rule

RULES_JA_EXTRA: tuple[Rule, ...] = ()
