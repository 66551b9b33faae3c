// The supervisors' live dashboard: waiting by tier, today, the team, alerts, live
// conversations and the queue, all pushed over /ws/supervisor/; and stepping in: watch a
// conversation read-only, message its counselor privately, join it, reassign it.

import { ArrivalAlerts } from "./alerts.js";
import { staffOptions } from "./console_tools.js";
import { el, format, noticeLine, strings, submitOnEnter, timeLabel } from "./dom.js";
import { riskSummary } from "./risk.js";
import { connectionLine, ReconnectingSocket } from "./socket.js";
import { Transcript } from "./transcript.js";

const root = document.getElementById("dashboard");
const text = strings("dashboard-strings");
const $ = (id) => document.getElementById(id);
const connection = $("connection");
const notice = $("notice");
const alerts = new ArrivalAlerts({ text, container: $("alerts"), soundToggle: $("sound") });

let figures = null;
let myName = null;
let clockOffset = 0; // server time minus this browser's, so waits tick correctly
let observed = null; // {id, data, transcript, joined}
const alertItems = new Map(); // alert id -> alert dict

const socket = new ReconnectingSocket(root.dataset.wsPath, {
  onFrame,
  ...connectionLine(connection, text, () => {
    if (observed) socket.send({ type: "observe", conversation: observed.id });
  }),
});
const showNotice = noticeLine(notice);

function onFrame(frame) {
  switch (frame.type) {
    case "hello":
      myName = frame.me.name;
      break;
    case "dashboard":
      figures = frame;
      clockOffset = new Date(frame.generated_at).getTime() - Date.now();
      render();
      break;
    case "queue":
      renderQueue(frame.entries);
      alerts.queueChanged(frame.entries);
      break;
    case "supervisor_alert": {
      const isNew = !alertItems.has(frame.alert.id);
      alertItems.set(frame.alert.id, frame.alert);
      renderAlerts();
      const key = alertKey(frame.alert);
      if (frame.alert.resolved_at) alerts.drop(key); // its cause ended: off the screen
      else if (isNew) alerts.raise({ urgent: true, message: alertTitle(frame.alert), key });
      break;
    }
    case "alert": {
      const waiting = frame.alert.status === "waiting";
      alerts.raise({
        urgent: true,
        message: waiting ? text.alert_imminent : text.alert_imminent_active,
        key: `${waiting ? "waiting" : "active"}:${frame.alert.conversation}`,
      });
      break;
    }
    case "team":
      if (observed) setReassignTeam(frame.staff);
      break;
    case "observing":
      showObserved(frame.conversation, frame.history);
      break;
    case "message":
    case "history":
      if (observed && frame.conversation === observed.id) {
        observed.transcript.add(frame.type === "message" ? [frame] : frame.messages);
      }
      break;
    case "conversation":
      if (observed && frame.conversation === observed.id) observedStatus(frame.status);
      break;
    case "abuse_marked":
      abuseMarked(frame);
      break;
    case "error":
      if (observed && frame.ref && observed.transcript.pending.has(frame.ref)) observed.transcript.markFailed(frame.ref, frame.message);
      else showNotice(frame.message);
      break;
  }
}

// --- Figures ----------------------------------------------------------------------------

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const whole = Math.max(0, Math.round(seconds));
  return format(text.minutes_seconds, { minutes: Math.floor(whole / 60), seconds: whole % 60 });
}

function elapsedSince(iso) {
  return (Date.now() + clockOffset - new Date(iso).getTime()) / 1000;
}

function cells(values, header = false) {
  return values.map((value, index) =>
    el(index === 0 && header ? "th" : "td", { text: value, attrs: index === 0 && header ? { scope: "row" } : {} }),
  );
}

