// The counselor console: the live queue, take-next, and one tab per conversation.

import { ArrivalAlerts } from "./alerts.js";
import { earlierPanel, insertAtCursor, repliesPicker, riskChecklist, staffOptions, transferForm } from "./console_tools.js";
import { el, format, noticeLine, strings, submitOnEnter } from "./dom.js";
import { connectionLine, ReconnectingSocket } from "./socket.js";
import { highlight, riskSummary } from "./risk.js";
import { Transcript } from "./transcript.js";

const root = document.getElementById("console");
const text = strings("console-strings");
const queueList = document.getElementById("queue");
const queueCount = document.getElementById("queue-count");
const queueEmpty = document.getElementById("queue-empty");
const connection = document.getElementById("connection");
const tabs = document.getElementById("tabs");
const panes = document.getElementById("panes");
const noConversations = document.getElementById("no-conversations");
const notice = document.getElementById("notice");
const alerts = new ArrivalAlerts({
  text,
  container: document.getElementById("alerts"),
  soundToggle: document.getElementById("sound"),
});
const assignForm = document.getElementById("assign-form"); // supervisors only
const teamPanel = document.getElementById("team-panel"); // supervisors only

const conversations = new Map(); // id -> {data, transcript, tab, pane, unread, tools...}
let selectedId = null;
let queueEntries = [];
let myId = null;
let myName = null;

const line = connectionLine(connection, text);
const socket = new ReconnectingSocket(root.dataset.wsPath, {
  onFrame,
  ...line,
  onDown: () => {
    line.onDown();
    const reason = navigator.onLine === false ? text.not_sent_offline : text.not_sent_down;
    for (const conversation of conversations.values()) conversation.transcript.failAll(reason);
  },
});

// One way to send a reply: over an open socket it waits for the server's confirmation;
// with the socket down it says so at once, with a retry, and goes again on reconnect.
function sendReply(conversationId, clientId, body) {
  const { transcript } = conversations.get(conversationId);
  if (socket.send({ type: "send", conversation: conversationId, client_id: clientId, body })) {
    transcript.awaitConfirmation(clientId);
  } else {
    transcript.markFailed(clientId, navigator.onLine === false ? text.not_sent_offline : text.not_sent_down);
  }
}

function resendPending() {
  for (const [id, conversation] of conversations) {
    if (conversation.data.status !== "active") continue;
    for (const { clientId, body } of conversation.transcript.pendingEntries()) {
      conversation.transcript.markSending(clientId);
      sendReply(id, clientId, body);
    }
  }
}
const showNotice = noticeLine(notice);

