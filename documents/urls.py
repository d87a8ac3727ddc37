from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("notice/new/", views.notice_issue, name="notice_issue"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/status/", views.document_status, name="status"),
    path("<int:pk>/pdf/", views.document_download, name="download"),
    path("<int:pk>/reissue/", views.document_reissue, name="reissue"),
    path("<int:pk>/retry/", views.document_retry, name="retry"),
]
