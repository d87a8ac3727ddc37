"""Storing and withdrawing attachments: where a file goes, whose it is, who may add or remove it."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from attachments import demo
from attachments.models import Attachment
from attachments.services import attachment_delete, attachment_store
from audit.selectors import record_history
from directory.models import Institution, Office, Person

from . import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital(world):
    return Institution.objects.get(name="九龙坡区人民医院")


def store(user, subject, name="执业许可证.pdf", content=None, **kwargs):
    return attachment_store(
        file=files.upload(name, content or files.pdf()),
        kind=kwargs.pop("kind", "practice_licence"),
        subject=subject,
        acting_user=user,
        **kwargs,
    )


def test_the_file_is_stored_under_a_generated_name_never_the_users(user_of, hospital, media_root):
    attachment = store(user_of("jlp_host"), hospital, name="张建国 身份证 ../../secret.pdf")
    assert re.fullmatch(r"attachments/\d{4}/\d{2}/\d{2}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert "secret" not in attachment.file.name and "张建国" not in attachment.file.name
    assert attachment.original_name == "secret.pdf"  # the last path component, for display only
    assert (media_root / attachment.file.name).read_bytes() == files.pdf()


def test_the_stored_extension_is_the_detected_type(user_of, hospital):
    attachment = store(user_of("jlp_host"), hospital, name="扫描件.JPEG", content=files.jpeg())
    assert attachment.file.name.endswith(".jpg") and attachment.content_type == "image/jpeg"


def test_an_institutions_attachment_is_scoped_to_it_and_its_jurisdiction(user_of, hospital):
    attachment = store(user_of("jlp_commission"), hospital)
    assert (attachment.jurisdiction, attachment.institution, attachment.person) == (
        hospital.jurisdiction,
        hospital,
        None,
    )
    assert attachment.uploaded_by.username == "jlp_commission"
    for username, sees in [
        ("jlp_host", True),
        ("jlp_commission", True),
        ("cq_commission", True),
        ("jlp_auditor", True),
        ("jlp_scorer", False),
        ("jn_commission", False),
        ("jlp_expert", False),
    ]:
        assert Attachment.objects.for_user(user_of(username)).filter(pk=attachment.pk).exists() == sees, (
            username
        )


def test_a_persons_attachment_is_visible_to_that_person(user_of):
    zhang = Person.objects.get(name="张建国")
    attachment = store(user_of("jlp_expert"), zhang, name="职称证书.pdf", kind="other", sensitive=True)
    assert (attachment.person, attachment.institution) == (zhang, zhang.employer)
    assert Attachment.objects.for_user(user_of("jlp_expert")).filter(pk=attachment.pk).exists()
    assert not Attachment.objects.for_user(user_of("cq_expert")).filter(pk=attachment.pk).exists()


@pytest.mark.parametrize("username", ["jlp_auditor", "jlp_scorer", "jn_commission", "jlp_expert"])
def test_only_those_who_may_work_on_the_record_may_attach(user_of, hospital, username):
    with pytest.raises(PermissionDenied):
        store(user_of(username), hospital)
    assert not Attachment.objects.filter(uploaded_by__username=username).exists()


def test_nothing_is_attached_to_a_model_without_row_scoping(user_of, world):
    office = Office.objects.first()
    with pytest.raises(PermissionDenied):
        store(user_of("admin"), office)


def test_an_unknown_kind_is_refused(user_of, hospital):
    with pytest.raises(ValidationError) as refused:
        store(user_of("jlp_host"), hospital, kind="passport")
    assert refused.value.message_dict == {"kind": ["附件类别“passport”不适用于该记录。"]}


def test_an_invalid_file_is_not_stored(user_of, hospital, media_root):
    with pytest.raises(ValidationError):
        store(user_of("jlp_host"), hospital, name="setup.pdf", content=files.exe())
    assert not Attachment.objects.filter(original_name="setup.pdf").exists()
    assert not list((media_root).rglob("*.pdf"))


def test_deleting_withdraws_the_file_and_records_who_and_why(user_of, hospital, media_root):
    attachment = store(user_of("jlp_host"), hospital)
    with pytest.raises(ValidationError):
        attachment_delete(attachment=attachment, acting_user=user_of("jlp_host"), reason="  ")
    with pytest.raises(PermissionDenied):
        attachment_delete(attachment=attachment, acting_user=user_of("jlp_auditor"), reason="审计不能删")
    attachment_delete(attachment=attachment, acting_user=user_of("jlp_host"), reason="上传错了，换新版")
    attachment.refresh_from_db()
    assert attachment.deleted_by.username == "jlp_host" and attachment.deletion_reason == "上传错了，换新版"
    assert (media_root / attachment.file.name).exists()  # nothing a user uploaded is lost
    assert not Attachment.objects.alive().filter(pk=attachment.pk).exists()
    assert [e.action for e in record_history(attachment)] == ["新建", "修改"]
    with pytest.raises(ValidationError) as again:
        attachment_delete(attachment=attachment, acting_user=user_of("jlp_commission"), reason="再删一次")
    assert again.value.code == "already_deleted"


def test_demo_licence_is_seeded_once(world, media_root):
    first = demo.seed_attachments()
    assert first.original_name == demo.DEMO_FILE_NAME and first.kind == "practice_licence"
    assert first.institution.name == "九龙坡区人民医院" and first.content_type == "application/pdf"
    assert demo.seed_attachments() == first
    assert Attachment.objects.filter(kind="practice_licence", institution=first.institution).count() == 1
    import io

    import pypdf

    assert (
        "Practice Licence"
        in pypdf.PdfReader(io.BytesIO(first.file.read()), strict=True).pages[0].extract_text()
    )
