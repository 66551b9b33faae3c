// The help-seeker's chat: optional intake, the first message opens the conversation over
// HTTP (which sets the HttpOnly token cookie), then everything flows over the websocket.

import { fetchChallenge, solve } from "./admission.js";
import { csrfToken, el, format, strings, submitOnEnter } from "./dom.js";
import { ReconnectingSocket } from "./socket.js";
import { Transcript } from "./transcript.js";

const root = document.getElementById("chat");
const text = strings("seeker-strings");
const $ = (id) => document.getElementById(id);
const statusLine = $("chat-status");
const notice = $("notice");
const form = $("composer");
const input = $("composer-input");
const sendButton = $("send-button");
const endButton = $("end-button");
const newButton = $("new-button");
const waitingRoom = $("waiting-room");
const typingLine = $("typing");
const intake = $("intake");
const NO_TRACE_KEY = "kizuna-no-trace"; // sessionStorage: gone when the tab closes

// The emergency numbers, once prominent, stick just under the (sticky) header, whose
// height depends on the width and the language.
const header = document.querySelector(".site-header");
const pinUnderHeader = () =>
  document.documentElement.style.setProperty("--header-height", `${header ? header.offsetHeight : 0}px`);
pinUnderHeader();
window.addEventListener("resize", pinUnderHeader);

let socket = null;
let status = root.dataset.hasConversation === "true" ? "connecting" : "new";
let counselorName = null;
let typingTimer = null;
let lastTypingSent = 0;

const transcript = new Transcript($("messages"), {
  strings: text,
  mySender: "seeker",
  nameFor: (message) => message.author_name || text.counselor,
  onGap: (after) => socket && socket.send({ type: "resume", after }),
  onRetry: (clientId, body) => deliver(clientId, body),
});

const noTrace = () => sessionStorage.getItem(NO_TRACE_KEY) === "1";

// Written before a change of language (page.js keeps it across the reload).
const draft = sessionStorage.getItem("kizuna-draft");
if (draft !== null) {
  sessionStorage.removeItem("kizuna-draft");
  if (!input.value) input.value = draft;
}
if (noTrace()) document.title = text.neutral_title;

function showNotice(message) {
  notice.textContent = message;
  notice.hidden = !message;
}

// Nobody can answer soon, or the person may be in danger: the numbers to call go above the
// conversation, seen without scrolling on a phone. They stay there once moved (a page
// that jumps back and forth is harder to use than one that stays put).
function emergencyFirst() {
  const emergency = $("emergency");
  if (!emergency || emergency.classList.contains("prominent")) return;
  emergency.classList.add("prominent");
  root.before(emergency);
}

function setStatus(message) {
  statusLine.textContent = message;
}

function note(message) {
  $("messages").append(el("li", { className: "note", text: message }));
}

function applyConversation(frame) {
  const previousName = counselorName;
  if (status === "active" && frame.status === "waiting") note(text.returned_to_queue);
  status = frame.status;
  counselorName = frame.counselor_name;
  const open = status === "waiting" || status === "active";
  input.disabled = !open;
  sendButton.disabled = !open;
  endButton.hidden = !open;
  newButton.hidden = open;
  waitingRoom.hidden = status !== "waiting";
  if (status === "waiting") setStatus(text.waiting);
  else if (status === "active") {
    setStatus(format(text.joined, { name: counselorName || text.counselor }));
    if (previousName && counselorName && previousName !== counselorName) {
      note(format(text.counselor_changed, { name: counselorName }));
    }
  } else {
    // Left the line because nobody had the page open for a long time: say so kindly,
    // and that starting again is welcome ("Start a new conversation" shows below).
    const away = status === "abandoned" && frame.ended_by === "system";
    setStatus(away ? text.away_released : text.ended);
    // Written offline while it ended: it will never be sent. Say so, keep the words.
    transcript.abandonAll(text.not_sent_ended);
    typingLine.hidden = true;
    $("survey").hidden = false;
  }
}

// What the wait is, as queues/estimates.py judged it from who is free now: a range only
// when there is a basis for one, never minutes while nobody is online or we are closed.
function waitText(frame) {
  switch (frame.wait) {
    case "soon":
      return text.estimate_soon;
    case "range":
      return format(text.estimate, { low: frame.estimate.low_minutes, high: frame.estimate.high_minutes });
    case "closed":
      return frame.opens_at ? format(text.opens_at, { time: openingTime(frame.opens_at) }) : "";
    default:
      return text.estimate_unknown;
  }
}

