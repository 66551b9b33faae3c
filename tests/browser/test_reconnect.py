"""static/js/socket.js in Chromium: how long a dropped page waits before it connects again.

A server too busy to keep its connections (it closes them soon after they open) must see
its clients come back more and more slowly, not all at once after every close; a page
whose connection was healthy for a while comes back at once when it drops. The socket
here is Playwright's stand-in for the server, and the page's timers and clock are
observed rather than waited on, so the test reads the delays the page asked for.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATH = "/ws/reconnect-test/"
# socket.js: 0.5 s, 1 s, 2 s ... up to 10 s, each 50-100% of that; STABLE_MS.
BASE_MS, CAP_MS, STABLE_MS = 500, 10_000, 10_000
DROPS = 8

# Reconnect timers run at once (their asked-for delay is recorded), and Date.now can be
# moved on: the test needs no waiting and says nothing about real time.
RECORDING_SOCKET = """async ([href, path]) => {
  const realSetTimeout = window.setTimeout.bind(window);
  window.askedDelays = [];
  window.setTimeout = (callback, delay) => {
    window.askedDelays.push(delay);
    return realSetTimeout(callback, 0);
  };
  const realNow = Date.now;
  window.clockShift = 0;
  Date.now = () => realNow() + window.clockShift;
  const { ReconnectingSocket } = await import(href);
  window.testSocket = new ReconnectingSocket(path, {
    onFrame() {},
    onOpen() { window.testSocket.send({ type: "opened" }); },
  });
}"""


def test_a_server_that_keeps_dropping_pages_is_tried_less_and_less_often(seeker_context):
    page = seeker_context.new_page()
    connections = []

    def on_connect(socket) -> None:
        connections.append(socket)  # not connected to any server: the test plays it
        if len(connections) <= DROPS:
            # Closed as soon as the page has seen it open (it says so): an overloaded server.
            socket.on_message(lambda _message: socket.close())

    page.route_web_socket(f"**{PATH}", on_connect)
    page.goto("/chat/")
    module = page.get_attribute("link[rel=modulepreload][href*='socket']", "href")
    page.goto(module)  # a same-origin document with no script of its own to use timers
    page.evaluate(RECORDING_SOCKET, [module, PATH])
    page.wait_for_function(f"window.testSocket.isOpen && window.askedDelays.length === {DROPS}")

    asked = page.evaluate("window.askedDelays")
    for attempt, delay in enumerate(asked):
        step = min(CAP_MS, BASE_MS * 2**attempt)
        assert step / 2 <= delay <= step, (attempt, asked)
    assert asked[-1] >= CAP_MS / 2  # backed off to the cap, never reset by the brief opens
    assert len(connections) == DROPS + 1

    # The last connection stays up past STABLE_MS, then drops: back at the first step.
    page.evaluate(f"window.clockShift += {STABLE_MS}")
    connections[-1].close()
    page.wait_for_function(f"window.testSocket.isOpen && window.askedDelays.length === {DROPS + 1}")
    assert BASE_MS / 2 <= page.evaluate("window.askedDelays")[-1] <= BASE_MS
    assert len(connections) == DROPS + 2
