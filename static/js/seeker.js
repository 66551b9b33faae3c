// The help-seeker's chat: the first message opens the conversation over HTTP (which sets
// the HttpOnly token cookie), then everything flows over the websocket.

import { csrfToken, format, strings } from "./dom.js";
import { ReconnectingSocket } from "./socket.js";
import { Transcript } from "./transcript.js";

const root = document.getElementById("chat");
const text = strings("seeker-strings");
const statusLine = document.getElementById("chat-status");
const notice = document.getElementById("notice");
const form = document.getElementById("composer");
const input = document.getElementById("composer-input");
const endButton = document.getElementById("end-button");
const newButton = document.getElementById("new-button");

let socket = null;
let status = root.dataset.hasConversation === "true" ? "connecting" : "new";
let counselorName = null;

const transcript = new Transcript(document.getElementById("messages"), {
  strings: text,
  mySender: "seeker",
  nameFor: (message) => message.author_name || text.counselor,
  onGap: (after) => socket && socket.send({ type: "resume", after }),
  onRetry: (clientId, body) => sendOverSocket(clientId, body),
});

function showNotice(message) {
  notice.textContent = message;
  notice.hidden = !message;
}

function setStatus(message) {
  statusLine.textContent = message;
}

function applyConversation(frame) {
  status = frame.status;
  counselorName = frame.counselor_name;
  const open = status === "waiting" || status === "active";
  input.disabled = !open;
  form.querySelector("#send-button").disabled = !open;
  endButton.hidden = !open;
  newButton.hidden = open;
  if (status === "waiting") setStatus(text.waiting);
  else if (status === "active") setStatus(format(text.joined, { name: counselorName || text.counselor }));
  else setStatus(text.ended);
}

function onFrame(frame) {
  switch (frame.type) {
    case "conversation":
      applyConversation(frame);
      break;
    case "position":
      if (status === "waiting") setStatus(format(text.position, frame));
      break;
    case "message":
      transcript.add([frame]);
      break;
    case "history":
      transcript.add(frame.messages);
      if (frame.last_seq > transcript.lastSeq) socket.send({ type: "resume", after: transcript.lastSeq });
      break;
    case "error":
      if (frame.ref) transcript.markFailed(frame.ref, frame.message);
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
      for (const { clientId, body } of transcript.pendingEntries()) sendOverSocket(clientId, body);
    },
    onDown: () => showNotice(text.reconnecting),
    onFinal: () => {
      setStatus(text.not_found);
      status = "new";
      input.disabled = false;
      form.querySelector("#send-button").disabled = false;
    },
  });
}

function sendOverSocket(clientId, body) {
  // If the socket is down, the message stays "sending" and goes out on reconnect.
  if (socket) socket.send({ type: "send", client_id: clientId, body });
}

async function startConversation(clientId, body) {
  const response = await fetch(root.dataset.startUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify({ body, client_id: clientId, language: document.documentElement.lang }),
    credentials: "same-origin",
  });
  if (response.status === 201) {
    const { message } = await response.json();
    transcript.add([message]);
    status = "waiting";
    setStatus(text.waiting);
    connect();
    return;
  }
  if (response.status === 409) {
    // This browser already has an open conversation: continue that one.
    window.location.reload();
    return;
  }
  const failure = await response.json().catch(() => ({}));
  transcript.markFailed(clientId, failure.message || "");
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = input.value.trim();
  if (!body) return;
  input.value = "";
  const clientId = transcript.addPending(body);
  if (status === "new") {
    startConversation(clientId, body).catch(() => transcript.markFailed(clientId, ""));
  } else {
    sendOverSocket(clientId, body);
  }
  input.focus();
});

input.addEventListener("keydown", (event) => {
  // Enter sends, Shift+Enter makes a new line (as in most chat apps).
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

endButton.addEventListener("click", () => {
  if (window.confirm(text.end_confirm)) socket && socket.send({ type: "end" });
});

newButton.addEventListener("click", () => {
  window.location.assign(`${location.pathname}?new=1`);
});

if (status === "connecting") {
  setStatus(text.connecting);
  connect();
}
