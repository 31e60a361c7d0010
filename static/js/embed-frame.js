// Inside the embed (/live/<slug>/embed/): tell the page that frames it how tall the coverage is,
// so its iframe grows with new posts instead of scrolling. Only a height is sent, so any site may
// hear it; the page's embed.js checks that the message comes from its own iframe.
(() => {
  "use strict";
  if (window.parent === window) return;
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "ledger:height", height }, "*");
  };
  new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener("load", report);
  report();
})();
