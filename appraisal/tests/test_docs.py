import re
from pathlib import Path

from django.conf import settings

from appraisal.models import (
    AssessmentYear,
    CentreAssessment,
    Consequence,
    DutyRecord,
    InstitutionRectification,
    ScoringInvitation,
)


def test_docs_diagrams_match_the_code():
    """docs/appraisal.md draws every declared edge of the six state machines, and no other."""
    text = Path(settings.BASE_DIR, "docs", "appraisal.md").read_text()
    blocks = dict(re.findall(r"### (\w+)[^\n]*\n\n```mermaid\n(.*?)```", text, re.DOTALL))
    for model in (
        AssessmentYear,
        ScoringInvitation,
        CentreAssessment,
        Consequence,
        DutyRecord,
        InstitutionRectification,
    ):
        field = model._meta.get_field("status")
        declared = {f"{t.source} --> {t.target} : {t.name}" for t in field.get_all_transitions(model)}
        drawn = {line.strip() for line in blocks[model.__name__].splitlines() if " : " in line}
        assert drawn == declared, model.__name__
        assert f"[*] --> {field.default}" in blocks[model.__name__]
