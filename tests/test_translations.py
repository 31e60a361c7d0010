"""Every string the interface marks for translation is translated in every shipped catalogue, and
the compiled catalogues committed beside them say the same: an untranslated string fails CI.
Nothing here needs gettext's tools: the catalogues are read as text and the .mo files by Python."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
SHIPPED = [code for code, _ in settings.LANGUAGES if code != "en"]  # English is the source language
NPLURALS = {"es": 3, "de": 2, "fr": 3, "ar": 6}  # Arabic: zero, one, two, few, many, other
# Every app's templates: the reader's and the newsroom's, the accounts' pages and e-mails, ops.
TEMPLATE_DIRS = [
    ROOT / "templates",
    *sorted(path for path in (ROOT / "coverage_app").rglob("templates") if path.is_dir()),
]
PYTHON_DIRS = [ROOT / "coverage_app", ROOT / "liveblog"]
SCRIPTS = ROOT / "static" / "js"
# The editor's source: its built file (static/js/editor.js) is minified, so its calls are read here.
SCRIPT_SOURCES = ROOT / "frontend" / "src"
GETTEXT_CALLS = {
    "_",
    "gettext",
    "gettext_noop",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}


@dataclass
class Entry:
    msgid: str
    plural: str | None = None
    context: str | None = None
    strings: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self) -> str:
        return f"{self.context}\x04{self.msgid}" if self.context else self.msgid


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        current: Entry | None = None
        target: str | None = None
        values: dict[str, str] = {}
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                values[target] += ast.literal_eval(line)
                continue
            target, _, literal = line.partition(" ")
            values[target] = ast.literal_eval(literal)
        if "msgid" not in values:
            continue
        current = Entry(msgid=values["msgid"], plural=values.get("msgid_plural"), context=values.get("msgctxt"))
        current.fuzzy = fuzzy
        current.strings = [v for k, v in values.items() if k.startswith("msgstr")]
        entries.append(current)
    header = next(e for e in entries if e.msgid == "")
    meta = dict(line.split(": ", 1) for line in header.strings[0].splitlines() if ": " in line)
    return meta, [e for e in entries if e.msgid]


LITERAL = r"u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
CALL = re.compile(rf"\b(n?p?gettext)\(\s*({LITERAL})(?:\s*,\s*({LITERAL}))?(?:\s*,\s*({LITERAL}))?")


def template_strings() -> set[str]:
    found: set[str] = set()
    for folder in TEMPLATE_DIRS:
        for path in [*folder.rglob("*.html"), *folder.rglob("*.txt")]:
            for name, *literals in CALL.findall(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
                args = [ast.literal_eval(x.removeprefix("u")) for x in literals if x]
                found.add(f"{args[0]}\x04{args[1]}" if name.startswith(("pgettext", "npgettext")) else args[0])
    return found


def python_strings() -> set[str]:
    found: set[str] = set()
    for folder in PYTHON_DIRS:
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT_CALLS):
                    continue
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if node.func.id.startswith("pgettext"):
                    if len(args) == 2:  # pgettext(context, a_variable) looks up strings marked elsewhere
                        found.add(f"{args[0]}\x04{args[1]}")
                elif args:
                    found.add(args[0])
    return found


def script_strings() -> set[str]:
    found: set[str] = set()
    for path in [*SCRIPTS.glob("*.js"), *SCRIPT_SOURCES.glob("*.js")]:
        if ".min." in path.name or (path.name == "editor.js" and path.parent == SCRIPTS):
            continue
        for name, *literals in CALL.findall(path.read_text(encoding="utf-8")):
            args = [ast.literal_eval(x) for x in literals if x]
            found.add(f"{args[0]}\x04{args[1]}" if name.startswith(("pgettext", "npgettext")) else args[0])
    return found


def catalogue(language: str, domain: str) -> tuple[dict[str, str], list[Entry]]:
    return read_po(ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po")


@pytest.mark.parametrize("language", SHIPPED)
def test_every_string_of_the_templates_and_python_is_in_the_catalogue(language):
    _, entries = catalogue(language, "django")
    missing = (template_strings() | python_strings()) - {e.key for e in entries}
    assert not missing, f"{language}: not in locale/{language}/LC_MESSAGES/django.po: {sorted(missing)[:10]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_string_of_the_scripts_is_in_the_script_catalogue(language):
    strings = script_strings()
    if not strings:
        pytest.skip("no script marks a string yet")
    _, entries = catalogue(language, "djangojs")
    missing = strings - {e.key for e in entries}
    assert not missing, f"{language}: not in locale/{language}/LC_MESSAGES/djangojs.po: {sorted(missing)[:10]}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", SHIPPED)
def test_every_entry_is_translated_with_all_its_plural_forms_and_none_is_fuzzy(language, domain):
    if not (ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po").exists():
        pytest.skip(f"no {domain} catalogue")
    meta, entries = catalogue(language, domain)
    assert f"nplurals={NPLURALS[language]};" in meta["Plural-Forms"]
    assert meta["Language"] == language
    for entry in entries:
        assert not entry.fuzzy, f"{language}: fuzzy: {entry.msgid!r}"
        expected = NPLURALS[language] if entry.plural else 1
        assert len(entry.strings) == expected, f"{language}: {entry.msgid!r} has {len(entry.strings)} forms"
        assert all(s.strip() for s in entry.strings), f"{language}: untranslated: {entry.msgid!r}"
        # A form may drop a placeholder only where the language says the number in words (Arabic's
        # zero, one and two); anything else would lose the headline, the time or the count.
        forms = entry.strings[3:] if language == "ar" and entry.plural else entry.strings
        for name in re.findall(r"%\((\w+)\)s", entry.msgid):
            assert all(f"%({name})s" in form for form in forms), f"{language}: {entry.msgid!r} loses %({name})s"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", SHIPPED)
def test_the_committed_compiled_catalogue_says_what_its_source_says(language, domain):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    if not (folder / f"{domain}.po").exists():
        pytest.skip(f"no {domain} catalogue")
    with (folder / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    _, entries = catalogue(language, domain)
    for entry in entries:
        if entry.plural:
            for n in (0, 1, 2, 5, 11, 100):
                if entry.context:  # npgettext: a plural with a context
                    said = compiled.npgettext(entry.context, entry.msgid, entry.plural, n)
                else:
                    said = compiled.ngettext(entry.msgid, entry.plural, n)
                assert said in entry.strings, entry.msgid
        else:
            assert compiled.gettext(entry.key) == entry.strings[0], f"{language}: run compilemessages: {entry.msgid!r}"


def test_the_committed_script_catalogues_are_made_from_the_committed_catalogues():
    from django.core.management import call_command

    # --check writes nothing; it fails when static/js/i18n/ and locale/ disagree.
    call_command("script_catalogues", "--check")


PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", SHIPPED)
def test_no_translation_brings_a_placeholder_its_english_does_not_have(language, domain):
    # A name the code does not pass would raise KeyError (Python) or print "undefined" (scripts).
    _, entries = catalogue(language, domain)
    for entry in entries:
        known = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.plural or ""))
        for form in entry.strings:
            extra = set(PLACEHOLDER.findall(form)) - known
            assert not extra, f"{language}: {entry.msgid!r} has {extra} in {form!r}"


def test_every_apps_templates_are_read_for_strings():
    strings = template_strings()
    assert "Newsroom sign in" in strings  # coverage_app/accounts/templates/account/login.html
    assert "If you did not expect this, ignore this message: nothing happens unless the link is used." in strings
    assert "%(number)s reading now" in strings  # coverage_app/ops/templates


def test_the_newsroom_scripts_and_editor_source_are_read_for_strings():
    # The editor's words live in its source (the built file is minified); both must be covered.
    strings = script_strings()
    assert "Link to (https://…). Leave empty to remove the link." in strings  # frontend/src/editor.js
    assert "Pictures uploaded." in strings  # static/js/newsroom.js
