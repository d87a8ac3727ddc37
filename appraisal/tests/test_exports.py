"""The appraisal's Excel lists: what each user may see, written by the exports writer."""

import io

import openpyxl
import pytest

from appraisal import services
from exports.registry import get_spec
from exports.writer import write_export

from .test_flow import WEIGHTS, open_year

pytestmark = pytest.mark.django_db


def _sheet(code, user, filters=None):
    out = io.BytesIO()
    n = write_export(spec=get_spec(code), user=user, filters=filters or {}, output=out)
    out.seek(0)
    book = openpyxl.load_workbook(out)
    return n, book.worksheets[-1]


def test_scores_by_centre_and_criterion_for_the_office_never_for_a_scorer(u, jlp_centres):
    y = open_year(u)
    scorer = u("jlp_scorer")
    inv = y.invitations.get(institution=scorer.institution)
    a = y.assessments.get(centre=jlp_centres[0])
    services.score_save(invitation=inv, assessment=a, scores={k: 88 for k in WEIGHTS}, acting_user=scorer)
    n, sheet = _sheet("appraisal_scores", u("jlp_qc_office"))
    assert n == 3
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert jlp_centres[0].name in values and "九龙坡区中医院" in values
    assert _sheet("appraisal_scores", scorer)[0] == 0
    assert _sheet("appraisal_scores", u("jn_qc_office"))[0] == 0


def test_grades_and_consequences_lists(u, jlp_centres):
    from .factories import graded

    a = graded(jlp_centres[0], 2025, "fail")
    services.consequence_issue(assessment=a, acting_user=u("jlp_commission"))
    assert _sheet("appraisal_grades", u("jlp_auditor"), {"year": "2025"})[0] == 1
    n, sheet = _sheet("appraisal_consequences", u("jlp_commission"))
    assert n == 1 and "第二十二条（二）" in [c.value for row in sheet.iter_rows() for c in row]
    assert _sheet("appraisal_consequences", u("jn_commission"))[0] == 0
