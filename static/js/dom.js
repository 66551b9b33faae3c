// Small DOM helpers. User text only ever goes in through textContent.

export function el(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function strings(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : {};
}

export function format(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
}

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

export function newClientId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function timeLabel(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// Enter sends, Shift+Enter makes a new line; never while an IME is composing (Japanese).
// On a touch screen Enter is the keyboard's only way to a new line: there it inserts one,
// and the Send button sends.
export function submitOnEnter(textarea, form) {
  const touch = window.matchMedia("(pointer: coarse)");
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !touch.matches) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

// A notice line that clears itself after a few seconds (staff pages).
export function noticeLine(node, seconds = 6) {
  let timer = null;
  return function show(message) {
    node.textContent = message;
    node.hidden = !message;
    clearTimeout(timer);
    if (message) timer = setTimeout(() => show(""), seconds * 1000);
  };
}
