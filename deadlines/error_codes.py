"""The codes of the deadlines app's errors (core.errors)."""

NOT_PENDING = "deadline_not_pending"  # the deadline was met, waived or closed already
ALREADY_OPEN = "deadline_already_open"  # the same obligation is open with another due date
WAIVE_REASON_REQUIRED = "waive_reason_required"
NOT_ALLOWED = "permission_denied"  # waiving is the commission's, in its scope
