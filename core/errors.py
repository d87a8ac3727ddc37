"""The errors a service raises: one family, so the API handler and ``core.forms.run_service`` need
to know only the base class.

Every error has a stable ``code`` (listed in the app's ``error_codes.py``), a Chinese ``message``
(with the article where a rule is broken) and, for a rule breach, the engine's ``violations``.
The subclass says what kind of refusal it is, and so the HTTP status the API answers with:

- ``NotAllowed`` (403): this user may not take this action on a record they can see;
- ``NotFoundInScope`` (404): the record does not exist, or is not the user's to see;
- ``WrongState`` (409): the record is not in a state that allows the step, or another request
  changed it first (a lost race);
- ``RuleRefusal`` (400): the rule set in force refuses it (``violations`` carry the articles);
- ``InvalidInput`` (400): what was entered cannot be accepted (a past date, a missing reason).

    raise WrongState(codes.CALL_NOT_OPEN, "该遴选不在接受申请阶段。")
    raise RuleRefusal(codes.RULE_VIOLATION, "操作违反规则集规定。", violations)
"""

from __future__ import annotations

from collections.abc import Iterable


class ServiceError(Exception):
    status_code = 400

    def __init__(self, code: str, message: str = "", violations: Iterable = ()):
        self.code = str(code)
        self.violations = list(violations)
        self.message = message or "；".join(str(v.message) for v in self.violations) or "操作未能完成。"
        super().__init__(self.message)

    def __str__(self) -> str:
        return "；".join(str(v.message) for v in self.violations) or self.message


class NotAllowed(ServiceError):
    status_code = 403


class NotFoundInScope(ServiceError):
    status_code = 404


class WrongState(ServiceError):
    status_code = 409


class InvalidInput(ServiceError):
    status_code = 400


class RuleRefusal(ServiceError):
    """The rule set refuses. Written ``RuleRefusal(code, message, violations)``; the older
    ``RuleRefusal(violations, message)`` order is still read while apps move over."""

    status_code = 400

    def __init__(self, code, message: str = "", violations: Iterable = ()):
        if not isinstance(code, str):  # the older order: (violations, message)
            code, message, violations = "rule_violation", message, code
        super().__init__(code, message or "操作违反规则集规定。", violations)
