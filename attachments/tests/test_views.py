"""The browser: the institution page's attachments section, upload, download, delete — and who
may do which."""

import re
from urllib.parse import unquote

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from attachments.models import Attachment
from attachments.services import attachment_store
from audit.models import SecurityEvent
from directory.models import Institution

from . import files

pytestmark = pytest.mark.django_db

CHINESE_NAME = "九龙坡区人民医院 执业许可证（2026年校验）.pdf"


@pytest.fixture
def hospital(world):
    return Institution.objects.get(name="九龙坡区人民医院")


@pytest.fixture
def licence(user_of, hospital):
    return attachment_store(
        file=files.upload(CHINESE_NAME, files.pdf()),
        kind="practice_licence",
        subject=hospital,
        acting_user=user_of("jlp_host"),
    )


def upload_url(subject):
    return reverse("attachments:upload", args=[ContentType.objects.get_for_model(subject).pk, subject.pk])


def detail_url(institution):
    return reverse("directory:institution_detail", args=[institution.pk])


@pytest.mark.parametrize(
    "username,status",
    [
        ("jlp_host", 200),  # the hospital's own user
        ("jlp_commission", 200),  # the commission of its jurisdiction
        ("cq_qc_office", 200),  # the municipality above it
        ("jlp_auditor", 200),  # auditors read and download
        ("admin", 200),
        ("jlp_scorer", 404),  # another hospital in the same district
        ("jn_commission", 404),  # another province
        ("jlp_expert", 404),  # an expert: not their own record
    ],
)
def test_who_may_download(client_of, licence, username, status):
    response = client_of(username).get(reverse("attachments:download", args=[licence.pk]))
    assert response.status_code == status
    if status == 404:
        assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.REFUSED, username=username).exists()


