from __future__ import annotations

from allauth.account import views as account_views
from django.urls import path

from coverage_app.newsroom import views

app_name = "newsroom"
urlpatterns = [
    path("", views.home, name="home"),
    # allauth's sign-in: the lock (django-axes) and second factors (allauth.mfa) apply to it.
    path("login/", account_views.login, name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("signed-in/", views.signed_in, name="signed_in"),
    path("profile/", views.profile, name="profile"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<slug:slug>/", views.desk, name="desk"),
    path("events/<slug:slug>/presence/", views.presence, name="presence"),
    path("events/<slug:slug>/posts/<int:pk>/publish/", views.post_publish_saved, name="post_publish_saved"),
    path("events/<slug:slug>/posts/<int:pk>/send-back/", views.post_send_back, name="post_send_back"),
    path("events/<slug:slug>/posts/", views.post_create, name="post_create"),
    path("events/<slug:slug>/posts/<int:pk>/edit/", views.post_update, name="post_update"),
    path("events/<slug:slug>/posts/<int:pk>/delete/", views.post_remove, name="post_remove"),
    path("events/<slug:slug>/posts/<int:pk>/pin/", views.post_toggle_pin, name="post_toggle_pin"),
    path("events/<slug:slug>/coverage/", views.coverage_change, name="coverage_change"),
    path("events/<slug:slug>/key-points/", views.key_points_update, name="key_points_update"),
    path("events/<slug:slug>/link-card/", views.link_card, name="link_card"),
    path("events/<slug:slug>/autosave/", views.composer_autosave, name="composer_autosave"),
    path("events/<slug:slug>/autosave/picture/", views.composer_keep_picture, name="composer_keep_picture"),
]
