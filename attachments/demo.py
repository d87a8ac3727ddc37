"""Demo attachments: 九龙坡区人民医院's 医疗机构执业许可证 as a small generated PDF. Idempotent;
``seed_demo`` calls ``seed_attachments()`` after the directory and the logins exist."""

from __future__ import annotations

from django.core.files.base import ContentFile

DEMO_INSTITUTION = "九龙坡区人民医院"
DEMO_UPLOADER = "jlp_host"
DEMO_FILE_NAME = "九龙坡区人民医院医疗机构执业许可证（演示）.pdf"


def minimal_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A valid one-page PDF (A4, Helvetica, ASCII ``lines``) written byte by byte, with a correct
    cross-reference table; ``title`` (any language) goes into the document information as UTF-16."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 16 Tf 72 770 Td 22 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    title_hex = ("FEFF" + title.encode("utf-16-be").hex().upper()) if title else ""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        f"<< /Title <{title_hex}> /Producer (qc-admin demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("latin-1")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode("latin-1")
    return bytes(out)


def practice_licence_pdf() -> bytes:
    return minimal_pdf(
        [
            "Practice Licence of Medical Institution (DEMO)",
            "Jiulongpo District People's Hospital",
            "Generated demo document - not a real licence.",
        ],
        title="医疗机构执业许可证（演示）— 九龙坡区人民医院",
    )


def seed_attachments():
    """Store the demo licence once; returns it (the existing one on later runs), or None when the
    demo directory is not there."""
    from accounts.models import User
    from directory.models import Institution

    from . import kinds
    from .models import Attachment
    from .services import attachment_store

    institution = Institution.objects.filter(name=DEMO_INSTITUTION).first()
    uploader = User.objects.filter(username=DEMO_UPLOADER).first()
    if institution is None or uploader is None:
        return None
    existing = Attachment.objects.alive().of(institution).filter(kind=kinds.PRACTICE_LICENCE.code).first()
    if existing is not None:
        return existing
    return attachment_store(
        file=ContentFile(practice_licence_pdf(), name=DEMO_FILE_NAME),
        kind=kinds.PRACTICE_LICENCE.code,
        subject=institution,
        acting_user=uploader,
    )