function render() {
  renderWaiting();
  const today = figures.today;
  $("today").replaceChildren(
    ...[
      [text.arrivals, today.arrivals],
      [text.answered, today.answered],
      [text.abandoned, today.abandoned],
      [text.abandonment_rate, today.abandonment_rate === null ? "—" : `${Math.round(today.abandonment_rate * 100)}%`],
    ].flatMap(([label, value]) => [el("dt", { text: label }), el("dd", { text: String(value) })]),
  );
  $("hourly-table").tBodies[0].replaceChildren(
    ...figures.hourly.map((row) => el("tr", {}, cells([row.label, row.arrivals, row.answered, row.abandoned], true))),
  );
  renderTeam();
  for (const alert of figures.alerts) alertItems.set(alert.id, alert);
  renderAlerts();
  renderLive();
}

function renderWaiting() {
  $("waiting-total").textContent = String(figures.waiting.reduce((sum, row) => sum + row.waiting, 0));
  $("waiting-table").tBodies[0].replaceChildren(
    ...figures.waiting.map((row) =>
      el("tr", { className: `tier-row tier-${row.tier}`, attrs: { "data-tier": row.tier } }, [
        el("th", { text: text.tiers[row.tier] || row.label, attrs: { scope: "row" } }),
        el("td", { className: "waiting-count", text: String(row.waiting) }),
        el("td", { className: "longest", text: row.longest_since ? duration(elapsedSince(row.longest_since)) : "—", attrs: row.longest_since ? { "data-since": row.longest_since } : {} }),
        el("td", { text: duration(row.median_seconds) }),
      ]),
    ),
  );
}

// The longest waits keep growing between pushes.
setInterval(() => {
  for (const cell of document.querySelectorAll("#waiting-table .longest[data-since]")) {
    cell.textContent = duration(elapsedSince(cell.dataset.since));
  }
}, 1000);

function renderTeam() {
  const team = figures.team;
  $("by-state").textContent = format(text.by_state, team.by_state);
  $("team-table").tBodies[0].replaceChildren(
    ...team.members.map((member) => {
      const state = el("select", { attrs: { "aria-label": `${text.status}: ${member.name}` } },
        ["available", "away"].map((value) => el("option", { text: text.presence_all[value], attrs: { value } })));
      state.value = member.presence;
      state.addEventListener("change", () => socket.send({ type: "set_presence", user: member.id, state: state.value }));
      const limit = el("input", { attrs: { type: "number", min: "0", max: "10", value: String(member.capacity), "aria-label": format(text.team_capacity, { name: member.name }) } });
      limit.addEventListener("change", () => socket.send({ type: "capacity", user: member.id, capacity: Number(limit.value) }));
      const full = member.load >= member.capacity;
      return el("tr", { attrs: { "data-user": String(member.id) } }, [
        el("th", { text: member.supervisor ? `${member.name} · ${text.supervisor_suffix}` : member.name, attrs: { scope: "row" } }),
        el("td", {}, [state]),
        el("td", { className: full ? "full" : "", text: `${member.load} / ${member.capacity}` }),
        el("td", { text: String(member.answered_today) }),
        el("td", {}, [limit]),
      ]);
    }),
  );
}

// In the page's language: the frame's label is in whatever language built it.
function alertTitle(alert) {
  return (text.alert_kinds || {})[alert.kind] || alert.label;
}

// The banner line for an alert: a waiting person's alerts share the line that the queue
// and the imminent-risk frame raise for them, so one arrival is one line.
function alertKey(alert) {
  const waiting = alert.kind === "imminent_waiting" || alert.kind === "risk_waiting_long";
  return `${waiting ? "waiting" : alert.kind}:${alert.conversation}`;
}

