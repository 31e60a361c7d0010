from __future__ import annotations

from django.urls import path

from coverage_app import api, feeds, views

app_name = "coverage"
urlpatterns = [
    path("", views.index, name="index"),
    path("healthz", views.healthz, name="healthz"),
    path("live/<slug:slug>/", views.live_page, name="live_page"),
    path("live/<slug:slug>/embed/", views.live_embed, name="live_embed"),
    path("oembed", views.oembed, name="oembed"),
    path("live/<slug:slug>/posts/<int:pk>/", views.post_permalink, name="post_permalink"),
    path("live/<slug:slug>/feed/", feeds.EventFeed(), name="feed"),
    path("api/live/<slug:slug>/changes", views.changes, name="changes"),
    path("media/<path:path>", views.media_file, name="media_file"),
    # The API's own views read and check their path parameters, so a malformed one is a JSON 404 too.
    path("api/newsroom/openapi.json", api.openapi, name="api_openapi"),
    path("api/newsroom/events/<str:slug>/posts", api.posts_create, name="api_posts_create"),
    path("api/newsroom/posts/<str:pk>", api.post_detail, name="api_post_detail"),
    path("api/newsroom/posts/<str:pk>/<str:action>", api.post_action, name="api_post_action"),
]
