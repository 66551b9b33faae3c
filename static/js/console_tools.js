// Tools beside a conversation in the console: saved replies, the risk checklist, transfer,
// and the help-seeker's earlier conversations. Each builder returns its element and the
// few methods console.js calls when frames arrive. User text goes in by textContent only.

import { el, format, timeLabel } from "./dom.js";

// --- Saved replies -----------------------------------------------------------------------

const repliesByLanguage = new Map(); // language -> Promise of replies (one fetch each)

function loadReplies(url, language) {
  if (!repliesByLanguage.has(language)) {
    const request = fetch(`${url}?language=${encodeURIComponent(language)}`, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .catch((error) => {
        repliesByLanguage.delete(language); // let the next opening try again
        throw error;
      });
    repliesByLanguage.set(language, request);
  }
  return repliesByLanguage.get(language);
}

// A searchable list of shared and personal replies in the conversation's language.
// Choosing one inserts it into the reply box for editing; it is never sent as it is.
export function repliesPicker({ text, id, language, apiUrl, manageUrl, onInsert }) {
  const search = el("input", { attrs: { type: "search", id: `replies-search-${id}`, autocomplete: "off" } });
  const list = el("ul", { className: "reply-choices" });
  const empty = el("p", { className: "muted", text: text.replies_none, attrs: { hidden: "" } });
  const details = el("details", { className: "replies-picker" }, [
    el("summary", { text: text.replies }),
    el("label", { text: text.replies_search, attrs: { for: `replies-search-${id}` } }),
    search,
    list,
    empty,
    el("a", { text: text.replies_manage, attrs: { href: manageUrl, target: "_blank", rel: "noopener" } }),
  ]);
  let replies = [];

  function render() {
    const query = search.value.trim().toLocaleLowerCase();
    const shown = replies.filter(
      (reply) => !query || `${reply.title}\n${reply.body}`.toLocaleLowerCase().includes(query),
    );
    list.replaceChildren(
      ...shown.map((reply) =>
        el("li", { className: "reply-choice" }, [
          el("button", {
            className: "link insert-reply",
            text: reply.title,
            attrs: { type: "button", "data-reply": String(reply.id), title: text.insert },
          }),
          el("span", { className: "tag", text: reply.shared ? text.replies_shared : text.replies_mine }),
          el("p", { className: "reply-body", text: reply.body }),
        ]),
      ),
    );
    empty.hidden = shown.length > 0;
    list.querySelectorAll(".insert-reply").forEach((button, index) =>
      button.addEventListener("click", () => {
        onInsert(shown[index].body);
        details.open = false;
      }),
    );
  }

  details.addEventListener("toggle", () => {
    if (!details.open) return;
    loadReplies(apiUrl, language)
      .then((loaded) => {
        replies = loaded;
        render();
        search.focus();
      })
      .catch(() => {
        empty.textContent = text.replies_failed;
        empty.hidden = false;
      });
  });
  search.addEventListener("input", render);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      list.querySelector(".insert-reply")?.click();
    }
  });
  return { node: details, open: () => (details.open = true) };
}

// Put text at the cursor (or replace the selection) and leave the cursor after it.
export function insertAtCursor(textarea, value) {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? textarea.value.length;
  textarea.setRangeText(value, start, end, "end");
  textarea.focus();
  textarea.dispatchEvent(new Event("input"));
}

// --- Risk checklist ----------------------------------------------------------------------

export function riskChecklist({ text, id, onAnswer }) {
  const suggestion = el("p", { className: "checklist-suggestion", attrs: { "aria-live": "polite" } });
  const rows = Object.entries(text.checklist_items).map(([item, question], index) => {
    const name = `check-${item}-${id}`;
    const choices = [
      ["yes", text.answer_yes],
      ["no", text.answer_no],
      ["", text.answer_unasked],
    ].map(([value, label]) =>
      el("label", { className: "choice" }, [
        el("input", { attrs: { type: "radio", name, value, "data-item": item } }),
        el("span", { text: label }),
      ]),
    );
    return el("fieldset", { className: "checklist-item", attrs: { "data-item": item } }, [
      el("legend", { text: `${index + 1}. ${question}` }),
      ...choices,
    ]);
  });
  const details = el("details", { className: "risk-checklist" }, [
    el("summary", { text: text.checklist }),
    el("p", { className: "muted", text: text.checklist_hint }),
    ...rows,
    suggestion,
  ]);
  // Answers sent but not yet echoed by the server: an echo of an earlier answer must not
  // undo a tick made since (two quick answers would otherwise flicker).
  const unconfirmed = new Map();
  details.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.dataset.item) return;
    unconfirmed.set(input.dataset.item, input.value);
    onAnswer(input.dataset.item, input.value || null);
  });

  function update(answers, suggestedTier) {
    for (const row of rows) {
      const item = row.dataset.item;
      const answer = answers[item] || "";
      if (unconfirmed.has(item)) {
        if (unconfirmed.get(item) !== answer) continue;
        unconfirmed.delete(item);
      }
      for (const input of row.querySelectorAll("input")) input.checked = input.value === answer;
    }
    suggestion.textContent =
      suggestedTier && suggestedTier !== "unknown"
        ? format(text.checklist_suggests, { tier: text.tiers[suggestedTier] || suggestedTier })
        : "";
  }
  update({}, null);
  return { node: details, update, open: () => (details.open = true), suggestion: () => suggestion.textContent };
}

