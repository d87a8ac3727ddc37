"""The traced file's notice — not to be passed to a third party without the commission's consent —
cites the third-party clause (九龙坡 第十六条（三）), not the access-control one (第十六条（二）)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from data_governance import services

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_the_cover_sheets_notice_cites_the_third_party_clause(u):
    resource = ResourceFactory(classification="internal")
    _name, data, _, _trace = services.resource_export(resource=resource, acting_user=u("jlp_commission"))
    cover = openpyxl.load_workbook(io.BytesIO(data))["封面"]
    notice = next(row[1] for row in cover.iter_rows(values_only=True) if row[0] == "使用要求")
    assert "第三方" in notice and "第十六条（三）" in notice
