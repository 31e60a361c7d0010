from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from coverage_app import selectors
from coverage_app.languages import event_locale
from coverage_app.models import Event, Post


class EventFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        event = get_object_or_404(Event, slug=kwargs.get("slug", ""))
        with event_locale(event):  # the feed's language attribute and dates follow the event
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, slug: str) -> Event:
        return get_object_or_404(Event, slug=slug)

    def title(self, event: Event) -> str:
        return event.title

    def subtitle(self, event: Event) -> str:
        return event.standfirst

    def link(self, event: Event) -> str:
        return event.get_absolute_url()

    def items(self, event: Event) -> list[Post]:
        return selectors.posts_page(event=event)

    def item_title(self, post: Post) -> str:
        return post.title or post.published_at.strftime("%H:%M")

    def item_description(self, post: Post) -> str:
        return post.body_html

    def item_pubdate(self, post: Post):
        return post.published_at

    def item_updateddate(self, post: Post):
        return post.edited_at or post.published_at

    def item_author_name(self, post: Post) -> str:
        return post.byline
