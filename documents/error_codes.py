"""The codes of the documents app's errors (core.errors)."""

NOT_ALLOWED = "permission_denied"  # who may issue: not this user, not under this issuer
RULE_VIOLATION = "rule_violation"  # the rule set in force refuses the issue
NOT_FAILED = "document_not_failed"  # only a failed rendering is rendered again
CHANGED = "document_changed"  # another request changed the document first
SUPERSEDED = "document_superseded"  # a re-issue is made from the latest version
