"""The codes of the directory app's errors (core.errors)."""

OUTSIDE_JURISDICTION = "outside_jurisdiction"  # an institution registered outside the user's area
FIELDS_NOT_EDITABLE = "fields_not_editable"  # fields this user may not change