function openingTime(iso) {
  const opens = new Date(iso);
  const options = { hour: "2-digit", minute: "2-digit" };
  // Beyond today, name the day too.
  if (opens.toDateString() !== new Date().toDateString()) options.weekday = "long";
  return opens.toLocaleString(document.documentElement.lang || [], options);
}

function applyPosition(frame) {
  if (status !== "waiting") return;
  setStatus(format(text.position, frame));
  const estimate = $("wait-estimate");
  estimate.textContent = waitText(frame);
  estimate.hidden = !estimate.textContent;
  const availability = $("availability");
  if (!frame.open) availability.textContent = text.closed;
  else if (frame.counselors_available === 0) availability.textContent = text.nobody_online;
  availability.hidden = frame.open && frame.counselors_available !== 0;
  if (!availability.hidden) emergencyFirst();
}

function showTyping(frame) {
  if (frame.sender !== "counselor" || status !== "active") return;
  typingLine.textContent = format(text.typing, { name: counselorName || text.counselor });
  typingLine.hidden = false;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => (typingLine.hidden = true), 4000);
}

function onFrame(frame) {
  switch (frame.type) {
    case "conversation":
      applyConversation(frame);
      break;
    case "position":
      applyPosition(frame);
      break;
    case "message":
      if (frame.sender === "counselor") typingLine.hidden = true;
      transcript.add([frame]);
      break;
    case "history":
      transcript.add(frame.messages);
      if (frame.last_seq > transcript.lastSeq) socket.send({ type: "resume", after: transcript.lastSeq });
      break;
    case "typing":
      showTyping(frame);
      break;
    case "counselor_presence":
      if (status === "active") note(frame.present ? text.counselor_back : text.counselor_dropped);
      break;
    case "emergency":
      emergencyFirst();
      break;
    case "participant":
      note(format(text.participant_joined, { name: frame.name }));
      break;
    case "error":
      if (frame.code === "ended") transcript.abandonAll(text.not_sent_ended);
      else if (frame.ref) transcript.markFailed(frame.ref, frame.message);
      else showNotice(frame.message);
      break;
  }
}

function connect() {
  socket = new ReconnectingSocket(root.dataset.wsPath, {
    onFrame,
    onOpen: () => {
      showNotice("");
      socket.send({ type: "resume", after: transcript.lastSeq });
      // Anything typed while offline goes now; the same client id can never store twice.
      for (const { clientId, body } of transcript.pendingEntries()) {
        transcript.markSending(clientId);
        sendOverSocket(clientId, body);
      }
    },
    onDown: () => {
      const offline = navigator.onLine === false;
      showNotice(offline ? text.offline : text.reconnecting);
      transcript.failAll(offline ? text.not_sent_offline : text.not_sent_down);
    },
    onFinal: () => {
      setStatus(text.not_found);
      status = "new";
      input.disabled = false;
      sendButton.disabled = false;
    },
  });
}

function sendOverSocket(clientId, body) {
  // Before the socket exists (the first message is still starting the conversation) the
  // message waits and goes when it opens. A socket that is down cannot take it: say so,
  // with a retry; it also goes out by itself on reconnect.
  if (!socket) return;
  if (socket.send({ type: "send", client_id: clientId, body })) transcript.awaitConfirmation(clientId);
  else transcript.markFailed(clientId, navigator.onLine === false ? text.not_sent_offline : text.not_sent_down);
}

function intakeAnswers() {
  if (!intake) return {};
  const answers = {};
  const topic = $("intake-topic").value;
  const age = $("intake-age").value;
  const safe = intake.querySelector("input[name=safe_now]:checked");
  if (topic) answers.topic = topic;
  if (age) answers.age_band = age;
  if (safe) answers.safe_now = safe.value;
  return answers;
}

async function post(url, payload) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(payload),
    credentials: "same-origin",
  });
}

// The admission proof for the next start, worked out while the person writes (see
// admission.js); each proof is good for one start.
let proof = null;
function prepareProof(challenge) {
  proof = (challenge ? Promise.resolve(challenge) : fetchChallenge(root.dataset.admissionUrl)).then(solve);
  proof.catch(() => {}); // a failure shows when the start needs it
}
if (status === "new") prepareProof();

