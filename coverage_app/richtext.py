"""The one place rich text from outside is cleaned before it is stored and shown to readers."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "blockquote", "cite", "q", "figure", "figcaption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "blockquote": {"cite"}, "q": {"cite"}}


def clean(text: str) -> str:
    """Sanitise a post body. Text without markup becomes paragraphs, one per blank-line block."""
    text = text.strip()
    if "<" not in text:
        paragraphs = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
        text = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


# Characters a reader cannot see: format controls (zero-width spaces and joiners, bidi marks),
# other controls, every kind of space, and combining marks with nothing to combine with.
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}


def is_empty(cleaned_html: str) -> bool:
    """True when the text has nothing a reader would see (markup, spaces and invisible characters
    do not count)."""
    text = html.unescape(nh3.clean(cleaned_html, tags=set()))
    return not any(unicodedata.category(char) not in INVISIBLE_CATEGORIES for char in text)


# Where a block ends, a reader sees a break: plain text gets a space there, never "coast.Two".
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h2|h3|h4|blockquote|figure|figcaption|hr)\b[^>]*>", re.IGNORECASE)


def plain_text(cleaned_html: str) -> str:
    """A cleaned body as plain text (structured data, previews), blocks separated by spaces."""
    text = html.unescape(nh3.clean(BLOCK_TAG.sub(" ", cleaned_html), tags=set()))
    return " ".join(text.split())
