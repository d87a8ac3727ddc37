from django.core.exceptions import PermissionDenied

from .models import SecurityEvent
from .services import security_event_record


class PermissionRefusalMiddleware:
    """Records every PermissionDenied a view raises (等保 2.0: 越权访问应被记录)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            security_event_record(kind=SecurityEvent.Kind.REFUSED, request=request, reason=str(exception))
        return None
