from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from coverage_app.accounts import views as account_views
from coverage_app.ops import views as ops_views

# The admin has no sign-in form of its own: it sends people to the newsroom's, where the sign-in
# lock and the second factor apply, so no door skips them.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsroom/people/", include("coverage_app.accounts.urls")),
    path("newsroom/events/<slug:slug>/readers/", ops_views.readers_now, name="readers_now"),
    path("newsroom/", include("coverage_app.newsroom.urls")),
    path("accounts/invitations/<str:token>/", account_views.invitation_accept, name="invitation_accept"),
    path("accounts/", include("allauth.urls")),
    path("metrics", ops_views.metrics_page, name="metrics"),
    path("", include("coverage_app.urls")),
]
# Media are never served as a folder: coverage_app.views.media_file checks each file's post.
