from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsroom/", include("coverage_app.newsroom.urls")),
    path("", include("coverage_app.urls")),
]
# Media are never served as a folder: coverage_app.views.media_file checks each file's post.
