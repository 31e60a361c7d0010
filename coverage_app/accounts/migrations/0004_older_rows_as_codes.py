"""People-trail entries written before their details were kept as codes (0003): the ones whose
English follows a known pattern get their code and values, so they too are shown in each reader's
language. Anything else keeps its text only and is shown as written (coverage_app/recorded.py)."""

import ast
import re

from django.db import migrations

# The patterns as accounts/services.py wrote them before 0003.
NAME = r"(?P<name>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"  # repr() of the token's name
PATTERNS = {
    "invited": ("invited_as", re.compile(r"as (?P<role>.+)")),
    "joined": ("joined_as", re.compile(r"as (?P<role>[^,]+), invited by (?P<inviter>.*)")),
    "changed role": ("role_changed", re.compile(r"(?P<before>.+) → (?P<after>.+)")),
    "signed out everywhere": ("sessions_ended", re.compile(r"(?P<count>\d+) session\(s\) ended")),
    "revoked API token": ("token_named", re.compile(NAME)),
}
ISSUED = re.compile(NAME + r", (?P<scope>read|write)(?: for (?P<event>[-\w]+))?, (?P<days>\d+) days")


def parse(action, detail):
    if action == "issued API token" and (match := ISSUED.fullmatch(detail)):
        values = match.groupdict()
        params = {"name": ast.literal_eval(values["name"]), "scope": values["scope"], "days": int(values["days"])}
        if values["event"]:
            return "token_issued_for_event", {**params, "event": values["event"]}
        return "token_issued", params
    if action not in PATTERNS:
        return None
    code, pattern = PATTERNS[action]
    if not (match := pattern.fullmatch(detail)):
        return None
    params = match.groupdict()
    if code == "sessions_ended":
        params["count"] = int(params["count"])
    if code == "role_changed" and params["before"] == "none":
        params["before"] = ""
    if code == "token_named":
        params["name"] = ast.literal_eval(params["name"])
    return code, params


def forwards(apps, schema_editor):
    PeopleAuditEntry = apps.get_model("accounts", "PeopleAuditEntry")
    for entry in PeopleAuditEntry.objects.filter(detail_code="").exclude(detail="").iterator():
        if found := parse(entry.action, entry.detail):
            PeopleAuditEntry.objects.filter(pk=entry.pk).update(detail_code=found[0], detail_params=found[1])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_translated_names_and_recorded_words")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
