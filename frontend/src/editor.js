// The newsroom's rich-text editor: Tiptap (ProseMirror) on top of the form's <textarea>, which stays
// the value the form sends. newsroom.js calls window.LedgerEditor.attach(textarea, toolbar).
import { Editor, Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { cleanPastedHtml } from "./clean-paste.js";

const COMMANDS = {
  bold: (chain) => chain.toggleBold(),
  italic: (chain) => chain.toggleItalic(),
  h2: (chain) => chain.toggleHeading({ level: 2 }),
  h3: (chain) => chain.toggleHeading({ level: 3 }),
  bulletList: (chain) => chain.toggleBulletList(),
  orderedList: (chain) => chain.toggleOrderedList(),
  blockquote: (chain) => chain.toggleBlockquote(),
  indent: (chain) => chain.sinkListItem("listItem"),
  outdent: (chain) => chain.liftListItem("listItem"),
  undo: (chain) => chain.undo(),
  redo: (chain) => chain.redo(),
};
const ACTIVE = {
  bold: (editor) => editor.isActive("bold"),
  italic: (editor) => editor.isActive("italic"),
  h2: (editor) => editor.isActive("heading", { level: 2 }),
  h3: (editor) => editor.isActive("heading", { level: 3 }),
  bulletList: (editor) => editor.isActive("bulletList"),
  orderedList: (editor) => editor.isActive("orderedList"),
  blockquote: (editor) => editor.isActive("blockquote"),
  link: (editor) => editor.isActive("link"),
};

// Tab and Shift+Tab move the focus out of the text, as in every other field of the form (Tiptap's
// list keymap would nest or un-nest the list item, silently, for someone only leaving the editor).
// A list item is indented with Ctrl+] and Ctrl+[ (as in Google Docs and Word), or the toolbar.
const ListIndentKeys = Extension.create({
  name: "listIndentKeys",
  addKeyboardShortcuts() {
    return {
      "Mod-]": () => this.editor.commands.sinkListItem("listItem"),
      "Mod-[": () => this.editor.commands.liftListItem("listItem"),
    };
  },
});

function tabLeavesTheEditor(host) {
  // Stopped before ProseMirror's keymaps see it, and not prevented: the browser moves the focus.
  host.addEventListener("keydown", (event) => {
    if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) event.stopPropagation();
  }, true);
}

// Words from the page's script catalogue (static/js/i18n/<language>.js, loaded before this file).
const gettext = (text) => (window.django?.gettext ? window.django.gettext(text) : text);

function askForLink(editor) {
  const current = editor.getAttributes("link").href || "https://";
  const href = window.prompt(gettext("Link to (https://…). Leave empty to remove the link."), current);
  if (href === null) return;
  const chain = editor.chain().focus().extendMarkRange("link");
  if (!href.trim() || href.trim() === "https://") chain.unsetLink().run();
  else chain.setLink({ href: href.trim() }).run();
}

function toolbarKeys(toolbar) {
  // One tab stop for the whole toolbar; arrows, Home and End move between its buttons (WAI-ARIA toolbar).
  const buttons = () => [...toolbar.querySelectorAll("button")];
  buttons().forEach((button, index) => { button.tabIndex = index === 0 ? 0 : -1; });
  toolbar.addEventListener("keydown", (event) => {
    const all = buttons();
    const index = all.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = all[(next + all.length) % all.length];
    all.forEach((button) => { button.tabIndex = button === target ? 0 : -1; });
    target.focus();
  });
}

function attach(textarea, toolbar) {
  const host = document.createElement("div");
  host.className = "rich-text-host";
  textarea.after(host);
  tabLeavesTheEditor(host);
  const label = textarea.labels?.[0];
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const editor = new Editor({
    element: host,
    // The strict Content-Security-Policy refuses an injected <style>: site.css carries ProseMirror's rules.
    injectCSS: false,
    content: textarea.value,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        trailingNode: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ["mailto"],
          defaultProtocol: "https",
          HTMLAttributes: { target: null, rel: null, class: null },
        },
      }),
      ListIndentKeys,
    ],
    editorProps: {
      attributes: {
        class: "rich-text",
        role: "textbox",
        "aria-multiline": "true",
        ...(label ? { "aria-labelledby": label.id } : {}),
        ...(textarea.getAttribute("aria-describedby") ? { "aria-describedby": textarea.getAttribute("aria-describedby") } : {}),
      },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
          event.preventDefault();
          askForLink(editor);
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      textarea.value = editor.isEmpty ? "" : editor.getHTML();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  textarea.hidden = true;
  // A hidden required field blocks the submit without a word; the server says what is missing.
  textarea.required = false;

  if (toolbar) {
    toolbarKeys(toolbar);
    toolbar.addEventListener("mousedown", (event) => {
      // Keep the editor's selection: a click on a button must not move the caret.
      if (event.target.closest("button")) event.preventDefault();
    });
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-command]");
      if (!button) return;
      const name = button.dataset.command;
      if (name === "link") { askForLink(editor); return; }
      COMMANDS[name]?.(editor.chain().focus()).run();
    });
    const showState = () => {
      toolbar.querySelectorAll("button[data-command]").forEach((button) => {
        const active = ACTIVE[button.dataset.command];
        if (active) button.setAttribute("aria-pressed", String(active(editor)));
      });
      toolbar.querySelector("[data-command=indent]")?.toggleAttribute("disabled", !editor.can().sinkListItem("listItem"));
      toolbar.querySelector("[data-command=outdent]")?.toggleAttribute("disabled", !editor.can().liftListItem("listItem"));
      toolbar.querySelector("[data-command=undo]")?.toggleAttribute("disabled", !editor.can().undo());
      toolbar.querySelector("[data-command=redo]")?.toggleAttribute("disabled", !editor.can().redo());
    };
    editor.on("transaction", showState);
    showState();
  }

  return {
    editor,
    element: editor.view.dom,
    setHTML(html) {
      editor.commands.setContent(html || "", { emitUpdate: false });
      textarea.value = editor.isEmpty ? "" : editor.getHTML();
    },
    appendHTML(html) {
      editor.chain().focus("end").insertContent(html).run();
    },
    focus() { editor.commands.focus("end"); },
    clear() { editor.commands.clearContent(true); },
    destroy() { editor.destroy(); host.remove(); textarea.hidden = false; },
  };
}

window.LedgerEditor = { attach, cleanPastedHtml };
