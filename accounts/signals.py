import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from audit.models import SecurityEvent
from audit.services import security_event_record

from .models import User
from .services import login_failure_record, login_success_record
from .sessions import LOGIN_AT_KEY, credentials_revoke


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    login_failure_record(username=credentials.get("username", ""), request=request)


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())  # the absolute timeout counts from here
    login_success_record(user=user, request=request)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=SecurityEvent.Kind.LOGOUT, request=request, user=user)


# An account disabled or its password changed ends every session and API token of the account
# (等保 2.0 8.1.4.1), whichever path changed it: the admin site, a management command, a service.
# Django's own session check logs such sessions out lazily; this deletes them and the token now.
@receiver(pre_save, sender=User)
def _note_credential_change(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._credentials_changed = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and not ({"password", "is_active"} & set(update_fields)):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    disabled = before["is_active"] and not instance.is_active
    instance._credentials_changed = disabled or before["password"] != instance.password


@receiver(post_save, sender=User)
def _revoke_on_credential_change(sender, instance, created=False, raw=False, **kwargs):
    if created or raw or not getattr(instance, "_credentials_changed", False):
        return
    instance._credentials_changed = False
    credentials_revoke(user=instance)
    security_event_record(kind=SecurityEvent.Kind.SESSIONS_ENDED, user=instance)
