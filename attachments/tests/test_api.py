"""REST: /api/v1/attachments/ — scoped list, multipart upload, download, delete."""

from urllib.parse import unquote

import pytest

from attachments.models import Attachment
from attachments.services import attachment_store
from audit.models import SecurityEvent
from directory.models import Institution

from . import files

# The project mounts the viewset with one router line; this urlconf does the same.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("attachments.tests.urls")]

URL = "/api/v1/attachments/"


@pytest.fixture
def hospital(world):
    return Institution.objects.get(name="九龙坡区人民医院")


@pytest.fixture
def licence(user_of, hospital):
    return attachment_store(
        file=files.upload("执业许可证.pdf", files.pdf()),
        kind="practice_licence",
        subject=hospital,
        acting_user=user_of("jlp_host"),
        sensitive=True,
    )


def post(client, hospital, name="许可证.pdf", content=None, **extra):
    return client.post(
        URL,
        {
            "file": files.upload(name, content or files.pdf()),
            "kind": "practice_licence",
            "subject_type": "directory.institution",
            "subject_id": hospital.pk,
            **extra,
        },
        format="multipart",
    )


@pytest.mark.parametrize(
    "username,sees",
    [
        ("jlp_host", True),
        ("jlp_commission", True),
        ("jlp_auditor", True),
        ("jlp_scorer", False),
        ("jn_commission", False),
    ],
)
def test_list_is_scoped(api_of, licence, username, sees):
    data = api_of(username).get(URL, {"subject_type": "directory.institution"}).json()
    assert [row["id"] for row in data["results"]] == ([licence.pk] if sees else [])


def test_list_shape_and_query_count(api_of, user_of, hospital, licence, django_assert_max_num_queries):
    for i in range(10):
        attachment_store(
            file=files.upload(f"{i}.png", files.png()),
            kind="other",
            subject=hospital,
            acting_user=user_of("jlp_host"),
        )
    client = api_of("jlp_commission")
    with django_assert_max_num_queries(6):
        data = client.get(URL, {"subject_type": "directory.institution", "subject_id": hospital.pk}).json()
    assert data["count"] == 11
    row = next(r for r in data["results"] if r["id"] == licence.pk)
    assert row["kind_label"] == "医疗机构执业许可证" and row["subject_type"] == "directory.institution"
    assert row["content_type"] == "application/pdf" and row["download_url"].endswith(
        f"/{licence.pk}/download/"
    )


def test_upload(api_of, hospital):
    response = post(api_of("jlp_host"), hospital, sensitive=True)
    assert response.status_code == 201, response.json()
    attachment = Attachment.objects.get(pk=response.json()["id"])
    assert (
        attachment.sensitive
        and attachment.institution == hospital
        and attachment.original_name == "许可证.pdf"
    )


def test_a_refused_file_answers_with_the_code_and_the_message(api_of, hospital):
    response = post(api_of("jlp_host"), hospital, name="setup.pdf", content=files.exe())
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["violations"] == [
        {
            "code": "unsupported_type",
            "article": "",
            "strictness": "",
            "field": "file",
            "message": "文件“setup.pdf”不是可接受的文件类型，"
            "只接受 PDF、PNG、JPEG、Word（.docx）和 Excel（.xlsx）文件。",
        }
    ]


@pytest.mark.parametrize(
    "username,status", [("jlp_auditor", 403), ("jlp_scorer", 404), ("jn_commission", 404)]
)
def test_upload_refused(api_of, hospital, username, status):
    assert post(api_of(username), hospital).status_code == status
    assert not Attachment.objects.exists()


def test_upload_to_an_unknown_model_is_a_404(api_of, hospital):
    response = post(api_of("admin"), hospital, subject_type="accounts.user")
    assert response.status_code == 404


def test_anonymous_is_refused(client, licence):
    from rest_framework.test import APIClient

    assert APIClient().get(URL).status_code == 401
    assert APIClient().get(f"{URL}{licence.pk}/download/").status_code == 401


@pytest.mark.parametrize(
    "username,status", [("jlp_host", 200), ("jlp_auditor", 200), ("jlp_scorer", 404), ("jn_commission", 404)]
)
def test_download(api_of, licence, username, status):
    response = api_of(username).get(f"{URL}{licence.pk}/download/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == files.pdf()
        assert unquote(response["Content-Disposition"].split("UTF-8''")[1]) == "执业许可证.pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert (
            SecurityEvent.objects.filter(
                kind="download", username=username, detail__attachment=licence.pk
            ).count()
            == 1
        )


def test_delete(api_of, licence):
    url = f"{URL}{licence.pk}/delete/"
    assert api_of("jlp_auditor").post(url, {"reason": "x"}).status_code == 403
    assert api_of("jlp_host").post(url, {}).status_code == 400
    response = api_of("jlp_host").post(url, {"reason": "换新版"})
    assert response.status_code == 200 and response.json()["deletion_reason"] == "换新版"
    assert api_of("jlp_host").get(URL).json()["count"] == 0
