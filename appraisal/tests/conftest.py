import pytest

from accounts.models import User

from .factories import CentreFactory


@pytest.fixture
def u(world):
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def at(time_machine):
    """Move the clock: at("2026-03-02 10:00") (Asia/Shanghai)."""

    def move(moment: str):
        time_machine.move_to(f"{moment} +08:00", tick=False)

    return move


@pytest.fixture
def jlp_centres(world, settings, tmp_path):
    """Two running 九龙坡 district centres hosted by 九龙坡区人民医院 and 九龙坡区中医院."""
    from directory.models import Institution

    settings.MEDIA_ROOT = tmp_path
    a = CentreFactory(specialty__name="心血管内科")
    b = CentreFactory(specialty__name="中医内科", host=Institution.objects.get(name="九龙坡区中医院"))
    return a, b
