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
