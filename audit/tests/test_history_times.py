"""修改记录 shows a time as people write it, in the product's time zone (issue 8)."""

from audit.selectors import _display
from deadlines.models import Deadline


def test_a_stored_utc_time_is_shown_in_beijing_time_without_iso_marks():
    assert _display(Deadline, "due_at", "2026-12-01T03:44:00+00:00") == "2026-12-01 11:44"


def test_a_date_stays_a_date():
    assert _display(Deadline, "title", "2026-12-01") == "2026-12-01"
