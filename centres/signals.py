"""What the centres workflow announces, so the apps built on it (experts, data governance) act in
the same transaction without centres importing them. Each is sent by the one centres service that
takes the step — the only path.

- ``centre_dissolved(centre, dissolution, acting_user)`` — 解除挂靠: the experts app dissolves the
  centre's committees with it (九龙坡 第二十五条).
- ``handover_completed(handover, acting_user)`` — the third signature: the data-governance app ends
  the grants of the old host's people (九龙坡 第二十四条).
- ``reviewer_conflicts(person, institution, on)`` — asked when an expert is put on a panel for an
  institution's application: each receiver returns the reasons the expert must stand aside
  (declared interests, an exit from the expert library); the panel records them as a recusal.
"""

from django.dispatch import Signal

centre_dissolved = Signal()
handover_completed = Signal()
reviewer_conflicts = Signal()


def conflicts_of(person, institutions, *, on) -> list[str]:
    """Every reason any app gives why ``person`` may not review the applications of
    ``institutions`` on ``on``."""
    reasons = []
    for institution in institutions:
        answers = reviewer_conflicts.send(sender=None, person=person, institution=institution, on=on)
        for _receiver, found in answers:
            reasons += [r for r in found or () if r not in reasons]
    return reasons
