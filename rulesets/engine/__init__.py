"""The rule engine: every workflow asks these functions whether something is allowed.

Checks return lists of :class:`Violation` (never raise for a rule breach); questions with more
than a yes/no answer return a :class:`Decision`. See docs/rule-engine.md.
"""

from .appraisal import retention_proposal, yearly_consequence
from .cases import CaseError, evaluate_case
from .committee import check_chair, check_committee, check_member, check_roster
from .duties import check_duties
from .experts import check_duty_hours, check_grade_shares
from .host import check_host
from .inputs import Ban, Committee, HostApplicant, Incident, Member
from .violations import Decision, Violation

__all__ = [
    "Ban",
    "CaseError",
    "Committee",
    "Decision",
    "HostApplicant",
    "Incident",
    "Member",
    "Violation",
    "check_chair",
    "check_committee",
    "check_duties",
    "check_duty_hours",
    "check_grade_shares",
    "check_host",
    "check_member",
    "check_roster",
    "evaluate_case",
    "retention_proposal",
    "yearly_consequence",
]
