"""Long and strange text, and too many files (issue 15, "Bad input"): a megabyte in a text field,
control characters and right-to-left marks are refused or stored safely and shown escaped — in the
page, the API and the Excel export; more than 100 files in one request is refused, nothing stored.
(Oversize files, wrong types, zip bombs, ``../`` names and empty files: attachments/tests/
test_validation.py and test_views.py; NUL characters: tests/test_bad_input_routes.py.)"""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import Attachment
from directory.models import Institution

pytestmark = pytest.mark.django_db

MEGABYTE = "质" * (1024 * 1024 // 3)  # 1 MB of UTF-8
CONTROL = "九龙坡\x01区\x0b人民\x1f医院"
RIGHT_TO_LEFT = "\u202eTXT.EXE\u200f<script>alert(1)</script>"


def edit(client, institution, **changes):
    url = reverse("directory:institution_edit", args=[institution.pk])
    page = client.get(url)
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["edit_token"] = form["edit_token"].value()
    return client.post(url, {**data, **changes})


def test_a_megabyte_in_a_text_field_is_refused_with_its_limit_in_chinese(client_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    response = edit(client_of("jlp_commission"), institution, name=MEGABYTE)
    assert response.status_code == 200
    assert "100" in response.content.decode() and "字符" in response.content.decode()
    assert Institution.objects.get(pk=institution.pk).name == "九龙坡区人民医院"


def test_a_megabyte_through_the_api_is_a_400_naming_the_field(api_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    response = api_of("jlp_commission").patch(
        f"/api/v1/institutions/{institution.pk}/", {"name": MEGABYTE}, format="json"
    )
    assert response.status_code == 400 and response.json()["violations"][0]["field"] == "name"


def test_a_body_over_the_request_limit_is_a_400_never_a_500(client_of, api_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    three_megabytes = MEGABYTE * 3  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
    page = edit(client_of("jlp_commission"), institution, name=three_megabytes)
    assert page.status_code == 400 and "请求格式有误" in page.content.decode()
    api = api_of("jlp_commission").patch(
        f"/api/v1/institutions/{institution.pk}/", {"name": three_megabytes}, format="json"
    )
    assert api.status_code in (400, 413) and api.json()["code"]
    assert Institution.objects.get(pk=institution.pk).name == "九龙坡区人民医院"


@pytest.mark.parametrize("name", [CONTROL, RIGHT_TO_LEFT])
def test_control_characters_and_rtl_marks_are_stored_as_typed_and_shown_escaped(client_of, name):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    client = client_of("jlp_commission")
    assert edit(client, institution, name=name).status_code == 302
    assert Institution.objects.get(pk=institution.pk).name == name
    page = client.get(reverse("directory:institution_detail", args=[institution.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    if "<script>" in name:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    api = client.get(f"/api/v1/institutions/{institution.pk}/").json()
    assert api["name"] == name  # JSON escapes control characters itself


@pytest.mark.parametrize("name", [CONTROL, RIGHT_TO_LEFT, '=HYPERLINK("http://x","点我")'])
def test_the_excel_export_carries_strange_text_as_text(user_of, name):
    import openpyxl

    from exports.models import ExportJob
    from exports.registry import get_spec
    from exports.services import export_job_run

    Institution.objects.filter(name="九龙坡区人民医院").update(name=name)
    job = ExportJob.objects.create(
        user=user_of("jlp_commission"), spec_code="institutions", title=get_spec("institutions").title
    )
    job = export_job_run(job_id=job.pk)
    assert job.status == ExportJob.Status.DONE
    workbook = openpyxl.load_workbook(io.BytesIO(job.file.read()))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    # OOXML writes a control character as _xHHHH_ (ECMA-376 22.9.2.19), which Excel reads back.
    stored = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", name)
    [cell] = [c for c in cells if c.value == stored]
    assert cell.data_type == "s"  # text, never a formula


def test_more_than_100_files_in_one_request_are_refused_and_nothing_is_stored(client_of):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    content_type = ContentType.objects.get_for_model(institution)
    url = reverse("attachments:upload", args=[content_type.pk, institution.pk])
    before = Attachment.objects.count()
    files = [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf") for n in range(101)]
    response = client_of("jlp_commission").post(url, {"kind": "practice_licence", "file": files})
    assert response.status_code == 400
    assert "请求" in response.content.decode()  # the product's own 400 page, in Chinese
    assert Attachment.objects.count() == before
