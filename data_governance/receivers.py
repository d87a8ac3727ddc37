"""The data-governance app's part in the centres workflow (centres/signals.py)."""

from django.dispatch import receiver

from centres.signals import handover_completed

from . import services


@receiver(handover_completed, dispatch_uid="data_governance.grants_end_at_handover")
def grants_end_at_handover(sender, *, handover, acting_user, **kwargs):
    """The old host's people lose their grants when the handover completes (九龙坡 第二十四条)."""
    services.grants_end_for_handover(handover=handover, acting_user=acting_user)
