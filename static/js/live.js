// The reader page's live updates. The page is complete without this script; this keeps it current.
// Protocol: docs/protocol.md. Frames apply in seq order, once; a gap or a reconnect resumes by seq.
(() => {
  "use strict";
  const root = document.querySelector("[data-live]");
  if (!root) return;

  const posts = document.getElementById("posts");
  const statusBox = () => document.getElementById("status");
  const connection = document.getElementById("connection");
  const announcer = document.getElementById("announcer");
  const release = root.dataset.release;
  const changesUrl = root.dataset.changesUrl;
  const POLL_MS = 10000;
  const BASE_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000;

  let lastSeq = Number(root.dataset.seq) || 0;
  let socket = null;
  let attempts = 0;
  let failuresWithoutOpen = 0;
  let pollTimer = null;
  let wasLost = false;
  const waiting = []; // new posts held while the reader is scrolled down

  const fragment = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  };

  const readerIsAtTop = () => posts.getBoundingClientRect().top > -40;

  function announce(text) {
    announcer.textContent = "";
    // A fresh text node after a tick makes screen readers speak repeated announcements too.
    setTimeout(() => { announcer.textContent = text; }, 50);
  }

  function insertPost(element) {
    document.getElementById("posts-empty")?.remove();
    const published = Number(element.dataset.published);
    // Newest first; a backdated post takes its place in the stream instead of the top.
    const after = [...posts.children].find((el) => Number(el.dataset.published) <= published);
    posts.insertBefore(element, after || null);
  }

  function showWaiting() {
    let button = document.getElementById("new-posts");
    if (!waiting.length) { button?.remove(); return; }
    if (!button) {
      button = document.createElement("button");
      button.id = "new-posts";
      button.className = "new-posts";
      button.type = "button";
      button.addEventListener("click", () => {
        waiting.splice(0).forEach(insertPost);
        showWaiting();
        posts.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
      });
      document.body.append(button);
    }
    button.textContent = waiting.length === 1 ? "Show 1 new post" : `Show ${waiting.length} new posts`;
  }

  function replaceAll(id, html) {
    const fresh = fragment(html);
    const old = document.getElementById(id);
    if (old) old.replaceWith(fresh);
    const held = waiting.findIndex((el) => el.id === id);
    if (held >= 0) waiting[held] = fresh;
    return Boolean(old) || held >= 0;
  }

  const handlers = {
    "post.created"(frame) {
      if (document.getElementById(`post-${frame.id}`)) return replaceAll(`post-${frame.id}`, frame.html);
      const element = fragment(frame.html);
      const title = element.querySelector(".post__title")?.textContent || "New post";
      if (readerIsAtTop()) insertPost(element);
      else { waiting.push(element); showWaiting(); }
      announce(`New post: ${title}`);
    },
    "post.updated"(frame) {
      if (!replaceAll(`post-${frame.id}`, frame.html)) handlers["post.created"](frame);
    },
    "post.deleted"(frame) {
      document.getElementById(`post-${frame.id}`)?.remove();
      document.getElementById(`pinned-${frame.id}`)?.remove();
      const held = waiting.findIndex((el) => el.id === `post-${frame.id}`);
      if (held >= 0) { waiting.splice(held, 1); showWaiting(); }
    },
    "post.pinned"(frame) {
      const slot = document.getElementById("pinned-slot");
      if (slot) slot.replaceChildren(fragment(frame.html));
    },
    "post.unpinned"(frame) {
      document.getElementById(`pinned-${frame.id}`)?.remove();
    },
    "coverage.state"(frame) {
      statusBox()?.replaceWith(fragment(frame.html));
      const words = { live: "Coverage is live again.", paused: "Coverage is paused.", ended: "Coverage has ended." };
      announce([words[frame.status], frame.message].filter(Boolean).join(" "));
    },
    "event.updated"(frame) {
      document.getElementById("headline")?.replaceWith(fragment(frame.html));
    },
  };

  function apply(frame) {
    if (typeof frame.seq !== "number" || frame.seq <= lastSeq) return; // already have it
    handlers[frame.type]?.(frame);
    lastSeq = frame.seq;
    root.dataset.seq = String(lastSeq);
  }

  function setConnection(state) {
    if (state === "lost") {
      wasLost = true;
      connection.hidden = false;
      connection.className = "connection connection--lost";
      connection.textContent = "Connection lost. Reconnecting…";
    } else if (state === "back" && wasLost) {
      wasLost = false;
      connection.className = "connection connection--back";
      connection.textContent = "Back online. You are up to date.";
      setTimeout(() => { if (!wasLost) connection.hidden = true; }, 4000);
    }
  }

  function reload() {
    window.location.reload();
  }

  function control(message) {
    if (message.type === "hello") {
      if (message.release !== release) reload();
      attempts = 0;
      failuresWithoutOpen = 0;
      stopPolling();
      setConnection("back");
    } else if (message.type === "reset") {
      reload();
    } else if (message.type === "heartbeat" && message.head > lastSeq) {
      socket?.close(); // a frame went missing on the way: reconnect and catch up from lastSeq
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}${root.dataset.socketPath}?since=${lastSeq}`);
    socket = ws;
    let opened = false;
    ws.addEventListener("open", () => { opened = true; });
    ws.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if ("seq" in message) apply(message);
      else control(message);
    });
    ws.addEventListener("close", () => {
      if (socket !== ws) return;
      socket = null;
      setConnection("lost");
      if (!opened && ++failuresWithoutOpen >= 3) startPolling(); // WebSockets blocked on this network
      // Full jitter: thousands of readers cut at once must not come back at once.
      const delay = Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempts++);
      setTimeout(connect, delay);
    });
  }

  async function poll() {
    try {
      for (;;) {
        const response = await fetch(`${changesUrl}?since=${lastSeq}`, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        const { head, frames } = await response.json();
        frames.forEach(apply);
        setConnection("back");
        if (!frames.length || lastSeq >= head) break;
      }
    } catch {
      setConnection("lost");
    }
  }

  function startPolling() {
    if (pollTimer) return;
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  // "Load older posts" without leaving the page; the link itself works without JavaScript.
  document.addEventListener("click", async (event) => {
    const link = event.target.closest("[data-older]");
    if (!link) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    const response = await fetch(link.href, { headers: { "HX-Request": "true" } });
    if (!response.ok) { link.removeAttribute("aria-busy"); return; }
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    const older = template.content.querySelector(".older-posts");
    older?.querySelectorAll(".post").forEach((post) => {
      if (!document.getElementById(post.id)) posts.append(post);
    });
    const next = template.content.querySelector("#older");
    const current = document.getElementById("older");
    if (next) current.replaceWith(next); else current.remove();
  });

  if ("WebSocket" in window) connect();
  else startPolling();
})();