function onFrame(frame) {
  switch (frame.type) {
    case "me":
      // A supervisor (or another tab of ours) changed our status: show what is true.
      if (frame.me.presence in text.presence) document.getElementById("presence").value = frame.me.presence;
      break;
    case "hello": {
      myId = frame.me.id;
      myName = frame.me.name;
      if (frame.me.presence in text.presence) document.getElementById("presence").value = frame.me.presence;
      // Open here but no longer ours: while this console was away the conversation went
      // back to the queue (the grace period ended). Say so, rather than "not found" later.
      const mine = new Set(frame.conversations.map((data) => data.id));
      for (const [id, conversation] of conversations) {
        if (!mine.has(id) && conversation.data.status === "active") handBack(conversation);
      }
      for (const data of frame.conversations) openConversation(data);
      resendPending(); // after the hello, so nothing goes to a conversation handed back
      break;
    }
    case "queue":
      queueEntries = frame.entries;
      renderQueue();
      alerts.queueChanged(queueEntries);
      break;
    case "team":
      for (const conversation of conversations.values()) {
        if (conversation.transfer.isOpen()) conversation.transfer.setTeam(frame.staff, myId);
      }
      if (assignForm) setAssignTeam(frame.staff);
      if (teamPanel) renderTeam(frame.staff);
      break;
    case "released": {
      const conversation = conversations.get(frame.conversation);
      const message = format(text.transferred_to, { name: frame.to_name || "" });
      if (conversation && (frame.by_name || hasUnsentWords(conversation))) releaseKeepingDraft(conversation, message);
      else closeConversation(frame.conversation, message);
      break;
    }
    case "checklist": {
      const conversation = conversations.get(frame.conversation);
      if (conversation) showChecklist(conversation, frame);
      break;
    }
    case "earlier": {
      const conversation = conversations.get(frame.conversation);
      if (conversation && conversation.earlier) conversation.earlier.show(frame.conversations);
      break;
    }
    case "assignment":
      if (frame.assigned_by) {
        // Someone else gave it: a new entry and a notice, never a jump away from the chat
        // the counselor is writing in.
        openConversation(frame.conversation);
        showNotice(format(text.assigned_by, { name: frame.assigned_by }));
      } else {
        openConversation(frame.conversation, { select: true }); // they pressed Take next
      }
      break;
    case "conversation_update":
      openConversation(frame.conversation);
      break;
    case "risk":
      // The conversation's own risk and evidence: never the latest message's explanation
      // beside the conversation's tier ("Imminent · Low risk because…").
      updateRisk(frame.conversation, {
        tier: frame.risk_tier,
        score: frame.risk_score,
        evidence: frame.risk_evidence,
        explanation: frame.risk_explanation,
        reason: frame.risk_reason,
      });
      highlightAssessments(frame.conversation, [frame.assessment]);
      break;
    case "alert": {
      if (frame.alert.kind === "counselor_disconnected") {
        // To supervisors: someone's conversation was handed back to the queue.
        alerts.raise({
          urgent: true,
          message: format(text.alert_counselor_dropped, { name: frame.alert.counselor_name || "" }),
          key: `dropped:${frame.alert.conversation}`,
        });
        break;
      }
      const waiting = frame.alert.status === "waiting";
      alerts.raise({
        urgent: true,
        message: waiting ? text.alert_imminent : text.alert_imminent_active,
        key: `${waiting ? "waiting" : "active"}:${frame.alert.conversation}`,
      });
      break;
    }
    case "note": {
      const conversation = conversations.get(frame.conversation);
      if (!conversation) break;
      conversation.notes.append(noteItem(frame));
      if (frame.kind === "supervisor") {
        // A supervisor wrote to this counselor only: make sure it is seen.
        conversation.pane.querySelector(".private-notes").open = true;
        alerts.show(`${text.supervisor_message}: ${frame.body}`, false);
        if (selectedId !== frame.conversation) bumpUnread(conversation);
      }
      break;
    }
    case "participant": {
      const conversation = conversations.get(frame.conversation);
      if (conversation) conversation.status.textContent = format(text.joined_conversation, { name: frame.name });
      break;
    }
    case "seeker_presence": {
      const conversation = conversations.get(frame.conversation);
      if (conversation) setPresence(conversation, frame.present ? null : frame.left_at);
      break;
    }
    case "typing": {
      const conversation = conversations.get(frame.conversation);
      if (conversation && frame.sender === "seeker") showTyping(conversation);
      break;
    }
    case "conversation":
      updateStatus(frame.conversation, frame.status);
      break;
    case "message": {
      const conversation = conversations.get(frame.conversation);
      if (!conversation) break;
      const added = conversation.transcript.add([frame]);
      noteMessages(conversation, [frame]);
      if (frame.sender === "seeker") conversation.typing.hidden = true;
      highlightAssessments(frame.conversation, []);
      if (added && frame.sender === "seeker" && selectedId !== frame.conversation) bumpUnread(conversation);
      break;
    }
    case "history": {
      const conversation = conversations.get(frame.conversation);
      if (!conversation) break;
      // Caught up after a reconnect: what the help-seeker wrote meanwhile is unread too.
      const missed = frame.messages.filter((m) => m.sender === "seeker" && !conversation.transcript.bySeq.has(m.seq));
      conversation.transcript.add(frame.messages);
      noteMessages(conversation, frame.messages);
      if (selectedId !== frame.conversation && conversation.transcript.lastSeq > 0 && !conversation.firstLoad) {
        for (let i = 0; i < missed.length; i += 1) bumpUnread(conversation);
      }
      conversation.firstLoad = false;
      highlightAssessments(frame.conversation, frame.assessments || []);
      if (frame.notes) {
        conversation.notes.replaceChildren(...frame.notes.map(noteItem));
        // A handover note is what the new counselor needs first.
        if (frame.notes.some((note) => note.kind === "handover")) conversation.pane.querySelector(".private-notes").open = true;
      }
      if (frame.checklist) showChecklist(conversation, frame.checklist);
      if (frame.last_seq > conversation.transcript.lastSeq) resume(frame.conversation);
      break;
    }
    case "error": {
      const owner = frame.ref && [...conversations.values()].find((c) => c.transcript.pending.has(frame.ref));
      const ending = [...conversations.values()].filter((c) => c.wrapUp.dataset.submitting);
      for (const conversation of ending) delete conversation.wrapUp.dataset.submitting;
      if (owner) owner.transcript.markFailed(frame.ref, frame.message);
      else if (frame.code === "unseen_messages" && ending.length) ending.forEach(refusedEnd);
      else showNotice(frame.message);
      break;
    }
  }
}

