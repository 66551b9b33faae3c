// On every page: the language selector submits itself; "Quick exit" (or Escape twice)
// leaves at once for a neutral site and keeps this page out of the back button.

// On the help-seeker's pages the service keeps a single entry in the tab's history:
// moving between its pages replaces that entry, and "Quick exit" replaces it with the
// neutral site, so one Back press leads to where the person was before, never to us.
const seekerPage = document.body.classList.contains("seeker");
const DRAFT_KEY = "kizuna-draft"; // read back (and removed) by seeker.js

for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", async () => {
    if (!seekerPage) {
      select.form.submit();
      return;
    }
    // A form submission would add a history entry; set the language, then reload in place.
    // What the person was writing comes back in the new language's page (this tab only,
    // and only until that page reads it).
    const box = document.getElementById("composer-input");
    if (box && box.value) sessionStorage.setItem(DRAFT_KEY, box.value);
    await fetch(select.form.action, { method: "POST", body: new FormData(select.form), credentials: "same-origin" }).catch(() => {});
    window.location.reload();
  });
}

if (seekerPage) {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || link.target || link.hasAttribute("download")) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.hash) return;
    event.preventDefault();
    window.location.replace(url.href);
  });
}

const exitLink = document.querySelector("[data-quick-exit]");
if (exitLink) {
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.hidden = true;
    sessionStorage.removeItem(DRAFT_KEY);
    // Tell the counselor the person left suddenly; with "no trace", drop the token too.
    const chat = document.querySelector("[data-left-url]");
    if (chat && chat.dataset.hasConversation !== "false" && navigator.sendBeacon) {
      const form = new FormData();
      form.append("csrfmiddlewaretoken", document.querySelector('meta[name="csrf-token"]').content);
      const noTrace = sessionStorage.getItem("kizuna-no-trace") === "1";
      form.append("forget", noTrace ? "1" : "0");
      navigator.sendBeacon(chat.dataset.leftUrl, form);
      if (noTrace) sessionStorage.clear();
    }
    // replace(), not assign(): the chat page does not stay in this tab's history.
    window.location.replace(exitLink.dataset.quickExit);
  };
  exitLink.addEventListener("click", leave);
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < 800) leave(event);
    lastEscape = now;
  });
}
