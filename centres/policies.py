"""Who may take which step of the centres workflow: one predicate per action, called alike by the
service (``require``), the view (a 404 or no form), the template (the button or not) and the API.
Rows are scoped by the querysets; these answer "may this user act here", never "may they see it".

Built on core.policies, whose rule of authority the documents app shares: a centre's steps are acts
of the commission of the centre's own jurisdiction (or its QC office where the work is the office's,
九龙坡 第三条). A commission above it oversees — it sees the district's centres — but does not act in
the district's name, just as it does not issue the district's documents (issue 8, defect 8)."""

from __future__ import annotations

from accounts.models import Role
from core.policies import acts_for, acts_for_office, is_person, is_staff_of, is_writer, oversees, require

__all__ = ["require"]


# --- the building blocks, named as the steps use them ------------------------------------------


def is_commission(user, jurisdiction) -> bool:
    """Staff of ``jurisdiction``'s own commission (or a system administrator)."""
    return acts_for(user, jurisdiction)


def is_office(user, jurisdiction) -> bool:
    """The commission of ``jurisdiction`` or its QC office (区质控办 does the selection work)."""
    return acts_for_office(user, jurisdiction)


def is_host_user(user, institution) -> bool:
    return institution is not None and is_staff_of(user, institution)


# --- setting up a centre and selecting its host ----------------------------------------------------


def may_create_centre(user, jurisdiction=None) -> bool:
    """A commission or QC office sets up centres of its own jurisdiction; without one named, whether
    the user may set up any (the form is offered)."""
    if jurisdiction is None:
        return is_writer(user) and (
            user.is_sysadmin
            or (user.role in (Role.COMMISSION, Role.QC_OFFICE) and bool(user.jurisdiction_id))
        )
    return is_office(user, jurisdiction)


def may_record_incident(user, institution=None) -> bool:
    """A commission puts a serious incident on record for an institution it oversees."""
    if not is_writer(user) or not (user.is_sysadmin or user.role == Role.COMMISSION):
        return False
    return institution is None or user.is_sysadmin or oversees(user, institution.jurisdiction)


def may_see_incidents(user) -> bool:
    return bool(user.is_authenticated and (user.is_sysadmin or user.role in (Role.COMMISSION, Role.AUDITOR)))


def may_publish_call(user, centre) -> bool:
    return is_commission(user, centre.jurisdiction) and centre.status in ("preparing", "reselecting")


def may_close_call(user, call) -> bool:
    return is_office(user, call.centre.jurisdiction)


def may_form_panel(user, call) -> bool:
    return is_office(user, call.centre.jurisdiction)


def may_apply(user, institution=None) -> bool:
    """A hospital's submitter fills its own institution's application."""
    return bool(user.is_authenticated and user.institution_id) and is_host_user(
        user, institution or user.institution
    )


def may_preliminary_review(user, application, ruleset) -> bool:
    """济南 第五条: hospitals under a district bureau are reviewed by it first;
    九龙坡 第十八条（1）: the office."""
    by = (
        ruleset.value("application.preliminary_review_by")
        if ruleset.has("application.preliminary_review_by")
        else "qc_office"
    )
    centre = application.call.centre
    if by == "district_bureau" and application.institution.jurisdiction_id != centre.jurisdiction_id:
        return is_writer(user) and (
            user.is_sysadmin
            or (user.role == Role.DISTRICT_REVIEWER and oversees(user, application.institution.jurisdiction))
        )
    return is_office(user, centre.jurisdiction)


def may_see_ranking(user, call) -> bool:
    """The reviewers' scores and ranking: the office doing the selection, and the commissions that
    oversee it (a read, not an act); not the applicants, the reviewers or an auditor."""
    if not user.is_authenticated:
        return False
    return user.is_sysadmin or (
        user.role in (Role.COMMISSION, Role.QC_OFFICE) and oversees(user, call.centre.jurisdiction)
    )


def may_score(user, member) -> bool:
    """Only the reviewer themself scores, or declares a conflict."""
    return is_person(user, member.person)


def may_decide(user, centre) -> bool:
    """The commission's own decisions on a centre: select, designate, publish the notice, handle an
    objection, establish, approve a leader, reselect the host, decide at the end of a term,
    dissolve, open a handover."""
    return is_commission(user, centre.jurisdiction)


# --- a centre's life after establishment -------------------------------------------------------------


def may_vacate(user, centre) -> bool:
    return is_commission(user, centre.jurisdiction) or bool(
        centre.host_id and is_host_user(user, centre.host)
    )


def may_nominate(user, centre) -> bool:
    return bool(centre.host_id) and is_host_user(user, centre.host)


def may_set_handover_deadline(user, jurisdiction=None) -> bool:
    if jurisdiction is None:
        return is_writer(user) and (user.is_sysadmin or user.role == Role.COMMISSION)
    return is_commission(user, jurisdiction)


def handover_party(user, handover) -> str | None:
    """Which of the three signatories the user is: "from", "to", "commission", or None."""
    if is_host_user(user, handover.from_host):
        return "from"
    if is_host_user(user, handover.to_host):
        return "to"
    if is_commission(user, handover.centre.jurisdiction):
        return "commission"
    return None
