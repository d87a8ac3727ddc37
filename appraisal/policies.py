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


def may_enter_historical_grades(user, centre) -> bool:
    """Grades given before the platform are the commission's record (its own documents)."""
    return acts_for(user, centre.jurisdiction)


def may_open_centre(user, centre) -> bool:
    """The centre's appraisal page (grades, consequences, the 4-year decision): the commission, its QC
    office and auditors of the jurisdiction or above it, the host's staff, and the centre's leader —
    not an institution's scorer, whose part is the scoring form, nor another expert."""
    if not (user and user.is_authenticated):
        return False
    if user.is_sysadmin:
        return True
    if user.role in (Role.COMMISSION, Role.QC_OFFICE, Role.AUDITOR):
        return bool(user.jurisdiction_id) and centre.jurisdiction.path.startswith(user.jurisdiction.path)
    if user.role == Role.HOST_SUBMITTER:
        return bool(centre.host_id) and user.institution_id == centre.host_id
    if user.role == Role.EXPERT:
        return bool(centre.leader_id) and user.person_id == centre.leader_id
    return False


def may_report_institution_rectification(user, rectification) -> bool:
    """济南 第十二条: the evaluated institution itself (its hospital users) reports its rectification."""
    return is_staff_of(user, rectification.institution, roles=(Role.HOST_SUBMITTER, Role.INSTITUTION_SCORER))


def may_review_institution_rectification(user, rectification) -> bool:
    """The report goes to the centre (向质控中心书面报送): its host's staff accept or return it."""
    centre = rectification.evaluation.centre
    return bool(centre.host_id) and is_staff_of(user, centre.host)
