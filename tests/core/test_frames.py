"""The frame in core/frames.py, the error every socket answers a refusal with, checked
against its documented shape."""

from core import frames
from core.errors import Refusal
from tests.support.frames import check_frame, untested_frame_types


def test_every_frame_type_built_here_has_a_shape_test():
    assert untested_frame_types(frames, globals()) == set()


def test_error_frame_of_a_refusal_with_and_without_the_refused_message():
    refusal = Refusal("rate_limited")
    plain = check_frame(frames.error_frame(refusal.code, refusal.message), frames.ErrorFrame)
    assert "ref" not in plain
    refused = frames.error_frame(refusal.code, refusal.message, ref="c-7")
    assert check_frame(refused, frames.ErrorFrame)["ref"] == "c-7"
