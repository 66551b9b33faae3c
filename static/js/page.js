// On every page: the language selector submits itself; "Quick exit" (or Escape twice)
// leaves at once for a neutral site and keeps this page out of the back button.

for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.submit());
}

const exitLink = document.querySelector("[data-quick-exit]");
if (exitLink) {
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.hidden = true;
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
