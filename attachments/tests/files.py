"""Files built in memory for the tests: real ones of each accepted type and the hostile ones."""

from __future__ import annotations

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.demo import minimal_pdf

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    # The browser's content type is whatever the test says: validation must not believe it.
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf() -> bytes:
    return minimal_pdf(["Test document"], title="测试")


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "JPEG")
    return out.getvalue()


def zip_of(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    return zip_of(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML.encode(),
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": (
                "<w:document><w:body><w:p><w:r><w:t>承诺书</w:t></w:r></w:p></w:body></w:document>"
            ).encode(),
            **(extra or {}),
        }
    )


def xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "专家名单"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def exe() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode."
    )


def docx_bomb(size: int) -> bytes:
    """An honest archive whose one entry unzips to ``size`` bytes of zeros."""
    return docx({"word/media/padding.bin": b"\0" * size})


def docx_lying_bomb(actual: int, declared: int = 100) -> bytes:
    """An archive whose entry declares ``declared`` bytes but inflates to ``actual``: the sizes
    in the local header and the central directory are rewritten after the fact."""
    data = bytearray(docx_bomb(actual))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/media/padding.bin")
    # Local file header: uncompressed size at offset 22.
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    # Central directory record: find it by its signature and the entry name; size at offset 24.
    name = info.filename.encode()
    central = data.find(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def docx_with_entries(count: int) -> bytes:
    return docx({f"word/part{i}.xml": b"<x/>" for i in range(count)})


def docx_traversal() -> bytes:
    return docx({"../../etc/cron.d/evil": b"* * * * * root sh"})
