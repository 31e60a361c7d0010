from __future__ import annotations

import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coverage_app import services
from coverage_app.models import Post
from tests.browser.test_live_coverage import assert_not_reloaded, open_reader
from tests.servers import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def backfill(event, author, count, *, key_every=0, start=None):
    """Posts published earlier today, oldest first."""
    start = start or timezone.now() - timedelta(hours=count)
    return [
        services.post_publish(
            event=event, author=author, title=f"Earlier post {n}", body=f"Text of post {n}.",
            published_at=start + timedelta(minutes=5 * n), is_key_event=bool(key_every) and n % key_every == 0,
        )
        for n in range(count)
    ]  # fmt: skip


def test_new_posts_wait_behind_a_button_when_scrolled_down_and_slide_in_at_the_top(new_page, live_event, journalist):
    backfill(live_event, journalist, 12)
    reader = open_reader(new_page, live_event, width=390)
    reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    scroll_before = reader.evaluate("window.scrollY")
    services.post_publish(event=live_event, author=journalist, title="While you were reading", body="x")
    button = reader.locator("#new-posts")
    expect(button).to_have_text("Show 1 new post")
    assert reader.locator("#posts").get_by_text("While you were reading").count() == 0
    assert reader.evaluate("window.scrollY") == scroll_before  # the page did not jump
    button.click()
    expect(reader.locator("#posts article").first).to_contain_text("While you were reading")
    expect(button).to_have_count(0)

    reader.evaluate("window.scrollTo(0, 0)")
    services.post_publish(event=live_event, author=journalist, title="At the top", body="x")
    expect(reader.locator("#posts article").first).to_contain_text("At the top")
    expect(reader.locator("#new-posts")).to_have_count(0)
    assert_not_reloaded(reader)


def test_pinning_is_seen_live(new_page, live_event, editor):
    post = services.post_publish(event=live_event, author=editor, title="Read this first", body="Advice.")
    reader = open_reader(new_page, live_event)
    services.post_pin(post=post, by=editor)
    expect(reader.locator(f"#pinned-{post.pk}")).to_contain_text("Read this first")
    services.post_unpin(post=post, by=editor)
    expect(reader.locator(f"#pinned-{post.pk}")).to_have_count(0)


def test_key_events_are_listed_filtered_and_added_live(new_page, live_event, journalist):
    backfill(live_event, journalist, 6, key_every=3)
    reader = open_reader(new_page, live_event)
    expect(reader.locator("#key-events-list li")).to_have_count(2)
    reader.click("text=Show key events only")
    expect(reader.locator("#posts article")).to_have_count(2)
    expect(reader.locator(".filter-note")).to_contain_text("key events only")
    reader.evaluate("window.__sameDocument = true")
    services.post_publish(event=live_event, author=journalist, title="Routine", body="x")
    services.post_publish(event=live_event, author=journalist, title="Breakthrough", body="x", is_key_event=True)
    expect(reader.locator("#posts article").first).to_contain_text("Breakthrough")
    expect(reader.locator("#posts article")).to_have_count(3)  # the routine post stays out
    expect(reader.locator("#key-events-list li").first).to_contain_text("Breakthrough")


def test_older_posts_load_at_the_bottom_without_duplicates(new_page, live_event, journalist):
    backfill(live_event, journalist, 45)
    reader = open_reader(new_page, live_event)
    expect(reader.locator("#posts article")).to_have_count(20)
    reader.click("text=Load older posts")
    expect(reader.locator("#posts article")).to_have_count(40)
    reader.click("text=Load older posts")
    expect(reader.locator("#posts article")).to_have_count(45)
    expect(reader.locator("#older")).to_contain_text("That is where coverage began")
    titles = reader.locator("#posts .post__title").all_inner_texts()
    assert titles == [f"Earlier post {n}" for n in range(44, -1, -1)]
    assert_not_reloaded(reader)


def test_a_link_to_an_earlier_post_loads_it_nearby_or_opens_the_slice_that_holds_it(new_page, live_event, journalist):
    posts = backfill(live_event, journalist, 130)
    near, far = posts[100], posts[2]
    services.post_publish(
        event=live_event, author=journalist, title="Follow-up",
        body=f'<p>As we reported (<a href="{near.get_absolute_url()}">see the earlier post</a>, and <a href="{far.get_absolute_url()}">the first reports</a>).</p>',
    )  # fmt: skip
    reader = open_reader(new_page, live_event)
    assert reader.locator(f"#post-{near.pk}").count() == 0
    reader.click("text=see the earlier post")  # a page below: loaded in place
    expect(reader.locator(f"#post-{near.pk}")).to_be_in_viewport()
    expect(reader.locator(f"#post-{near.pk}")).to_be_focused()
    assert reader.url.endswith(f"#post-{near.pk}")
    assert_not_reloaded(reader)
    reader.evaluate("window.scrollTo(0, 0)")
    reader.click("text=the first reports")  # far down: the slice starting at it, not 130 posts
    reader.wait_for_url(f"**/live/{live_event.slug}/?at={far.pk}#post-{far.pk}")
    expect(reader.locator(f"#post-{far.pk}")).to_be_in_viewport()
    assert reader.locator("#posts article").count() == 3
    expect(reader.locator(".newer a").first).to_have_text("Newer posts")


