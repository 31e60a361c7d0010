"""Write static/js/i18n/<language>.js: the words, plural rule and formats of each language for the
scripts, from locale/<language>/LC_MESSAGES/djangojs.po (compiled). The functions that read them
are one static file for every language, static/js/i18n/runtime.js (Django's JavaScriptCatalog
API). The pages must be the same bytes for every reader and run no inline script, so a script's
words come from files like any other (docs/languages.md). Run after compilemessages; `--check`
(the tests run it) writes nothing and fails when a file is out of date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

FOLDER = Path(settings.BASE_DIR) / "static" / "js" / "i18n"
RUNTIME = "runtime.js"  # hand-written, not made here

HEADER = """\
// The {language} words, plural rule and formats of the scripts, read by runtime.js beside this file.
// Made by `manage.py script_catalogues` from locale/{language}/LC_MESSAGES/djangojs.po: do not edit.
"use strict";
(globalThis.django || (globalThis.django = {{}})).locale = {{
  language: {language_json},
  pluralidx: (n) => {plural},
  catalog: {catalog},
  formats: {formats},
}};
"""


def script_locale(language: str) -> dict[str, Any]:
    """The catalogue, plural rule and formats JavaScriptCatalog would give for `language`, from the
    project's own catalogues only (the reader's scripts use no string of Django's admin)."""
    view = JavaScriptCatalog()
    view.translation = DjangoTranslation(
        language, domain="djangojs", localedirs=[str(path) for path in settings.LOCALE_PATHS]
    )
    with translation.override(language):
        return view.get_context_data()


def script_catalogue(language: str) -> bytes:
    context = script_locale(language)

    def block(value: dict[str, Any]) -> str:
        return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False).replace("\n", "\n  ")

    # A C expression of n from the catalogue's Plural-Forms header, which is also JavaScript;
    # Number() turns a comparison's true/false into 1/0 as gettext does.
    plural = f"Number({context['plural']})" if context["plural"] else "(n == 1 ? 0 : 1)"
    text = HEADER.format(
        language=language,
        language_json=json.dumps(language),
        plural=plural,
        catalog=block(context["catalog"]),
        formats=block(context["formats"]),
    )
    return text.encode("utf-8")


class Command(BaseCommand):
    help = "Write the static script catalogues (static/js/i18n/<language>.js) from locale/."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if a committed file is out of date.")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        FOLDER.mkdir(parents=True, exist_ok=True)
        stale = []
        for language, _ in settings.LANGUAGES:
            path = FOLDER / f"{language}.js"
            content = script_catalogue(language)
            if path.exists() and path.read_bytes() == content:
                continue
            stale.append(path.name)
            if not check:
                path.write_bytes(content)
        if check and stale:
            raise CommandError(f"Out of date: {', '.join(stale)}; run manage.py script_catalogues")
        self.stdout.write(f"{'Stale' if check else 'Wrote'}: {', '.join(stale) or 'nothing'}")