function resume(id) {
  const conversation = conversations.get(id);
  socket.send({ type: "resume", conversation: id, after: conversation.transcript.lastSeq });
}

function waitedLabel(iso) {
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000));
  return format(text.waited, { minutes });
}

function renderQueue() {
  queueList.replaceChildren(
    ...queueEntries.map((entry) =>
      el("li", { className: `queue-entry tier-${entry.risk_tier}`, attrs: { "data-id": entry.id } }, [
        el("div", { className: "queue-meta" }, [
          el("span", { className: "waited", text: waitedLabel(entry.queued_at), attrs: { "data-since": entry.queued_at } }),
          el("span", { className: "language", text: entry.language.toUpperCase() }),
        ]),
        riskSummary(text, {
          tier: entry.risk_tier,
          score: entry.risk_score,
          evidence: entry.risk_evidence,
          explanation: entry.risk_explanation,
          reason: entry.risk_reason,
        }),
        intakeList(entry.intake),
        entry.seeker_left_at ? el("p", { className: "left-note", text: text.left_suddenly }) : null,
        el("p", { className: "preview", text: entry.preview }),
      ]),
    ),
  );
  queueCount.textContent = String(queueEntries.length);
  queueEmpty.hidden = queueEntries.length > 0;
  if (assignForm) setAssignPeople();
}

// Supervisors: hand a specific waiting person to a specific counselor.
function setAssignPeople() {
  const select = assignForm.querySelector("#assign-person");
  const chosen = select.value;
  select.replaceChildren(
    el("option", { text: text.choose, attrs: { value: "" } }),
    ...queueEntries.map((entry) =>
      el("option", {
        text: `${text.tiers[entry.risk_tier] || entry.risk_tier} · ${waitedLabel(entry.queued_at)} · ${entry.preview.slice(0, 40)}`,
        attrs: { value: entry.id },
      }),
    ),
  );
  if (queueEntries.some((entry) => entry.id === chosen)) select.value = chosen;
}

function setAssignTeam(staff) {
  const select = assignForm.querySelector("#assign-to");
  const chosen = select.value;
  select.replaceChildren(el("option", { text: text.choose, attrs: { value: "" } }), ...staffOptions(text, staff, { excludeId: null }));
  if ([...select.options].some((option) => option.value === chosen && !option.disabled)) select.value = chosen;
}

// Supervisors: who is on shift, their load, and each counselor's limit.
function renderTeam(staff) {
  const list = document.getElementById("team-list");
  list.replaceChildren(
    ...staff.map((person) => {
      const input = el("input", {
        attrs: { type: "number", min: "0", max: "10", value: String(person.capacity), id: `capacity-${person.id}` },
      });
      const save = el("button", { className: "secondary", text: text.save, attrs: { type: "submit" } });
      const form = el("form", { className: "team-capacity", attrs: { method: "post" } }, [
        el("label", { className: "visually-hidden", text: format(text.team_capacity, { name: person.name }), attrs: { for: `capacity-${person.id}` } }),
        input,
        save,
      ]);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        socket.send({ type: "capacity", user: person.id, capacity: Number(input.value) });
      });
      return el("li", { className: "team-member", attrs: { "data-user": String(person.id) } }, [
        el("span", { className: "team-name", text: person.supervisor ? `${person.name} · ${text.supervisor_suffix}` : person.name }),
        el("span", { className: "muted", text: `${text.presence[person.presence] || person.presence} · ${format(text.team_load, { load: person.load, capacity: person.capacity })}` }),
        form,
      ]);
    }),
  );
}

if (teamPanel) teamPanel.addEventListener("toggle", () => teamPanel.open && socket.send({ type: "team" }));

if (assignForm) {
  assignForm.addEventListener("focusin", () => socket.send({ type: "team" }));
  assignForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const conversation = assignForm.querySelector("#assign-person").value;
    const to = Number(assignForm.querySelector("#assign-to").value);
    if (conversation && to) socket.send({ type: "assign", conversation, to });
  });
}

setInterval(() => {
  for (const node of queueList.querySelectorAll(".waited")) node.textContent = waitedLabel(node.dataset.since);
  refreshList();
}, 15000);

// --- The conversation list: most urgent first -------------------------------------------

