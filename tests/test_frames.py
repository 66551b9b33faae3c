"""The frames the documentation names are the frames the code builds: README.md's
"Websocket protocol" table and the events modules' docstrings against every app's
frames.py (one builder per frame type; each shape is tested in tests/<app>/test_frames.py)."""

import re
from collections import Counter
from pathlib import Path
from typing import Any

from counseling import events as counseling_events
from queues import events as queue_events
from supervision import events as supervision_events
from tests.support.frames import FRAME_MODULES, frame_builders, frame_type
from triage import events as triage_events

README = Path(__file__).resolve().parents[1] / "README.md"


def builders() -> dict[Any, Any]:
    return {fn: shape for module in FRAME_MODULES for fn, shape in frame_builders(module).items()}


def built_types() -> set[str]:
    return {kind for shape in builders().values() for kind in frame_type(shape)}


def documented_frames() -> list[tuple[tuple[str, ...], set[str], set[str], bool]]:
    """Each frame in the table of frames sent to clients: (types, keys, optional keys,
    whether the keys are all listed, i.e. no "...")."""
    section = README.read_text().split("### Websocket protocol", 1)[1].split("\n## ", 1)[0]
    table = section.split("| To | Frame | Meaning |", 1)[1].split("\n\n", 1)[0]
    found = []
    for row in table.splitlines()[2:]:
        frame_cell = row.split(" | ")[1]
        for span in re.findall(r"`([^`]*)`", frame_cell):
            if not span.startswith('{"type":'):
                continue
            parts = _top_level_parts(span)
            kinds = tuple(re.findall(r'"(\w+)"', parts[0].split(":", 1)[1]))
            keys: set[str] = set()
            optional: set[str] = set()
            whole = True
            for part in parts[1:]:
                if part == "...":
                    whole = False
                    continue
                key = re.match(r'"(\w+)"(\?)?', part)
                assert key, f"cannot read {part!r} in {span}"
                (optional if key.group(2) else keys).add(key.group(1))
            found.append((kinds, keys, optional, whole))
    return found


def _top_level_parts(span: str) -> list[str]:
    """The comma-separated parts of `{...}` outside any nested braces or brackets."""
    inner, depth, part, parts = span.strip()[1:-1], 0, "", []
    for char in inner:
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(part.strip())
            part = ""
        else:
            part += char
    return [*parts, part.strip()]


def test_the_readme_names_exactly_the_frames_that_are_built():
    documented = {kind for kinds, *_ in documented_frames() for kind in kinds}
    assert documented == built_types(), (
        f"documented, not built: {sorted(documented - built_types())}; "
        f"built, not documented: {sorted(built_types() - documented)}"
    )


def test_each_frame_type_has_one_builder_in_its_app():
    for module in FRAME_MODULES:
        counts = Counter(
            kind for shape in frame_builders(module).values() for kind in frame_type(shape)
        )
        assert [kind for kind, n in counts.items() if n > 1] == [], module.__name__


def test_the_readme_lists_the_keys_each_frame_has():
    shapes: dict[str, list[Any]] = {}
    for shape in builders().values():
        for kind in frame_type(shape):
            shapes.setdefault(kind, []).append(shape)
    for kinds, keys, optional, whole in documented_frames():
        for kind in kinds:
            # "hello" is two frames (console and dashboard): the row must be one of them.
            assert any(_fits(shape, keys, optional, whole) for shape in shapes[kind]), (
                f"README's {kind!r} lists {sorted(keys | optional)}"
            )


def _fits(shape: Any, keys: set[str], optional: set[str], whole: bool) -> bool:
    """Every key the row names is the frame's; with no "...", every key the frame always
    has is named, and every key it may have is named (as optional if need be)."""
    has = set(shape.__annotations__) - {"type"}
    always = set(shape.__required_keys__) - {"type"}
    if not keys <= has:
        return False
    return not whole or (always <= keys and has <= keys | optional)


def test_the_events_modules_name_only_frames_that_are_built():
    for module in (counseling_events, queue_events, triage_events, supervision_events):
        named = set(re.findall(r'^- "(\w+)"', module.__doc__ or "", flags=re.MULTILINE))
        assert named, module.__name__
        assert named <= built_types(), (module.__name__, sorted(named - built_types()))
