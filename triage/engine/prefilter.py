"""A literal prefilter for regular expressions: most rules cannot match a message that lacks
certain words, and a substring test is far cheaper than running the pattern.

required_literals(pattern) returns strings of which at least one occurs in every text the
pattern matches (or None when no such set is known); Gate checks them before the regex
runs. Python's `re` has no such prefilter of its own. Derived from the parsed pattern (the
standard library's parser), so rules stay plain regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The standard library's own regular-expression parser (private, stable since 3.11).
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Literal sets larger than this are not worth testing one by one.
MAX_ALTERNATIVES = 24
# Shorter literals match almost every message and filter nothing.
MIN_LENGTH = 2

_Literals = frozenset[str] | None


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match contains, or None if none are known."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    found = _sequence(list(parsed))
    if not found or any(len(s) < MIN_LENGTH for s in found):
        return None
    return found


def _sequence(items: list[tuple[Any, Any]]) -> _Literals:
    """The best literal set of a sequence: its longest run of plain characters, or the
    best set of one of its required parts."""
    best: _Literals = None
    run: list[str] = []

    def consider(candidate: _Literals) -> None:
        nonlocal best
        if candidate and (best is None or _strength(candidate) > _strength(best)):
            best = candidate

    for op, arg in items:
        if op is sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is sre_constants.SUBPATTERN:
            consider(_sequence(list(arg[-1])))
        elif op is sre_constants.BRANCH:
            consider(_branch(arg[1]))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
            consider(_sequence(list(arg[2])))
    consider(frozenset({"".join(run)}) if run else None)
    return best


def _branch(branches: list[Any]) -> _Literals:
    union: set[str] = set()
    for branch in branches:
        found = _sequence(list(branch))
        if not found:
            return None
        union |= found
    if len(union) > MAX_ALTERNATIVES:
        return None
    return frozenset(union)


def _strength(literals: frozenset[str]) -> tuple[int, int]:
    # Fewer, longer strings filter better.
    return (min(len(s) for s in literals), -len(literals))


@dataclass(frozen=True)
class Gate:
    """Whether a pattern may match a text, by its required literals."""

    literals: frozenset[str] | None

    @classmethod
    def of(cls, pattern: str) -> Gate:
        return cls(required_literals(pattern))

    def open_for(self, present: frozenset[str] | set[str]) -> bool:
        """present: the literals found in the text (LiteralScan.present)."""
        return self.literals is None or not self.literals.isdisjoint(present)


class LiteralScan:
    """Finds, in one pass, which of many gates' literals occur in a text.

    At each position the longest literal that matches is found (a lookahead alternation,
    longest first); every other literal matching there is a prefix of it, so its prefixes
    are added too and overlapping literals are never missed.
    """

    def __init__(self, gates: list[Gate] | tuple[Gate, ...]) -> None:
        literals = sorted(
            {s for gate in gates if gate.literals for s in gate.literals},
            key=lambda s: (-len(s), s),
        )
        self._regex = (
            re.compile("(?=(" + "|".join(re.escape(s) for s in literals) + "))")
            if literals
            else None
        )
        self._prefixes = {
            literal: frozenset(p for p in literals if literal.startswith(p)) for literal in literals
        }
        # Which gates each literal opens, and the gates that are always open.
        self._opens: dict[str, set[int]] = {}
        self._always = frozenset(i for i, gate in enumerate(gates) if gate.literals is None)
        for i, gate in enumerate(gates):
            for literal in gate.literals or ():
                self._opens.setdefault(literal, set()).add(i)

    def present(self, text: str) -> set[str]:
        found: set[str] = set()
        if self._regex is not None:
            for match in self._regex.finditer(text):
                found |= self._prefixes[match.group(1)]
        return found

    def open_gates(self, text: str) -> list[int]:
        """Indices of the gates open for text, in order."""
        opened = set(self._always)
        for literal in self.present(text):
            opened |= self._opens.get(literal, set())
        return sorted(opened)
