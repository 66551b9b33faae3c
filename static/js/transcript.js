// One conversation's messages on screen: ordered by server sequence number, each shown
// once, with messages of our own that are still sending kept at the end until the server
// confirms them (matched by client id). A jump in sequence numbers asks for the gap.

import { el, format, newClientId, timeLabel } from "./dom.js";

// A message sent over an open socket that the server has not confirmed by then is shown
// as not sent, with a retry (the same client id: a late confirmation still shows it once).
const CONFIRM_MS = 15000;

export class Transcript {
  // isMine tells this side's own messages apart when several people write as one sender
  // (a supervisor joining a counselor); by default, every message of mySender is ours.
  constructor(list, { strings, mySender, nameFor, onGap, onRetry, isMine }) {
    this.list = list;
    this.strings = strings;
    this.mySender = mySender;
    this.isMine = isMine || ((message) => message.sender === mySender);
    this.nameFor = nameFor;
    this.onGap = onGap;
    this.onRetry = onRetry;
    this.lastSeq = 0;
    this.bySeq = new Map();
    this.pending = new Map(); // client id -> {body, node}
  }

  // Messages from the server (live or history). Returns how many were new.
  add(messages) {
    let added = 0;
    for (const message of messages) {
      if (this.bySeq.has(message.seq)) continue;
      const pending = this.pending.get(message.client_id);
      if (pending && message.sender === this.mySender) {
        clearTimeout(pending.timer);
        pending.node.remove();
        this.pending.delete(message.client_id);
      }
      const node = this.render(message, this.isMine(message) ? "sent" : null);
      this.bySeq.set(message.seq, node);
      this.insertInOrder(message.seq, node);
      added += 1;
    }
    const highest = Math.max(this.lastSeq, ...messages.map((m) => m.seq));
    const contiguous = this.contiguousTop();
    this.lastSeq = contiguous;
    if (highest > contiguous && this.onGap) this.onGap(contiguous);
    return added;
  }

  contiguousTop() {
    let seq = this.lastSeq;
    while (this.bySeq.has(seq + 1)) seq += 1;
    return seq;
  }

  insertInOrder(seq, node) {
    let before = null;
    for (const [otherSeq, otherNode] of this.bySeq) {
      if (otherSeq > seq && (!before || otherSeq < before.seq)) before = { seq: otherSeq, node: otherNode };
    }
    if (before) this.list.insertBefore(node, before.node);
    else {
      const firstPending = this.list.querySelector(".message.pending");
      this.list.insertBefore(node, firstPending);
    }
    node.scrollIntoView({ block: "nearest" });
  }

  // A message of our own, shown at once as "sending". Returns its client id.
  addPending(body) {
    const clientId = newClientId();
    const node = this.render({ sender: this.mySender, body, sent_at: null }, "sending");
    node.classList.add("pending");
    this.list.append(node);
    node.scrollIntoView({ block: "nearest" });
    this.pending.set(clientId, { body, node });
    return clientId;
  }

  // Handed to an open socket: wait for the server's confirmation, not forever.
  awaitConfirmation(clientId) {
    const pending = this.pending.get(clientId);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => this.markFailed(clientId, this.strings.not_confirmed), CONFIRM_MS);
  }

  // The connection is gone: every message still on its way says so, with a retry. They
  // stay pending, so the owner can send them again once the connection is back.
  failAll(reason) {
    for (const clientId of this.pending.keys()) this.markFailed(clientId, reason);
  }

  // The conversation is no longer ours to write in: what is still pending will never be
  // sent. Each says so, with the reason and no retry; its text stays on screen to copy.
  // Returns how many there were.
  abandonAll(reason) {
    const count = this.pending.size;
    for (const [clientId, pending] of this.pending) {
      this.markFailed(clientId, reason);
      pending.node.querySelector(".retry")?.remove();
      pending.node.querySelector(".reason")?.remove();
      pending.node.querySelector(".state").after(el("span", { className: "reason", text: reason }));
      pending.node.classList.add("undeliverable");
    }
    this.pending.clear();
    return count;
  }

  markFailed(clientId, reason) {
    const pending = this.pending.get(clientId);
    if (!pending) return;
    clearTimeout(pending.timer);
    if (pending.node.classList.contains("failed")) return;
    const state = pending.node.querySelector(".state");
    state.textContent = this.strings.failed;
    if (reason) state.after(el("span", { className: "reason", text: reason }));
    const retry = el("button", { className: "link retry", text: this.strings.retry, attrs: { type: "button" } });
    retry.addEventListener("click", () => {
      this.markSending(clientId);
      this.onRetry(clientId, pending.body);
    });
    state.after(retry);
    pending.node.classList.add("failed");
  }

  // Being sent again (a retry, or the connection came back): "Sending…" once more.
  markSending(clientId) {
    const pending = this.pending.get(clientId);
    if (!pending) return;
    pending.node.querySelector(".retry")?.remove();
    pending.node.querySelector(".reason")?.remove();
    pending.node.classList.remove("failed");
    pending.node.querySelector(".state").textContent = this.strings.sending;
  }

  pendingEntries() {
    return Array.from(this.pending, ([clientId, { body }]) => ({ clientId, body }));
  }

  render(message, state) {
    const mine = message.sent_at === null || this.isMine(message);
    const who = mine ? this.strings.you : this.nameFor(message);
    const meta = el("div", { className: "meta" }, [
      el("span", { className: "who", text: who }),
      message.sent_at ? el("time", { text: timeLabel(message.sent_at), attrs: { datetime: message.sent_at } }) : null,
      state ? el("span", { className: "state", text: this.strings[state] }) : null,
    ]);
    return el("li", { className: `message ${mine ? "mine" : "theirs"} from-${message.sender}` }, [
      meta,
      el("p", { className: "body", text: message.body }),
    ]);
  }
}

export { format };
