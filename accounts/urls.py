from django.contrib.auth import views as auth_views
from django.urls import path

from .views import LoginView, lockouts, otp_setup, otp_users, otp_verify

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("lockouts/", lockouts, name="lockouts"),
    path("2fa/verify/", otp_verify, name="otp_verify"),
    path("2fa/setup/", otp_setup, name="otp_setup"),
    path("2fa/users/", otp_users, name="otp_users"),
]

# Routes anyone may reach without logging in (tests/test_access_matrix.py checks every other route
# sends an anonymous user to the login page, or answers 401 on the API).
PUBLIC_ROUTES = {"login", "logout"}
