"""Who may act in the experts app: one predicate per action, used by the service, the view, the
template and the API (core.policies)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.policies import acts_for, acts_for_office, is_person, is_staff_of, is_writer, require  # noqa: F401


def _host_staff(user, committee) -> bool:
    host = committee.centre.host
    return host is not None and is_staff_of(user, host)


# --- committees ---


def may_create_committee(user, centre) -> bool:
    return (centre.host is not None and is_staff_of(user, centre.host)) or acts_for_office(
        user, centre.jurisdiction
    )


KEEPERS_ONLY = _("只有挂靠单位或质控办可以编辑委员会名单、记录会议和办理任期内变更。")


def roster_keeper(user, committee) -> bool:
    """Who keeps a committee's roster, whatever its state: the host's staff or the office of the
    centre's jurisdiction (the draft, the meetings, the changes during the term). Anyone else who
    sees the committee is refused these actions outright (403), before any form is read."""
    return _host_staff(user, committee) or acts_for_office(user, committee.centre.jurisdiction)


def may_edit_roster(user, committee) -> bool:
    """The host builds the roster (or the office for it)."""
    return committee.editable and roster_keeper(user, committee)


def roster_submitter(user, committee) -> bool:
    """Who submits a roster, whatever its state (the host's staff; a system administrator)."""
    return _host_staff(user, committee) or (is_writer(user) and user.is_sysadmin)


def may_submit_roster(user, committee) -> bool:
    return committee.editable and roster_submitter(user, committee)


def may_decide_roster(user, committee) -> bool:
    """The commission approves or returns (its own staff; a commission above only oversees)."""
    return acts_for(user, committee.centre.jurisdiction)


def may_change_members(user, committee) -> bool:
    """Changes during the term: the host proposes (chair replacement, withdrawals it reports), the
    office and commission record them."""
    return committee.status == committee.Status.APPROVED and roster_keeper(user, committee)


def may_remove_member(user, committee) -> bool:
    """A removal is decided by the commission, with a decision document (九龙坡 第二十三条, 济南 第十八条)."""
    return committee.status == committee.Status.APPROVED and acts_for(user, committee.centre.jurisdiction)


def may_record_meeting(user, committee) -> bool:
    return committee.status == committee.Status.APPROVED and roster_keeper(user, committee)


def may_request_letters(user, committee) -> bool:
    """The members' letters (聘书) of an approved roster: the commission of the centre's jurisdiction
    (whose approval is the consent), its QC office, or the host's staff."""
    return committee.status == committee.Status.APPROVED and roster_keeper(user, committee)


# --- duty hours ---


def may_record_duty(user, person) -> bool:
    return is_person(user, person)


def _secretary(user, *, jurisdiction, centre=None, library=None) -> bool:
    """The centre's secretary: the host's staff for a centre, the office of the jurisdiction."""
    if centre is not None and centre.host is not None and is_staff_of(user, centre.host):
        return True
    return acts_for_office(user, jurisdiction)


def may_confirm_duty(user, log) -> bool:
    """The secretary, never for their own hours (a host's staff who also sits on the committee)."""
    if is_person(user, log.person):
        return False
    return _secretary(user, jurisdiction=log.jurisdiction, centre=log.centre, library=log.library)


def may_create_activity(user, *, jurisdiction, centre=None, library=None) -> bool:
    return _secretary(user, jurisdiction=jurisdiction, centre=centre, library=library)


# --- library ---


def may_apply(user, person) -> bool:
    """The expert applies; an institution recommends its staff; the office enters a recommendation."""
    if is_person(user, person):
        return True
    if person.employer_id and is_staff_of(user, person.employer):
        return True
    return (
        is_writer(user)
        and user.role in (Role.COMMISSION, Role.QC_OFFICE)
        or (user.is_authenticated and user.is_sysadmin)
    )


def may_review_local(user, application) -> bool:
    """A regional or district centre (its office, or the district's reviewer) reviews its candidates."""
    return application.jurisdiction_id != application.library.jurisdiction_id and acts_for(
        user, application.jurisdiction, roles=(Role.COMMISSION, Role.QC_OFFICE, Role.DISTRICT_REVIEWER)
    )


def may_review_city(user, application) -> bool:
    return acts_for_office(user, application.library.jurisdiction)


def may_approve_library(user, library) -> bool:
    return acts_for(user, library.jurisdiction)


def may_appoint(user, library) -> bool:
    """The city centre issues the appointment (重庆全科 二、(二)3.: 由市级中心正式发文聘任)."""
    return acts_for_office(user, library.jurisdiction)


def may_edit_registry(user, expert) -> bool:
    return expert.status != expert.Status.EXITED and is_person(user, expert.person)


def may_decide_exit(user, expert) -> bool:
    return acts_for_office(user, expert.library.jurisdiction)


def may_grade(user, library) -> bool:
    return acts_for_office(user, library.jurisdiction)


# --- conflicts ---


def may_declare(user, person) -> bool:
    return is_person(user, person)
