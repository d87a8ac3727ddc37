"""What an uploaded file really is. The type is read from the content — never from the name or
the browser's Content-Type — and only five types are accepted: PDF, PNG, JPEG, Word (.docx) and
Excel (.xlsx). Office files are ZIP containers, so they are opened and checked against zip bombs
(declared and actual unzipped size, number of entries) and path traversal before anything else
touches them. Every error names the file and has a stable code."""

from __future__ import annotations

import hashlib
import math
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the one given to the stored file

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileType("pdf", "PDF 文件", "application/pdf", (".pdf",))
PNG = FileType("png", "PNG 图片", "image/png", (".png",))
JPEG = FileType("jpeg", "JPEG 图片", "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileType(
    "docx", "Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
)
XLSX = FileType(
    "xlsx", "Excel 表格", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
FILE_TYPES = {t.code: t for t in (PDF, PNG, JPEG, DOCX, XLSX)}
BY_CONTENT_TYPE = {t.content_type: t for t in FILE_TYPES.values()}
ACCEPT = ",".join(ext for t in FILE_TYPES.values() for ext in t.extensions)  # for <input accept>
ACCEPTED_LABEL = "PDF、PNG、JPEG、Word（.docx）和 Excel（.xlsx）"

_ZIP_MAGIC = b"PK\x03\x04"
_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class CheckedFile:
    name: str  # the user's file name, cleaned for display (never used to store the file)
    file_type: FileType
    size: int
    sha256: str


def human_size(size: int) -> str:
    """Rounded up to a tenth, so a file just over a limit never reads as equal to it."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            tenths = math.ceil(size * 10 / scale)
            return f"{tenths // 10} {unit}" if tenths % 10 == 0 else f"{tenths / 10:.1f} {unit}"
    return f"{size} 字节"


def clean_original_name(name: str | None) -> str:
    """The name to show and to offer on download: the last path component (some browsers send
    ``C:\\fakepath\\…``), without control characters, at most 200 characters, keeping the
    extension."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 200 - len(ext) - 1]}.{ext}" if dot and len(ext) <= 10 else name[:200]
    return name or "未命名文件"


def _error(code: str, message: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def validate_upload(file, *, name: str | None = None) -> CheckedFile:
    """Check ``file`` (an UploadedFile or any django File) and say what it is, or raise a
    ValidationError with a Chinese message naming the file. Leaves the file at offset 0."""
    display = clean_original_name(name if name is not None else getattr(file, "name", ""))
    size = file.size
    limit = settings.ATTACHMENT_MAX_BYTES
    if not size:
        raise _error("empty", f"文件“{display}”是空文件。")
    if size > limit:
        raise _error("too_large", f"文件“{display}”大小为 {human_size(size)}，超过上限 {human_size(limit)}。")

    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        file_type = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        file_type = _check_image(file, display, PNG, "PNG")
    elif head.startswith(b"\xff\xd8\xff"):
        file_type = _check_image(file, display, JPEG, "JPEG")
    elif head.startswith(_ZIP_MAGIC):
        file_type = _check_office(file, display)
    else:
        raise _error(
            "unsupported_type", f"文件“{display}”不是可接受的文件类型，只接受 {ACCEPTED_LABEL}文件。"
        )

    extension = posixpath.splitext(display)[1].lower()
    if extension not in file_type.extensions:
        expected = " 或 ".join(file_type.extensions)
        if extension:
            raise _error(
                "extension_mismatch",
                f"文件“{display}”的内容是 {file_type.label}，与扩展名“{extension}”不符，应为 {expected}。",
            )
        raise _error(
            "extension_mismatch", f"文件“{display}”没有扩展名，其内容是 {file_type.label}，应为 {expected}。"
        )

    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return CheckedFile(name=display, file_type=file_type, size=size, sha256=digest.hexdigest())


def _check_image(file, display: str, file_type: FileType, pillow_format: str) -> FileType:
    """A scan must open as the image its header claims; Pillow also refuses decompression bombs."""
    from PIL import Image

    try:
        with Image.open(file) as image:
            ok = image.format == pillow_format
            image.verify()
    except Exception:  # noqa: BLE001 — any failure to parse is a damaged file, whatever Pillow raises
        ok = False
    finally:
        file.seek(0)
    if not ok:
        raise _error("corrupt", f"文件“{display}”已损坏，无法作为 {file_type.label} 打开。")
    return file_type


def _unsafe_entry(entry: str) -> bool:
    if not entry or "\\" in entry or "\x00" in entry or entry.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", entry):  # a Windows drive
        return True
    return ".." in entry.split("/")


def _check_office(file, display: str) -> FileType:
    max_entries = settings.ATTACHMENT_MAX_ZIP_ENTRIES
    max_unzipped = settings.ATTACHMENT_MAX_UNZIPPED_BYTES
    corrupt = _error("zip_corrupt", f"文件“{display}”的压缩结构已损坏，或声明的大小与实际内容不符，已拒绝。")
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        file.seek(0)
        raise corrupt from None
    try:
        entries = archive.infolist()
        if len(entries) > max_entries:
            raise _error(
                "zip_too_many_entries",
                f"文件“{display}”包含 {len(entries)} 个压缩条目，超过上限 {max_entries} 个，已拒绝。",
            )
        for info in entries:
            if _unsafe_entry(info.filename):
                raise _error("zip_unsafe_path", f"文件“{display}”包含不安全的路径“{info.filename}”，已拒绝。")
            if info.flag_bits & 0x1:
                raise _error("zip_encrypted", f"文件“{display}”已加密，无法检查其内容，已拒绝。")
        declared = sum(info.file_size for info in entries)
        if declared > max_unzipped:
            raise _error(
                "zip_too_large",
                f"文件“{display}”解压后大小为 {human_size(declared)}，超过上限 "
                f"{human_size(max_unzipped)}（疑似压缩炸弹），已拒绝。",
            )
        names = {info.filename for info in entries}
        if "[Content_Types].xml" not in names:
            file_type = None
        elif any(n.startswith("word/") for n in names):
            file_type = DOCX
        elif any(n.startswith("xl/") for n in names):
            file_type = XLSX
        else:
            file_type = None
        if file_type is None:
            raise _error(
                "unsupported_type",
                f"文件“{display}”是压缩包，不是 Word（.docx）或 Excel（.xlsx）文档，"
                f"只接受 {ACCEPTED_LABEL}文件。",
            )
        # Read every entry, counting what actually comes out: the declared sizes may lie, and a
        # CRC mismatch or a stream longer than declared is refused as corrupt.
        total = 0
        for info in entries:
            with archive.open(info) as stream:
                while chunk := stream.read(_READ_CHUNK):
                    total += len(chunk)
                    if total > max_unzipped:
                        raise _error(
                            "zip_too_large",
                            f"文件“{display}”解压后超过上限 {human_size(max_unzipped)}"
                            f"（疑似压缩炸弹），已拒绝。",
                        )
        return file_type
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise corrupt from None
    finally:
        archive.close()
        file.seek(0)
