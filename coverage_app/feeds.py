"""The Atom feed: each entry carries the whole post as readers see it (quotes, media, social cards,
corrections), rendered from the page's own fragment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed

from coverage_app import selectors
from coverage_app.languages import event_locale
from coverage_app.models import Event, Post


class EventFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        event = get_object_or_404(Event.objects.readable(), slug=kwargs.get("slug", ""))
        with event_locale(event):  # the feed's language attribute and dates follow the event
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, slug: str) -> Event:
        event = get_object_or_404(Event.objects.readable(), slug=slug)
        # Entries are read away from the site: their pictures and links need absolute addresses.
        event.feed_base = request.build_absolute_uri("/")
        return event

    def title(self, event: Event) -> str:
        return event.title

    def subtitle(self, event: Event) -> str:
        return event.standfirst

    def link(self, event: Event) -> str:
        return event.get_absolute_url()

    def items(self, event: Event) -> list[Post]:
        posts = selectors.posts_page(event=event)
        for post in posts:
            post.feed_base = event.feed_base
        return posts

    def item_title(self, post: Post) -> str:
        return post.title or post.published_at.astimezone(post.event.tz).strftime("%H:%M %Z")

    def item_description(self, post: Post) -> str:
        # Feed readers show this as the entry's content: the body and everything shown with it.
        return render_to_string("coverage_app/_feed_entry.html", {"post": post}).strip()

    def item_pubdate(self, post: Post) -> datetime:
        return post.published_at

    def item_updateddate(self, post: Post) -> datetime:
        return post.edited_at or post.published_at

    def item_author_name(self, post: Post) -> str:
        return post.byline_name

    def item_categories(self, post: Post) -> list[str]:
        return ["Key event"] if post.is_key_event else []
