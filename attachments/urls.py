app_name = "attachments"
urlpatterns: list = []