function renderAlerts() {
  // Resolved alerts leave the list: their cause has ended (taken, assigned, answered).
  const items = [...alertItems.values()]
    .filter((alert) => !alert.resolved_at)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  $("alert-list").replaceChildren(
    ...items.map((alert) => {
      const actions = [];
      if (!alert.acknowledged_at) {
        const ack = el("button", { className: "secondary", text: text.acknowledge, attrs: { type: "button" } });
        ack.addEventListener("click", () => socket.send({ type: "ack", alert: alert.id }));
        actions.push(ack);
      } else {
        actions.push(el("span", { className: "muted", text: format(text.acknowledged_by, { name: alert.acknowledged_by || "" }) }));
      }
      const open = el("button", { className: "link", text: text.open, attrs: { type: "button" } });
      open.addEventListener("click", () => observe(alert.conversation));
      actions.push(open);
      return el("li", { className: `alert-item kind-${alert.kind}${alert.acknowledged_at ? " seen" : ""}`, attrs: { "data-alert": String(alert.id) } }, [
        el("span", { className: `tier-badge tier-${alert.risk_tier}`, text: text.tiers[alert.risk_tier] || alert.risk_tier }),
        el("strong", { text: alertTitle(alert) }),
        alert.counselor_name ? el("span", { text: `${text.counselor}: ${alert.counselor_name}` }) : null,
        el("span", { className: "muted", text: timeLabel(alert.created_at) }),
        ...actions,
      ]);
    }),
  );
  $("no-alerts").hidden = items.length > 0;
  renderResolvedAlerts();
}

// Alerts whose cause ended before anyone acknowledged them stay one click away for the
// rest of the day: a supervisor can look back at who waited at imminent risk, and for how
// long, though nothing is left to do.
function renderResolvedAlerts() {
  const resolved = [...alertItems.values()]
    .filter((alert) => alert.resolved_at)
    .sort((a, b) => b.resolved_at.localeCompare(a.resolved_at));
  $("resolved-summary").textContent = format(text.resolved_alerts, { count: resolved.length });
  $("resolved-list").replaceChildren(
    ...resolved.map((alert) => {
      const open = el("button", { className: "link", text: text.open, attrs: { type: "button" } });
      open.addEventListener("click", () => observe(alert.conversation));
      const lasted = Math.max(0, (new Date(alert.resolved_at) - new Date(alert.created_at)) / 1000);
      return el("li", { className: `alert-item seen kind-${alert.kind}`, attrs: { "data-alert": String(alert.id) } }, [
        el("strong", { text: alertTitle(alert) }),
        el("span", { className: "muted", text: format(text.resolved_after, { time: timeLabel(alert.created_at), duration: duration(lasted) }) }),
        open,
      ]);
    }),
  );
  $("resolved-alerts").hidden = resolved.length === 0;
}

function renderLive() {
  $("live-list").replaceChildren(
    ...figures.active.map((entry) => {
      const open = el("button", { className: "link", text: text.open, attrs: { type: "button" } });
      open.addEventListener("click", () => observe(entry.id));
      return el("li", { className: `live-entry tier-${entry.risk_tier}`, attrs: { "data-id": entry.id } }, [
        el("span", { className: `tier-badge tier-${entry.risk_tier}`, text: text.tiers[entry.risk_tier] || entry.risk_tier }),
        el("span", { text: entry.counselor_name || "—" }),
        el("span", { className: "muted", text: `${entry.language.toUpperCase()} · ${format(text.since, { time: timeLabel(entry.assigned_at) })}` }),
        entry.seeker_left ? el("span", { className: "left-note", text: text.left }) : null,
        open,
      ]);
    }),
  );
  $("no-live").hidden = figures.active.length > 0;
}

function renderQueue(entries) {
  shownEntries = entries;
  keepSelected(entries);
  $("queue").replaceChildren(
    ...entries.map((entry) =>
      el("li", { className: `queue-entry tier-${entry.risk_tier}`, attrs: { "data-id": entry.id } }, [
        el("div", { className: "queue-meta" }, [
          selectBox(entry),
          el("span", { text: duration(elapsedSince(entry.queued_at)) }),
          el("span", { text: entry.language.toUpperCase() }),
        ]),
        riskSummary(text, { tier: entry.risk_tier, score: entry.risk_score, evidence: entry.risk_evidence, explanation: entry.risk_explanation, reason: entry.risk_reason }),
        el("p", { className: "preview", text: entry.preview }),
      ]),
    ),
  );
  $("queue-empty").hidden = entries.length > 0;
  $("queue-tools").hidden = entries.length === 0;
}

