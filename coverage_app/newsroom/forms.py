from __future__ import annotations

from django import forms

from coverage_app import richtext


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
