"""Cards from a post's address, read by the server from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coverage_app.newsroom import link_cards
from coverage_app.roles import CONTRIBUTORS
from tests.factories import make_user

PAGES = {
    "/@sam/1": (
        200,
        "text/html",
        '<html><head><meta property="og:title" content="Sam Idris (@sam@news.example)">'
        '<meta property="og:description" content="Water is over the quay &amp; rising.">'
        '<link rel="alternate" type="application/json+oembed" href="/oembed?url=post1"></head><body>x</body></html>',
    ),
    "/oembed?url=post1": (
        200,
        "application/json",
        json.dumps(
            {
                "type": "rich",
                "version": "1.0",
                "author_name": "Sam Idris",
                "author_url": "http://127.0.0.1/@sam",
                "provider_name": "Mastodon",
                "html": '<blockquote class="x"><p lang="en">Water is over the quay &amp; rising.</p>&mdash; Sam <script src="https://evil.example/x.js"></script></blockquote>',
            }
        ),
    ),
    "/og-only": (
        200,
        "text/html; charset=utf-8",
        "<head><meta name='twitter:creator' content='@harbour'><meta property='og:site_name' content='Threads'>"
        "<meta property='og:title' content='Harbour Office'><meta property='og:description' content='Ferries stop at 6pm.'></head>",
    ),
    "/nothing": (200, "text/html", "<html><body>Hello</body></html>"),
    "/missing": (404, "text/html", "gone"),
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet test output
        pass

    def do_GET(self):
        if self.path == "/slow":
            self.server.release.wait(10)  # held until the server stops; the fetch must give up long before
            return
        if self.path.startswith("/redirect-to-"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect-to-").replace("~", "/"))
            self.end_headers()
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(
                b"<meta property='og:title' content='Big page'><meta property='og:description' content='Top.'>"
            )
            try:
                for _ in range(64):
                    self.wfile.write(b"x" * 65536)
            except OSError:
                pass  # the reader stopped at its cap and closed
            return
        status, content_type, body = PAGES.get(self.path, (404, "text/plain", "no"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body.encode())


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.release = threading.Event()  # per server: the module's fixture may be set up more than once
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback_allowed(settings):
    settings.LINK_CARD_ALLOW_LOOPBACK = True


def test_a_post_page_with_oembed_discovery_fills_the_card_without_its_script(site, loopback_allowed):
    card = link_cards.read_card(f"{site}/@sam/1")
    assert (card.author, card.handle, card.site) == ("Sam Idris", "@sam", "Mastodon")
    assert card.text == "Water is over the quay & rising."


def test_open_graph_alone_fills_the_card(site, loopback_allowed):
    card = link_cards.read_card(f"{site}/og-only")
    assert (card.author, card.handle, card.text, card.site) == (
        "Harbour Office",
        "@harbour",
        "Ferries stop at 6pm.",
        "Threads",
    )


def test_a_redirect_is_followed_and_checked_again(site, loopback_allowed):
    assert link_cards.read_card(f"{site}/redirect-to-~og-only").text == "Ferries stop at 6pm."
    with pytest.raises(link_cards.LinkCardError, match="private or local"):
        link_cards.read_card(f"{site}/redirect-to-http:~~10.20.30.40~latest")
    with pytest.raises(link_cards.LinkCardError, match="private or local"):
        link_cards.read_card(f"{site}/redirect-to-http:~~169.254.169.254~latest~meta-data")


def test_loopback_and_private_addresses_are_refused_outside_tests(site, settings):
    settings.LINK_CARD_ALLOW_LOOPBACK = False
    for url in (f"{site}/og-only", "http://localhost/", "http://10.0.0.1/", "http://[::1]/", "http://192.168.1.1/"):
        with pytest.raises(link_cards.LinkCardError, match="private or local"):
            link_cards.read_card(url)
    with pytest.raises(link_cards.LinkCardError, match="Only http and https"):
        link_cards.read_card("file:///etc/passwd")


def test_a_slow_site_is_given_up_on_in_bounded_time(site, loopback_allowed, monkeypatch):
    monkeypatch.setattr(link_cards, "TIMEOUT", 0.3)
    with pytest.raises(link_cards.LinkCardError, match="too long"):
        link_cards.read_card(f"{site}/slow")


def test_a_huge_page_is_read_only_up_to_the_cap(site, loopback_allowed, monkeypatch):
    monkeypatch.setattr(link_cards, "MAX_BYTES", 100_000)
    _, _, body = link_cards.fetch(f"{site}/huge")
    assert len(body) == 100_000
    assert link_cards.read_card(f"{site}/huge").title == "Big page"


def test_a_page_with_nothing_to_say_or_an_error_asks_for_the_card_by_hand(site, loopback_allowed):
    with pytest.raises(link_cards.LinkCardError, match="says nothing"):
        link_cards.read_card(f"{site}/nothing")
    with pytest.raises(link_cards.LinkCardError, match="answered 404"):
        link_cards.read_card(f"{site}/missing")


@pytest.mark.django_db
def test_the_desk_fills_the_social_form_from_the_address(client, live_event, site, loopback_allowed, roles):
    client.force_login(make_user("stringer", CONTRIBUTORS))
    url = f"/newsroom/events/{live_event.slug}/link-card/"
    html = client.post(url, {"prefix": "social", "social-url": f"{site}/@sam/1"}).content.decode()
    assert 'value="Sam Idris"' in html
    assert "Water is over the quay &amp; rising.</textarea>" in html
    assert "evil.example" not in html
    assert "Filled from Mastodon" in html
    html = client.post(url, {"prefix": "social", "social-url": f"{site}/nothing"}).content.decode()
    assert "Fill the card by hand." in html
    assert client.post(url, {"prefix": "../../etc", "social-url": "x"}).status_code == 400
