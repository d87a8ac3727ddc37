"""Who may take each appraisal action: one predicate per action, used by the service, the view,
the template and the API (core/policies.py states the authority rule)."""

from __future__ import annotations

from accounts.models import Role
from core.policies import acts_for, acts_for_office, is_staff_of, require  # noqa: F401


def may_manage_year(user, year) -> bool:
    """The office (or the commission) opens the year, sets criteria, invites, proposes grades."""
    return acts_for_office(user, year.jurisdiction)


def may_open_year(user, jurisdiction) -> bool:
    return acts_for_office(user, jurisdiction)


def may_confirm_grades(user, year) -> bool:
    """The commission itself confirms the grades and publishes them."""
    return acts_for(user, year.jurisdiction)


def may_score(user, invitation) -> bool:
    """The invited institution's scorer."""
    return is_staff_of(user, invitation.institution, roles=(Role.INSTITUTION_SCORER,))


def may_self_report(user, assessment) -> bool:
    return bool(assessment.centre.host_id) and is_staff_of(user, assessment.centre.host)


def may_record_condition(user, assessment) -> bool:
    return acts_for_office(user, assessment.year.jurisdiction)


def may_act_on_consequence(user, consequence) -> bool:
    return acts_for(user, consequence.centre.jurisdiction)


def may_report_rectification(user, consequence) -> bool:
    return bool(consequence.centre.host_id) and is_staff_of(user, consequence.centre.host)


def may_review_rectification(user, consequence) -> bool:
    return acts_for_office(user, consequence.centre.jurisdiction)


def may_record_finding(user, centre) -> bool:
    """A finding of a prohibited act, and the dissolution it leads to, is the commission's."""
    return acts_for(user, centre.jurisdiction)


def may_record_duty(user, centre) -> bool:
    return bool(centre.host_id) and is_staff_of(user, centre.host)


def may_review_duty(user, centre) -> bool:
    return acts_for_office(user, centre.jurisdiction)


def may_decide_term(user, centre) -> bool:
    return acts_for(user, centre.jurisdiction)
