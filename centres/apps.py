from datetime import timedelta

from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = "质控中心"

    def ready(self):
        from attachments import kinds

        from deadlines.kinds import DeadlineKind
        from deadlines.kinds import register as register_deadline_kind

        from . import documents, todos  # noqa: F401  (document types and 待办 register themselves)

        register_deadline_kind(DeadlineKind("application.close", "申报截止", remind_before=(timedelta(days=3),),
                                            area="质控中心"))
        from rulesets.registry import all_rulesets

        # The attachments a rule set requires of an application (九龙坡 第七条（三）, 济南 第七条)
        # are attachment kinds of applications, with the regulation's own labels.
        for ruleset in all_rulesets().values():
            for key in ("application.required_attachments", "application.optional_attachments"):
                for item in (ruleset.value(key) if ruleset.has(key) else ()):
                    kinds.register(kinds.AttachmentKind(item.code, item.label, subject_models=("centres.application",)))