// --- Marking several waiting conversations as abuse (a flood's) ----------------------------

const selected = new Set(); // conversation ids ticked in the queue; kept across pushes
let shownEntries = [];

// A flood is cleared a screenful at a time: tick every entry shown (those below the
// first fifty come up as these leave), untick the few that look real, mark the rest.
function selectAll(on) {
  for (const entry of shownEntries) {
    if (on) selected.add(entry.id);
    else selected.delete(entry.id);
  }
  for (const box of $("queue").querySelectorAll("input[type=checkbox]")) box.checked = on;
  selectionChanged();
}
$("select-shown").addEventListener("click", () => selectAll(true));
$("select-none").addEventListener("click", () => selectAll(false));

function selectBox(entry) {
  const box = el("input", { attrs: { type: "checkbox", "aria-label": format(text.select_entry, { position: entry.position }) } });
  box.checked = selected.has(entry.id);
  box.addEventListener("change", () => {
    if (box.checked) selected.add(entry.id);
    else selected.delete(entry.id);
    selectionChanged();
  });
  return box;
}

// Someone no longer waiting (taken, ended, marked elsewhere) is no longer selected.
function keepSelected(entries) {
  const waiting = new Set(entries.map((entry) => entry.id));
  for (const id of selected) if (!waiting.has(id)) selected.delete(id);
  selectionChanged();
}

function selectionChanged() {
  $("mark-selected").disabled = selected.size === 0;
  $("selected-count").textContent = selected.size ? format(text.selected_count, { count: selected.size }) : "";
}

$("mark-selected").addEventListener("click", () => {
  if (!selected.size || !window.confirm(format(text.mark_selected_confirm, { count: selected.size }))) return;
  socket.send({ type: "mark_abuse_many", conversations: [...selected] });
});

function abuseMarked(frame) {
  for (const id of frame.conversations) selected.delete(id);
  selectionChanged();
  const said = [format(text.abuse_marked, { count: frame.conversations.length })];
  if (frame.not_marked) said.push(format(text.abuse_not_marked, { count: frame.not_marked }));
  showNotice(said.join(" "));
}

// --- Stepping in --------------------------------------------------------------------------

function observe(id) {
  if (observed && observed.id !== id) socket.send({ type: "unobserve", conversation: observed.id });
  socket.send({ type: "observe", conversation: id });
}

$("observe-close").addEventListener("click", () => {
  if (observed) socket.send({ type: "unobserve", conversation: observed.id });
  observed = null;
  $("observe").hidden = true;
});

