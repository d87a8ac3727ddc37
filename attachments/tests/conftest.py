import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to the test's own directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
