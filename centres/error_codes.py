"""The codes of the centres app's errors (core.errors): what the API returns as ``code`` and a
client may rely on. One code per meaning — a new meaning gets a new name, a name is never reused."""

# who and what state (core.errors: NotAllowed 403, WrongState 409)
NOT_ALLOWED = "permission_denied"  # this user may not take this step here
WRONG_STATE = "wrong_state"  # the record's state does not allow the step
CHANGED_CONCURRENTLY = "changed_concurrently"  # another request decided it first (core.workflow)
RULE_VIOLATION = "rule_violation"  # the rule set in force refuses it (400, with violations)
JUSTIFICATION_REQUIRED = "justification_required"  # an in-principle rule is departed from without a reason

# missing input
REASON_REQUIRED = "reason_required"  # a reason, or a decision's reasons, must be written
COMMENTS_REQUIRED = "comments_required"
HANDLING_REQUIRED = "handling_required"
OUTCOME_REQUIRED = "outcome_required"
CAUSE_REQUIRED = "cause_required"
ARTICLE_REQUIRED = "article_required"
BASIS_REQUIRED = "basis_required"
DEADLINE_REQUIRED = "deadline_required"
LEADER_REQUIRED = "leader_required"
INCOMPLETE = "incomplete"
INVALID_VALUE = "invalid_value"
FUTURE_DATE = "future_date"

# the call and its applications
CALL_IN_PROGRESS = "call_in_progress"  # one running call per centre (a database constraint too)
CALL_NOT_OPEN = "call_not_open"
DEADLINE_PASSED = "deadline_passed"
LOCKED = "locked"  # submitted, or signed: changes only by the way back
LEADER_NOT_STAFF = "leader_not_staff"  # a leader is the host's own staff
NOT_DESIGNATION = "not_designation"
WRONG_CALL = "wrong_call"
RECUSED = "recused"
NOT_SCORABLE = "not_scorable"
NO_NOTICE = "no_notice"  # the rule set has no public notice
NOTICE_OPEN = "notice_open"
NOTICE_CLOSED = "notice_closed"
OBJECTION_OPEN = "objection_open"
OBJECTION_UPHELD = "objection_upheld"
TOO_MANY = "too_many"  # the public objection form's limit (429)
TOO_LONG = "too_long"
DUPLICATE = "duplicate"

# a centre's life after establishment
NO_ACTIVE_TERM = "no_active_term"
NO_CYCLE = "no_cycle"
NO_RULE = "no_rule"  # the rule set does not provide for this step
NO_HOST = "no_host"
CHANGE_IN_PROGRESS = "change_in_progress"
NOMINATION_PENDING = "nomination_pending"
UNKNOWN_GRADE = "unknown_grade"
SAME_HOST = "same_host"
HOST_OUT_OF_SCOPE = "host_out_of_scope"  # a receiving host outside the centre's jurisdiction
HANDOVER_IN_PROGRESS = "handover_in_progress"
UNKNOWN_ITEM = "unknown_item"
UNKNOWN_PARTY = "unknown_party"
ALREADY_SIGNED = "already_signed"
ITEMS_PENDING = "items_pending"
HOSTS_FIRST = "hosts_first"
NOT_A_SETTING = "not_a_setting"

# set-up gaps the page shows as refusals too
NO_RULESET = "no_ruleset"
CALENDAR_NOT_COVERED = "calendar_not_covered"

ALL = frozenset(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