// --- Transfer ----------------------------------------------------------------------------

// Who can receive a conversation: available counselors with room, and online supervisors.
export function staffOptions(text, staff, { excludeId }) {
  return staff
    .filter((person) => person.id !== excludeId)
    .map((person) => {
      const full = !person.supervisor && (person.presence !== "available" || person.load >= person.capacity);
      const label = format(text.staff_option, { name: person.name, load: person.load, capacity: person.capacity });
      return el("option", {
        text: person.supervisor ? `${label} · ${text.supervisor_suffix}` : label,
        attrs: { value: String(person.id), ...(full ? { disabled: "" } : {}) },
      });
    });
}

export function transferForm({ text, id, onOpen, onSubmit }) {
  const select = el("select", { attrs: { id: `transfer-to-${id}`, required: "" } });
  const note = el("textarea", { attrs: { id: `transfer-note-${id}`, rows: "2", maxlength: "4000" } });
  const empty = el("p", { className: "muted", text: text.transfer_none, attrs: { hidden: "" } });
  const submit = el("button", { className: "primary", text: text.transfer_submit, attrs: { type: "submit" } });
  const form = el("form", { className: "transfer-form", attrs: { method: "post" } }, [
    el("label", { text: text.transfer_to, attrs: { for: `transfer-to-${id}` } }),
    select,
    empty,
    el("label", { text: text.transfer_note, attrs: { for: `transfer-note-${id}` } }),
    note,
    submit,
  ]);
  const details = el("details", { className: "transfer" }, [el("summary", { text: text.transfer }), form]);
  details.addEventListener("toggle", () => details.open && onOpen());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!select.value) return;
    onSubmit(Number(select.value), note.value.trim());
  });

  function setTeam(staff, myId) {
    const options = staffOptions(text, staff, { excludeId: myId });
    select.replaceChildren(el("option", { text: text.choose, attrs: { value: "" } }), ...options);
    const usable = options.some((option) => !option.disabled);
    empty.hidden = usable;
    submit.disabled = !usable;
  }
  return { node: details, setTeam, open: () => (details.open = true), isOpen: () => details.open };
}

// --- Earlier conversations ---------------------------------------------------------------

export function earlierPanel({ text, onLoad }) {
  const body = el("div", { className: "earlier-list" }, [el("p", { className: "muted", text: text.earlier_loading })]);
  const details = el("details", { className: "earlier" }, [el("summary", { text: text.earlier }), body]);
  let loaded = false;
  details.addEventListener("toggle", () => {
    if (details.open && !loaded) {
      loaded = true;
      onLoad();
    }
  });

  function show(conversations) {
    if (!conversations.length) {
      body.replaceChildren(el("p", { className: "muted", text: text.earlier_none }));
      return;
    }
    body.replaceChildren(
      ...conversations.map((item) => {
        const date = new Date(item.created_at).toLocaleDateString();
        const outcome = item.outcome ? text.outcomes[item.outcome] || item.outcome : text.no_wrap_up;
        const facts = [
          item.counselor_tier
            ? el("p", { text: format(text.counselor_tier, { tier: text.tiers[item.counselor_tier] || item.counselor_tier }) })
            : null,
          item.topics.length
            ? el("p", { text: item.topics.map((topic) => text.topic_labels[topic] || topic).join(", ") })
            : null,
          item.wrap_up_note ? el("p", { className: "note-item", text: item.wrap_up_note }) : null,
        ];
        const messages = el(
          "ol",
          { className: "messages earlier-messages" },
          item.messages.map((message) =>
            el("li", { className: `message ${message.sender === "seeker" ? "" : "mine"}` }, [
              el("span", {
                className: "meta",
                text: `${message.sender === "seeker" ? text.seeker : message.author_name || ""} · ${timeLabel(message.sent_at)}`,
              }),
              el("p", { className: "body", text: message.body }),
            ]),
          ),
        );
        return el("details", { className: "earlier-item" }, [
          el("summary", { text: format(text.earlier_summary, { date, outcome }) }),
          ...facts,
          messages,
        ]);
      }),
    );
  }
  return { node: details, show };
}