const TIER_RANK = { imminent: 4, high: 3, medium: 2, low: 1, unknown: 0 };

// What a list entry shows beside the tier: the help-seeker's last words, and since when
// their oldest unanswered message has waited (null once a counselor has replied).
function noteMessages(conversation, messages) {
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    if (message.seq <= conversation.seenSeq) continue;
    conversation.seenSeq = message.seq;
    if (message.sender === "seeker") {
      conversation.preview = message.body;
      conversation.unansweredSince = conversation.unansweredSince || message.sent_at;
      // They wrote while the counselor is ending: say so now, not only when the server
      // refuses the end (the safety confirmation is asked again).
      if (conversation.wrapUp && !conversation.wrapUp.hidden && message.seq > (conversation.endSeenSeq || 0)) {
        refusedEnd(conversation);
      }
    } else if (message.sender === "counselor") {
      conversation.unansweredSince = null;
    }
  }
  refreshList();
}

function urgency(conversation) {
  const open = conversation.data.status === "active" ? 1 : 0;
  const waitingSince = conversation.unansweredSince ? new Date(conversation.unansweredSince).getTime() : Infinity;
  return [open, TIER_RANK[conversation.data.risk_tier] || 0, -waitingSince];
}

function byUrgency() {
  const compare = (a, b) => {
    const [x, y] = [urgency(a), urgency(b)];
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return y[i] - x[i];
    return 0;
  };
  return [...conversations.values()].sort(compare);
}

// Order by CSS, not by moving nodes: a moved button loses keyboard focus, and nothing in
// the console may take focus from the counselor.
function refreshList() {
  byUrgency().forEach((conversation, index) => {
    const { tab } = conversation;
    tab.style.order = String(index);
    const tier = conversation.data.risk_tier || "unknown";
    const badge = tab.querySelector(".tab-tier");
    badge.className = `tier-badge tab-tier tier-${tier}`;
    badge.textContent = text.tiers[tier] || tier;
    tab.querySelector(".tab-preview").textContent = (conversation.preview || "").slice(0, 80);
    const waiting = tab.querySelector(".tab-waiting");
    const since = conversation.data.status === "active" ? conversation.unansweredSince : null;
    waiting.textContent = since
      ? format(text.waiting_reply, { minutes: Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 60000)) })
      : "";
    waiting.hidden = !since;
  });
}

function openConversation(data, { select = false } = {}) {
  let conversation = conversations.get(data.id);
  if (!conversation) {
    conversation = buildConversation(data);
    conversations.set(data.id, conversation);
  }
  conversation.data = data;
  setPresence(conversation, data.seeker_left_at);
  updateStatus(data.id, data.status);
  updateRisk(data.id, {
    tier: data.risk_tier,
    score: data.risk_score,
    evidence: data.risk_evidence,
    explanation: data.risk_explanation,
    reason: data.risk_reason,
  });
  resume(data.id);
  if (select || !selectedId) selectConversation(data.id);
  noConversations.hidden = conversations.size > 0;
}

