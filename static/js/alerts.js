// Arrival alerts for the console: visible, optionally audible, and in the tab title so a
// counselor working in another tab still sees that someone new (or someone at high risk)
// is waiting.

import { el } from "./dom.js";

const SOUND_KEY = "kizuna-console-sound"; // localStorage: the counselor's own choice
const URGENT_TIERS = new Set(["imminent", "high"]);
const ALERT_SECONDS = { normal: 20, urgent: 60 };

export class ArrivalAlerts {
  constructor({ text, container, soundToggle }) {
    this.text = text;
    this.container = container;
    this.soundToggle = soundToggle;
    this.known = null; // id -> tier; null until the first queue frame (no alert for those)
    this.unseen = 0;
    this.unseenUrgent = false;
    this.waiting = 0;
    this.baseTitle = document.title;
    this.audio = null;
    soundToggle.checked = localStorage.getItem(SOUND_KEY) === "1";
    soundToggle.addEventListener("change", () => {
      localStorage.setItem(SOUND_KEY, soundToggle.checked ? "1" : "0");
      // Browsers allow audio only after a gesture: this change is one.
      if (soundToggle.checked) this.tone(false);
    });
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) {
        this.unseen = 0;
        this.unseenUrgent = false;
        this.renderTitle();
      }
    });
  }

  // Compare a new queue with the last one: new ids are arrivals; a tier rising to
  // high or imminent counts as an urgent arrival too.
  queueChanged(entries) {
    this.waiting = entries.length;
    const previous = this.known;
    this.known = new Map(entries.map((entry) => [entry.id, entry.risk_tier]));
    // Nobody left waiting: "someone new is waiting" is no longer true.
    if (!entries.length) this.container.querySelectorAll(".arrival").forEach((node) => node.remove());
    // Taken, assigned or gone: an urgent line about a waiting person has no cause left.
    for (const node of this.container.querySelectorAll("[data-key]")) {
      const [scope, id] = node.dataset.key.split(":");
      if (scope === "waiting" && !this.known.has(id)) node.remove();
    }
    if (previous === null) {
      this.renderTitle();
      return;
    }
    let arrivals = 0;
    let calmArrivals = 0;
    for (const entry of entries) {
      const before = previous.get(entry.id);
      if (before === undefined) arrivals += 1;
      if (URGENT_TIERS.has(entry.risk_tier) && !URGENT_TIERS.has(before)) {
        this.raise({ arrivals: before === undefined ? 1 : 0, urgent: true, key: `waiting:${entry.id}` });
      } else if (before === undefined) calmArrivals += 1;
    }
    if (calmArrivals) this.raise({ arrivals: calmArrivals, urgent: false });
    this.renderTitle();
  }

  // One line per event: `key` names it ("waiting:<conversation id>"), so the queue's view
  // of an urgent arrival and the server's imminent alert for the same person are one line
  // (the more specific words win), and the line goes when its cause ends (drop()).
  raise({ arrivals, urgent, message, key }) {
    const text = message || (urgent ? this.text.alert_urgent_arrival : this.text.alert_arrival);
    const existing = key && this.find(key);
    if (existing) {
      if (message) existing.textContent = message;
      return;
    }
    this.show(text, urgent, key);
    if (this.soundToggle.checked) this.tone(urgent);
    if (document.hidden) {
      this.unseen += Math.max(1, arrivals || 0);
      this.unseenUrgent = this.unseenUrgent || urgent;
    }
    this.renderTitle();
  }

  find(key) {
    return [...this.container.children].find((node) => node.dataset.key === key) || null;
  }

  drop(key) {
    this.find(key)?.remove();
  }

  show(message, urgent, key) {
    const item = el("p", {
      className: urgent ? "alert" : "alert arrival",
      text: message,
      attrs: { role: urgent ? "alert" : "status" },
    });
    if (key) item.dataset.key = key;
    this.container.prepend(item);
    // One line per kind at a time: a busy evening must not bury the page in notices.
    for (const older of [...this.container.children].slice(1)) {
      if (!key && !older.dataset.key && older.className === item.className && older.textContent === message) older.remove();
    }
    setTimeout(() => item.remove(), 1000 * ALERT_SECONDS[urgent ? "urgent" : "normal"]);
  }

  renderTitle() {
    const parts = [];
    if (this.unseen) parts.push(`${this.unseenUrgent ? "‼ " : "● "}${this.text.title_new} ${this.unseen}`);
    if (this.waiting) parts.push(`(${this.waiting})`);
    document.title = parts.length ? `${parts.join(" ")} ${this.baseTitle}` : this.baseTitle;
  }

  // A short, soft tone (two for urgent), made in the page: no audio file to fetch.
  tone(urgent) {
    try {
      this.audio = this.audio || new AudioContext();
      const start = this.audio.currentTime;
      const notes = urgent ? [880, 660, 880] : [660];
      notes.forEach((frequency, index) => {
        const oscillator = this.audio.createOscillator();
        const gain = this.audio.createGain();
        oscillator.frequency.value = frequency;
        const at = start + index * 0.22;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
        oscillator.connect(gain).connect(this.audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.21);
      });
    } catch {
      // No audio here (policy or device): the visible alert and the title still work.
    }
  }
}
