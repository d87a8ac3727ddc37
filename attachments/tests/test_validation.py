"""What is accepted is decided by the content, never by the name or the browser's claim. One row
per file, each with the message the user reads."""

import pytest
from django.core.exceptions import ValidationError

from attachments.validation import DOCX, JPEG, PDF, PNG, XLSX, clean_original_name, validate_upload

from . import files

GOOD = [
    ("执业许可证.pdf", files.pdf, PDF),
    ("扫描件.PNG", files.png, PNG),
    ("扫描件.jpg", files.jpeg, JPEG),
    ("扫描件.jpeg", files.jpeg, JPEG),
    ("承诺书.docx", files.docx, DOCX),
    ("专家名单.xlsx", files.xlsx, XLSX),
]


@pytest.mark.parametrize("name,build,file_type", GOOD, ids=[row[0] for row in GOOD])
def test_real_files_are_recognised_by_their_content(name, build, file_type):
    content = build()
    checked = validate_upload(files.upload(name, content, "text/plain"))
    assert checked.file_type == file_type
    assert checked.size == len(content) and len(checked.sha256) == 64
    assert checked.name == name


BAD = [
    # name, content, code, the message the user reads
    (
        "setup.pdf",
        files.exe,
        "unsupported_type",
        "文件“setup.pdf”不是可接受的文件类型，只接受 PDF、PNG、JPEG、Word（.docx）和 Excel（.xlsx）文件。",
    ),
    (
        "许可证.png",
        files.pdf,
        "extension_mismatch",
        "文件“许可证.png”的内容是 PDF 文件，与扩展名“.png”不符，应为 .pdf。",
    ),
    (
        "照片.pdf",
        files.jpeg,
        "extension_mismatch",
        "文件“照片.pdf”的内容是 JPEG 图片，与扩展名“.pdf”不符，应为 .jpg 或 .jpeg。",
    ),
    (
        "名单.docx",
        files.xlsx,
        "extension_mismatch",
        "文件“名单.docx”的内容是 Excel 表格，与扩展名“.docx”不符，应为 .xlsx。",
    ),
    ("许可证", files.pdf, "extension_mismatch", "文件“许可证”没有扩展名，其内容是 PDF 文件，应为 .pdf。"),
    ("空白.pdf", lambda: b"", "empty", "文件“空白.pdf”是空文件。"),
    ("截断.png", lambda: files.png()[:30], "corrupt", "文件“截断.png”已损坏，无法作为 PNG 图片 打开。"),
    (
        "压缩包.docx",
        lambda: files.zip_of({"readme.txt": b"hello"}),
        "unsupported_type",
        "文件“压缩包.docx”是压缩包，不是 Word（.docx）或 Excel（.xlsx）文档，"
        "只接受 PDF、PNG、JPEG、Word（.docx）和 "
        "Excel（.xlsx）文件。",
    ),
    (
        "旧格式.doc",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "unsupported_type",
        "文件“旧格式.doc”不是可接受的文件类型，只接受 PDF、PNG、JPEG、Word（.docx）和 Excel（.xlsx）文件。",
    ),
    (
        "炸弹.docx",
        lambda: files.docx_bomb(2 * 1024 * 1024),
        "zip_too_large",
        "文件“炸弹.docx”解压后大小为 2.1 MB，超过上限 1 MB（疑似压缩炸弹），已拒绝。",
    ),
    (
        "谎报大小.docx",
        lambda: files.docx_lying_bomb(actual=2 * 1024 * 1024),
        "zip_corrupt",
        "文件“谎报大小.docx”的压缩结构已损坏，或声明的大小与实际内容不符，已拒绝。",
    ),
    (
        "条目过多.docx",
        lambda: files.docx_with_entries(60),
        "zip_too_many_entries",
        "文件“条目过多.docx”包含 63 个压缩条目，超过上限 50 个，已拒绝。",
    ),
    (
        "穿越.docx",
        files.docx_traversal,
        "zip_unsafe_path",
        "文件“穿越.docx”包含不安全的路径“../../etc/cron.d/evil”，已拒绝。",
    ),
    (
        "损坏.xlsx",
        lambda: b"PK\x03\x04" + b"\0" * 64,
        "zip_corrupt",
        "文件“损坏.xlsx”的压缩结构已损坏，或声明的大小与实际内容不符，已拒绝。",
    ),
]


@pytest.mark.parametrize("name,build,code,message", BAD, ids=[row[0] for row in BAD])
def test_bad_files_are_refused_with_a_message_naming_the_file(settings, name, build, code, message):
    settings.ATTACHMENT_MAX_UNZIPPED_BYTES = 1024 * 1024
    settings.ATTACHMENT_MAX_ZIP_ENTRIES = 50
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload(name, build(), "application/pdf"))
    assert refused.value.code == code
    assert refused.value.messages == [message]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    content = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload("大扫描件.pdf", content))
    assert refused.value.code == "too_large"
    assert refused.value.messages == ["文件“大扫描件.pdf”大小为 20.1 MB，超过上限 20 MB。"]


def test_default_zip_limits_refuse_a_real_size_bomb():
    # 101 MB of zeros deflate to about 100 KB: the default limit (100 MB) refuses it unread.
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload("炸弹.docx", files.docx_bomb(101 * 1024 * 1024)))
    assert refused.value.code == "zip_too_large"


def test_default_entry_limit():
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload("条目.docx", files.docx_with_entries(2000)))
    assert refused.value.code == "zip_too_many_entries"


@pytest.mark.parametrize("entry", ["/etc/passwd", "word\\..\\..\\x", "C:/Windows/x", "word/../../x"])
def test_path_traversal_in_any_form_is_refused(entry):
    with pytest.raises(ValidationError) as refused:
        validate_upload(files.upload("a.docx", files.docx({entry: b"x"})))
    assert refused.value.code == "zip_unsafe_path"


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("C:\\fakepath\\执业许可证.pdf", "执业许可证.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\u202e.pdf", "ab.pdf"),
        ("", "未命名文件"),
        ("长" * 300 + ".pdf", "长" * 196 + ".pdf"),
    ],
)
def test_original_names_are_cleaned_for_display(raw, clean):
    assert clean_original_name(raw) == clean