function buildConversation(data) {
  const tab = el("button", {
    className: "tab",
    attrs: { role: "tab", type: "button", id: `tab-${data.id}`, "aria-controls": `pane-${data.id}`, "aria-selected": "false" },
  }, [
    el("span", { className: "tab-top" }, [
      el("span", { className: "tier-badge tab-tier" }),
      el("span", { className: "tab-label", text: `${text.seeker} · ${data.language.toUpperCase()}` }),
      el("span", { className: "unread", attrs: { hidden: "" } }),
    ]),
    el("span", { className: "tab-preview" }),
    el("span", { className: "tab-waiting", attrs: { hidden: "" } }),
  ]);
  const list = el("ol", { className: "messages" });
  const log = el("div", { className: "messages-log", attrs: { role: "log", "aria-label": text.messages_label } }, [list]);
  const input = el("textarea", { attrs: { rows: "3", id: `reply-${data.id}`, maxlength: "2000" } });
  const form = el("form", { className: "composer", attrs: { method: "post", autocomplete: "off" } }, [
    el("label", { className: "visually-hidden", text: text.reply_label, attrs: { for: `reply-${data.id}` } }),
    input,
    el("div", { className: "composer-actions" }, [
      el("button", { className: "primary", text: text.send, attrs: { type: "submit" } }),
      el("button", { className: "secondary end", text: text.end, attrs: { type: "button" } }),
    ]),
  ]);
  const status = el("p", { className: "pane-status", attrs: { role: "status" } });
  // Finished (wrapped up, or handed back): the tab can go without a reload.
  const closeTab = el("button", { className: "secondary close-tab", text: text.close_tab, attrs: { type: "button", hidden: "" } });
  closeTab.addEventListener("click", () => closeConversation(data.id, ""));
  const statusRow = el("div", { className: "pane-status-row" }, [status, closeTab]);
  const wrapUp = buildWrapUp(data.id, () => conversationRef().endSeenSeq);
  const notes = el("ul", { className: "notes" });
  const noteInput = el("textarea", { attrs: { id: `private-note-${data.id}`, rows: "2", maxlength: "4000" } });
  const noteForm = el("form", { className: "note-form", attrs: { method: "post" } }, [
    el("label", { text: text.note_label, attrs: { for: `private-note-${data.id}` } }),
    noteInput,
    el("button", { className: "secondary", text: text.add_note, attrs: { type: "submit" } }),
  ]);
  noteForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = noteInput.value.trim();
    if (!body) return;
    socket.send({ type: "note", conversation: data.id, body });
    noteInput.value = "";
  });
  const privateNotes = el("details", { className: "private-notes" }, [
    el("summary", { text: text.private_notes }),
    notes,
    noteForm,
  ]);
  const replies = repliesPicker({
    text,
    id: data.id,
    language: data.language,
    apiUrl: root.dataset.repliesApi,
    manageUrl: root.dataset.repliesPage,
    onInsert: (body) => insertAtCursor(input, body),
  });
  const checklist = riskChecklist({
    text,
    id: data.id,
    onAnswer: (item, answer) => socket.send({ type: "checklist", conversation: data.id, item, answer }),
  });
  const transfer = transferForm({
    text,
    id: data.id,
    onOpen: () => socket.send({ type: "team" }),
    onSubmit: (to, note) => socket.send({ type: "transfer", conversation: data.id, to, note }),
  });
  const earlier = data.shares_history
    ? earlierPanel({ text, onLoad: () => socket.send({ type: "earlier", conversation: data.id }) })
    : null;
  const tools = el("div", { className: "pane-tools" }, [replies.node, checklist.node, transfer.node, earlier && earlier.node]);
  const banner = el("div", { className: "risk-banner", attrs: { "aria-live": "polite" } });
  const presence = el("p", { className: "left-note", attrs: { role: "status", hidden: "" } });
  const typing = el("p", { className: "typing", text: `${text.seeker} ${text.typing}`, attrs: { hidden: "" } });
  const pane = el("section", {
    className: "pane",
    attrs: { role: "tabpanel", id: `pane-${data.id}`, "aria-labelledby": `tab-${data.id}`, hidden: "" },
  }, [
    // The chat stays in view; what the counselor consults sits beside it (below, on a phone).
    el("div", { className: "pane-chat" }, [presence, statusRow, log, typing, form, wrapUp]),
    el("aside", { className: "pane-side", attrs: { "aria-label": text.tools_label } }, [
      banner, intakeList(data.intake), tools, privateNotes,
    ]),
  ]);
  const transcript = new Transcript(list, {
    strings: text,
    mySender: "counselor",
    // A supervisor who joined writes as a counselor too: tell their messages apart by name.
    isMine: (message) => message.sender === "counselor" && (!message.author_name || message.author_name === myName),
    nameFor: (message) => (message.sender === "seeker" ? text.seeker : message.author_name || ""),
    onGap: () => resume(data.id),
    onRetry: (clientId, body) => sendReply(data.id, clientId, body),
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (conversationRef().data.status !== "active") return; // the draft stays, to copy
    const body = input.value.trim();
    if (!body) return;
    input.value = "";
    const clientId = transcript.addPending(body);
    sendReply(data.id, clientId, body);
  });
  submitOnEnter(input, form);
  form.querySelector(".end").addEventListener("click", () => openWrapUp(conversationRef()));
  tab.addEventListener("click", () => selectConversation(data.id));
  tabs.append(tab);
  panes.append(pane);
  let lastTypingSent = 0;
  input.addEventListener("input", () => {
    const now = Date.now();
    if (now - lastTypingSent > 3000) {
      lastTypingSent = now;
      socket.send({ type: "typing", conversation: data.id });
    }
  });
  const conversation = { data, transcript, tab, pane, status, closeTab, banner, presence, typing, form, wrapUp, notes };
  const conversationRef = () => conversation;
  Object.assign(conversation, { replies, checklist, transfer, earlier });
  return Object.assign(conversation, {
    unread: 0, assessments: new Map(), typingTimer: null, firstLoad: true,
    seenSeq: 0, preview: "", unansweredSince: null,
  });
}

