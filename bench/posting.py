"""How many actions and seconds does the desk take for the work of a deadline? A browser script
(Chromium through Playwright) against one `manage.py serve` process; prints figures, asserts nothing.

    uv run python bench/posting.py [--runs 5] [--screenshots docs/screenshots]

Three tasks, each from a desk already open and signed in, timed by the machine (a person adds their
reading and typing time; the actions count is what the desk asks of them):
1. an empty composer to a post with a title, a byline (role) and one picture on an open reader page;
2. an in-place correction of a published post (title and correction note) to the reader page;
3. a contributor's submission, with a picture, reviewed in the queue and approved, to the reader page.
The floor, measured in the same run, is a text-only post from Ctrl+Enter to the reader page.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fanout import bench_event, free_port, server_env, wait_for_port  # noqa: E402 - after the path is set

PASSWORD = "bench-pass-word-1"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def users() -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from coverage_app.roles import CONTRIBUTORS, EDITORS, JOURNALISTS

    made = {}
    for name, group, first, last in (
        ("bench-journalist", JOURNALISTS, "Mara", "Okafor"),
        ("bench-editor", EDITORS, "Sam", "Idris"),
        ("bench-stringer", CONTRIBUTORS, "Lou", "Reyes"),
    ):
        user, _ = get_user_model().objects.get_or_create(
            username=name, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=group)])
        made[name] = user
    return made


def photo(path: Path) -> str:
    from PIL import Image

    # A grey sky over a darker sea, with a little grain: a photograph's size, not its looks.
    width, height = 1600, 1000
    sky = Image.linear_gradient("L").resize((width, height // 2)).point(lambda v: 150 + v // 3)
    sea = Image.linear_gradient("L").resize((width, height - height // 2)).point(lambda v: 40 + v // 4)
    image = Image.new("L", (width, height))
    image.paste(sky, (0, 0))
    image.paste(sea, (0, height // 2))
    grain = Image.frombytes("L", (width, height), os.urandom(width * height)).point(lambda v: v // 12)
    image = Image.merge("RGB", (image, Image.blend(image, grain, 0.15), Image.blend(image, grain, 0.05)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return str(path)


class Counter:
    """Counts what a person does: a click, a field filled, a key pressed, a file chosen."""

    def __init__(self, page) -> None:
        self.page = page
        self.actions = 0

    def __getattr__(self, name: str):
        method = getattr(self.page, name)

        def act(*args, **kwargs):
            self.actions += 1
            return method(*args, **kwargs)

        return act


def seen(reader, selector: str, text: str) -> None:
    """Wait until the reader page shows it, checked every frame (Playwright's expect backs off to
    a second between checks, which would be measured as latency)."""
    reader.wait_for_function(
        "([selector, text]) => [...document.querySelectorAll(selector)].some((el) => el.textContent.includes(text))",
        arg=[selector, text],
        polling="raf",
        timeout=20_000,
    )


def sign_in(page, username: str) -> None:
    page.goto("/newsroom/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/newsroom/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--screenshots", type=Path, default=None, help="also write desk screenshots (1280 and 390 px) here"
    )
    args = parser.parse_args()

    _author, event = bench_event(slug_prefix="bench-posting", title="Storm Ilse hits the coast")
    people = users()
    from playwright.sync_api import expect, sync_playwright

    from coverage_app import services
    from coverage_app.models import Event, Post

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)], cwd=ROOT, env=server_env(DEBUG="1")
    )
    work = ROOT / ".data" / "bench-posting"
    work.mkdir(parents=True, exist_ok=True)
    picture = photo(work / "harbour.jpg")
    results: dict[str, list[tuple[int, float]]] = {"floor": [], "picture post": [], "correction": [], "approval": []}
    try:
        wait_for_port(port, server)
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop in this thread; the ORM is sync
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            base = f"http://127.0.0.1:{port}"
            reader = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900}).new_page()
            reader.goto(f"/live/{event.slug}/")
            journalist = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900}).new_page()
            sign_in(journalist, "bench-journalist")
            journalist.goto(f"/newsroom/events/{event.slug}/")
            editor = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900}).new_page()
            sign_in(editor, "bench-editor")
            editor.goto(f"/newsroom/events/{event.slug}/")
            expect(journalist.locator("#composer .rich-text")).to_be_visible()

            for run in range(args.runs):
                # The floor: a text post, Ctrl+Enter to the reader page.
                journalist.fill("#id_title", f"Floor {run}")
                journalist.locator("#composer .rich-text").fill("Text only.")
                started = time.perf_counter()
                journalist.locator("#composer .rich-text").press("Control+Enter")
                seen(reader, "#posts article", f"Floor {run}")
                results["floor"].append((1, time.perf_counter() - started))
                expect(journalist.locator("#id_title")).to_be_focused()

                # 1. Title, byline role, text, one picture with alt text, publish.
                desk = Counter(journalist)
                started = time.perf_counter()
                desk.fill("#id_title", f"Waves over the harbour wall {run}")
                desk.locator("#composer .rich-text").fill("The spray is reaching the rooftops.")
                desk.fill("#id_byline_role", "in Port Averly")
                desk.click("#composer summary:text-is('Pictures')")
                desk.set_input_files("#composer [data-picture-input][multiple]", picture)
                desk.fill("#id_images-0-alt_text", "Grey waves breaking over a stone harbour wall")
                desk.press("#id_images-0-alt_text", "Control+Enter")
                seen(reader, "#posts article:has(img)", f"Waves over the harbour wall {run}")
                results["picture post"].append((desk.actions, time.perf_counter() - started))
                post = Post.objects.get(event=event, title=f"Waves over the harbour wall {run}")

                # 2. An in-place correction.
                desk = Counter(editor)
                started = time.perf_counter()
                desk.click(f"#desk-post-{post.pk} [data-open-editor]")
                desk.fill(f"#id_p{post.pk}-title", f"Waves over the harbour wall at high tide {run}")
                desk.fill(f"#id_p{post.pk}-correction_note", "An earlier version gave the wrong time.")
                desk.click(f"#inplace-{post.pk} button.primary")
                seen(reader, f"#post-{post.pk}", f"at high tide {run}")
                results["correction"].append((desk.actions, time.perf_counter() - started))

                # 3. A contributor's submission (filed elsewhere), reviewed and approved from the queue.
                submission = services.post_save_unpublished(
                    event=Event.objects.get(pk=event.pk), author=people["bench-stringer"], state=Post.State.SUBMITTED,
                    title=f"Witness: the sea wall {run}", body="<p>I saw the wall give way at nine.</p>",
                )  # fmt: skip
                desk = Counter(editor)
                queued = editor.locator(f"#queue-post-{submission.pk}")
                expect(queued).to_be_visible()  # arrives over the desk's socket
                started = time.perf_counter()
                desk.click(f"#queue-post-{submission.pk} button.primary")
                seen(reader, "#posts article", f"Witness: the sea wall {run}")
                results["approval"].append((desk.actions, time.perf_counter() - started))

            if args.screenshots:
                take_screenshots(browser, base, event, args.screenshots, people, services, Post, Event)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        Event.objects.filter(pk=event.pk).delete()

    floor = statistics.median(seconds for _, seconds in results["floor"])
    print(f"runs: {args.runs}; median seconds by the machine (a person adds reading and typing)")
    print(f"{'task':<44} {'actions':>7} {'seconds':>8} {'x floor':>8}")
    labels = {
        "floor": "floor: text post, Ctrl+Enter to reader page",
        "picture post": "empty desk to post with title, byline, picture",
        "correction": "in-place correction to reader page",
        "approval": "review in queue and approve to reader page",
    }
    for key, rows in results.items():
        seconds = statistics.median(s for _, s in rows)
        print(f"{labels[key]:<44} {rows[0][0]:>7} {seconds:>8.2f} {seconds / floor:>8.1f}")


def take_screenshots(browser, base, event, folder: Path, people, services, Post, Event) -> None:
    """The editor's desk with a submission waiting and a post open in place, at 1280 and 390 px."""
    folder.mkdir(parents=True, exist_ok=True)
    event = Event.objects.get(pk=event.pk)
    services.post_save_unpublished(
        event=event, author=people["bench-stringer"], state=Post.State.SUBMITTED,
        title="Ferry terminal closed", body="<p>Staff told passengers to go home; no sailings before tomorrow.</p>",
    )  # fmt: skip
    for width, name in ((1280, "desk-editor-1280.png"), (390, "desk-journalist-390.png")):
        page = browser.new_context(base_url=base, viewport={"width": width, "height": 900}).new_page()
        sign_in(page, "bench-editor" if width > 400 else "bench-journalist")
        page.goto(f"/newsroom/events/{event.slug}/")
        page.fill("#id_title", "Coastguard: stay away from the front")
        page.locator("#composer .rich-text").fill("Waves of up to eight metres are forecast for the evening high tide.")
        if width > 400:
            latest = Post.objects.filter(event=event, state=Post.State.PUBLISHED).order_by("-published_at").first()
            page.click(f"#desk-post-{latest.pk} [data-open-editor]")
            page.locator(f"#inplace-{latest.pk} form").wait_for()
        page.wait_for_timeout(300)  # fonts and the thumbnail settle
        page.screenshot(path=str(folder / name), full_page=width > 400)
        page.context.close()
    print(f"screenshots written to {folder}")


if __name__ == "__main__":
    main()
