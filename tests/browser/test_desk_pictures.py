"""Pictures in the composer: many at once, dropped, pasted, from the camera, with progress and a
clear word per file that fails while the others stay."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from playwright.sync_api import expect

from coverage_app.models import Post
from tests.browser.test_newsroom import open_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def write_jpeg(path, size=(600, 400), noise=False):
    image = (
        Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        if noise
        else Image.new("RGB", size, (90, 120, 150))
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    path.write_bytes(buffer.getvalue())
    return str(path)


MAKE_FILE = """async ([name]) => {
    const canvas = Object.assign(document.createElement("canvas"), {width: 320, height: 200});
    canvas.getContext("2d").fillRect(0, 0, 320, 200);
    const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
    return new File([blob], name, {type: "image/png"});
}"""


def test_pictures_come_from_a_choice_of_many_a_drop_and_a_paste_and_one_bad_file_leaves_the_rest(
    new_page, live_event, journalist, tmp_path, settings
):
    desk = open_desk(new_page, live_event, "journalist")
    desk.click("summary:text-is('Pictures')")
    camera = desk.locator("#composer [data-picture-input][capture]")
    assert camera.get_attribute("capture") == "environment"
    assert camera.get_attribute("accept") == "image/*"

    big = write_jpeg(tmp_path / "harbour.jpg", size=(1400, 1000), noise=True)  # big enough to show progress
    small = write_jpeg(tmp_path / "crowd.jpg")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    desk.set_input_files("#composer [data-picture-input][multiple]", [big, small, str(notes)])
    expect(desk.locator("#toast")).to_contain_text("notes.txt: not a picture we publish")
    tray = desk.locator("#composer [data-picture-tray] > li")
    expect(tray).to_have_count(2)

    # Dropped from the desktop, and pasted from the clipboard (into the text editor, even).
    desk.locator("#composer [data-picture-drop]").evaluate(
        """async (zone, make) => {
            const file = await (eval(make))(["dropped.png"]);
            const data = new DataTransfer();
            data.items.add(file);
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        MAKE_FILE,
    )
    desk.locator("#composer .rich-text").evaluate(
        """async (el, make) => {
            const file = await (eval(make))([""]);
            const data = new DataTransfer();
            data.items.add(file);
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        MAKE_FILE,
    )
    expect(tray).to_have_count(4)
    assert desk.input_value("#composer textarea[name=body]") == ""  # the pasted picture is not text
    # The pasted one goes first.
    tray.nth(3).locator("[data-picture-move='-1']").click()
    tray.nth(2).locator("[data-picture-move='-1']").click()
    tray.nth(1).locator("[data-picture-move='-1']").click()
    expect(tray.nth(0)).to_contain_text("pasted picture")

    desk.fill("#id_title", "In pictures: the storm")
    desk.locator("#composer .rich-text").fill("The scene this morning.")
    for index, alt in enumerate(["Pasted chart", "Waves", "Crowd"]):  # the fourth has no alt text yet
        desk.fill(f"#id_images-{index}-alt_text", alt)
    desk.click("#composer button[value=publish]")
    expect(tray.nth(3).locator(".picture__error")).to_contain_text("Describe the picture")
    expect(tray).to_have_count(4)  # every picture is kept, only the fourth needs something
    assert not Post.objects.exists()

    desk.fill("#id_images-3-alt_text", "Dropped map")
    desk.fill("#id_images-3-credit", "Met Office")
    desk.click("#composer button[value=publish]")
    expect(desk.locator("#stream")).to_contain_text("In pictures: the storm")
    expect(desk.locator("#upload-progress")).to_contain_text("Pictures uploaded.")
    expect(desk.locator("#composer [data-picture-tray] > li")).to_have_count(0)
    post = Post.objects.get()
    assert [m.alt_text for m in post.media.order_by("position")] == ["Pasted chart", "Waves", "Crowd", "Dropped map"]
    assert post.media.get(alt_text="Dropped map").credit == "Met Office"
