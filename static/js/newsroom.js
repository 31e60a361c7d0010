// The newsroom on top of htmx: a small rich-text editor, autosave, the link picker, Ctrl+Enter,
// and a live desk (the reader socket tells the desk to refresh). Every form works without this.
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  // ---- rich text: the Tiptap editor from static/js/editor.js (built from frontend/) ------------

  function richText(root) {
    root.querySelectorAll("textarea[data-rich-text]").forEach((textarea) => {
      if (textarea.richEditor || !window.LedgerEditor) return;
      const toolbar = textarea.closest(".field")?.querySelector(".rich-text-toolbar");
      textarea.richEditor = window.LedgerEditor.attach(textarea, toolbar);
    });
  }

  // ---- autosave: what is typed survives a reload or a dropped connection -----------------------

  function fieldsOf(form) {
    return [...form.elements].filter((el) => el.name && el.type !== "file" && el.name !== "csrfmiddlewaretoken" && el.type !== "submit");
  }

  function autosave(root) {
    root.querySelectorAll("form[data-autosave]").forEach((form) => {
      if (form.dataset.autosaveReady) return;
      form.dataset.autosaveReady = "1";
      const key = `liveblog:${form.dataset.autosave}`;
      let saved = null;
      // A composer that comes back after a post was sent starts empty: what was saved went out.
      if ("sent" in form.dataset) localStorage.removeItem(key);
      else try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch { saved = null; }
      const hasErrors = form.querySelector(".errorlist");
      if (saved && !hasErrors) {
        fieldsOf(form).forEach((el) => {
          if (!(el.name in saved)) return;
          if (el.type === "checkbox") el.checked = saved[el.name]; else el.value = saved[el.name];
          el.richEditor?.setHTML(el.value);
        });
      }
      form.addEventListener("input", () => {
        const data = Object.fromEntries(fieldsOf(form).map((el) => [el.name, el.type === "checkbox" ? el.checked : el.value]));
        try { localStorage.setItem(key, JSON.stringify(data)); } catch { /* storage full or disabled */ }
      });
    });
  }

  document.body.addEventListener("composer-sent", () => {
    Object.keys(localStorage).filter((key) => key.startsWith("liveblog:composer:")).forEach((key) => localStorage.removeItem(key));
  });

  // ---- link to an earlier post ---------------------------------------------------------------

  document.addEventListener("change", (event) => {
    const picker = event.target.closest("[data-link-picker]");
    if (!picker || !picker.value) return;
    const option = picker.selectedOptions[0];
    const textarea = picker.form.querySelector("textarea[data-rich-text]");
    const link = `<a href="${picker.value}">see the ${option.dataset.time} post</a>`;
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

  // After a post is sent the composer is new and empty: the next one starts at its title.
  document.body.addEventListener("composer-sent", () => {
    document.querySelector("#composer input[name=title]")?.focus();
  });

  document.body.addEventListener("coverage-changed", (event) => {
    const toast = document.getElementById("toast");
    if (!toast || !event.detail?.message) return;
    const item = document.createElement("li");
    item.textContent = event.detail.message;
    if (event.detail.error) item.className = "error";
    toast.replaceChildren(item);
  });

  // A refused or failed request leaves the form as it was; say why.
  document.body.addEventListener("htmx:responseError", (event) => {
    const toast = document.getElementById("toast");
    if (!toast) return;
    const item = document.createElement("li");
    item.className = "error";
    const text = event.detail.xhr.getResponseHeader("Content-Type")?.startsWith("text/plain") ? event.detail.xhr.responseText : "";
    item.textContent = text || "That did not work, and nothing was saved. Try again.";
    toast.replaceChildren(item);
  });
  document.body.addEventListener("htmx:sendError", () => {
    const toast = document.getElementById("toast");
    const item = Object.assign(document.createElement("li"), { className: "error", textContent: "No connection: nothing was sent. Your text is kept; try again." });
    toast?.replaceChildren(item);
  });

  // ---- a live desk: any change to the event, from anyone, refreshes the desk's parts ------------

  const desk = document.querySelector("[data-desk]");
  if (desk && "WebSocket" in window) {
    let lastSeq = Number(desk.dataset.seq) || 0;
    let attempts = 0;
    let refresh = null;
    const pending = new Set();
    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}${desk.dataset.socketPath}?since=${lastSeq}`);
      ws.addEventListener("message", (event) => {
        const frame = JSON.parse(event.data);
        if (frame.type === "hello") attempts = 0;
        if (typeof frame.seq !== "number" || frame.seq <= lastSeq) return;
        lastSeq = frame.seq;
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
      badge.textContent = names.length ? `${names.join(" and ")} ${names.length > 1 ? "are" : "is"} editing this post` : "";
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

  const enhance = (root) => { richText(root); autosave(root); showWhoIsEditing(); };
  enhance(document);
  document.body.addEventListener("htmx:load", (event) => enhance(event.target));
})();
