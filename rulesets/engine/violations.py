"""What a rule check returns: breaches (Violation) and decisions (Decision), never exceptions.

The same objects feed form errors, the API's 400 body, the CLI's JSON, PDFs and Excel exports;
``to_dict()`` is the one serialisation all of them use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..loader import Parameter

SETTING_MISSING = "setting_missing"


@dataclass(frozen=True)
class Violation:
    """One rule broken. ``code`` is the parameter key ("committee.max_members"), or
    ``setting_missing`` when the regulation leaves the number to the commission and it is not set."""

    code: str
    article: str
    message: str  # zh-hans, starting with the article: "第十一条（一）：委员数原则上不超过20人，现为21人"
    strictness: str  # mandatory | in_principle | preferred
    subject: str | None = None  # who or what: a member's name, "第3行", an application section

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def message_en(self) -> str:
        """The English rendering: the article, the rule's meaning from the vocabulary and the
        subject (the regulation's words stay Chinese: they are the authority)."""
        from ..schema import PARAMETERS

        strictness = {
            "mandatory": "mandatory",
            "in_principle": "in principle (may be departed from with a recorded justification and approval)",
            "preferred": "preferred",
        }.get(self.strictness, "")
        if self.code == SETTING_MISSING:
            meaning = "a value the regulation leaves to the commission has not been set"
        else:
            spec = PARAMETERS.get(self.code)
            meaning = spec.en if spec else self.code
        subject = f" — {self.subject}" if self.subject else ""
        return f"{self.article}: {meaning} [{strictness}]{subject}".strip()

    @property
    def refuses(self) -> bool:
        """A mandatory breach refuses the entry; an in-principle one needs a recorded justification."""
        return self.strictness == "mandatory"


@dataclass(frozen=True)
class Decision:
    """The answer to a question with more than yes/no (a yearly consequence, retention of a host)."""

    outcome: str  # a stable code: "none", "rectification", "red_card", "retain", "commission_decides", …
    article: str
    message: str
    strictness: str

    def to_dict(self) -> dict:
        return asdict(self)


def breach(param: Parameter, message: str, subject: str | None = None) -> Violation:
    """A Violation of ``param``, the message prefixed with the article it cites."""
    return Violation(param.key, param.article, f"{param.article}：{message}", param.strictness, subject)


def setting_missing(param: Parameter, subject: str | None = None) -> Violation:
    return Violation(
        SETTING_MISSING,
        param.article,
        f"{param.article}：规定“{param.text}”的具体数值由卫生健康行政部门确定，尚未设置（{param.key}），请先在规则集设置中填写。",
        param.strictness,
        subject,
    )
