import pytest


@pytest.fixture
def at(time_machine):
    """Move the clock (Asia/Shanghai): at("2026-12-01 10:00")."""

    def move(moment: str):
        time_machine.move_to(f"{moment} +08:00", tick=False)

    return move


@pytest.fixture
def u(world):
    from accounts.models import User

    return lambda username: User.objects.get(username=username)
