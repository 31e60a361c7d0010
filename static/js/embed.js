// The Ledger's embed script, for the page that frames live coverage (from /oembed or the desk's
// embed code): it sizes each <iframe data-ledger-embed> to its content, from the height the
// frame posts. Messages are taken only from the frame itself and from the frame's own origin.
(() => {
  "use strict";
  if (window.ledgerEmbed) return; // the code may be pasted more than once on a page
  window.ledgerEmbed = true;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "ledger:height" || !Number.isFinite(data.height)) return;
    document.querySelectorAll("iframe[data-ledger-embed]").forEach((frame) => {
      if (frame.contentWindow !== event.source) return;
      if (new URL(frame.src, location.href).origin !== event.origin) return;
      frame.style.height = `${Math.max(200, Math.min(data.height, 100000))}px`;
    });
  });
})();