def test_a_hidden_tab_counts_new_posts_in_its_title(new_page, live_event, journalist):
    reader = open_reader(new_page, live_event)
    title = reader.title()
    reader.evaluate("""() => {
        Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    services.post_publish(event=live_event, author=journalist, title="One", body="x")
    services.post_publish(event=live_event, author=journalist, title="Two", body="x")
    expect(reader).to_have_title(f"(2) {title}")
    assert reader.locator("#posts article").count() == 0  # they wait for the reader
    reader.evaluate("""() => {
        Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    expect(reader).to_have_title(title)
    reader.click("#new-posts")
    expect(reader.locator("#posts article")).to_have_count(2)


def test_a_reader_can_pause_live_updates_and_resume_them(new_page, live_event, journalist):
    reader = open_reader(new_page, live_event)
    reader.click("text=Pause live updates")
    services.post_publish(event=live_event, author=journalist, title="Held back", body="x")
    expect(reader.locator("#toggle-updates")).to_have_text("Resume live updates (1 waiting)")
    assert reader.locator("#posts article").count() == 0
    reader.click("#toggle-updates")
    expect(reader.locator("#posts article").first).to_contain_text("Held back")


def test_a_returning_reader_sees_what_is_new_since_the_last_visit(new_page, live_event, journalist):
    backfill(live_event, journalist, 3)
    first_visit = open_reader(new_page, live_event)
    first_visit.close()  # the page remembers, in this browser only, what it showed
    start = timezone.now() - timedelta(minutes=2)
    services.post_publish(event=live_event, author=journalist, title="New since", body="x", published_at=start)
    context = first_visit.context
    second_visit = context.new_page()
    second_visit.goto(f"/live/{live_event.slug}/")
    expect(second_visit.locator("#since-last-visit")).to_contain_text("1 new post since your last visit")
    expect(second_visit.locator(".post--unseen")).to_have_count(1)
    second_visit.click("text=Jump to where you left off")
    assert second_visit.url.endswith(f"#post-{Post.objects.get(title='Earlier post 2').pk}")


@pytest.fixture(scope="module")
def cached_server(browser, django_db_setup, django_db_blocker):
    """A server whose fast path re-reads an event's seq once a minute: a page it serves may lack the
    newest posts (the reader catches up over the socket), as a page from nginx or a CDN may."""
    with django_db_blocker.unblock():
        server = Server(LIVE_PAGE_RECHECK_SECONDS="60")
        server.start()
    yield server
    server.stop()


def test_a_post_missing_from_a_cached_page_counts_as_new_since_the_last_visit(
    browser, cached_server, live_event, journalist
):
    backfill(live_event, journalist, 3)
    context = browser.new_context(base_url=cached_server.url)
    first_visit = context.new_page()
    first_visit.goto(f"/live/{live_event.slug}/")
    expect(first_visit.locator("#posts article")).to_have_count(3)
    first_visit.close()  # remembers the newest post it showed
    services.post_publish(
        event=live_event, author=journalist, title="While you were away", body="x",
        published_at=timezone.now() - timedelta(minutes=1),
    )  # fmt: skip
    served = urllib.request.urlopen(f"{cached_server.url}/live/{live_event.slug}/", timeout=10).read().decode()
    assert "While you were away" not in served  # the copy every reader gets for the next minute
    second_visit = context.new_page()
    second_visit.goto(f"/live/{live_event.slug}/")
    expect(second_visit.locator("#since-last-visit")).to_contain_text("1 new post since your last visit")
    expect(second_visit.locator(".post--unseen")).to_have_count(1)
    expect(second_visit.locator(".post--unseen")).to_contain_text("While you were away")
    expect(second_visit.locator("#new-posts")).to_have_count(0)  # not a live post waiting behind a button
    context.close()


def test_oldest_first_appends_new_posts_at_the_end(new_page, live_event, journalist):
    backfill(live_event, journalist, 3)
    reader = new_page(f"/live/{live_event.slug}/?order=oldest")
    expect(reader.locator("#posts article").first).to_contain_text("Earlier post 0")
    reader.wait_for_function("document.documentElement.classList.contains('js')")
    expect(reader.locator("#connection")).to_be_hidden()
    services.post_publish(event=live_event, author=journalist, title="Latest", body="x")
    expect(reader.locator("#posts article").last).to_contain_text("Latest")


def test_the_page_works_without_javascript(browser, server, live_event, journalist, editor):
    backfill(live_event, journalist, 25)
    services.coverage_pause(event=live_event, by=editor, message="Back at seven.")
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/live/{live_event.slug}/")
    expect(page.locator("#status")).to_contain_text("Back at seven.")
    expect(page.locator("#posts article")).to_have_count(20)
    expect(page.locator("#toggle-updates")).to_be_hidden()
    page.click("text=Load older posts")
    expect(page.locator("#posts article")).to_have_count(5)
    expect(page.locator("#posts article").first).to_contain_text("Earlier post 4")
    context.close()


def test_an_open_page_of_announced_coverage_turns_live_at_the_start(new_page):
    from tests.factories import make_event

    event = make_event(starts_at=timezone.now() + timedelta(hours=2))
    reader = open_reader(new_page, event)
    expect(reader.locator("#status .badge")).to_contain_text("Begins")
    start = timezone.now()
    type(event).objects.filter(pk=event.pk).update(starts_at=start)
    services.coverage_starts_due(now=start + timedelta(seconds=1))  # what the scheduler runs
    expect(reader.locator("#status .badge--live")).to_have_text("Live")
    expect(reader.locator("#announcer")).to_have_text("Live")  # its start, not "live again"
    assert_not_reloaded(reader)