function intakeList(intake) {
  const answers = Object.entries(intake || {});
  if (!answers.length) return null;
  return el("dl", { className: "intake-answers" }, answers.flatMap(([question, answer]) => [
    el("dt", { text: text.intake_questions[question] || question }),
    el("dd", { className: `answer-${question}-${answer}`, text: (text.intake[question] || {})[answer] || answer }),
  ]));
}

function noteItem(note) {
  const label = { handover: text.handover, supervisor: text.supervisor_message }[note.kind];
  const time = new Date(note.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return el("li", { className: `note-item ${note.kind || ""}` }, [
    el("span", { className: "meta", text: `${label ? `${label} · ` : ""}${note.author_name} · ${time}` }),
    el("p", { text: note.body }),
  ]);
}

function setPresence(conversation, leftAt) {
  conversation.presence.textContent = leftAt ? text.left_suddenly : "";
  conversation.presence.hidden = !leftAt;
}

function showTyping(conversation) {
  conversation.typing.hidden = false;
  clearTimeout(conversation.typingTimer);
  conversation.typingTimer = setTimeout(() => (conversation.typing.hidden = true), 4000);
}

function updateRisk(id, risk) {
  const conversation = conversations.get(id);
  if (!conversation) return;
  conversation.banner.replaceChildren(riskSummary(text, risk));
  conversation.tab.dataset.tier = risk.tier;
  conversation.data.risk_tier = risk.tier;
  refreshList();
}

// Assessments may arrive before their message (or after): keep them, apply when both exist.
function highlightAssessments(id, assessments) {
  const conversation = conversations.get(id);
  if (!conversation) return;
  for (const assessment of assessments) conversation.assessments.set(assessment.message_seq, assessment);
  for (const [seq, assessment] of conversation.assessments) {
    const node = conversation.transcript.bySeq.get(seq);
    if (!node || node.dataset.highlighted) continue;
    highlight(node.querySelector(".body"), assessment.evidence, text.constructs);
    node.dataset.highlighted = "true";
  }
}

// The checklist's answers, and its suggestion beside the counselor's own tier in the wrap-up.
function showChecklist(conversation, { answers, suggested_tier: tier }) {
  conversation.checklist.update(answers, tier);
  conversation.wrapUp.querySelector(".wrap-suggestion").textContent = conversation.checklist.suggestion();
}

// Handed to someone else: the tab goes, and the counselor is told to whom.
function closeConversation(id, message) {
  const conversation = conversations.get(id);
  if (!conversation) return;
  conversation.tab.remove();
  conversation.pane.remove();
  conversations.delete(id);
  if (selectedId === id) {
    selectedId = null;
    const next = conversations.keys().next();
    if (!next.done) selectConversation(next.value);
  }
  noConversations.hidden = conversations.size > 0;
  showNotice(message);
}

// The wrap-up form: outcome, the counselor's own risk tier, topics, a private note.
// `seenSeq` gives the last sequence number the counselor had in view when they chose to
// end: the server refuses the end if the help-seeker wrote after it.
function buildWrapUp(id, seenSeq) {
  const field = (name, labelText, control) =>
    el("div", { className: "field" }, [el("label", { text: labelText, attrs: { for: `${name}-${id}` } }), control]);
  const outcome = el("select", { attrs: { id: `outcome-${id}`, name: "outcome", required: "" } }, [
    el("option", { text: text.choose_outcome, attrs: { value: "" } }),
    ...Object.entries(text.outcomes).map(([code, label]) => el("option", { text: label, attrs: { value: code } })),
  ]);
  const confirmHigh = el("label", { className: "choice confirm-high", attrs: { hidden: "" } }, [
    el("input", { attrs: { type: "checkbox", name: "confirm_high" } }),
    el("span", { text: text.confirm_end_high }),
  ]);
  const closingHint = el("p", { className: "muted closing-hint", text: text.closing_hint, attrs: { hidden: "" } });
  const unseen = el("p", { className: "notice unseen-warning", text: text.unseen_messages, attrs: { role: "alert", hidden: "" } });
  const tiers = el("fieldset", { className: "tiers" }, [
    el("legend", { text: text.your_tier }),
    el("p", { className: "wrap-suggestion muted" }),
    ...["imminent", "high", "medium", "low"].map((tier) =>
      el("label", { className: "choice" }, [
        el("input", { attrs: { type: "radio", name: `tier-${id}`, value: tier, required: "" } }),
        el("span", { text: text.tiers[tier] }),
      ])),
  ]);
  const topics = el("fieldset", { className: "topics" }, [
    el("legend", { text: text.topics }),
    ...Object.entries(text.topic_labels).map(([code, label]) =>
      el("label", { className: "choice" }, [
        el("input", { attrs: { type: "checkbox", name: "topics", value: code } }),
        el("span", { text: label }),
      ])),
  ]);
  const note = el("textarea", { attrs: { id: `note-${id}`, rows: "3", maxlength: "4000" } });
  const submit = el("button", { className: "primary", text: text.end_and_save, attrs: { type: "submit" } });
  const cancel = el("button", { className: "secondary", text: text.cancel, attrs: { type: "button" } });
  const wrapForm = el("form", { className: "wrap-up", attrs: { method: "post", hidden: "", "aria-label": text.wrap_up_title } }, [
    el("h3", { text: text.wrap_up_title }),
    closingHint,
    unseen,
    field("outcome", text.outcome, outcome),
    tiers,
    topics,
    field("note", text.note, note),
    confirmHigh,
    el("div", { className: "composer-actions" }, [submit, cancel]),
  ]);
  cancel.addEventListener("click", () => (wrapForm.hidden = true));
  // The form opens where the pointer may still be: the second click of a double click on
  // "End conversation" lands on it. That click (counted in event.detail) belongs to a
  // gesture begun before the form was there, so it chooses nothing (no outcome opened or
  // picked, no box ticked). A click of its own, however soon, works as usual.
  for (const type of ["mousedown", "mouseup", "click", "dblclick"]) {
    wrapForm.addEventListener(type, (event) => {
      if (event.detail > 1 && performance.now() - (wrapForm.openedAt || 0) < OPENING_GESTURE_MS) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);
  }
  wrapForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const tier = wrapForm.querySelector(`input[name="tier-${id}"]:checked`);
    unseen.hidden = true;
    wrapForm.dataset.submitting = "true";
    socket.send({
      type: "wrap_up",
      conversation: id,
      seen_seq: seenSeq(),
      outcome: outcome.value,
      risk_tier: tier ? tier.value : null,
      topics: [...wrapForm.querySelectorAll("input[name=topics]:checked")].map((box) => box.value),
      note: note.value,
    });
  });
  wrapForm.submitButton = submit;
  return wrapForm;
}

