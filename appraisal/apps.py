from django.apps import AppConfig
from django.db.models.signals import post_save


class AppraisalConfig(AppConfig):
    name = "appraisal"
    verbose_name = "考核与周期管理"

    def ready(self):
        from django.apps import apps

        from .duties import committee_meeting_held

        if apps.is_installed("experts"):  # the experts app keeps the committees' meetings
            post_save.connect(committee_meeting_held, sender="experts.Meeting", dispatch_uid="meeting-duty")
