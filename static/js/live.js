// The reader page's live updates. The page is complete without this script; this keeps it current.
// Protocol: docs/protocol.md. Frames are received in seq order, once; a gap or a reconnect resumes
// from the last seq received.
(() => {
  "use strict";
  const root = document.querySelector("[data-live]");
  if (!root) return;
  document.documentElement.classList.add("js");

  const posts = document.getElementById("posts");
  const connection = document.getElementById("connection");
  const announcer = document.getElementById("announcer");
  const toggleUpdates = document.getElementById("toggle-updates");
  const release = root.dataset.release;
  const changesUrl = root.dataset.changesUrl;
  const oldestFirst = root.dataset.order === "oldest";
  const keyOnly = "keyOnly" in root.dataset;
  const isSlice = "slice" in root.dataset; // an older slice of the stream: new posts live on the first page
  const storageKey = `liveblog:last-seen:${root.dataset.slug}`;
  const baseTitle = document.title;
  // The page's language is its event's; its words come from the static catalogue loaded before this
  // script (static/js/i18n/<lang>.js, made by `manage.py script_catalogues`), English without one.
  const lang = document.documentElement.lang || "en";
  const gettext = window.django?.gettext || ((text) => text);
  const ngettext = window.django?.ngettext || ((one, many, n) => (n === 1 ? one : many));
  const interpolate = (format, values) => format.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
  // Spelt out ("16 hours ago"), as the BBC does: abbreviations such as "16 hr." read badly aloud.
  // Latin digits, as the server writes every number on the page.
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "always", style: "long", numberingSystem: "latn" });
  const POLL_MS = 10000;
  const BASE_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000; // a hidden tab
  const MAX_DELAY_VISIBLE_MS = 8000; // a visible page: and the probe below brings it back sooner
  const PROBE_MS = 2000; // while the socket is down, ask the changes API this often (visible pages)
  const REFUSED_RETRY_MS = 60000; // refused by a socket cap: poll, and try a socket again after this
  const REFUSED = new Set([4429, 4503]); // docs/protocol.md
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

  let lastSeq = Number(root.dataset.seq) || 0; // the last frame received, applied or not
  let socket = null;
  let attempts = 0;
  let failuresWithoutOpen = 0;
  let pollTimer = null;
  let wasLost = false;
  let heartbeatMs = 15000; // from the hello frame
  let silenceTimer = null;
  let reconnectTimer = null;
  let probeTimer = null;
  let refused = false; // the server refused a socket (too many from this address, or full)
  let helloHead = null; // the head when the socket opened: caught up once lastSeq reaches it
  let frozen = false; // the reader paused live updates (WCAG 2.2.2)
  let reloading = false; // told to reload (a change of language or zone): apply nothing more
  const frozenFrames = [];
  const waiting = []; // new posts held while the reader is scrolled down, away, or watching a video
  let unseenWhileHidden = 0;
  // A returning reader's visit: what the page remembered (the newest post seen before) and the
  // posts newer than it. A cached copy of the page can be a few seconds old, so the first catch-up
  // may bring more of them: those count too, as if the page had been served with them.
  let visit = null;

  // ---- small helpers -------------------------------------------------------------------------

  const fragment = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  };
  const scrollBehavior = () => (reducedMotion.matches ? "auto" : "smooth");
  const published = (element) => Number(element.dataset.published) || 0;
  const postTitle = (element) => element.querySelector(".post__title")?.textContent.trim() || "";

  function announce(text) {
    announcer.textContent = "";
    // Set after a tick, so screen readers speak a repeated announcement too.
    setTimeout(() => { announcer.textContent = text; }, 50);
  }

  // Times as the server writes them: 24-hour, Latin digits, in the event's time zone, named as the
  // server names it (data-tz-names maps the zone's offsets to its names: "+01:00" is "BST" in
  // London). The browser's own names differ ("GMT+1" in English, others in Arabic), and so would the
  // page. Made on first use: building a formatter for a time zone costs a phone a long task at start.
  let clockFormat = null;
  let offsetFormat = null;
  let zoneNames = null;
  const zoneName = (date) => {
    offsetFormat ??= new Intl.DateTimeFormat("en-u-nu-latn", { timeZone: root.dataset.tz || undefined, timeZoneName: "longOffset" });
    zoneNames ??= (() => { try { return JSON.parse(root.dataset.tzNames || "{}"); } catch { return {}; } })();
    const gmt = offsetFormat.formatToParts(date).find((p) => p.type === "timeZoneName")?.value || "GMT";
    const offset = gmt === "GMT" ? "+00:00" : gmt.slice(3); // "GMT+01:00" -> "+01:00"
    // A zone the table does not cover (a page open for a year): the offset as tzdata writes it, "+03".
    return zoneNames[offset] ?? offset.replace(":00", "").replace(":", "");
  };
  const clock = (date, withZone = true) => {
    clockFormat ??= new Intl.DateTimeFormat(lang, {
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", numberingSystem: "latn", timeZone: root.dataset.tz || undefined,
    });
    const parts = clockFormat.formatToParts(date);
    const part = (type) => parts.find((p) => p.type === type)?.value || "";
    return `${part("hour")}:${part("minute")}${withZone ? ` ${zoneName(date)}` : ""}`;
  };
  // A clock time read left to right whatever the page's direction, as the server writes it
  // (reader.when_html): on an Arabic page "13:43 +03" would otherwise show its zone first.
  const isolatedClock = (date, withZone = true) =>
    Object.assign(document.createElement("bdi"), { dir: "ltr", textContent: clock(date, withZone) });

  function markUpdated() {
    const time = document.getElementById("last-updated");
    if (!time) return;
    const now = new Date();
    time.dateTime = now.toISOString();
    time.replaceChildren(isolatedClock(now));
  }

  // ---- times -----------------------------------------------------------------------------------

  // Every post keeps its clock time; "5 min ago" is said beside it while it helps (the first day).
  function relativeTimes() {
    const now = Date.now();
    document.querySelectorAll("[data-ago]").forEach((span) => {
      const minutes = Math.floor((now - Date.parse(span.dataset.ago)) / 60000);
      let text = "";
      if (minutes < 1) text = gettext("Just now");
      else if (minutes < 60) text = relative.format(-minutes, "minute");
      else if (minutes < 24 * 60) text = relative.format(-Math.floor(minutes / 60), "hour");
      if (span.textContent !== text) span.textContent = text;
    });
  }

  // ---- the stream ------------------------------------------------------------------------------

  const readerIsAtTop = () => posts.getBoundingClientRect().top > -40;
  const videoIsPlaying = () => [...document.querySelectorAll("video")].some((v) => !v.paused && !v.ended);
  const streamHasMore = () => Boolean(document.querySelector("#older [data-older]"));

  function insertPost(element) {
    document.getElementById("posts-empty")?.remove();
    const when = published(element);
    // A backdated post takes its place in the stream, not the top.
    const next = [...posts.children].find((el) =>
      oldestFirst ? published(el) > when : published(el) <= when);
    posts.insertBefore(element, next || null);
    relativeTimes();
    rememberSeen();
  }

  function showWaiting() {
    let button = document.getElementById("new-posts");
    if (!waiting.length) { button?.remove(); return; }
    if (!button) {
      button = document.createElement("button");
      button.id = "new-posts";
      button.className = "new-posts";
      button.type = "button";
      button.addEventListener("click", showWaitingPosts);
      root.prepend(button); // early in the tab order, though it floats at the top of the screen
    }
    button.textContent = interpolate(ngettext("Show %(count)s new post", "Show %(count)s new posts", waiting.length), { count: waiting.length });
  }

  function showWaitingPosts() {
    if (isSlice) { window.location.href = root.dataset.firstPage; return; }
    const fresh = waiting.splice(0);
    fresh.forEach(insertPost);
    showWaiting();
    // Focus goes to the newest of them (the first in reading order), not back to <body>.
    const first = [...posts.children].find((el) => fresh.includes(el));
    if (first) focusPost(first);
    else posts.scrollIntoView({ behavior: scrollBehavior() });
  }

  function focusPost(element) {
    element.tabIndex = -1;
    element.scrollIntoView({ behavior: scrollBehavior(), block: "start" });
    element.focus({ preventScroll: true });
  }

  function replaceEverywhere(id, html) {
    const old = document.getElementById(id);
    if (old) old.replaceWith(fragment(html));
    const held = waiting.findIndex((el) => el.id === id);
    if (held >= 0) waiting[held] = fragment(html);
    return Boolean(old) || held >= 0;
  }

  // A post that goes while the reader is on it (its Share button, a link) leaves them at the next
  // post rather than at the top of the document.
  function removeKeepingFocus(element) {
    if (!element) return;
    const hadFocus = element.contains(document.activeElement);
    const neighbour = element.nextElementSibling || element.previousElementSibling || posts.firstElementChild;
    element.remove();
    if (hadFocus && neighbour) { neighbour.tabIndex = -1; neighbour.focus({ preventScroll: true }); }
  }

  function removeEverywhere(postId) {
    removeKeepingFocus(document.getElementById(`pinned-${postId}`));
    removeKeepingFocus(document.getElementById(`post-${postId}`));
    document.querySelector(`[data-key-event="${postId}"]`)?.remove();
    const held = waiting.findIndex((el) => el.id === `post-${postId}`);
    if (held >= 0) { waiting.splice(held, 1); showWaiting(); }
  }

  function updateKeyEvents(element) {
    const list = document.getElementById("key-events-list");
    if (!list) return;
    const postId = element.dataset.post;
    const entry = list.querySelector(`[data-key-event="${postId}"]`);
    if (!element.classList.contains("post--key")) { entry?.remove(); return; }
    const item = document.createElement("li");
    item.dataset.keyEvent = postId;
    item.dataset.published = element.dataset.published;
    const link = document.createElement("a");
    link.href = `#post-${postId}`;
    link.dataset.postLink = postId;
    const time = element.querySelector(".post__time time");
    link.append(Object.assign(document.createElement("time"), {
      dateTime: time?.dateTime || "", textContent: time?.dateTime ? clock(new Date(time.dateTime), false) : "",
    }), ` ${postTitle(element) || gettext("Key event")}`);
    item.append(link);
    list.querySelector(".key-events__none")?.remove();
    if (entry) { entry.replaceWith(item); return; }
    const later = [...list.children].find((li) => Number(li.dataset.published || 0) < published(element));
    list.insertBefore(item, later || null); // newest first
  }

  const handlers = {
    "post.created"(frame) {
      if (document.getElementById(`post-${frame.id}`)) { handlers["post.updated"](frame); return; }
      const element = fragment(frame.html);
      updateKeyEvents(element);
      if (keyOnly && !element.classList.contains("post--key")) return;
      if (visit?.catchingUp && !isSlice && published(element) > visit.lastSeen) {
        // From before this visit, missing only from a cached copy of the page: part of the page.
        element.classList.add("post--unseen");
        insertPost(element);
        visit.fresh.push(element);
        showSinceLastVisit();
        return;
      }
      if (oldestFirst) {
        if (!streamHasMore()) insertPost(element); // otherwise it arrives with the next page
      } else if (isSlice || !readerIsAtTop() || document.hidden || videoIsPlaying()) {
        waiting.push(element);
        showWaiting();
      } else {
        insertPost(element);
      }
      if (document.hidden) {
        unseenWhileHidden += 1;
        document.title = `(${unseenWhileHidden}) ${baseTitle}`;
      }
      announce(interpolate(gettext("New post: %(title)s"), { title: postTitle(element) || gettext("update") }));
    },
    "post.updated"(frame) {
      const element = fragment(frame.html);
      updateKeyEvents(element);
      replaceEverywhere(`post-${frame.id}`, frame.html); // edits are not announced: too chatty
      relativeTimes();
    },
    "post.deleted"(frame) {
      removeEverywhere(frame.id);
    },
    "post.pinned"(frame) {
      document.getElementById("pinned-slot")?.replaceChildren(fragment(frame.html));
      relativeTimes();
    },
    "post.unpinned"(frame) {
      removeKeepingFocus(document.getElementById(`pinned-${frame.id}`));
    },
    "coverage.state"(frame) {
      const was = root.dataset.status;
      document.getElementById("status")?.replaceWith(fragment(frame.html));
      root.dataset.status = frame.status;
      if (frame.status === "ended" && toggleUpdates?.isConnected) {
        // Nothing more is coming: there is nothing left to pause.
        if (frozen) toggleUpdates.click();
        toggleUpdates.remove();
      }
      const words = { live: gettext("Coverage is live again."), paused: gettext("Coverage is paused."), ended: gettext("Coverage has ended.") };
      // Live to live is announced coverage reaching its start ("Begins 18:30" becomes "Live"), not a
      // resume: say what the new badge says.
      const said = was === frame.status ? document.querySelector("#status .badge")?.textContent.trim() : words[frame.status];
      announce([said, frame.message].filter(Boolean).join(" "));
    },
    "event.updated"(frame) {
      const wasOpen = document.getElementById("key-points")?.open;
      const header = fragment(frame.html);
      const points = header.querySelector("#key-points");
      if (points && wasOpen) points.open = true; // as the reader had them
      document.getElementById("event-header")?.replaceWith(header);
    },
  };

  function applyFrame(frame) {
    handlers[frame.type]?.(frame);
    markUpdated();
  }

  // Reload once at once. A page that comes back still from before the change is a shared cache's
  // copy (a CDN may keep one for seconds): wait a few seconds, jittered, before asking again, so a
  // crowd does not reload in a loop.
  function reloadFor(seq) {
    reloading = true;
    const key = `liveblog:reloaded-for:${root.dataset.slug}`;
    let again = false;
    try {
      again = sessionStorage.getItem(key) === String(seq);
      sessionStorage.setItem(key, String(seq));
    } catch { /* storage refused: reload anyway */ }
    if (again) setTimeout(() => window.location.reload(), 2000 + Math.random() * 8000);
    else window.location.reload();
  }

  function receive(frame) {
    if (reloading) return; // the page is going: nothing more is applied to it
    if (typeof frame.seq !== "number" || frame.seq <= lastSeq) return; // already have it
    lastSeq = frame.seq;
    root.dataset.seq = String(lastSeq);
    // The event's language or time zone changed at this seq: everything on the page speaks the old
    // one. Reload, paused or not (docs/protocol.md); the server never replays across it.
    if (frame.type === "reset") { reloadFor(frame.seq); return; }
    // Pausing holds posts back, never the coverage's state: a reader must see that it ended.
    if (frozen && frame.type !== "coverage.state") {
      frozenFrames.push(frame);
      toggleUpdates.textContent = waitingWhileFrozen()
        ? interpolate(ngettext("Resume live updates (%(count)s waiting)", "Resume live updates (%(count)s waiting)", waitingWhileFrozen()), { count: waitingWhileFrozen() })
        : gettext("Resume live updates");
    } else {
      applyFrame(frame);
    }
    // After the frame: the last frame of the catch-up is still part of it.
    if (helloHead !== null && lastSeq >= helloHead) caughtUp();
  }

  // ---- connection --------------------------------------------------------------------------

  function setConnection(state) {
    if (state === "lost") {
      wasLost = true;
      connection.hidden = false;
      connection.className = "connection connection--lost";
      connection.textContent = gettext("Connection lost. Reconnecting…");
    } else if (state === "back" && wasLost) {
      wasLost = false;
      connection.className = "connection connection--back";
      connection.textContent = gettext("Back online. You are up to date.");
      setTimeout(() => { if (!wasLost) connection.hidden = true; }, 4000);
    }
  }

  function caughtUp() {
    // Only now is the reconnect a success: a socket that says hello and then is closed again
    // (too slow, a server in trouble) keeps backing off.
    helloHead = null;
    if (visit) visit.catchingUp = false; // from here on, new posts arrive live
    attempts = 0;
    failuresWithoutOpen = 0;
    refused = false;
    stopPolling();
    setConnection("back");
  }

  function control(message) {
    if (message.type === "hello") {
      if (message.release !== release) window.location.reload();
      heartbeatMs = (Number(message.heartbeat) || 15) * 1000;
      heard();
      helloHead = message.head;
      if (lastSeq >= helloHead) caughtUp();
    } else if (message.type === "reset") {
      window.location.reload(); // too much missed to replay: start again from the first page
    } else if (message.type === "heartbeat" && message.head > lastSeq) {
      reconnectNow(); // a frame went missing on the way: reconnect and catch up from lastSeq
    }
  }

  // No message for two heartbeat intervals: the server (or the path to it) is gone even if the
  // socket says open. Drop it rather than wait for the browser to notice.
  function heard() {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(reconnectNow, 2 * heartbeatMs + 1000);
  }

  function reconnectNow() {
    const ws = socket;
    if (!ws) return;
    lost(ws, 1006, true);
    ws.close();
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}${root.dataset.socketPath}?since=${lastSeq}`);
    socket = ws;
    let opened = false;
    ws.addEventListener("open", () => { opened = true; heard(); });
    ws.addEventListener("message", (event) => {
      if (socket !== ws) return;
      heard();
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if ("seq" in message) receive(message);
      else control(message);
    });
    ws.addEventListener("close", (event) => lost(ws, event.code, opened));
  }

  function lost(ws, code, opened) {
    if (socket !== ws) return;
    socket = null;
    clearTimeout(silenceTimer);
    helloHead = null;
    setConnection("lost");
    if (REFUSED.has(code)) {
      refused = true;
      startPolling();
      later(REFUSED_RETRY_MS * (0.5 + Math.random()));
      return;
    }
    if (!opened && ++failuresWithoutOpen >= 3) startPolling(); // WebSockets blocked on this network
    // Full jitter: thousands of readers cut at once must not all come back at once.
    const cap = document.hidden ? MAX_DELAY_MS : MAX_DELAY_VISIBLE_MS;
    later(Math.random() * Math.min(cap, BASE_DELAY_MS * 2 ** attempts++));
    startProbing();
  }

  function later(delay) {
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, delay);
  }

  // While the socket is down, a visible page asks the changes API every couple of seconds: it
  // catches up over HTTP the moment the server answers, and then reconnects at once instead of
  // sitting out the rest of a long back-off.
  function startProbing() {
    if (probeTimer || refused) return;
    probeTimer = setTimeout(probe, PROBE_MS * (0.5 + Math.random()));
  }

  async function probe() {
    probeTimer = null;
    if (socket || refused) return;
    if (!document.hidden && (await poll())) {
      if (!socket) later(Math.random() * 500);
      return;
    }
    startProbing();
  }

  async function poll() {
    try {
      for (;;) {
        const response = await fetch(`${changesUrl}?since=${lastSeq}`, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        const { head, frames } = await response.json();
        frames.forEach(receive);
        setConnection("back");
        if (!frames.length || lastSeq >= head) break;
      }
      if (visit) visit.catchingUp = false;
      return true;
    } catch {
      setConnection("lost");
      return false;
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

  // ---- older posts and links to posts ---------------------------------------------------------

  async function loadMore({ focus = false } = {}) {
    const link = document.querySelector("#older [data-older]");
    if (!link) return false;
    const countBefore = posts.children.length;
    link.setAttribute("aria-busy", "true");
    const response = await fetch(link.href, { headers: { "HX-Request": "true" } });
    if (!response.ok) { link.removeAttribute("aria-busy"); return false; }
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    template.content.querySelectorAll(".older-posts .post").forEach((post) => {
      if (!document.getElementById(post.id)) posts.append(post);
    });
    const next = template.content.querySelector("#older");
    const current = document.getElementById("older");
    if (next) current.replaceWith(next); else current.remove();
    relativeTimes();
    // The reader asked for more: focus the first of them, so Tab continues from there.
    const first = posts.children[countBefore];
    if (focus && first) focusPost(first);
    return true;
  }

  function postIdOf(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return null;
    const hash = url.hash.match(/^#post-(\d+)$/);
    if (hash && url.pathname === location.pathname) return hash[1];
    const permalink = url.pathname.match(/^\/live\/([^/]+)\/posts\/(\d+)\/$/);
    return permalink && permalink[1] === root.dataset.slug ? permalink[2] : null;
  }

  const NEARBY_PAGES = 2;

  async function goToPost(postId) {
    let target = document.getElementById(`post-${postId}`);
    // A post just below what is shown: load a page or two. Further away, open the slice that
    // starts at it rather than pulling every post in between into this page.
    for (let pages = 0; !target && pages < NEARBY_PAGES && (await loadMore()); pages++) {
      target = document.getElementById(`post-${postId}`);
    }
    if (!target) {
      window.location.href = `${root.dataset.firstPage}?at=${postId}#post-${postId}`;
      return;
    }
    target.tabIndex = -1;
    target.scrollIntoView({ behavior: scrollBehavior(), block: "start" });
    target.focus({ preventScroll: true });
    target.classList.add("post--target");
    setTimeout(() => target.classList.remove("post--target"), 2500);
    history.replaceState(null, "", `#post-${postId}`);
  }

  async function share(button) {
    const url = new URL(button.dataset.share, location.href).href;
    if (navigator.share) {
      try { await navigator.share({ title: button.dataset.title, url }); } catch { /* dismissed */ }
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      const input = Object.assign(document.createElement("input"), { value: url });
      document.body.append(input);
      input.select();
      document.execCommand("copy");
      input.remove();
    }
    button.textContent = gettext("Link copied");
    announce(gettext("Link copied"));
    setTimeout(() => { button.textContent = gettext("Share"); }, 2000);
  }

  document.addEventListener("click", (event) => {
    const older = event.target.closest("[data-older]");
    if (older) { event.preventDefault(); loadMore({ focus: true }); return; }
    const enlarge = event.target.closest("[data-lightbox]");
    if (enlarge && !event.metaKey && !event.ctrlKey) { event.preventDefault(); openLightbox(enlarge); return; }
    const shareButton = event.target.closest("[data-share]");
    if (shareButton) { share(shareButton); return; }
    const link = event.target.closest("a[href]");
    if (!link || link.classList.contains("post__time") || event.metaKey || event.ctrlKey) return;
    const postId = postIdOf(link.href);
    if (postId) { event.preventDefault(); goToPost(postId); }
  });

  // ---- pictures: a lightbox for keyboard (arrows, Escape) and touch (swipe) ----------------------

  let lightbox = null;
  let shown = { links: [], index: 0, opener: null };

  function buildLightbox() {
    const dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", gettext("Picture"));
    dialog.innerHTML = '<p class="lightbox__count" aria-live="polite"></p>'
      + '<div class="lightbox__stage"><img alt=""><p class="lightbox__caption"></p></div>'
      + '<button type="button" class="lightbox__prev"></button>'
      + '<button type="button" class="lightbox__next"></button>'
      + '<button type="button" class="lightbox__close"></button>';
    // Previous is the reading direction's back: the arrow points to where it goes, mirrored in Arabic.
    const rtl = document.documentElement.dir === "rtl";
    const [back, forward] = [dialog.querySelector(".lightbox__prev"), dialog.querySelector(".lightbox__next")];
    back.textContent = rtl ? "→" : "←";
    back.setAttribute("aria-label", gettext("Previous picture"));
    forward.textContent = rtl ? "←" : "→";
    forward.setAttribute("aria-label", gettext("Next picture"));
    dialog.querySelector(".lightbox__close").textContent = gettext("Close");
    dialog.querySelector(".lightbox__close").addEventListener("click", () => dialog.close());
    dialog.querySelector(".lightbox__prev").addEventListener("click", () => showPicture(shown.index - 1));
    dialog.querySelector(".lightbox__next").addEventListener("click", () => showPicture(shown.index + 1));
    dialog.addEventListener("keydown", (event) => {
      if (event.key === (rtl ? "ArrowRight" : "ArrowLeft")) showPicture(shown.index - 1);
      else if (event.key === (rtl ? "ArrowLeft" : "ArrowRight")) showPicture(shown.index + 1);
    });
    dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
    let startX = null;
    const stage = dialog.querySelector(".lightbox__stage");
    stage.addEventListener("pointerdown", (event) => { startX = event.clientX; });
    stage.addEventListener("pointerup", (event) => {
      if (startX === null) return;
      const dx = event.clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) showPicture(shown.index + (dx < 0 ? 1 : -1));
    });
    dialog.addEventListener("close", () => shown.opener?.focus());
    document.body.append(dialog);
    return dialog;
  }

  function showPicture(index) {
    const { links } = shown;
    shown.index = (index + links.length) % links.length;
    const link = links[shown.index];
    const source = link.querySelector("img");
    const image = lightbox.querySelector(".lightbox__stage img");
    image.src = link.href;
    image.alt = source?.alt || "";
    lightbox.querySelector(".lightbox__caption").textContent = link.closest("figure")?.querySelector("figcaption")?.textContent.trim() || "";
    lightbox.querySelector(".lightbox__count").textContent = links.length > 1
      ? interpolate(gettext("%(index)s of %(count)s"), { index: shown.index + 1, count: links.length }) // read aloud (aria-live)
      : "";
    lightbox.querySelectorAll(".lightbox__prev, .lightbox__next").forEach((button) => { button.hidden = links.length < 2; });
  }

  function openLightbox(link) {
    lightbox ??= buildLightbox();
    const links = [...(link.closest("[data-gallery]") || link).querySelectorAll("[data-lightbox]")];
    shown = { links: links.length ? links : [link], index: Math.max(0, links.indexOf(link)), opener: link };
    showPicture(shown.index);
    lightbox.showModal();
    lightbox.querySelector(".lightbox__close").focus();
  }

  // ---- reader controls: pause updates, hidden tab, since last visit ---------------------------

  // New posts held while paused: a post created then deleted (or an edit) is not one more waiting.
  function waitingWhileFrozen() {
    const created = new Set();
    frozenFrames.forEach((frame) => {
      if (frame.type === "post.created" && !document.getElementById(`post-${frame.id}`)) created.add(frame.id);
      else if (frame.type === "post.deleted") created.delete(frame.id);
    });
    return created.size;
  }

  toggleUpdates?.addEventListener("click", () => {
    frozen = !frozen;
    toggleUpdates.setAttribute("aria-pressed", String(frozen));
    if (frozen) {
      toggleUpdates.textContent = gettext("Resume live updates");
    } else {
      frozenFrames.splice(0).forEach(applyFrame);
      toggleUpdates.textContent = gettext("Pause live updates");
    }
  });

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) { rememberSeen(); return; }
    unseenWhileHidden = 0;
    document.title = baseTitle;
    // Back in view with the socket down: try now rather than at the end of a hidden tab's back-off.
    if (!socket && reconnectTimer && !refused) later(Math.random() * 1000);
  });

  function newestShown() {
    return Math.max(0, ...[...posts.querySelectorAll(".post")].map(published));
  }

  function rememberSeen() {
    try {
      const seen = Math.max(newestShown(), Number(localStorage.getItem(storageKey)) || 0);
      localStorage.setItem(storageKey, String(seen));
    } catch { /* storage disabled: nothing to remember */ }
  }

  function sinceLastVisit() {
    let lastSeen = 0;
    try { lastSeen = Number(localStorage.getItem(storageKey)) || 0; } catch { return; }
    if (!lastSeen || oldestFirst) return;
    const fresh = [...posts.querySelectorAll(".post")].filter((post) => published(post) > lastSeen);
    fresh.forEach((post) => post.classList.add("post--unseen"));
    visit = { lastSeen, fresh, catchingUp: true };
    showSinceLastVisit();
  }

  function showSinceLastVisit() {
    const lastSeen = visit.lastSeen;
    const fresh = visit.fresh.filter((post) => post.isConnected); // a deleted one is not new
    const box = document.getElementById("since-last-visit");
    if (!fresh.length || !box) return;
    const firstSeen = [...posts.querySelectorAll(".post")].find((post) => published(post) <= lastSeen);
    const count = `${fresh.length}${streamHasMore() && !firstSeen ? "+" : ""}`;
    box.textContent = `${interpolate(ngettext("%(count)s new post since your last visit.", "%(count)s new posts since your last visit.", fresh.length), { count })} `;
    if (firstSeen) {
      const jump = Object.assign(document.createElement("a"), { href: `#${firstSeen.id}`, textContent: gettext("Jump to where you left off") });
      box.append(jump);
    }
    box.hidden = false;
  }

  // ---- start -------------------------------------------------------------------------------

  // The key points and key events start folded, so a phone shows the latest posts on its first
  // screen; a wide screen shows them unfolded by CSS already (no layout shift), and here they say so.
  if (matchMedia("(min-width: 56.01rem)").matches) {
    document.querySelector("#key-events details")?.setAttribute("open", "");
    document.getElementById("key-points")?.setAttribute("open", "");
  }
  sinceLastVisit();
  rememberSeen();
  window.addEventListener("pagehide", rememberSeen);
  relativeTimes();
  setInterval(relativeTimes, 30000);
  const initial = location.hash.match(/^#post-(\d+)$/);
  if (initial && !document.getElementById(`post-${initial[1]}`)) goToPost(initial[1]);
  if ("WebSocket" in window) connect();
  else startPolling();
})();