// How long after the wrap-up opens the rest of a multi-click that opened it is ignored
// (longer than any system's double-click interval).
const OPENING_GESTURE_MS = 1000;

// No outcome is ever chosen for the counselor. At high or imminent risk they also
// confirm they checked the person's safety; the reply box stays usable for a closing line.
function openWrapUp(conversation) {
  const { wrapUp } = conversation;
  const urgent = ["high", "imminent"].includes(conversation.data.risk_tier);
  const outcome = wrapUp.querySelector("select");
  const confirm = wrapUp.querySelector(".confirm-high");
  confirm.hidden = !urgent;
  confirm.querySelector("input").required = urgent;
  wrapUp.querySelector(".closing-hint").hidden = !(urgent && conversation.data.status === "active");
  if (wrapUp.hidden) {
    if (urgent) outcome.value = "";
    wrapUp.querySelector(".unseen-warning").hidden = true;
    wrapUp.openedAt = performance.now();
    // What the counselor has in view as they decide to end.
    conversation.endSeenSeq = conversation.transcript.lastSeq;
  }
  wrapUp.hidden = false;
  outcome.focus();
}

// The help-seeker wrote after the counselor chose to end (seen as it arrives, or when the
// server refused the end): say so in the form, and ask for the safety confirmation again.
function refusedEnd(conversation) {
  const { wrapUp } = conversation;
  wrapUp.querySelector(".unseen-warning").hidden = false;
  wrapUp.querySelector(".confirm-high input").checked = false;
  // They have now been told: the next "End and save" covers what is on screen.
  conversation.endSeenSeq = conversation.transcript.lastSeq;
}

function updateStatus(id, status) {
  const conversation = conversations.get(id);
  if (!conversation) return;
  conversation.data.status = status;
  const open = status === "active";
  setReplyOpen(conversation, open);
  const ended = status === "ended" || status === "abandoned" || status === "abuse";
  conversation.status.textContent = ended ? text.ended : "";
  conversation.tab.classList.toggle("closed", !open);
  // After the end, the wrap-up is what is left to do (unless it is done).
  conversation.wrapUp.submitButton.textContent = ended ? text.save_wrap_up : text.end_and_save;
  if (conversation.data.wrapped_up) {
    delete conversation.wrapUp.dataset.submitting;
    conversation.wrapUp.hidden = true;
    conversation.status.textContent = text.wrapped_up;
  } else if (ended) {
    conversation.wrapUp.hidden = false;
  }
  conversation.closeTab.hidden = !conversation.data.wrapped_up;
}

