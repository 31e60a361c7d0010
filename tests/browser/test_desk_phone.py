"""The desk on a 390 px phone, and the review queue, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coverage_app import services
from coverage_app.models import Post
from coverage_app.roles import CONTRIBUTORS
from tests.browser.conftest import sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = """async () => {
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.filter((v) => ["serious", "critical"].includes(v.impact))
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def test_on_a_phone_the_composer_comes_first_and_publish_stays_in_reach(new_page, live_event, journalist, axe_script):
    services.post_publish(event=live_event, author=journalist, title="Earlier", body="x")
    desk = new_page("/", width=390, bypass_csp=True)  # only so the test can inject axe
    sign_in(desk, "journalist")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    composer = desk.locator("#composer").bounding_box()
    assert composer["y"] < desk.locator("#stream").bounding_box()["y"]
    assert composer["y"] < desk.locator("#controls").bounding_box()["y"]
    assert desk.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side
    publish = desk.locator("#composer button[value=publish]")
    for field in ("#id_title", "#composer .rich-text", "#id_byline_role", "#id_is_key_event"):
        desk.locator(field).scroll_into_view_if_needed()
        desk.locator(field).click()
        box = publish.bounding_box()
        assert box["y"] >= 0, field  # on screen, wherever one types
        assert box["y"] + box["height"] <= 900, field
    desk.add_script_tag(path=str(axe_script))
    assert desk.evaluate(AXE) == []


def test_the_editor_reviews_a_submission_with_its_picture_fixes_it_in_place_and_approves(
    new_page, live_event, editor, tmp_path, settings
):
    from tests.browser.test_desk_pictures import write_jpeg

    stringer = make_user("stringer", CONTRIBUTORS, first_name="Lou", last_name="Reyes")
    desk = new_page("/")
    sign_in(desk, "stringer")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    desk.fill("#id_title", "Smoke over the depot")
    desk.locator("#composer .rich-text").fill("Seen from the bridge.")
    desk.click("summary:text-is('Pictures')")
    desk.set_input_files("#composer [data-picture-input][multiple]", write_jpeg(tmp_path / "depot.jpg"))
    desk.fill("#id_images-0-alt_text", "Smoke")
    desk.click("#composer button[value=submit]")
    expect(desk.locator("#queue")).to_contain_text("Smoke over the depot")
    post = Post.objects.get(author=stringer)

    review = new_page("/")
    sign_in(review, "editor")
    review.goto(f"/newsroom/events/{live_event.slug}/")
    queued = review.locator(f"#queue-post-{post.pk}")
    expect(queued.locator(".post img")).to_have_attribute("alt", "Smoke")
    queued.locator("[data-open-editor]").click()
    item = post.media.get()
    review.fill(f"#id_p{post.pk}-m{item.pk}-alt_text", "Black smoke rising over the bus depot roof")
    review.locator(f"#inplace-{post.pk} button.primary").click()
    expect(queued.locator(".post img")).to_have_attribute("alt", "Black smoke rising over the bus depot roof")
    queued.locator("button:text-is('Approve and publish')").click()
    expect(review.locator(f"#desk-post-{post.pk} img")).to_have_attribute(
        "alt", "Black smoke rising over the bus depot roof"
    )
    assert Post.objects.get(pk=post.pk).state == Post.State.PUBLISHED
