"""The experts app's part in the centres workflow (centres/signals.py)."""

from django.dispatch import receiver

from centres.signals import centre_dissolved, reviewer_conflicts

from . import selectors, services


@receiver(centre_dissolved, dispatch_uid="experts.committee_dissolved_with_centre")
def committee_dissolved_with_centre(sender, *, centre, dissolution, acting_user, **kwargs):
    services.committee_dissolve_for_centre(centre=centre, reason=dissolution.reason, acting_user=acting_user)


@receiver(reviewer_conflicts, dispatch_uid="experts.reviewer_conflicts")
def reviewer_conflicts_of(sender, *, person, institution, on, **kwargs) -> list[str]:
    reasons = selectors.conflicted(person, institution, on=on)
    if not selectors.is_assignable(person, on=on):
        reasons.append("已退出专家库，不得再承担评审工作")
    return reasons
