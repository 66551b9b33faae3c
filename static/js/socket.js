// A websocket that reconnects with backoff. The owner resumes from its last sequence
// number in onOpen, so a reconnect loses nothing (the server keeps every message).

const FINAL_CLOSE_CODES = new Set([4403, 4404]);
// A connection that lasted this long was healthy: the next drop starts the backoff again.
// A shorter one (a server too busy to keep it) does not, or an overloaded server's
// closes would bring every client back at once, again and again.
const STABLE_MS = 10000;

export class ReconnectingSocket {
  constructor(path, { onFrame, onOpen, onDown, onFinal }) {
    this.url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
    this.handlers = { onFrame, onOpen, onDown, onFinal };
    this.attempt = 0;
    this.closedForGood = false;
    this.connect();
    window.addEventListener("online", () => this.reconnectNow());
    // A cut network leaves the socket "open" for minutes (until TCP gives up): believe
    // the browser instead, at once, so nobody is told "Connected" or "Sending…" meanwhile.
    window.addEventListener("offline", () => this.dropNow());
  }

  get offline() {
    return navigator.onLine === false;
  }

  get isOpen() {
    return this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  connect() {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.addEventListener("open", () => {
      this.openedAt = Date.now();
      this.handlers.onOpen && this.handlers.onOpen();
    });
    ws.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      this.handlers.onFrame(frame);
    });
    ws.addEventListener("close", (event) => {
      if (ws !== this.ws) return;
      if (FINAL_CLOSE_CODES.has(event.code)) {
        this.closedForGood = true;
        this.handlers.onFinal && this.handlers.onFinal(event.code);
        return;
      }
      this.handlers.onDown && this.handlers.onDown();
      this.scheduleReconnect();
    });
  }

  scheduleReconnect() {
    if (this.closedForGood) return;
    clearTimeout(this.timer);
    if (this.openedAt && Date.now() - this.openedAt >= STABLE_MS) this.attempt = 0;
    this.openedAt = null;
    // 0.5 s, 1 s, 2 s ... up to 10 s, with jitter so a restarted server is not stampeded.
    const delay = Math.min(10000, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  dropNow() {
    if (this.closedForGood || !this.ws) return;
    const dead = this.ws;
    this.ws = null; // its late close event is ignored (ws !== this.ws)
    dead.close();
    this.handlers.onDown && this.handlers.onDown();
    this.scheduleReconnect();
  }

  reconnectNow() {
    if (this.closedForGood || this.isOpen) return;
    clearTimeout(this.timer);
    this.connect();
  }

  send(frame) {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }
}

// The handlers that keep a staff page's connection line honest: connected, reconnecting,
// or refused for good (the account may no longer use the page). `onOpen` runs after.
export function connectionLine(node, text, onOpen = () => {}) {
  const show = (message, down) => {
    node.textContent = message;
    node.classList.toggle("down", down);
  };
  return {
    onOpen: () => {
      show(text.connected, false);
      onOpen();
    },
    onDown: () => show((navigator.onLine === false && text.offline) || text.reconnecting, true),
    onFinal: () => show(text.forbidden, true),
  };
}
