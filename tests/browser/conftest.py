"""Browser tests: pytest-playwright driving Debian's Chromium against the live server, in
Chinese. A page error, a console error or a 5xx response fails the test."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.snapshots import DEMO

CHROMIUM = "/usr/bin/chromium"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not shutil.which(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} 不存在：请运行 scripts/system-deps"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(autouse=True)
def _live_server_helper():
    """Replaces pytest-django's, which gives every test that uses the live server its transactional
    database (a flush of every table after each walk): the walks keep their own worlds (demo_site)."""
    yield


@pytest.fixture
def demo_site(live_server, django_db_setup, django_db_blocker):
    """The live server on the full demo, committed for its threads to see: a walk starts from the
    demo's copy and ends on the session's minimal world (tests/snapshots.DEMO)."""
    live_server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        DEMO.start(Path(settings.MEDIA_ROOT))
        try:
            yield live_server.url
        finally:
            DEMO.end()
            live_server._live_server_modified_settings.disable()


@pytest.fixture
def watched(page):
    """The page, failing the test on any script error, console error or server error."""
    problems = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    yield page
    assert not problems, problems


@pytest.fixture
def login(watched, demo_site, demo_password):
    def as_user(username):
        watched.goto(f"{demo_site}/accounts/login/")
        watched.get_by_label("用户名").fill(username)
        watched.get_by_label("密码").fill(demo_password)
        watched.get_by_role("button", name="登录").click()
        watched.wait_for_url(f"{demo_site}/")
        return watched

    return as_user


def attach(page, tmp_path, label: str, text: str = "attachment"):
    """Upload a small PDF as the attachment of kind ``label`` through the page's 附件 section, as a
    user does: choose the kind, choose the file, 上传."""
    from attachments.demo import minimal_pdf

    page.get_by_label("附件类别").select_option(label=label)
    path = tmp_path / f"{label}.pdf"
    path.write_bytes(minimal_pdf([text], title=label))
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="上传").click()
