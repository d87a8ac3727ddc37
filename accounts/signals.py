from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import SecurityEvent
from audit.services import security_event_record

from .services import login_failure_record, login_success_record


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    login_failure_record(username=credentials.get("username", ""), request=request)


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    login_success_record(user=user, request=request)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=SecurityEvent.Kind.LOGOUT, request=request, user=user)
