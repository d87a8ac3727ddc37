import pytest

from accounts.models import User
from centres.demo import fill_application
from centres.models import Specialty
from centres.services import selection as services
from directory.models import Institution, Jurisdiction


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
    return services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="500107"),
        body_kind="district_centre",
        specialty=specialty,
        name="九龙坡区心血管内科医疗质量控制中心",
        acting_user=u("jlp_commission"),
    )


def complete_application(call, user, leader_name="张建国"):
    """A host user fills every required section, names the leader and attaches every required file
    (the demo's own centres.demo.fill_application), leaving it as a draft."""
    return fill_application(call, user, leader_name)


@pytest.fixture
def complete():
    return complete_application


@pytest.fixture
def institution():
    return lambda name: Institution.objects.get(name=name)