async function startConversation(clientId, body) {
  let response;
  // A refusal for more work (many starts at once) carries a new challenge: solve it and
  // send again, a few times, before telling the person.
  for (let attempt = 0; attempt < 6; attempt++) {
    if (!proof) prepareProof();
    const pending = proof;
    proof = null; // used once; a failed fetch or solve is tried afresh next time
    const admission = await pending;
    response = await post(root.dataset.startUrl, {
      body,
      client_id: clientId,
      language: document.documentElement.lang,
      intake: intakeAnswers(),
      no_trace: noTrace(),
      share_history: !noTrace() && Boolean($("share-history")?.checked),
      admission,
    });
    if (response.status !== 429) break;
    const refusal = await response.clone().json().catch(() => ({}));
    if (refusal.error !== "admission") break;
    prepareProof(refusal);
  }
  if (response.status === 201) {
    const { message } = await response.json();
    transcript.add([message]);
    if (intake) intake.hidden = true;
    root.dataset.hasConversation = "true";
    status = "waiting";
    waitingRoom.hidden = false;
    setStatus(text.waiting);
    connect();
    return;
  }
  if (response.status === 409) {
    window.location.reload(); // this browser already has an open conversation
    return;
  }
  const failure = await response.json().catch(() => ({}));
  startFailed(clientId, failure.message || "");
}

// Nothing was started: this message, and any typed while it was on its way, can be retried.
function startFailed(clientId, reason) {
  status = "new";
  for (const entry of transcript.pendingEntries()) {
    transcript.markFailed(entry.clientId, entry.clientId === clientId ? reason : "");
  }
}

// The first message starts the conversation; while that is on its way ("starting"), more
// messages wait as "sending" and go over the socket once it opens. A double tap therefore
// never starts two conversations.
function deliver(clientId, body) {
  if (status === "new") {
    status = "starting";
    startConversation(clientId, body).catch(() => startFailed(clientId, ""));
  } else sendOverSocket(clientId, body);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = input.value.trim();
  if (!body) return;
  input.value = "";
  const clientId = transcript.addPending(body);
  deliver(clientId, body);
  input.focus();
});

submitOnEnter(input, form);

input.addEventListener("input", () => {
  const now = Date.now();
  if (socket && status === "active" && now - lastTypingSent > 3000) {
    lastTypingSent = now;
    socket.send({ type: "typing" });
  }
});

endButton.addEventListener("click", () => {
  if (window.confirm(text.end_confirm)) socket && socket.send({ type: "end" });
});

// replace(): the service keeps one entry in the tab's history (see page.js).
newButton.addEventListener("click", () => window.location.replace(`${location.pathname}?new=1`));

if (intake) {
  for (const radio of intake.querySelectorAll("input[name=safe_now]")) {
    radio.addEventListener("change", () => {
      const notSafe = radio.checked && radio.value === "no";
      $("not-safe-note").hidden = !notSafe;
      if (notSafe) emergencyFirst();
    });
  }
  $("no-trace").addEventListener("change", (event) => {
    if (event.target.checked) {
      sessionStorage.setItem(NO_TRACE_KEY, "1");
      document.title = text.neutral_title;
    } else sessionStorage.removeItem(NO_TRACE_KEY);
    // Linking conversations keeps a cookie, which "no trace" promises not to do.
    $("share-history").disabled = event.target.checked;
    if (event.target.checked) $("share-history").checked = false;
  });
}

// --- After the end: the optional survey, then (with "no trace") forget this browser. ---

async function finish() {
  $("survey-form").hidden = true;
  $("survey-thanks").hidden = false;
  if (noTrace()) {
    await post(root.dataset.forgetUrl, {}).catch(() => {});
    sessionStorage.clear();
  }
}

$("survey-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(event.target);
  const number = (name) => (data.get(name) ? Number(data.get(name)) : null);
  await post(root.dataset.surveyUrl, {
    feeling_before: number("feeling_before"),
    feeling_after: number("feeling_after"),
    helped: data.get("helped") || "",
    comment: data.get("comment") || "",
  }).catch(() => {});
  finish();
});
$("survey-skip").addEventListener("click", finish);

$("delete-conversation").addEventListener("click", async () => {
  if (!window.confirm(text.delete_confirm)) return;
  const response = await post(root.dataset.deleteUrl, {}).catch(() => null);
  if (response && response.status === 204) {
    sessionStorage.clear();
    $("messages").replaceChildren();
    $("delete-conversation").hidden = true;
    $("deleted").hidden = false;
  } else {
    showNotice(text.delete_failed);
  }
});

if (status === "connecting") {
  setStatus(text.connecting);
  connect();
}

// The page ships Send disabled so that nothing can submit the form natively (which would
// carry the message to the server in a request no script controls); from here on every
// send goes through the handler above.
sendButton.disabled = false;
root.dataset.ready = "true";
