"""Issue 15 (PIPL; 等保 2.0 个人信息保护): identity numbers and mobiles are masked in HTML, the API and
Excel for every role that may not see them (``accounts.models.IDENTITY_ROLES``: the commission, the
QC office, the administrator — and a person their own record).

- the role × field × channel matrix, declared below, on one person every role can see;
- every Excel list (every registered ``ExportSpec``) as every role: no full identity number or
  mobile of anyone but the user themself in any cell — so a new app's export that forgets
  ``sensitive=`` on a column fails here;
- every page and API answer of the role matrix (tests/test_role_matrix.py) is checked the same way
  there, for each role that may not see them.
"""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from directory.models import Person
from exports.registry import all_specs
from exports.writer import write_export

pytestmark = pytest.mark.django_db

PERSON = "张建国"  # a 九龙坡 doctor: visible to every 九龙坡 role; the demo expert jlp_expert is him

# role → (identity number, mobile) shown in full? The rest see them masked.
MATRIX = {
    "admin": (True, True),
    "jlp_commission": (True, True),
    "jlp_qc_office": (True, True),
    "jlp_host": (False, False),
    "jlp_auditor": (False, False),
    "jlp_expert": (True, True),  # his own record (the lists and Excel mask it by role all the same)
    "cq_commission": (True, True),  # the city above 九龙坡
    "cq_auditor": (False, False),
}
CHANNELS = ("html_detail", "html_list", "api_detail", "api_list", "excel")


def _body(client, channel, person) -> str:
    if channel == "html_detail":
        return client.get(reverse("directory:person_detail", kwargs={"pk": person.pk})).content.decode()
    if channel == "html_list":
        return client.get(reverse("directory:person_list"), {"q": person.name}).content.decode()
    if channel == "api_detail":
        return client.get(f"/api/v1/people/{person.pk}/").content.decode()
    if channel == "api_list":
        return client.get("/api/v1/people/", {"q": person.name}).content.decode()
    raise AssertionError(channel)


def _excel_text(user, code, filters=None) -> str:
    spec = next(s for s in all_specs() if s.code == code)
    out = io.BytesIO()
    write_export(spec=spec, user=user, filters=filters or {}, output=out)
    out.seek(0)
    book = load_workbook(out, read_only=True)
    return "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell
    )


@pytest.mark.parametrize("username", MATRIX)
@pytest.mark.parametrize("channel", CHANNELS)
def test_role_by_field_masking_matrix(world, client_of, username, channel):
    person = Person.objects.get(name=PERSON)
    assert person.id_number and person.mobile
    user = User.objects.get(username=username)
    if channel == "excel":
        text = _excel_text(user, "people")
    else:
        text = _body(client_of(username), channel, person)
    assert person.name in text, f"{username} cannot see {PERSON} on {channel}"
    full_id, full_mobile = MATRIX[username]
    shows_id, shows_mobile = person.id_number in text, person.mobile in text
    if channel in ("html_list", "excel"):  # the lists mask by role only, the person's own row too
        full_id = full_mobile = user.may_see_identity
    if channel == "html_list":  # no identity number column
        assert not shows_id
    else:
        assert shows_id == full_id, (username, channel, "identity number")
        if not full_id:
            assert person.masked_id_number in text
    assert shows_mobile == full_mobile, (username, channel, "mobile")
    if not full_mobile:
        assert person.masked_mobile in text


def identity_pattern(exclude_person_id=None):
    """A regex of every person's full identity number and mobile (but ``exclude_person_id``'s)."""
    values = set()
    for pk, id_number, mobile in Person.objects.values_list("pk", "id_number", "mobile"):
        if pk != exclude_person_id:
            values.update(v for v in (id_number, mobile) if v)
    return re.compile("|".join(sorted(map(re.escape, values), key=len, reverse=True))) if values else None


# Every role that may not see them, one user each (an expert sees only their own).
UNMASKED_NEVER = ["jlp_host", "jlp_scorer", "jlp_expert", "jlp_auditor", "cq_auditor", "jn_district_reviewer"]


@pytest.mark.parametrize("username", UNMASKED_NEVER)
def test_no_excel_list_shows_an_identity_number_or_mobile_to_a_role_that_may_not_see_them(world, username):
    user = User.objects.get(username=username)
    assert not user.may_see_identity
    pattern = identity_pattern(exclude_person_id=user.person_id)
    leaks = {}
    for spec in all_specs():
        found = pattern.findall(_excel_text(user, spec.code))
        if found:
            leaks[spec.code] = found[:3]
    assert leaks == {}
