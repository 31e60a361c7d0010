from __future__ import annotations

import re

from django import forms

from coverage_app import richtext

# Key points typed as HTML lists or paragraphs are kept as they are; anything else is one per line.
BLOCK_TAG = re.compile(r"<(ul|ol|p|h[2-4])[\s>]", re.IGNORECASE)


class PostForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text="Blank line for a new paragraph. Bold, italic, links, lists, headings and quotes (<blockquote>) are kept.",
    )
    byline_name = forms.CharField(label="Byline", max_length=120, required=False)
    byline_role = forms.CharField(label="Role", max_length=120, required=False, help_text="e.g. US correspondent")
    is_key_event = forms.BooleanField(label="Key event", required=False)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if richtext.is_empty(richtext.clean(body)):
            raise forms.ValidationError("Write something: the post has no text readers would see.")
        return body


class CoverageStateForm(forms.Form):
    ACTIONS = (("pause", "Pause"), ("resume", "Resume"), ("end", "End"))
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text="Shown to readers at the top of the page.",
    )
    resumes_at = forms.DateTimeField(
        label="Resumes at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Optional: readers see when coverage is due back.",
    )


class KeyPointsForm(forms.Form):
    key_points = forms.CharField(
        label="Key points",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text="One point per line. Shown to readers in a box at the top of the page.",
    )

    def clean_key_points(self) -> str:
        text = self.cleaned_data["key_points"].strip()
        if not text or BLOCK_TAG.search(text):
            return text  # already structured HTML; the service sanitises it
        # One point per line, the way editors type them, becomes a list (inline markup is kept).
        items = [line.strip(" -•*") for line in text.splitlines() if line.strip(" -•*")]
        return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
