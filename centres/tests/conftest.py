import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from attachments.demo import minimal_pdf
from attachments.services import attachment_store
from centres import services
from centres.models import Specialty
from directory.models import Institution, Jurisdiction, Person
from rulesets.registry import get_ruleset


@pytest.fixture
def at(time_machine):
    """Move the clock: at("2026-03-02 10:00")."""

    def move(moment: str):
        time_machine.move_to(f"{moment} +08:00", tick=False)

    return move


@pytest.fixture
def u(world):
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def jlp_centre(world, u, settings, tmp_path, at):
    settings.MEDIA_ROOT = tmp_path
    at("2026-03-01 09:00")
    specialty = Specialty.objects.create(name="心血管内科")
    return services.centre_create(jurisdiction=Jurisdiction.objects.get(code="500107"), body_kind="district_centre",
                                  specialty=specialty, name="九龙坡区心血管内科医疗质量控制中心",
                                  acting_user=u("jlp_commission"))


def complete_application(call, user, leader_name="张建国"):
    """A host user fills every required section, names the leader and attaches every required file."""
    ruleset = get_ruleset(call.ruleset_code)
    sections = {item.code: f"{item.label}：详见附件。" for item in ruleset.value("application.required_sections")}
    application = services.application_save_draft(call=call, acting_user=user, sections=sections,
                                                  proposed_leader=Person.objects.get(name=leader_name))
    for item in ruleset.value("application.required_attachments") if ruleset.has("application.required_attachments") else ():
        attachment_store(file=SimpleUploadedFile(f"{item.label}.pdf", minimal_pdf([item.code], title=item.label)), kind=item.code,
                         subject=application, acting_user=user)
    return application


@pytest.fixture
def complete():
    return complete_application


@pytest.fixture
def institution():
    return lambda name: Institution.objects.get(name=name)