function showObserved(data, history) {
  if (observed && observed.id === data.id) {
    observed.transcript.add(history.messages);
    return;
  }
  const list = el("ol", { className: "messages" });
  const transcript = new Transcript(list, {
    strings: text,
    mySender: "counselor",
    isMine: (message) => message.sender === "counselor" && message.author_name === myName,
    nameFor: (message) => (message.sender === "seeker" ? text.seeker : message.author_name || ""),
    onGap: (after) => socket.send({ type: "resume", conversation: data.id, after }),
    onRetry: (clientId, body) => socket.send({ type: "send", conversation: data.id, client_id: clientId, body }),
  });
  transcript.add(history.messages);
  observed = { id: data.id, data, transcript, joined: false };

  const whisperInput = el("textarea", { attrs: { id: "whisper", rows: "2", maxlength: "4000" } });
  const whisper = el("form", { className: "note-form", attrs: { method: "post" } }, [
    el("label", { text: text.whisper, attrs: { for: "whisper" } }),
    whisperInput,
    el("button", { className: "secondary", text: text.whisper_send, attrs: { type: "submit" } }),
  ]);
  whisper.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = whisperInput.value.trim();
    if (!body) return;
    socket.send({ type: "whisper", conversation: data.id, body });
    whisperInput.value = "";
  });

  const reply = el("textarea", { attrs: { id: "join-reply", rows: "2", maxlength: "2000" } });
  const composer = el("form", { className: "composer", attrs: { method: "post", hidden: "" } }, [
    el("label", { text: text.reply_label, attrs: { for: "join-reply" } }),
    reply,
    el("button", { className: "primary", text: text.send, attrs: { type: "submit" } }),
  ]);
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = reply.value.trim();
    if (!body) return;
    reply.value = "";
    const clientId = transcript.addPending(body);
    socket.send({ type: "send", conversation: data.id, client_id: clientId, body });
  });
  submitOnEnter(reply, composer);
  const join = el("button", { className: "secondary", text: text.join, attrs: { type: "button", id: "join" } });
  const joinedNote = el("p", { className: "muted", text: text.joined, attrs: { hidden: "" } });
  join.addEventListener("click", () => {
    socket.send({ type: "join", conversation: data.id });
    observed.joined = true;
    join.hidden = true;
    joinedNote.hidden = false;
    composer.hidden = false;
    reply.focus();
  });

  const reassignSelect = el("select", { attrs: { id: "reassign-to" } });
  const reassign = el("form", { className: "transfer-form", attrs: { method: "post" } }, [
    el("label", { text: text.reassign, attrs: { for: "reassign-to" } }),
    reassignSelect,
    el("button", { className: "secondary", text: text.reassign_submit, attrs: { type: "submit" } }),
  ]);
  reassignSelect.addEventListener("focus", () => socket.send({ type: "team" }));
  reassign.addEventListener("submit", (event) => {
    event.preventDefault();
    if (reassignSelect.value) socket.send({ type: "transfer", conversation: data.id, to: Number(reassignSelect.value), note: "" });
  });

  // A flood's or a prank's conversation leaves the queue (audited on the server).
  const abuse = el("button", { className: "secondary", text: text.mark_abuse, attrs: { type: "button", id: "mark-abuse" } });
  abuse.addEventListener("click", () => {
    if (window.confirm(text.mark_abuse_confirm)) socket.send({ type: "mark_abuse", conversation: data.id });
  });

  const status = el("p", { className: "pane-status", attrs: { role: "status" } });
  $("observe-body").replaceChildren(
    el("p", { text: `${text.counselor}: ${data.counselor_name || "—"} · ${data.language.toUpperCase()}` }),
    el("div", { className: "risk-banner" }, [riskSummary(text, { tier: data.risk_tier, score: data.risk_score, evidence: data.risk_evidence, explanation: data.risk_explanation, reason: data.risk_reason })]),
    status,
    el("div", { className: "messages-log", attrs: { role: "log", "aria-label": text.messages_label } }, [list]),
    join,
    joinedNote,
    composer,
    whisper,
    reassign,
    abuse,
  );
  observed.status = status;
  observedStatus(data.status);
  $("observe").hidden = false;
  $("observe").scrollIntoView({ block: "start" });
}

function observedStatus(status) {
  if (!observed) return;
  const ended = status === "ended" || status === "abandoned" || status === "abuse";
  observed.status.textContent = ended ? text.ended : "";
  for (const control of $("observe-body").querySelectorAll("button, textarea, select")) control.disabled = ended;
}

function setReassignTeam(staff) {
  const select = $("reassign-to");
  if (!select) return;
  const chosen = select.value;
  select.replaceChildren(el("option", { text: text.choose, attrs: { value: "" } }), ...staffOptions(text, staff, { excludeId: observed.data.counselor_id }));
  select.value = chosen;
}
