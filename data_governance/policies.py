"""Who may take each data-governance action (core/policies.py). The service, the view, the
template and the API call the same predicate; rows are scoped by the querysets."""

from __future__ import annotations

from accounts.models import Role
from core.policies import acts_for, acts_for_office, is_person, is_staff_of, oversees, require  # noqa: F401


def is_chair(user, centre) -> bool:
    """The centre's leader (主任委员), first responsible person for data security (九龙坡 第十六条（五）)."""
    return centre.leader_id is not None and is_person(user, centre.leader)


def of_centre(user, centre) -> bool:
    """Someone who acts for the centre: staff of its host, or its leader."""
    return (centre.host_id is not None and is_staff_of(user, centre.host)) or is_chair(user, centre)


def may_register_resource(user, jurisdiction) -> bool:
    return acts_for_office(user, jurisdiction)


def may_request(user, centre) -> bool:
    return of_centre(user, centre)


def may_edit_request(user, request) -> bool:
    return request.status == request.Status.DRAFT and of_centre(user, request.centre)


def may_withdraw_request(user, request) -> bool:
    """The centre's people withdraw a request before a decision; the chair, once it is submitted to
    them, does not withdraw someone else's request: they refuse it, with reasons (第十六条（五））."""
    if request.status not in (request.Status.DRAFT, request.Status.SUBMITTED) or not of_centre(
        user, request.centre
    ):
        return False
    return not (
        request.status == request.Status.SUBMITTED
        and is_chair(user, request.centre)
        and request.applicant_id != user.pk
    )


def may_endorse(user, request) -> bool:
    return is_chair(user, request.centre)


def may_decide_request(user, request) -> bool:
    return acts_for(user, request.centre.jurisdiction)


def may_revoke(user, grant) -> bool:
    return acts_for(user, grant.centre.jurisdiction)


def may_read_log(user, jurisdiction) -> bool:
    """The commission, its office and auditors of the jurisdiction or above (read and export only)."""
    return bool(user.is_authenticated) and (
        user.is_sysadmin
        or (user.role in (Role.COMMISSION, Role.QC_OFFICE, Role.AUDITOR) and oversees(user, jurisdiction))
    )


def may_submit_publication(user, review) -> bool:
    return of_centre(user, review.centre)


def may_record_committee(user, review) -> bool:
    """The chair records the committee's decision (the committee deliberates, 第十六条（四）)."""
    return is_chair(user, review.centre)


def may_confirm_check(user, review) -> bool:
    return is_chair(user, review.centre) or acts_for_office(user, review.centre.jurisdiction)


def may_decide_publication(user, review) -> bool:
    return acts_for(user, review.centre.jurisdiction)


def may_request_transfer(user, centre) -> bool:
    return of_centre(user, centre)


def may_decide_transfer(user, transfer) -> bool:
    return acts_for(user, transfer.centre.jurisdiction)
