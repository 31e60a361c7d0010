// The newsroom on top of htmx: a small rich-text editor, autosave, the link picker, Ctrl+Enter,
// and a live desk (the reader socket tells the desk to refresh). Every form works without this.
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  // The words come from the script catalogue of the user's language (static/js/i18n/, loaded first).
  const gettext = window.django?.gettext || ((text) => text);
  const ngettext = window.django?.ngettext || ((one, many, n) => (n === 1 ? one : many));
  const interpolate = (format, values) => format.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
  // ---- rich text: the Tiptap editor from static/js/editor.js (built from frontend/) ------------

  function richText(root) {
    root.querySelectorAll("textarea[data-rich-text]").forEach((textarea) => {
      if (textarea.richEditor || !window.LedgerEditor) return;
      const toolbar = textarea.closest(".field")?.querySelector(".rich-text-toolbar");
      textarea.richEditor = window.LedgerEditor.attach(textarea, toolbar);
    });
  }

  // ---- autosave: what is typed is kept on the server as the user's own draft for this event -----
  // (It follows them to another browser; the next person at this computer, signed in as
  // themselves, gets their own. Nothing is kept in the browser: older versions' copies go.)

  Object.keys(localStorage).filter((key) => key.startsWith("liveblog:")).forEach((key) => localStorage.removeItem(key));

  function fieldsOf(form) {
    // The pictures' words and kept ids go too (images-N-...); their files were kept when chosen.
    return [...form.elements].filter((el) => el.name && el.type !== "file" && el.name !== "csrfmiddlewaretoken" && el.type !== "submit");
  }

  function autosave(root) {
    root.querySelectorAll("form[data-autosave]").forEach((form) => {
      if (form.dataset.autosaveReady) return;
      form.dataset.autosaveReady = "1";
      let timer = null;
      const save = () => {
        clearTimeout(timer);
        if (!form.isConnected) return Promise.resolve();  // sent and replaced: what it held went out
        const body = new URLSearchParams();
        fieldsOf(form).forEach((el) => body.append(el.name, el.type === "checkbox" ? (el.checked ? "on" : "") : el.value));
        const token = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="))?.slice(10) || "";
        return fetch(form.dataset.autosave, { method: "POST", body, headers: { "X-CSRFToken": token }, credentials: "same-origin" })
          .then((response) => {
            if (response.status === 401 || response.redirected) signedOut(null);
            else if (response.ok) form.dispatchEvent(new CustomEvent("autosaved", { bubbles: true }));
          })
          .catch(() => { /* offline: the next keystroke tries again */ });
      };
      form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(save, 800); });
      form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(save, 800); });
      form.addEventListener("submit", () => clearTimeout(timer));
      form.saveDraftNow = save;  // a reload asked for keeps what was typed in the last 800 ms too
    });
  }

  // ---- link to an earlier post ---------------------------------------------------------------

  document.addEventListener("change", (event) => {
    const picker = event.target.closest("[data-link-picker]");
    if (!picker || !picker.value) return;
    const option = picker.selectedOptions[0];
    const textarea = picker.form.querySelector("textarea[data-rich-text]");
    // The link's words are for readers: the server wrote them in the event's language.
    const link = `<a href="${picker.value}">${option.dataset.linkText}</a>`;
    if (textarea.richEditor) textarea.richEditor.appendHTML(` (${link})`);
    else textarea.value += ` (${link})`;
    picker.value = "";
  });

  // ---- keys: Enter never sends, Ctrl/Cmd+Enter publishes (or submits, for contributors) --------

  function sendPrimary(form) {
    if (!form) return;
    form.requestSubmit(form.querySelector(".composer__actions button.primary"));
  }

  // The forms that write a post: the composer and the in-place editors of the stream and queue.
  const POST_FORMS = "#composer form, form[data-post-form]";

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    const form = event.target.closest?.(POST_FORMS);
    if (!form) return;
    if (event.ctrlKey || event.metaKey) {
      // Stopped here, before the editor's own Mod-Enter (a line break) sees it.
      event.preventDefault();
      event.stopPropagation();
      sendPrimary(form);
      return;
    }
    // Enter in a one-line field would submit the form (implicit submission): a half-written post.
    if (event.target.tagName === "INPUT" && !["submit", "button", "reset"].includes(event.target.type)) event.preventDefault();
  }, true);

  // A form with consequences (pausing or ending coverage) acts only from its button: Enter in one
  // of its fields (the "Resumes at" date, say) would otherwise pause at once.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || event.target.tagName !== "INPUT") return;
    if (["submit", "button", "reset", "checkbox", "radio"].includes(event.target.type)) return;
    if (event.target.closest?.("form[data-button-only]")) event.preventDefault();
  }, true);

  // After a post is sent the composer is new and empty: the next one starts at its title.
  document.body.addEventListener("composer-sent", () => {
    document.querySelector("#composer input[name=title]")?.focus();
  });

  // ---- focus after an action: never dropped to the page's start ------------------------------
  // The form acted from is swapped away when the desk's parts refresh. Focus goes to the post acted
  // on once it is back (in the stream, or the queue), else to what the desk says (the error, or the
  // confirmation when the post is gone or the action was not about a post).

  function focusOn(element) {
    if (!element) return;
    if (!element.matches("a[href], button, input, select, textarea, summary, [tabindex]")) element.tabIndex = -1;
    element.focus();
  }

  const CHANGED_EVENT = "coverage-changed";
  let focusPost = null;  // { id, until }: the post to focus when a part holding it settles
  document.body.addEventListener("coverage-changed", (event) => {
    const toast = document.getElementById("toast");
    if (!toast || !event.detail?.message) return;
    const item = document.createElement("li");
    item.textContent = event.detail.message;
    if (event.detail.error) item.className = "error";
    toast.replaceChildren(item);
    // Only an answer to something done on this page moves the focus (event.target is what sent it).
    const origin = event.detail.origin || (event.target !== document.body && event.target.isConnected ? originOf(event.target) : null);
    if (!origin || origin.composer) return;  // the composer puts the cursor in its title
    focusOn(item);
    focusPost = origin.post && !event.detail.error ? { id: origin.post, since: performance.now(), until: Date.now() + 10000 } : null;
  });
  // A part's refresh asked for before the answer came shows the post as it was (a deleted one still
  // there): only one asked for after it can say where the post is now.
  document.body.addEventListener("htmx:beforeRequest", (event) => { if (event.detail.xhr) event.detail.xhr.ledgerSent = performance.now(); });
  const POST_BOX = "[id^=desk-post-], [id^=queue-post-]";
  function originOf(elt) {
    return { post: elt.closest?.(POST_BOX)?.id.replace(/^\D+/, ""), composer: Boolean(elt.closest?.("#composer")) };
  }
  // htmx says what the answer triggers on the element that asked, and a refresh from the socket may
  // have replaced that element while the request was out: the answer is then said from the body.
  document.body.addEventListener("htmx:beforeSend", (event) => {
    const { elt, xhr } = event.detail;
    if (!elt || !xhr) return;
    const origin = originOf(elt);
    xhr.addEventListener("loadend", () => {
      if (elt.isConnected) return;
      let triggers = null;
      try { triggers = JSON.parse(xhr.getResponseHeader("HX-Trigger") || "null"); } catch { return; }
      const detail = triggers?.[CHANGED_EVENT];
      if (detail) document.body.dispatchEvent(new CustomEvent(CHANGED_EVENT, { detail: { ...detail, origin } }));
    });
  });
  document.body.addEventListener("htmx:afterSettle", (event) => {
    // An outerHTML swap's target is the old element, out of the page by now: read the new one.
    const part = event.detail.target?.id && document.getElementById(event.detail.target.id);
    if (part?.id === "composer") {
      // A refused post: the cursor goes to what is wrong (the errors are announced as an alert).
      if (event.detail.xhr?.status !== 422) return;
      const general = part.querySelector(".composer__errors");
      const invalid = part.querySelector("[aria-invalid=true]");
      focusOn(general || invalid?.richEditor?.element || invalid);
      return;
    }
    if (!focusPost || !part || !["stream", "queue"].includes(part.id)) return;
    if (Date.now() > focusPost.until) { focusPost = null; return; }
    if (!(event.detail.xhr?.ledgerSent >= focusPost.since)) return;
    const post = part.querySelector(`#desk-post-${focusPost.id}, #queue-post-${focusPost.id}`);
    if (!post) return;
    focusPost = null;
    focusOn(post);
  });
  // A refresh that replaces the element with the focus (a post, one of its buttons) puts the focus
  // back on the same place in the new copy: the nearest element with an id, and its n-th control.
  const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  let refocus = null;
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    const active = document.activeElement;
    refocus = null;
    if (!target || !active || active === document.body || !target.contains(active)) return;
    if (target.id === "composer" || target.classList?.contains("inplace") || active.matches(TYPED)) return;
    const anchor = active.id ? active : active.parentElement.closest("[id]");
    if (!anchor || !target.contains(anchor) && anchor !== target) return;
    refocus = { id: anchor.id, index: active === anchor ? -1 : [...anchor.querySelectorAll(FOCUSABLE)].indexOf(active) };
  });
  document.body.addEventListener("htmx:afterSwap", () => {
    if (!refocus) return;
    const { id, index } = refocus;
    refocus = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const anchor = document.getElementById(id);
    if (!anchor) return;
    focusOn(index < 0 ? anchor : anchor.querySelectorAll(FOCUSABLE)[index] || anchor);
  });

  // ---- an ended session: say so in place, keep everything, retry after signing in ------------

  const csrfCookie = () => document.cookie.split("; ").find((part) => part.startsWith("csrftoken="))?.slice(10);
  document.body.addEventListener("htmx:configRequest", (event) => {
    // Signing in again gives a new CSRF token: every request uses the current one (cookie).
    const token = csrfCookie();
    if (!token) return;
    event.detail.headers["X-CSRFToken"] = token;
    if (event.detail.parameters.csrfmiddlewaretoken !== undefined) event.detail.parameters.csrfmiddlewaretoken = token;
  });

  let retry = null;
  function signedOut(detail) {
    const notice = document.getElementById("signed-out");
    if (!notice) return;
    notice.hidden = false;
    const elt = detail?.elt;
    const submitter = detail?.requestConfig?.triggeringEvent?.submitter;
    const form = elt?.closest?.("form") || (elt?.tagName === "FORM" ? elt : null);
    // What to do again once signed in: the same submit (with what is in the form by then), or a refresh.
    retry = form && detail.requestConfig?.verb !== "get"
      ? () => form.requestSubmit(submitter && submitter.form === form ? submitter : undefined)
      : () => window.htmx?.trigger(document.body, "coverage-changed");
  }
  function signedInAgain() {
    const notice = document.getElementById("signed-out");
    if (!notice || notice.hidden) return;
    notice.hidden = true;
    const again = retry;
    retry = null;
    again?.();
  }
  document.body.addEventListener("htmx:responseError", (event) => {
    if (event.detail.xhr.status === 401) signedOut(event.detail);
  });
  document.addEventListener("click", (event) => { if (event.target.closest("[data-retry]")) signedInAgain(); });
  if ("BroadcastChannel" in window) {
    const channel = new BroadcastChannel("ledger-session");
    channel.addEventListener("message", (event) => { if (event.data === "signed-in") signedInAgain(); });
    if (document.querySelector("[data-signed-in]")) channel.postMessage("signed-in");
  }

  // A refused or failed request leaves the form as it was; say why.
  document.body.addEventListener("htmx:responseError", (event) => {
    if (event.detail.xhr.status === 401) return;
    const toast = document.getElementById("toast");
    if (!toast) return;
    const item = document.createElement("li");
    item.className = "error";
    const text = event.detail.xhr.getResponseHeader("Content-Type")?.startsWith("text/plain") ? event.detail.xhr.responseText : "";
    item.textContent = text || gettext("That did not work, and nothing was saved. Try again.");
    toast.replaceChildren(item);
    focusOn(item);
  });
  document.body.addEventListener("htmx:sendError", () => {
    const toast = document.getElementById("toast");
    const item = Object.assign(document.createElement("li"), { className: "error", textContent: gettext("No connection: nothing was sent. Your text is kept; try again.") });
    toast?.replaceChildren(item);
  });

  // ---- a live desk: any change to the event, from anyone, refreshes the desk's parts ------------

  const desk = document.querySelector("[data-desk]");
  if (desk && "WebSocket" in window) {
    let lastSeq = Number(desk.dataset.seq) || 0;
    let attempts = 0;
    let helloHead = null;
    let refresh = null;
    const pending = new Set();
    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}${desk.dataset.socketPath}?since=${lastSeq}`);
      ws.addEventListener("message", (event) => {
        const frame = JSON.parse(event.data);
        // Back-off resets once caught up to the hello's head, never on hello alone
        // (docs/protocol.md); a heartbeat ahead of the desk means a frame was lost: reconnect.
        if (frame.type === "hello") helloHead = frame.head;
        if (frame.type === "heartbeat" && frame.head > lastSeq) ws.close();
        if (helloHead !== null && lastSeq >= helloHead) { attempts = 0; helloHead = null; }
        if (typeof frame.seq !== "number" || frame.seq <= lastSeq) return;
        lastSeq = frame.seq;
        // The event's language or zone changed (docs/protocol.md): this desk's words, times and
        // writing direction are the old ones. Say so and let the journalist reload when ready.
        const localeNotice = document.getElementById("locale-changed");
        if (frame.type === "reset" && localeNotice && frame.seq > Number(localeNotice.dataset.localeSeq || 0)) {
          localeNotice.hidden = false;
          return;  // no part refreshed in the new language beside the rest in the old one
        }
        if (helloHead !== null && lastSeq >= helloHead) { attempts = 0; helloHead = null; }
        // Posts refresh the lists; only a state or event change refreshes the controls, so an
        // editor typing a pause message is not interrupted by every post.
        pending.add(frame.type.startsWith("post.") ? "desk-posts-changed" : "desk-state-changed");
        clearTimeout(refresh);
        refresh = setTimeout(() => {
          pending.forEach((name) => window.htmx?.trigger(document.body, name));
          pending.clear();
        }, 250);
      });
      ws.addEventListener("close", () => setTimeout(connect, Math.random() * Math.min(30000, 1000 * 2 ** attempts++)));
    };
    connect();
  }

  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-reload-desk]")) return;
    const saves = [...document.querySelectorAll("form[data-autosave]")].map((form) => form.saveDraftNow?.());
    Promise.allSettled(saves).then(() => location.reload());
  });

  // The desk's own socket: drafts, submissions, send-backs and presence, which readers never get.
  if (desk && desk.dataset.deskSocketPath && "WebSocket" in window) {
    let attempts = 0;
    let timer = null;
    const parts = new Set();
    const connectDesk = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}${desk.dataset.deskSocketPath}`);
      // Open: anything that changed between the page being made and now is read (the socket says
      // only what happens from here on).
      ws.addEventListener("open", () => { attempts = 0; window.htmx?.trigger(document.body, "desk-private-changed"); });
      ws.addEventListener("message", (event) => {
        let frame = null;
        try { frame = JSON.parse(event.data); } catch { return; }
        if (frame.type !== "desk.changed") return;
        parts.add(frame.part === "presence" ? "presence-changed" : "desk-private-changed");
        clearTimeout(timer);
        timer = setTimeout(() => { parts.forEach((name) => window.htmx?.trigger(document.body, name)); parts.clear(); }, 150);
      });
      // Refused (signed out) or dropped: try again with backoff; a desk that was away reads its parts.
      ws.addEventListener("close", () => setTimeout(() => {
        window.htmx?.trigger(document.body, "desk-private-changed");
        connectDesk();
      }, Math.random() * Math.min(30000, 1000 * 2 ** attempts++)));
    };
    connectDesk();
  }

  // ---- a refresh never touches what someone is typing -----------------------------------------
  // A part of the desk is swapped when anything changes; a field typed in (its value is not the one
  // the page gave it), or the one with the cursor, comes back as it was, with the cursor, and an
  // open <details> (a send-back note) stays open.

  const TYPED = "textarea, input[type=text], input[type=url], input[type=number], input[type=datetime-local], input:not([type])";
  let kept = null;
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    if (!target || target.classList?.contains("inplace") || target.id === "composer") return;
    const fields = [...target.querySelectorAll(TYPED)].filter((el) => el.id && (el.value !== el.defaultValue || el === document.activeElement));
    const open = [...target.querySelectorAll("details[id]")].filter((el) => el.open).map((el) => el.id);
    // The rich-text editor keeps its own state through the swap (hx-preserve); only its focus is lost.
    const rich = document.activeElement?.closest?.(".ProseMirror") && target.contains(document.activeElement)
      ? [...target.querySelectorAll("textarea[data-rich-text]")].find((area) => area.richEditor?.element === document.activeElement)
      : null;
    if (!fields.length && !open.length && !rich) return;
    kept = {
      fields: fields.map((el) => ({ id: el.id, value: el.value, focused: el === document.activeElement, start: el.selectionStart, end: el.selectionEnd })),
      open,
      rich,
      // Moving the editor's element loses the browser's selection, which ProseMirror would then read back.
      selection: rich ? { from: rich.richEditor.editor.state.selection.from, to: rich.richEditor.editor.state.selection.to } : null,
    };
  });
  document.body.addEventListener("htmx:afterSwap", () => {
    if (!kept) return;
    const { fields, open, rich, selection } = kept;
    kept = null;
    if (rich) {
      // Moving the element resets the browser's selection; the selectionchange that follows would
      // make ProseMirror read the caret back as the start. Put it back after that (or soon anyway).
      let done = false;
      const restore = () => {
        if (done || !rich.isConnected) return;
        done = true;
        rich.richEditor.editor.chain().setTextSelection(selection).focus().run();
      };
      document.addEventListener("selectionchange", () => setTimeout(restore, 0), { once: true });
      setTimeout(restore, 100);
    }
    open.forEach((id) => { const el = document.getElementById(id); if (el) el.open = true; });
    fields.forEach(({ id, value, focused, start, end }) => {
      const el = document.getElementById(id);
      if (!el) return;
      el.value = value;
      if (focused) {
        el.focus();
        try { el.setSelectionRange(start, end); } catch { /* not a text field */ }
      }
    });
  });

  // ---- editing a post in place, and who else is editing what -------------------------------

  const openEditors = () => [...document.querySelectorAll(".inplace")].filter((box) => box.querySelector("form"));

  document.body.addEventListener("htmx:configRequest", (event) => {
    // The presence report names the post open in this desk's in-place editor, if any.
    if (event.detail.elt.id !== "presence" && !event.detail.elt.closest?.("[data-presence]")) return;
    const open = openEditors()[0]?.querySelector("[data-editing]");
    if (open) event.detail.parameters.editing = open.dataset.editing;
  });

  function showWhoIsEditing() {
    const seats = [...document.querySelectorAll("#presence [data-editing-post]")];
    document.querySelectorAll("[data-editing-now]").forEach((badge) => {
      const names = seats.filter((seat) => seat.dataset.editingPost === badge.dataset.editingNow).map((seat) => seat.dataset.name);
      badge.hidden = names.length === 0;
      const who = names.length > 1 ? interpolate(gettext("%(names)s and %(last)s"), { names: names.slice(0, -1).join(", "), last: names.at(-1) }) : names[0];
      badge.textContent = names.length ? interpolate(ngettext("%(who)s is editing this post", "%(who)s are editing this post", names.length), { who }) : "";
    });
  }

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.classList?.contains("inplace")) {
      window.htmx?.trigger(document.body, "presence-changed");
      event.detail.target.querySelector("input[name$='-title']")?.focus();
    }
  });

  document.addEventListener("click", (event) => {
    const close = event.target.closest("[data-close-editor]");
    const box = close?.closest(".inplace");
    if (box) {
      event.preventDefault();
      box.replaceChildren();
      window.htmx?.trigger(document.body, "presence-changed");
      return;
    }
    const move = event.target.closest("[data-move]");
    if (move) {
      const item = move.closest("[data-media-item]");
      const list = item.parentElement;
      const sibling = Number(move.dataset.move) < 0 ? item.previousElementSibling : item.nextElementSibling?.nextElementSibling;
      if (Number(move.dataset.move) < 0 && !sibling) return;
      list.insertBefore(item, sibling || null);
      list.querySelectorAll("[data-media-item]").forEach((entry, index) => { entry.querySelector("input[name$='-position']").value = index; });
      move.focus();
    }
  });

  // ---- pictures: any number, chosen, dropped, pasted or taken with the camera ----------------

  const PICTURE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);
  const PICTURE_MAX = 20 * 1024 * 1024;

  function trayOf(root) { return root.querySelector("[data-picture-tray]"); }

  function renumber(tray) {
    // The formset's fields follow the tray's order: images-0-..., images-1-..., and its total.
    const prefix = tray.dataset.pictureTray;
    const entries = [...tray.children];
    entries.forEach((entry, index) => {
      entry.querySelectorAll("[data-field]").forEach((input) => {
        input.name = `${prefix}-${index}-${input.dataset.field}`;
        input.id = `id_${input.name}`;
      });
      entry.querySelectorAll("label[data-for]").forEach((label) => { label.htmlFor = `id_${prefix}-${index}-${label.dataset.for}`; });
      entry.querySelector(".picture__number").textContent = interpolate(gettext("Picture %(number)s"), { number: index + 1 });
    });
    const total = tray.closest("form")?.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    if (total) total.value = String(entries.length);
  }

  function thumbnail(file, img) {
    // A small copy as a data: URL (the CSP allows data: images, not blob:).
    if (!window.createImageBitmap) return;
    createImageBitmap(file).then((bitmap) => {
      const canvas = document.createElement("canvas");
      const scale = Math.min(1, 160 / Math.max(bitmap.width, bitmap.height));
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      img.src = canvas.toDataURL("image/jpeg", 0.7);
    }).catch(() => { img.alt = gettext("(no preview)"); });
  }

  const megabytes = (bytes) => (bytes / 1048576).toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

  function field(name, label, extra = "") {
    return `<div class="field"><label data-for="${name}">${label}</label><input type="text" data-field="${name}" maxlength="300"${extra}></div>`;
  }

  function pictureEntry(name, size) {
      const entry = document.createElement("li");
      entry.className = "picture";
      entry.innerHTML = `<img class="picture__thumb" alt="" width="80">
        <div class="picture__fields"><p class="picture__head"><strong class="picture__number"></strong> <span class="picture__name"></span> <span class="picture__kept" aria-live="polite"></span>
        <span class="picture__tools"><button type="button" data-picture-move="-1" aria-label="${gettext("Move earlier")}">↑</button><button type="button" data-picture-move="1" aria-label="${gettext("Move later")}">↓</button><button type="button" data-picture-remove class="danger">${gettext("Remove")}</button></span></p>
        <p class="picture__error errorlist" hidden></p>
        ${field("alt_text", gettext("Alt text (describe it for readers who cannot see it)"))}
        <div class="row">${field("caption", gettext("Caption"))}${field("credit", gettext("Photographer / credit"), ' maxlength="120"')}</div>
        <input type="file" data-field="file" hidden><input type="hidden" data-field="kept"></div>`;
      entry.querySelector(".picture__name").textContent = interpolate(gettext("%(name)s · %(size)s MB"), { name, size: megabytes(size) });
      return entry;
  }

  // A picture chosen in the composer is kept with the user's draft on the server at once, so a
  // reload or another browser has it; the tray then sends its id (images-N-kept).
  function keepPicture(entry, file, form) {
    const url = form?.dataset.keepPicture;
    if (!url) return;
    const status = entry.querySelector(".picture__kept");
    const body = new FormData();
    body.append("file", file);
    fetch(url, { method: "POST", body, headers: { "X-CSRFToken": csrfCookie() || "" }, credentials: "same-origin" })
      .then((response) => (response.status === 201 ? response.json() : Promise.reject(response)))
      .then(({ id }) => {
        entry.querySelector("input[data-field=kept]").value = String(id);
        status.textContent = gettext("kept with your draft");
        form.dispatchEvent(new Event("change", { bubbles: true }));  // the draft now names it
      })
      .catch(() => { status.textContent = gettext("not kept: it stays only while this page is open"); });
  }

  function addPictures(tray, files) {
    const problems = [];
    [...files].forEach((file) => {
      if (!PICTURE_TYPES.has(file.type)) { problems.push(interpolate(gettext("%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF)."), { name: file.name || gettext("A pasted file") })); return; }
      if (file.size > PICTURE_MAX) { problems.push(interpolate(gettext("%(name)s: %(size)s MB is over the 20 MB limit."), { name: file.name, size: megabytes(file.size) })); return; }
      const entry = pictureEntry(file.name || gettext("pasted picture"), file.size);
      const holder = new DataTransfer();
      holder.items.add(file.name ? file : new File([file], `pasted.${file.type.split("/")[1]}`, { type: file.type }));
      entry.querySelector("input[type=file]").files = holder.files;
      thumbnail(file, entry.querySelector("img"));
      tray.append(entry);
      keepPicture(entry, holder.files[0], tray.closest("form"));
    });
    renumber(tray);
    const box = tray.closest("details");
    if (box) box.open = true;
    tray.querySelector(".picture:last-child input[data-field=alt_text]")?.focus();
    say(problems.join(" "), problems.length > 0, problems.length ? "alert" : "status");
  }

  function say(text, error, role = "status") {
    const toast = document.getElementById("toast");
    if (!toast || !text) return;
    const item = Object.assign(document.createElement("li"), { textContent: text, className: error ? "error" : "" });
    item.setAttribute("role", role);
    toast.replaceChildren(item);
  }

  function pictures(root) {
    root.querySelectorAll("[data-picture-tray]").forEach((tray) => {
      const form = tray.closest("form");
      // With the tray, the page's fixed slots go (their names would clash with the tray's).
      form.querySelectorAll("[data-image-slots]").forEach((slots) => slots.remove());
      // The pictures kept with the draft come back into the tray when the page loads (a swapped
      // composer keeps its own tray).
      const kept = document.getElementById("kept-pictures");
      if (kept && root === document && form.contains(kept) && !tray.children.length) {
        let list = [];
        try { list = JSON.parse(kept.textContent) || []; } catch { list = []; }
        list.forEach((picture) => {
          const entry = pictureEntry(picture.name, picture.size);
          entry.querySelector("input[type=file]").remove();
          entry.querySelector("input[data-field=kept]").value = String(picture.id);
          entry.querySelector("img").src = picture.url;
          entry.querySelector(".picture__kept").textContent = gettext("kept with your draft");
          for (const name of ["alt_text", "caption", "credit"]) entry.querySelector(`input[data-field=${name}]`).value = picture[name] || "";
          tray.append(entry);
        });
        if (list.length) { const box = tray.closest("details"); if (box) box.open = true; }
      }
      kept?.remove();  // read once: a later swap must not bring them back twice
      renumber(tray);
      // Server-side refusals name the picture by its place: mark that one, keep the others.
      // The field at fault is marked invalid and described by the error (the first one gets the
      // cursor once the answer has settled).
      form.querySelectorAll("[data-picture-error]").forEach((error) => {
        const entry = tray.children[Number(error.dataset.pictureError)];
        const slot = entry?.querySelector(".picture__error");
        if (!slot) return;
        slot.hidden = false;
        slot.textContent = error.textContent;
        slot.id = `${tray.dataset.pictureTray}-error-${error.dataset.pictureError}`;
        const input = entry.querySelector(`input[data-field="${error.dataset.pictureField}"]:not([type=file])`) || entry.querySelector("input[data-field=alt_text]");
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", slot.id);
        input.addEventListener("input", () => input.removeAttribute("aria-invalid"), { once: true });
      });
    });
  }

  document.addEventListener("change", (event) => {
    const input = event.target.closest?.("[data-picture-input]");
    if (!input) return;
    addPictures(trayOf(input.closest("form")), input.files);
    input.value = "";
  });

  document.addEventListener("click", (event) => {
    const entry = event.target.closest(".picture");
    if (!entry) return;
    const tray = entry.parentElement;
    if (event.target.closest("[data-picture-remove]")) {
      const form = tray.closest("form");
      entry.remove();
      renumber(tray);
      form?.dispatchEvent(new Event("change", { bubbles: true }));  // the draft forgets it
      return;
    }
    const move = event.target.closest("[data-picture-move]");
    if (!move) return;
    if (Number(move.dataset.pictureMove) < 0) entry.previousElementSibling?.before(entry);
    else entry.nextElementSibling?.after(entry);
    renumber(tray);
    move.focus();
  });

  const pictureFiles = (data) => [...(data?.files || [])].filter((file) => file.type.startsWith("image/") || file.type === "");
  document.addEventListener("dragover", (event) => {
    if (!event.target.closest?.("form")?.querySelector("[data-picture-tray]")) return;
    if ([...(event.dataTransfer?.types || [])].includes("Files")) { event.preventDefault(); event.target.closest("form").classList.add("is-dropping"); }
  });
  document.addEventListener("dragleave", (event) => event.target.closest?.("form")?.classList.remove("is-dropping"));
  document.addEventListener("drop", (event) => {
    const form = event.target.closest?.("form");
    const tray = form && trayOf(form);
    if (!tray || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    form.classList.remove("is-dropping");
    addPictures(tray, event.dataTransfer.files);
  });
  // A picture pasted anywhere in a post form (the text editor included) joins the tray.
  document.addEventListener("paste", (event) => {
    const form = event.target.closest?.("form");
    const tray = form && trayOf(form);
    const files = pictureFiles(event.clipboardData);
    if (!tray || !files.length) return;
    event.preventDefault();
    event.stopPropagation();
    addPictures(tray, files);
  }, true);

  // Upload progress of a post with pictures (outside the forms, which are swapped when answered).
  document.body.addEventListener("htmx:xhr:progress", (event) => {
    const bar = document.getElementById("upload-progress");
    if (!bar || !event.detail.lengthComputable || event.detail.total < 200000) return;
    const percent = Math.round((100 * event.detail.loaded) / event.detail.total);
    bar.hidden = false;
    bar.querySelector("progress").value = percent;
    bar.querySelector("span").textContent = percent < 100 ? interpolate(gettext("Uploading pictures: %(percent)s%"), { percent }) : gettext("Pictures uploaded.");
  });

  // A picture not kept with a draft (an in-place editor's, or one the server could not keep) is
  // lost with the page: leaving with one asks first (the browser's own "Leave site?" question).
  window.addEventListener("beforeunload", (event) => {
    const unkept = [...document.querySelectorAll("[data-picture-tray] input[data-field=kept]")].some((input) => !input.value);
    if (unkept) event.preventDefault();
  });

  const enhance = (root) => { richText(root); autosave(root); pictures(root); showWhoIsEditing(); };
  enhance(document);
  document.body.addEventListener("htmx:load", (event) => enhance(event.target));
})();
