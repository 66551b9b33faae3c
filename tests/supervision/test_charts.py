"""Server-made SVG bar charts (queues/charts.py): escaped, well-formed, accessible."""

import xml.etree.ElementTree as ET

import pytest

from supervision.charts import PALETTE, bar_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"quotes\""


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 (our own output, in a test)


def attr(element: ET.Element, name: str) -> str:
    value = element.get(name)
    assert value is not None, name
    return value


def title_of(element: ET.Element) -> str:
    title = element.find(f"{SVG}title")
    assert title is not None and title.text is not None
    return title.text


def bars(root: ET.Element) -> list[ET.Element]:
    """Data bars (legend squares have no <title>)."""
    return [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def test_every_string_is_escaped():
    markup = bar_chart(
        [HOSTILE, "fine"],
        {HOSTILE: [1, 2]},
        title=HOSTILE,
        y_label=HOSTILE,
    )
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup and "&amp;" in markup and "&quot;quotes&quot;" in markup
    root = parse(markup)  # still well-formed XML
    assert title_of(root) == HOSTILE


def test_the_chart_is_one_named_image():
    root = parse(bar_chart(["a", "b"], {"Arrivals": [3, 5]}, title="Volume", y_label="People"))
    assert root.get("role") == "img"
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    title_id, desc_id = attr(root, "aria-labelledby").split()
    assert ids[title_id].tag == f"{SVG}title" and ids[title_id].text == "Volume"
    assert ids[desc_id].tag == f"{SVG}desc" and "People" in (ids[desc_id].text or "")


def test_one_bar_per_value_and_series_grouped_by_label():
    root = parse(
        bar_chart(
            ["Mon", "Tue", "Wed"],
            {"Arrivals": [4, 2, 0], "Abandoned": [1, None, 0]},
            title="Week",
            y_label="Conversations",
        )
    )
    drawn = bars(root)
    assert len(drawn) == 5  # None is a missing bar, not a zero
    assert [title_of(b) for b in drawn[:2]] == [
        "Mon, Arrivals: 4",
        "Mon, Abandoned: 1",
    ]
    assert {b.get("fill") for b in drawn} == set(PALETTE[:2])
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "Arrivals" in legend and "Abandoned" in legend
    assert axis_labels(root) == [["Mon"], ["Tue"], ["Wed"]]


def test_bars_are_scaled_to_the_top_tick():
    root = parse(bar_chart(["a", "b"], {"n": [10, 5]}, title="t", y_label="y"))
    tall, half = (float(attr(b, "height")) for b in bars(root))
    assert tall == pytest.approx(2 * half)
    assert tall == pytest.approx(320 - 48 - 40)  # 10 is the top tick: the full plot height


def test_negative_values_are_drawn_as_zero():
    root = parse(bar_chart(["a"], {"change": [-2]}, title="t", y_label="y"))
    assert float(attr(bars(root)[0], "height")) == 0


@pytest.mark.parametrize(
    ("labels", "series"),
    [([], {}), ([], {"Arrivals": []}), (["a"], {}), (["a", "b"], {"n": [None, None]})],
)
def test_empty_data_still_gives_a_valid_chart(labels, series):
    markup = bar_chart(labels, series, title="Nothing yet", y_label="People")
    root = parse(markup)
    assert root.get("role") == "img"
    assert not bars(root)
    if not labels or not series:
        assert "No data for this period." in markup


def axis_labels(root: ET.Element) -> list[list[str]]:
    """Each x-axis label as its lines."""
    return [
        [span.text or "" for span in text.iter(f"{SVG}tspan")]
        for text in root.iter(f"{SVG}text")
        if text.find(f"{SVG}tspan") is not None
    ]


def test_long_labels_wrap_onto_two_lines_then_shorten():
    # 8 groups in 568 px: 71 px, about 10 characters a line.
    labels = ["Relationships or family", "Emergency services contacted and more", "Low"]
    root = parse(bar_chart((labels * 3)[:8], {"n": [1] * 8}, title="t", y_label="y"))
    wrapped = axis_labels(root)
    assert wrapped[0] == ["Relations…", "or family"]
    assert len(wrapped[1]) == 2 and wrapped[1][1].endswith("…")
    assert wrapped[2] == ["Low"]
    assert title_of(bars(root)[1]).startswith(labels[1])  # in full


def test_japanese_labels_are_measured_as_wide_characters():
    # 71 px is about 10 half-width characters: 5 Japanese ones at most.
    root = parse(bar_chart(["家族や人間関係のこと"] * 8, {"n": [1] * 8}, title="t", y_label="y"))
    (line,) = axis_labels(root)[0]
    assert line.endswith("…") and len(line) <= 5


def test_ids_are_stable_and_differ_between_charts():
    one = bar_chart(["a"], {"n": [1]}, title="One", y_label="y")
    assert one == bar_chart(["a"], {"n": [1]}, title="One", y_label="y")
    two = bar_chart(["a"], {"n": [1]}, title="Two", y_label="y")
    assert parse(one).get("aria-labelledby") != parse(two).get("aria-labelledby")


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (7, [0, 2, 4, 6, 8]),
        (10, [0, 5, 10]),
        (0.9, [0, 0.5, 1.0]),
        (840, [0, 500, 1000]),
        (1650, [0, 500, 1000, 1500, 2000]),
    ],
)
def test_axis_ticks_are_round_numbers_reaching_the_top(top, ticks):
    assert nice_ticks(top) == pytest.approx(ticks)
