"""Form widgets every app's forms share."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker, ISO dates on the wire."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
