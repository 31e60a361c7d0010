from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coverage_app import services
from coverage_app.models import Media
from tests.browser.test_live_coverage import open_reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each tries to run `window.__xss = 1` (or raise a dialog) from a different place in a post.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"></svg>',
    '<a href="javascript:window.__xss=1">click</a>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '"><script>window.__xss=1</script>',
    "<body onload=window.__xss=1>",
    '<details open ontoggle="window.__xss=1">',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '<form><button formaction="javascript:window.__xss=1">go</button></form>',
    '<object data="javascript:window.__xss=1"></object>',
]


def test_no_payload_runs_on_the_reader_page_live_or_loaded(new_page, live_event, journalist, editor):
    # CSP is off in this context: the sanitiser and the escaping must hold on their own.
    reader = open_reader(new_page, live_event, bypass_csp=True)
    dialogs = []
    reader.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for payload in PAYLOADS:
        post = services.post_publish(
            event=live_event, author=journalist, title=payload, body=f"<p>Text {payload}</p>", byline_name=payload,
            byline_role=payload, quote_text=payload, quote_attribution=payload, is_key_event=True,
        )  # fmt: skip
        Media.objects.create(
            post=post, kind=Media.Kind.SOCIAL, social_author=payload, social_handle=payload, social_text=payload
        )
        services.post_media_changed(post=post, by=journalist)
    services.event_edit(
        event=live_event, by=editor, title=live_event.title, standfirst=PAYLOADS[0], key_points="\n".join(PAYLOADS)
    )
    services.coverage_pause(event=live_event, by=editor, message=PAYLOADS[1])
    expect(reader.locator("#status")).to_contain_text("Paused")
    expect(reader.locator("#posts article")).to_have_count(len(PAYLOADS))
    # Live frames and a fresh load both render every payload as text, never as code.
    fresh = new_page(f"/live/{live_event.slug}/", bypass_csp=True)
    fresh.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    expect(fresh.locator("#posts article")).to_have_count(len(PAYLOADS))
    for page in (reader, fresh):
        for link in page.locator("#posts a", has_text="click").all():
            link.click()  # a javascript: link that survived would run now
        assert page.evaluate("window.__xss") is None
        assert page.locator("script:not([src]):not([type='application/ld+json'])").count() == 0
    assert dialogs == []
