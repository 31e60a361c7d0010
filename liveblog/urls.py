from __future__ import annotations

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsroom/", include("coverage_app.newsroom.urls")),
    path("", include("coverage_app.urls")),
]
if settings.DEBUG or settings.LOCAL:
    # One machine (the demo) serves its uploads itself; production's proxy serves /media/.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        )
    ]
