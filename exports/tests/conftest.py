import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Export files and uploads go to a private directory per test, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
