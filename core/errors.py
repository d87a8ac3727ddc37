"""A refusal by the rule engine, raised by services: the same Violation objects become form
errors in the browser and the ``violations`` of the API's 400 body."""


class RuleRefusal(Exception):
    def __init__(self, violations, message: str = "操作违反规则集规定。"):
        self.violations = list(violations)
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return "；".join(v.message for v in self.violations) or self.message


class StepRefused(Exception):
    """A workflow step taken out of order or by the wrong person; message in Chinese."""

    def __init__(self, message: str, code: str = "step_refused"):
        self.message, self.code = message, code
        super().__init__(message)