def test_anonymous_download_goes_to_login(client, licence):
    response = client.get(reverse("attachments:download", args=[licence.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_download_streams_the_file_as_an_attachment_with_its_chinese_name(client_of, licence):
    response = client_of("jlp_host").get(reverse("attachments:download", args=[licence.pk]))
    assert response.streaming and b"".join(response.streaming_content) == files.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="attachment-')  # an ASCII fallback for old clients
    encoded = disposition.split("filename*=")[1]
    assert encoded.startswith("UTF-8''") and unquote(encoded[len("UTF-8''") :]) == CHINESE_NAME


def test_an_ascii_name_is_kept_as_is(client_of, user_of, hospital):
    attachment = attachment_store(
        file=files.upload('scan "final".png', files.png()),
        kind="other",
        subject=hospital,
        acting_user=user_of("jlp_host"),
    )
    response = client_of("jlp_host").get(reverse("attachments:download", args=[attachment.pk]))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"attachment-%d.png\"; filename*=UTF-8''scan%%20%%22final%%22.png"
        % attachment.pk
    )


def test_every_download_of_a_sensitive_file_is_recorded(client_of, user_of, hospital, licence):
    secret = attachment_store(
        file=files.upload("身份证.jpg", files.jpeg()),
        kind="other",
        subject=hospital,
        acting_user=user_of("jlp_host"),
        sensitive=True,
    )
    for username in ("jlp_host", "jlp_auditor", "jlp_auditor"):
        assert client_of(username).get(reverse("attachments:download", args=[secret.pk])).status_code == 200
    client_of("jlp_host").get(reverse("attachments:download", args=[licence.pk]))  # not sensitive
    events = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.DOWNLOAD).order_by("at")
    assert [(e.username, e.detail["attachment"]) for e in events] == [
        ("jlp_host", secret.pk),
        ("jlp_auditor", secret.pk),
        ("jlp_auditor", secret.pk),
    ]
    assert events[0].detail["name"] == "身份证.jpg"


@pytest.mark.parametrize(
    "username,status,stored",
    [
        ("jlp_host", 302, True),
        ("jlp_commission", 302, True),
        ("jlp_auditor", 403, False),  # auditors never upload
        ("jlp_scorer", 404, False),  # another hospital: the record does not exist for them
        ("jn_commission", 404, False),
    ],
)
def test_who_may_upload(client_of, hospital, username, status, stored):
    response = client_of(username).post(
        upload_url(hospital),
        {
            "kind": "practice_licence",
            "file": files.upload("许可证.pdf", files.pdf()),
            "next": detail_url(hospital),
        },
    )
    assert response.status_code == status
    assert Attachment.objects.filter(uploaded_by__username=username).exists() == stored
    if stored:
        assert response.url == detail_url(hospital)


def test_anonymous_upload_goes_to_login(client, hospital):
    response = client.post(
        upload_url(hospital), {"kind": "other", "file": files.upload("a.pdf", files.pdf())}
    )
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Attachment.objects.exists()


def test_upload_to_an_unscoped_model_is_a_404(client_of, world):
    from directory.models import Office

    office = Office.objects.first()
    response = client_of("admin").post(
        upload_url(office), {"kind": "other", "file": files.upload("a.pdf", files.pdf())}
    )
    assert response.status_code == 404


def test_the_institution_page_lists_attachments_and_offers_the_upload_form(client_of, hospital, licence):
    page = client_of("jlp_host").get(detail_url(hospital)).content.decode()
    assert "执业许可证及其他附件" in page and CHINESE_NAME in page
    assert reverse("attachments:download", args=[licence.pk]) in page
    assert upload_url(hospital) in page and 'enctype="multipart/form-data"' in page
    assert '<option value="practice_licence"' in page and '<option value="minutes"' not in page
    auditor_page = client_of("jlp_auditor").get(detail_url(hospital)).content.decode()
    assert CHINESE_NAME in auditor_page and upload_url(hospital) not in auditor_page


def test_a_refused_file_is_reported_beside_the_field_and_the_choices_are_kept(client_of, hospital):
    client = client_of("jlp_commission")
    response = client.post(
        upload_url(hospital),
        {
            "kind": "other",
            "sensitive": "on",
            "file": files.upload("许可证.png", files.pdf(), "image/png"),
            "next": detail_url(hospital),
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == detail_url(hospital)
    assert "附件未上传" in page
    file_field = re.search(
        r'<div class="field has-error">\s*<label for="id_attachment_\d+_\d+_file">.*?</div>\s*</div>',
        page,
        re.S,
    ).group(0)
    assert (
        '<div class="error" role="alert">文件“许可证.png”的内容是 PDF 文件，'
        "与扩展名“.png”不符，应为 .pdf。</div>" in file_field
    )
    assert '<option value="other" selected>' in page
    assert re.search(r'<input type="checkbox" name="sensitive"[^>]* checked>', page)
    assert not Attachment.objects.exists()
    # Shown once: the next visit has a clean form.
    again = client.get(detail_url(hospital)).content.decode()
    assert "许可证.png" not in again and "附件未上传" not in again


def test_a_missing_file_is_reported(client_of, hospital):
    page = (
        client_of("jlp_host")
        .post(upload_url(hospital), {"kind": "other", "next": detail_url(hospital)}, follow=True)
        .content.decode()
    )
    assert "请选择要上传的文件。" in page


@pytest.mark.parametrize(
    "next_url,expected",
    [
        ("https://evil.example/steal", "/"),
        ("//evil.example/", "/"),
        ("/directory/institutions/", "/directory/institutions/"),
    ],
)
def test_upload_redirects_only_within_the_site(client_of, hospital, next_url, expected):
    response = client_of("jlp_host").post(
        upload_url(hospital), {"kind": "other", "file": files.upload("a.pdf", files.pdf()), "next": next_url}
    )
    assert response.status_code == 302 and response.url == expected


def test_delete_needs_a_reason_and_keeps_the_file(client_of, hospital, licence, media_root):
    url = reverse("attachments:delete", args=[licence.pk])
    client_of("jlp_host").post(url, {"reason": "", "next": detail_url(hospital)})
    assert Attachment.objects.alive().filter(pk=licence.pk).exists()
    assert client_of("jlp_auditor").post(url, {"reason": "审计"}).status_code == 403
    assert client_of("jlp_scorer").post(url, {"reason": "别人的"}).status_code == 404
    response = client_of("jlp_host").post(url, {"reason": "已过期", "next": detail_url(hospital)})
    assert response.status_code == 302 and response.url == detail_url(hospital)
    licence.refresh_from_db()
    assert licence.deletion_reason == "已过期" and (media_root / licence.file.name).exists()
    assert CHINESE_NAME not in client_of("jlp_host").get(detail_url(hospital)).content.decode()
    # The withdrawn file is evidence: the auditor can still fetch it, the hospital no longer.
    download = reverse("attachments:download", args=[licence.pk])
    assert client_of("jlp_auditor").get(download).status_code == 200
    assert client_of("jlp_host").get(download).status_code == 404


def test_the_institution_page_does_not_query_per_attachment(
    client_of, user_of, hospital, django_assert_max_num_queries
):
    client = client_of("jlp_host")
    client.get(detail_url(hospital))
    for i in range(5):
        attachment_store(
            file=files.upload(f"{i}.pdf", files.pdf()),
            kind="other",
            subject=hospital,
            acting_user=user_of("jlp_host"),
        )
    with django_assert_max_num_queries(30) as captured:
        client.get(detail_url(hospital))
    baseline = len(captured.captured_queries)
    attachment_store(
        file=files.upload("more.pdf", files.pdf()),
        kind="other",
        subject=hospital,
        acting_user=user_of("jlp_host"),
    )
    with django_assert_max_num_queries(baseline):
        client.get(detail_url(hospital))
