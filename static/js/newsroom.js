// The newsroom on top of htmx: a small rich-text editor, autosave, the link picker, Ctrl+Enter,
// and a live desk (the reader socket tells the desk to refresh). Every form works without this.
(() => {
  "use strict";
  document.documentElement.classList.add("js");
  const ALLOWED = new Set(["P", "BR", "STRONG", "B", "EM", "I", "U", "S", "A", "UL", "OL", "LI", "H2", "H3", "H4", "BLOCKQUOTE"]);

  // ---- rich text ------------------------------------------------------------------------------

  function cleanPasted(html) {
    // The server cleans every body with nh3; this keeps pasted office/web clutter out of the editor.
    const doc = new DOMParser().parseFromString(html, "text/html");
    const walk = (node) => {
      [...node.children].forEach((child) => {
        walk(child);
        if (!ALLOWED.has(child.tagName)) { child.replaceWith(...child.childNodes); return; }
        [...child.attributes].forEach((attr) => { if (!(child.tagName === "A" && attr.name === "href")) child.removeAttribute(attr.name); });
      });
    };
    walk(doc.body);
    return doc.body.innerHTML;
  }

  function asHtml(text) {
    if (/<[a-z]/i.test(text)) return text;
    return text.split(/\n{2,}/).filter((p) => p.trim()).map((p) => {
      const para = document.createElement("p");
      para.textContent = p.trim();
      return para.outerHTML.replace(/\n/g, "<br>");
    }).join("");
  }

  function richText(root) {
    root.querySelectorAll("textarea[data-rich-text]").forEach((textarea) => {
      if (textarea.dataset.enhanced) return;
      textarea.dataset.enhanced = "1";
      const editor = document.createElement("div");
      editor.className = "rich-text";
      editor.contentEditable = "true";
      editor.setAttribute("role", "textbox");
      editor.setAttribute("aria-multiline", "true");
      editor.setAttribute("aria-labelledby", `${textarea.id}-label`);
      textarea.labels?.[0]?.setAttribute("id", `${textarea.id}-label`);
      editor.innerHTML = asHtml(textarea.value);
      textarea.hidden = true;
      // A hidden required field blocks the submit without a word; the server says what is missing.
      textarea.required = false;
      textarea.after(editor);
      const sync = () => {
        textarea.value = editor.innerHTML;
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      };
      editor.addEventListener("input", sync);
      editor.addEventListener("paste", (event) => {
        const html = event.clipboardData.getData("text/html");
        const text = event.clipboardData.getData("text/plain");
        event.preventDefault();
        document.execCommand("insertHTML", false, html ? cleanPasted(html) : asHtml(text));
        sync();
      });
      textarea.form?.querySelector(".rich-text-toolbar")?.addEventListener("click", (event) => {
        const button = event.target.closest("[data-command]");
        if (!button) return;
        editor.focus();
        let value = button.dataset.value || null;
        if (button.dataset.command === "createLink") value = prompt("Link to (https://…)");
        if (button.dataset.command === "createLink" && !value) return;
        document.execCommand(button.dataset.command, false, value);
        sync();
      });
      textarea.form?.addEventListener("reset", () => { editor.innerHTML = ""; });
      editor.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); sendPrimary(textarea.form); }
      });
      textarea.richEditor = editor;
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
      try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch { saved = null; }
      const hasErrors = form.querySelector(".errorlist");
      if (saved && !hasErrors) {
        fieldsOf(form).forEach((el) => {
          if (!(el.name in saved)) return;
          if (el.type === "checkbox") el.checked = saved[el.name]; else el.value = saved[el.name];
          el.richEditor && (el.richEditor.innerHTML = asHtml(el.value));
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
    if (textarea.richEditor) {
      textarea.richEditor.focus();
      const selection = getSelection();
      selection.selectAllChildren(textarea.richEditor);
      selection.collapseToEnd();
      document.execCommand("insertHTML", false, ` (${link})`);
      textarea.value = textarea.richEditor.innerHTML;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      textarea.value += ` (${link})`;
    }
    picker.value = "";
  });

  // ---- Ctrl+Enter publishes (or submits, for contributors) -----------------------------------

  function sendPrimary(form) {
    if (!form) return;
    form.requestSubmit(form.querySelector(".composer__actions button.primary"));
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const form = event.target.closest?.("#composer form");
    if (form) { event.preventDefault(); sendPrimary(form); }
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

  const enhance = (root) => { richText(root); autosave(root); };
  enhance(document);
  document.body.addEventListener("htmx:load", (event) => enhance(event.target));
})();
