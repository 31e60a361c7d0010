"""Rows written before the trail's details and the tokens' refusals were kept as codes (0016): the
ones whose English follows a known pattern get their code and values, so they too are shown in each
reader's language. Anything else keeps its text only and is shown as written (recorded.py)."""

import re

from django.db import migrations

# The patterns as the code wrote them before 0016 (services.py, tokens.py).
POST_FIELDS = {
    "title", "body_html", "byline_name", "byline_role", "quote_text", "quote_attribution", "is_key_event",
    "correction_note", "media",
}
LOCALE = re.compile(r"language (\S+) → (\S+), time zone (\S+) → (\S+)")
EXPIRED = re.compile(r"That API token expired on (\d{4}-\d\d-\d\d \d\d:\d\d) UTC; ask an editor for a new one\.")
OTHER_EVENT = re.compile(r"This API token works only for the event '([-\w]+)'\.")
FIXED = {
    "That API token's account is deactivated.": "token_inactive",
    "This API token is read-only; writing needs a token with the write scope.": "token_read_only",
}


def desk_detail(action, detail):
    if action in {"edited", "edited draft"} and detail:
        fields = detail.split(", ")
        if set(fields) <= POST_FIELDS:
            return "fields", {"fields": fields}
    if action == "changed language or zone" and (match := LOCALE.fullmatch(detail)):
        names = ("from_language", "to_language", "from_zone", "to_zone")
        return "locale_changed", dict(zip(names, match.groups(), strict=True))
    if action == "edited the event" and detail == "key points":
        return "key_points", {}
    return None


def refusal(text):
    if match := EXPIRED.fullmatch(text):
        return "token_expired", {"date": match.group(1)}
    if match := OTHER_EVENT.fullmatch(text):
        return "token_other_event", {"slug": match.group(1)}
    if text in FIXED:
        return FIXED[text], {}
    return None


def forwards(apps, schema_editor):
    AuditEntry = apps.get_model("coverage_app", "AuditEntry")
    for entry in AuditEntry.objects.filter(detail_code="").exclude(detail="").iterator():
        if found := desk_detail(entry.action, entry.detail):
            AuditEntry.objects.filter(pk=entry.pk).update(detail_code=found[0], detail_params=found[1])
    ApiToken = apps.get_model("coverage_app", "ApiToken")
    for token in ApiToken.objects.filter(last_refusal_code="").exclude(last_refusal=""):
        if found := refusal(token.last_refusal):
            ApiToken.objects.filter(pk=token.pk).update(last_refusal_code=found[0], last_refusal_params=found[1])


class Migration(migrations.Migration):
    dependencies = [("coverage_app", "0016_translated_names_and_recorded_words")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
