"""Every error code the data-governance services raise, once each (core/errors.py)."""

# resources
RESOURCE_CODE_TAKEN = "dg_resource_code_taken"  # another resource of the commission has that number
DATASET_UNKNOWN = "dg_dataset_unknown"  # a dataset resource names no registered dataset
# use requests
NOT_DRAFT = "dg_request_not_draft"  # only a draft can be changed or submitted
PERIOD_INVALID = "dg_period_invalid"  # end before start, or a start in the past
NO_USERS = "dg_no_users"  # a request names nobody
NO_RESOURCES = "dg_no_resources"  # a request names no resource
USER_NOT_OF_CENTRE = "dg_user_not_of_centre"  # a named user is not of the centre (host staff or leader)
RESOURCE_NOT_OWNED = "dg_resource_not_owned"  # a resource of another commission
NON_QC_PURPOSE = "dg_non_qc_purpose"  # 第十六条（二） / 第十五条: not quality-control work
LETTER_MISSING = "dg_commitment_letter_missing"  # 第十六条（二）: the signed commitment letter first
ENDORSEMENT_REQUIRED = "dg_endorsement_required"  # 第十六条（五）: the chair endorses first
REASON_REQUIRED = "dg_reason_required"  # a refusal, narrowing or revocation gives its reasons
NARROWING_NOT_NARROWER = "dg_narrowing_not_narrower"  # a narrowing must ask less, never more
JUDGEMENT_REQUIRED = "dg_qc_judgement_required"  # the commission writes its judgement of the purpose
NO_ENDORSEMENT_STEP = "dg_no_endorsement_step"  # the rule set has no chair endorsement (济南)
ALREADY_CLOSED = "dg_grant_closed"  # the grant's use was already confirmed over (or it was revoked)
# access
NO_GRANT = "dg_no_grant"  # not named on a current grant for the resource
GRANT_EXPIRED = "dg_grant_expired"  # the grant's end date has passed
GRANT_REVOKED = "dg_grant_revoked"  # the grant was revoked
GRANT_NOT_STARTED = "dg_grant_not_started"  # before the grant's start date
NOT_GRANTED_RESOURCE = "dg_resource_not_in_grant"  # the grant does not cover this resource
NOT_GRANTED_USER = "dg_user_not_in_grant"  # the grant does not name this user
SENSITIVE_OUTSIDE_GRANT = "dg_sensitive_outside_grant"  # a sensitive resource is only exported under a grant
NO_DATA = "dg_no_data"  # the resource holds nothing to export
UNSUPPORTED_FILE = "dg_unsupported_file"  # only Excel and PDF files can carry the marks
# publications
CHECKS_PENDING = "dg_checks_pending"  # 第十六条（四） / 第十四条 items not yet confirmed
HITS_OPEN = "dg_scan_hits_open"  # the scan's hits must all be resolved
HITS_CONFIRMED = "dg_scan_hits_confirmed"  # personal data confirmed: fix the manuscript first
MANUSCRIPT_MISSING = "dg_manuscript_missing"  # nothing to scan
COMMITTEE_REQUIRED = "dg_committee_required"  # 第十六条（四）: the committee before the commission
NOT_SCANNED = "dg_not_scanned"  # the current manuscript has not been scanned
UNKNOWN_CHECK = "dg_unknown_check"
# transfers
TRANSFER_INCOMPLETE = "dg_transfer_incomplete"  # recipient, data, purpose and safeguards all needed
# handover
NO_HANDOVER_ITEM = "dg_no_handover_item"  # the rule set lists no such data item
