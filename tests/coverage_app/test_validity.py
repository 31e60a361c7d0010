"""Every page readers and the desk see is valid HTML by a checker nobody here wrote: the Nu HTML
checker (vnu.jar from the npm registry), on pages rendered from an event with every kind of post."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.reader_content import fill_event
from tests.tools import vnu_jar


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def nu_errors(pages: dict[str, str], folder) -> dict[str, list[str]]:
    """The checker's errors by page name, one Java start for all the pages."""
    files = {}
    for name, html in pages.items():
        files[name] = folder / f"{name}.html"
        files[name].write_text(html)
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--format", "json", "--errors-only", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr)["messages"]
    by_file = {str(path): name for name, path in files.items()}
    errors: dict[str, list[str]] = {name: [] for name in pages}
    for message in messages:
        name = by_file.get(message.get("url", "").removeprefix("file:"), "?")
        errors.setdefault(name, []).append(
            f"{message.get('lastLine')}: {message['message']} [{message.get('extract', '')}]"
        )
    return errors


def test_reader_pages_and_the_desk_have_no_html_errors(client, live_event, journalist, editor, media_root, tmp_path):
    posts = fill_event(live_event, journalist=journalist, editor=editor)
    base = f"/live/{live_event.slug}/"
    paths = {
        "live": base,
        "older": f"{base}?before={posts['list'].pk}",
        "key-events": f"{base}?filter=key",
        "oldest-first": f"{base}?order=oldest",
        "slice": f"{base}?at={posts['list'].pk}",
        "permalink": posts["gallery"].get_absolute_url(),
        "embed": f"{base}embed/",
        "index": "/",
    }
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    client.force_login(editor)
    pages["desk"] = client.get(f"/newsroom/events/{live_event.slug}/").content.decode()
    errors = nu_errors(pages, tmp_path)
    assert errors == {name: [] for name in pages}
