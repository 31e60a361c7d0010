"""Write static/js/i18n/<language>.js: Django's JavaScript catalogue for each language, as static
files. The reader page must be the same bytes for every reader and run no inline script, so its
script's words come from a file like any other (docs/languages.md). Run after compilemessages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import RequestFactory
from django.utils import translation
from django.views.i18n import JavaScriptCatalog

FOLDER = Path(settings.BASE_DIR) / "static" / "js" / "i18n"


def script_catalogue(language: str) -> bytes:
    """What JavaScriptCatalog answers for `language` (the djangojs domain of LOCALE_PATHS)."""
    with translation.override(language):
        response = JavaScriptCatalog.as_view(domain="djangojs", packages=[])(RequestFactory().get("/"))
    return response.content


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
            raise SystemExit(f"Out of date: {', '.join(stale)}; run manage.py script_catalogues")
        self.stdout.write(f"{'Stale' if check else 'Wrote'}: {', '.join(stale) or 'nothing'}")
