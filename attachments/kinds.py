"""The kinds of attachment: a registry of codes, so a workflow can add its own kind (one line in
its app's ``ready()`` or module) without a migration. The code is what is stored."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AttachmentKind:
    code: str
    label: str
    # Every file of this kind is sensitive: each download is recorded (等保 2.0 安全审计).
    sensitive: bool = False
    # Models ("app_label.modelname") a file of this kind may be attached to; empty: any.
    subject_models: tuple[str, ...] = ()
    # Set when the owning app hands the files of this kind out itself (its own access check and
    # log, e.g. a data resource's file: under a grant, traced): the generic download (page and
    # API) then refuses them to everyone, with this sentence saying where they are served.
    served_by: str = ""

    def allows(self, subject) -> bool:
        return not self.subject_models or subject._meta.label_lower in self.subject_models


_REGISTRY: dict[str, AttachmentKind] = {}


def register(kind: AttachmentKind) -> AttachmentKind:
    if kind.code in _REGISTRY and _REGISTRY[kind.code] != kind:
        raise ValueError(f"附件类别 {kind.code} 已以不同定义登记。")
    _REGISTRY[kind.code] = kind
    return kind


def get(code: str) -> AttachmentKind | None:
    return _REGISTRY.get(code)


def label(code: str) -> str:
    kind = _REGISTRY.get(code)
    return kind.label if kind else code


def all_kinds() -> list[AttachmentKind]:
    return list(_REGISTRY.values())


def choices_for(subject, codes=None) -> list[tuple[str, str]]:
    """(code, label) pairs for an upload form on ``subject``. ``codes`` narrows them: a
    comma-separated string (what a template can write), codes, or (code, label) pairs."""
    if isinstance(codes, str):
        codes = [c.strip() for c in codes.split(",") if c.strip()]
    if codes:
        wanted = [c[0] if isinstance(c, (tuple, list)) else c for c in codes]
        unknown = [c for c in wanted if c not in _REGISTRY]
        if unknown:
            raise ValueError(f"未登记的附件类别：{'、'.join(unknown)}")
        kinds = [_REGISTRY[c] for c in wanted]
    else:
        kinds = all_kinds()
    return [(k.code, k.label) for k in kinds if k.allows(subject)]


PRACTICE_LICENCE = register(AttachmentKind("practice_licence", "医疗机构执业许可证"))
COMMITMENT_LETTER = register(AttachmentKind("commitment_letter", "数据资源使用承诺书"))
MINUTES = register(AttachmentKind("minutes", "会议纪要"))
REPORT = register(AttachmentKind("report", "报告"))
OTHER = register(AttachmentKind("other", "其他"))
