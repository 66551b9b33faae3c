"""Checking websocket frames against their typed shapes (each app's frames.py), as Zulip's
check_events does against event_types.py: every key, no extra one, every value's type."""

import json
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from core import frames as core_frames
from counseling import frames as counseling_frames
from queues import frames as queue_frames
from supervision import frames as supervision_frames
from triage import frames as triage_frames

# Every module that builds frames, lowest layer first.
FRAME_MODULES = (core_frames, counseling_frames, queue_frames, triage_frames, supervision_frames)


def check_frame(frame: Mapping[str, Any], shape: type) -> dict[str, Any]:
    """Fail unless `frame`, as a client receives it (through JSON), has exactly the keys of
    the TypedDict `shape` with values of their types. Returns the frame as received."""
    received = json.loads(json.dumps(frame, ensure_ascii=False))
    problems = _problems(received, shape, "frame")
    assert not problems, "\n".join(problems)
    return received


def _problems(value: Any, expected: Any, where: str) -> list[str]:
    if expected is Any:
        return []
    if is_typeddict(expected):
        return _typeddict_problems(value, expected, where)
    origin = get_origin(expected)
    if origin is Literal:
        allowed = get_args(expected)
        return [] if value in allowed else [f"{where}: {value!r} is not one of {allowed}"]
    if origin in (Union, types.UnionType):
        options = get_args(expected)
        if any(not _problems(value, option, where) for option in options):
            return []
        return [f"{where}: {value!r} is none of {options}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not a list"]
        (item,) = get_args(expected)
        return [p for i, v in enumerate(value) for p in _problems(v, item, f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: {value!r} is not an object"]
        _key, item = get_args(expected)
        return [p for k, v in value.items() for p in _problems(v, item, f"{where}.{k}")]
    if expected is type(None):
        return [] if value is None else [f"{where}: {value!r} is not null"]
    if expected is float:  # JSON writes 1.0 as 1.0 but a whole score may come as 1
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, expected)
    return [] if ok else [f"{where}: {value!r} is not {expected.__name__}"]


def _typeddict_problems(value: Any, shape: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: {value!r} is not an object ({shape.__name__})"]
    hints = get_type_hints(shape)
    problems = [f"{where}: lacks {key!r}" for key in shape.__required_keys__ - set(value)]
    problems += [
        f"{where}: has {key!r}, not in {shape.__name__}" for key in set(value) - set(hints)
    ]
    for key in set(value) & set(hints):
        problems += _problems(value[key], hints[key], f"{where}.{key}")
    return problems


def frame_type(shape: Any) -> tuple[str, ...]:
    """The "type" values a TypedDict allows, () if it is no frame."""
    if not is_typeddict(shape):
        return ()
    hint = get_type_hints(shape).get("type")
    return get_args(hint) if get_origin(hint) is Literal else ()


def frame_builders(module: types.ModuleType) -> dict[Callable[..., Any], Any]:
    """The module's builders: its own functions that return a frame's TypedDict."""
    found: dict[Callable[..., Any], Any] = {}
    for value in vars(module).values():
        if not isinstance(value, types.FunctionType) or value.__module__ != module.__name__:
            continue
        returned = get_type_hints(value).get("return")
        if frame_type(returned):
            found[value] = returned
    return found


class Sent:
    """The frames events sent (send_on_commit replaced in the events modules given), in
    order: services called in a test announce at once, commit or not."""

    def __init__(self, monkeypatch: Any, *events_modules: types.ModuleType) -> None:
        self.frames: list[dict[str, Any]] = []
        for module in events_modules:
            monkeypatch.setattr(module, "send_on_commit", self.record)

    def record(self, group: str, frame: Mapping[str, Any], **_options: Any) -> None:
        self.frames.append(dict(frame))

    def last(self, kind: str) -> dict[str, Any]:
        """The last frame of type `kind` sent; fails if there was none."""
        sent = [frame for frame in self.frames if frame["type"] == kind]
        assert sent, f"no {kind!r} frame was sent (sent: {[f['type'] for f in self.frames]})"
        return sent[-1]


def untested_frame_types(module: types.ModuleType, tests: Mapping[str, Any]) -> set[str]:
    """The frame types `module` builds that have no test named test_<type>_frame... among
    `tests` (a test module's globals)."""
    built = {kind for shape in frame_builders(module).values() for kind in frame_type(shape)}
    return {
        kind for kind in built if not any(name.startswith(f"test_{kind}_frame") for name in tests)
    }
