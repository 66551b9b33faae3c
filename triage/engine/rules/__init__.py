"""Reviewable triage rules: the tables per language (en.py, ja.py), their shared vocabulary
(common.py) and the matcher that reads them in context (matching.py)."""

from triage.engine.rules.matching import (
    Findings,
    Hit,
    contains_cjk,
    find_hits,
    harmless_elsewhere,
    has_company,
    keep_euphemisms_in_company,
    warm_up,
)

__all__ = [
    "Findings",
    "Hit",
    "contains_cjk",
    "find_hits",
    "harmless_elsewhere",
    "has_company",
    "keep_euphemisms_in_company",
    "warm_up",
]
