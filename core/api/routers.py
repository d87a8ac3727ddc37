"""The API's router: an object id in an API URL is what Django's ``<int:…>`` converter accepts on
the web pages — ASCII digits only — so "abc", "³" or "٣" never reach a view (404, like the web).
A viewset whose lookup is not an integer declares its own ``lookup_value_regex``."""

from django.urls.converters import IntConverter
from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._default_value_pattern = IntConverter.regex if self._use_regex else "int"
