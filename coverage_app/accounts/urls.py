from __future__ import annotations

from django.urls import path

from coverage_app.accounts import views

# /newsroom/people/: editors manage the desk's people.
app_name = "people"
urlpatterns = [
    path("", views.people, name="people"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<int:pk>/withdraw/", views.invitation_revoke, name="invitation_revoke"),
    path("<int:pk>/role/", views.person_role, name="person_role"),
    path("<int:pk>/active/", views.person_active, name="person_active"),
    path("<int:pk>/sign-out/", views.person_sign_out, name="person_sign_out"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
