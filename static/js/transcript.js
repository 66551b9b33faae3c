// One conversation's messages on screen: ordered by server sequence number, each shown
// once, with messages of our own that are still sending kept at the end until the server
// confirms them (matched by client id). A jump in sequence numbers asks for the gap.

import { el, format, newClientId, timeLabel } from "./dom.js";

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

  markFailed(clientId, reason) {
    const pending = this.pending.get(clientId);
    if (!pending || pending.node.classList.contains("failed")) return;
    const state = pending.node.querySelector(".state");
    state.textContent = this.strings.failed;
    if (reason) state.after(el("span", { className: "reason", text: reason }));
    const retry = el("button", { className: "link retry", text: this.strings.retry, attrs: { type: "button" } });
    retry.addEventListener("click", () => {
      retry.remove();
      pending.node.querySelector(".reason")?.remove();
      pending.node.classList.remove("failed");
      state.textContent = this.strings.sending;
      this.onRetry(clientId, pending.body);
    });
    state.after(retry);
    pending.node.classList.add("failed");
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
