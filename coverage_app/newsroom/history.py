"""A post's earlier versions as a readable diff: for each edit, what it changed, word by word."""

from __future__ import annotations

import difflib
import html
from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coverage_app.models import Post, PostRevision

LABELS = {
    "title": _("Title"), "body_html": _("Text"), "byline_name": _("Byline"), "byline_role": _("Role"),
    "quote_text": _("Quote"), "quote_attribution": _("Said by"), "is_key_event": _("Key event"),
    "correction_note": _("Correction note"), "media": _("Media"),
}  # fmt: skip


def _words(value: Any, name: str) -> list[str]:
    if name == "body_html":
        # Paragraphs and list items end in a line, so the diff reads as text, not markup.
        value = nh3.clean(str(value).replace("</p>", "</p>\n").replace("</li>", "</li>\n"), tags=set())
        value = html.unescape(value)
    elif name == "media":
        value = "; ".join(
            " · ".join(
                str(item.get(key))
                for key in ("kind", "alt_text", "caption", "credit", "url", "social_text")
                if item.get(key)
            )
            for item in value or []
        )
    elif name == "is_key_event":
        value = gettext("yes") if value else gettext("no")
    return str(value or "").split()


def word_diff(before: list[str], after: list[str]) -> SafeString:
    """Removed words in <del>, added ones in <ins>; everything escaped."""
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            same = before[a1:a2]
            text = " ".join(same) if len(same) <= 12 else " ".join([*same[:5], "…", *same[-5:]])
            pieces.append(html.escape(text))
            continue
        if a2 > a1:
            pieces.append(f"<del>{html.escape(' '.join(before[a1:a2]))}</del>")
        if b2 > b1:
            pieces.append(f"<ins>{html.escape(' '.join(after[b1:b2]))}</ins>")
    return mark_safe(" ".join(pieces))  # every piece above is escaped


def post_history(post: Post, revisions: list[PostRevision]) -> list[dict[str, Any]]:
    """Newest edit first: who, when, and per changed field a word diff from before to after it."""
    after = post.as_fields()
    entries = []
    for revision in revisions:
        before = revision.fields or {"title": revision.title, "body_html": revision.body_html}
        changes = []
        for name, label in LABELS.items():
            if name not in before:
                continue
            old, new = _words(before.get(name), name), _words(after.get(name), name)
            if old != new:
                changes.append({"label": label, "diff": word_diff(old, new)})
        entries.append({"revision": revision, "changes": changes})
        after = {**after, **before}
    return entries
