// Pasted HTML from Word, Google Docs and web pages, reduced to the structure a post may have, before
// ProseMirror reads it. The server cleans again with nh3: this is for a clean editor, not for safety.

const DROP = "script, style, meta, link, title, head, noscript, template, iframe, object, embed, svg, math, xml, button, input, select, textarea, img, video, audio, canvas";

function wordListKind(paragraph) {
  // Word marks a list paragraph with mso-list and puts its bullet or number in an "Ignore" span.
  const marker = paragraph.querySelector("span[data-paste-style*='mso-list:Ignore'], span[data-paste-style*='mso-list: Ignore']");
  const text = (marker?.textContent || "").trim();
  return /^[0-9a-z]{1,3}[.)]$/i.test(text) ? "ol" : "ul";
}

function wordListId(node) {
  if (node?.nodeType !== 1) return null;
  const match = (node.getAttribute("data-paste-style") || "").match(/mso-list\s*:\s*(l\d+)/i);
  return match ? match[1] : null;
}

function wordLists(body) {
  // Word writes a list as paragraphs marked mso-list:l<N>; consecutive ones of one list become one.
  [...body.querySelectorAll("p")].forEach((paragraph) => {
    const id = wordListId(paragraph);
    if (!paragraph.isConnected || !id) return;
    const list = body.ownerDocument.createElement(wordListKind(paragraph));
    paragraph.before(list);
    let node = paragraph;
    while (node && wordListId(node) === id) {
      const next = node.nextElementSibling;
      node.querySelectorAll("span[data-paste-style*='mso-list:Ignore'], span[data-paste-style*='mso-list: Ignore']").forEach((marker) => marker.remove());
      const item = body.ownerDocument.createElement("li");
      item.append(...node.childNodes);
      list.append(item);
      node.remove();
      node = next;
    }
  });
}

function tables(body) {
  // Posts have no tables: each row becomes a paragraph, its cells kept apart.
  body.querySelectorAll("table").forEach((table) => {
    const rows = [...table.querySelectorAll("tr")].map((row) => {
      const paragraph = body.ownerDocument.createElement("p");
      const cells = [...row.children].map((cell) => cell.textContent.replace(/\s+/g, " ").trim()).filter(Boolean);
      paragraph.textContent = cells.join(" – ");
      return paragraph;
    }).filter((paragraph) => paragraph.textContent);
    table.replaceWith(...rows);
  });
}

function headings(body) {
  // The page's own headline is the h1, and posts use h2–h4: shift pasted levels into that range.
  body.querySelectorAll("h1, h5, h6").forEach((heading) => {
    const level = heading.tagName === "H1" ? "h2" : "h4";
    const replacement = body.ownerDocument.createElement(level);
    replacement.append(...heading.childNodes);
    heading.replaceWith(replacement);
  });
}

// Parsing a style attribute, even in a DOMParser document, is refused (and reported) under the
// page's CSP, so styles are renamed in the text before parsing and read as plain strings.
const STYLE_ATTRIBUTE = /(<[a-z][^>]*?\s)style(\s*=)/gi;
const HANDLER_ATTRIBUTE = /(<[a-z][^>]*?\s)(on[a-z]+\s*=)/gi;
const STYLE = "data-paste-style";
const STYLE_ELEMENT = /<style[\s>][\s\S]*?<\/style\s*>/gi;

function styleOf(el, property) {
  const match = (el.getAttribute(STYLE) || "").match(new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, "i"));
  return match ? match[1].trim().toLowerCase() : "";
}

function stylesToTags(body) {
  // Docs and Word say bold and italic with styles: they become <strong> and <em>, and styles go
  // (posts have none). Docs wraps the whole paste in <b style="font-weight:normal">: not bold.
  const doc = body.ownerDocument;
  [...body.querySelectorAll(`[${STYLE}]`)].forEach((el) => {
    const weight = styleOf(el, "font-weight");
    if (el.tagName === "B" && (weight === "normal" || weight === "400")) {
      el.replaceWith(...el.childNodes);
      return;
    }
    if (el.tagName !== "SPAN") return;
    const bold = /^(bold(er)?|[6-9]\d\d)$/.test(weight);
    const italic = styleOf(el, "font-style") === "italic";
    let inner = [...el.childNodes];
    if (italic) { const em = doc.createElement("em"); em.append(...inner); inner = [em]; }
    if (bold) { const strong = doc.createElement("strong"); strong.append(...inner); inner = [strong]; }
    el.replaceWith(...inner);
  });
  // Nothing but a link's address is kept.
  body.querySelectorAll("*").forEach((el) => {
    [...el.attributes].forEach(({ name }) => { if (!(el.tagName === "A" && name === "href")) el.removeAttribute(name); });
  });
  // Line breaks between blocks (Docs puts <br> between paragraphs and one at the very end).
  body.querySelectorAll("br").forEach((br) => { if (br.parentElement === body) br.remove(); });
}

export function cleanPastedHtml(html) {
  let text = html.replace(STYLE_ELEMENT, "").replace(STYLE_ATTRIBUTE, `$1${STYLE}$2`);
  // Event handlers too (a tag may carry several): renamed until none is left, dropped below.
  for (let before = ""; before !== text;) { before = text; text = text.replace(HANDLER_ATTRIBUTE, "$1data-paste-$2"); }
  const doc = new DOMParser().parseFromString(text, "text/html");
  const body = doc.body;
  body.querySelectorAll(DROP).forEach((node) => node.remove());
  // Conditional comments (Word's <!--[if !supportLists]-->) and other comments.
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((comment) => comment.remove());
  // Office namespaced elements (<o:p>, <w:...>) carry nothing a reader sees.
  [...body.querySelectorAll("*")].filter((el) => el.tagName.includes(":")).forEach((el) => el.replaceWith(...el.childNodes));
  wordLists(body);
  tables(body);
  headings(body);
  stylesToTags(body);
  return body.innerHTML;
}
