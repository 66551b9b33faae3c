"""Kizuna's labelled chat corpora (triage/data/*.jsonl, labelled by LABELLING.md).

`train_*.jsonl` files train the model; `dev_*.jsonl` files are development sets kept
apart from training and only ever measured (triage_eval). A line is one message (`text`)
or a conversation (`messages`, the help-seeker's messages in order).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.tiers import Tier

DATA_DIR = Path(__file__).resolve().parent / "data"
TIERS = frozenset(t.value for t in Tier if t != Tier.UNKNOWN)
LANGUAGES = frozenset({"en", "ja"})


@dataclass(frozen=True)
class ChatExample:
    id: str
    lang: str
    tier: str
    kind: str
    messages: tuple[str, ...]
    whose: str = "self"

    @property
    def text(self) -> str:
        """The messages as one text (for the model: one line per message)."""
        return "\n".join(self.messages)

    @property
    def high_or_above(self) -> bool:
        return self.tier in (Tier.HIGH, Tier.IMMINENT)


def load(path: Path) -> list[ChatExample]:
    """Examples of one file; a malformed line raises ValueError naming its line number."""
    examples: list[ChatExample] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            messages = row.get("messages") or [row["text"]]
            example = ChatExample(
                id=str(row["id"]),
                lang=str(row["lang"]),
                tier=str(row["tier"]),
                kind=str(row.get("kind", "")),
                messages=tuple(str(m) for m in messages),
                whose=str(row.get("whose", "self")),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path.name}:{number}: {error}") from error
        if example.tier not in TIERS or example.lang not in LANGUAGES:
            raise ValueError(f"{path.name}:{number}: unknown tier or language")
        examples.append(example)
    return examples


def files(split: str, data_dir: Path = DATA_DIR) -> list[Path]:
    """The corpus files of a split ("train" or "dev"), sorted."""
    return sorted(data_dir.glob(f"{split}_*.jsonl"))


def load_split(split: str, data_dir: Path = DATA_DIR) -> list[ChatExample]:
    return [example for path in files(split, data_dir) for example in load(path)]


def by_language(examples: Iterable[ChatExample]) -> dict[str, list[ChatExample]]:
    grouped: dict[str, list[ChatExample]] = {}
    for example in examples:
        grouped.setdefault(example.lang, []).append(example)
    return dict(sorted(grouped.items()))
