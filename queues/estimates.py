"""Honest wait estimates for help-seekers: a range from recent service rates, or nothing.

The rate is how many people counselors answered in the last hour. With fewer than
MIN_ANSWERED_FOR_ESTIMATE answers there is no basis for a number, and the page says
"we don't know yet" rather than guess. The range is wide on purpose (0.7x to 1.5x):
arrivals of higher-risk people can move someone back, and a promise broken hurts more
than a range.
"""

import math

MIN_ANSWERED_FOR_ESTIMATE = 3


def wait_estimate(*, position: int, answered_last_hour: int) -> tuple[int, int] | None:
    """(low, high) minutes until someone at `position` is likely answered, or None."""
    if answered_last_hour < MIN_ANSWERED_FOR_ESTIMATE or position < 1:
        return None
    minutes = position * 60 / answered_last_hour
    low = max(1, math.floor(minutes * 0.7))
    high = max(low + 1, math.ceil(minutes * 1.5))
    if high > 15:  # beyond a quarter hour, 5-minute steps read more honestly
        low, high = max(1, low // 5 * 5), math.ceil(high / 5) * 5
    return low, high