// The reply box of a conversation that is no longer open here is read-only, not
// disabled: a disabled box drops the counselor's focus to the page mid-word and cannot
// be copied from. Its draft stays.
function setReplyOpen(conversation, open) {
  const input = conversation.form.querySelector("textarea");
  input.readOnly = !open;
  if (open) input.removeAttribute("aria-disabled");
  else input.setAttribute("aria-disabled", "true");
  conversation.form.querySelectorAll("button").forEach((node) => (node.disabled = !open));
}

// Words of the counselor's that have not reached the help-seeker: a draft, or replies
// still waiting to go.
function hasUnsentWords(conversation) {
  return Boolean(conversation.form.querySelector("textarea").value.trim()) || conversation.transcript.pending.size > 0;
}

// Back in the queue for another counselor: nothing more to do here but close the tab.
// Replies that had not gone by then never will: they say so, with their text kept.
function handBack(conversation) {
  updateStatus(conversation.data.id, "waiting");
  const unsent = conversation.transcript.abandonAll(text.not_sent_handed_back);
  conversation.status.textContent = unsent ? `${text.handed_back} ${text.handed_back_unsent}` : text.handed_back;
  conversation.wrapUp.hidden = true;
  conversation.closeTab.hidden = false;
}

// Reassigned by a supervisor (or handed over with words still unsent): the pane stays,
// read-only, with the notice and the draft to copy, until the counselor closes it.
// Focus stays where it is.
function releaseKeepingDraft(conversation, message) {
  conversation.data.status = "released";
  setReplyOpen(conversation, false);
  conversation.transcript.abandonAll(text.not_sent_transferred);
  conversation.status.textContent = message;
  conversation.wrapUp.hidden = true;
  conversation.tab.classList.add("closed");
  conversation.closeTab.hidden = false;
  refreshList();
  showNotice(message);
}

function selectConversation(id) {
  selectedId = id;
  for (const [otherId, conversation] of conversations) {
    const selected = otherId === id;
    conversation.tab.setAttribute("aria-selected", String(selected));
    conversation.pane.hidden = !selected;
    if (selected) {
      conversation.unread = 0;
      conversation.tab.querySelector(".unread").hidden = true;
    }
  }
}

function bumpUnread(conversation) {
  conversation.unread += 1;
  const badge = conversation.tab.querySelector(".unread");
  badge.textContent = String(conversation.unread);
  badge.hidden = false;
}

document.getElementById("take-next").addEventListener("click", () => socket.send({ type: "take_next" }));
document.getElementById("presence").addEventListener("change", (event) =>
  socket.send({ type: "presence", state: event.target.value }),
);

// Keyboard shortcuts (Alt, so typing in a reply never triggers them): Alt+N take next,
// Alt+1–9 switch conversation, Alt+W open the wrap-up, Alt+P write a private note,
// Alt+R saved replies, Alt+K risk checklist, Alt+T transfer.
document.addEventListener("keydown", (event) => {
  if (!event.altKey || event.ctrlKey || event.metaKey) return;
  const selected = selectedId && conversations.get(selectedId);
  if (event.code === "KeyN") {
    socket.send({ type: "take_next" });
  } else if (/^Digit[1-9]$/.test(event.code)) {
    const target = byUrgency()[Number(event.code.slice(5)) - 1];
    if (target) {
      selectConversation(target.data.id);
      target.form.querySelector("textarea").focus(); // where the shortcut leads
    }
  } else if (event.code === "KeyW" && selected) {
    openWrapUp(selected);
  } else if (event.code === "KeyP" && selected) {
    selected.pane.querySelector(".private-notes").open = true;
    selected.pane.querySelector(".note-form textarea").focus();
  } else if (event.code === "KeyR" && selected) {
    selected.replies.open();
  } else if (event.code === "KeyK" && selected) {
    selected.checklist.open();
    selected.pane.querySelector(".risk-checklist input")?.focus();
  } else if (event.code === "KeyT" && selected) {
    selected.transfer.open();
    selected.pane.querySelector(".transfer select").focus();
  } else {
    return;
  }
  event.preventDefault();
});
