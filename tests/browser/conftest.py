"""Browser tests: pytest-playwright driving Debian's Chromium against the live server, in
Chinese. A page error, a console error or a 5xx response fails the test."""

import os
import shutil

import pytest
from django.core.management import call_command

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


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return live_server.url


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
