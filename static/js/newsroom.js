// Newsroom niceties on top of htmx; every form also works as a plain form without this.
(() => {
  "use strict";
  document.body.addEventListener("coverage-changed", (event) => {
    const toast = document.getElementById("toast");
    if (!toast || !event.detail?.message) return;
    toast.innerHTML = "";
    const item = document.createElement("li");
    item.textContent = event.detail.message;
    toast.append(item);
  });
  // Ctrl+Enter (Cmd+Enter) publishes from anywhere in the composer.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const form = event.target.closest?.("#composer form");
    if (form) { event.preventDefault(); form.requestSubmit(); }
  });
})();
