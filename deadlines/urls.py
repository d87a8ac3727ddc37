from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("all/", views.deadline_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/waive/", views.waive, name="waive"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox_read_all"),
    path("inbox/<int:pk>/read/", views.inbox_read, name="inbox_read"),
    path("feed/reset/", views.feed_reset, name="feed_reset"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]

# The .ics feed: no session, the secret token in the URL is the key (tests/test_access_matrix.py).
PUBLIC_ROUTES = {"deadlines:feed"}
