"""The load mix of ``make bench`` (benchmarks/test_load.py runs it against gunicorn on loopback):
the roles' common actions on 示范省's data. Each simulated user logs in through the login form."""

import os
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "Scale#2026")
CENTRE = os.environ.get("BENCH_CENTRE", "")
# username=session key,… made by the benchmark beforehand, so the measured run is the pages,
# not the (deliberately slow) password hasher; without them each user logs in through the form.
SESSIONS = dict(p.split("=", 1) for p in os.environ.get("BENCH_SESSIONS", "").split(",") if "=" in p)


class _LoggedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    username = ""

    def on_start(self):
        if self.username in SESSIONS:
            self.client.cookies.set("sessionid", SESSIONS[self.username])
            return
        page = self.client.get("/accounts/login/", name="登录页")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="登录",
        )


class ProvinceCommission(_LoggedIn):
    weight = 2
    username = "scale_province"

    @task(3)
    def home(self):
        self.client.get("/", name="首页")

    @task(3)
    def deadlines(self):
        self.client.get("/deadlines/all/", name="辖区期限")

    @task(2)
    def documents(self):
        self.client.get("/documents/", name="发文登记")

    @task(2)
    def centres(self):
        self.client.get("/centres/", name="质控中心")

    @task(1)
    def centre(self):
        if CENTRE:
            self.client.get(f"/centres/{CENTRE}/", name="质控中心详情")

    @task(2)
    def api_deadlines(self):
        self.client.get("/api/v1/deadlines/?state=overdue", name="API 期限")


class DistrictCommission(ProvinceCommission):
    weight = 3
    username = "scale_district"


class Host(_LoggedIn):
    weight = 2
    username = "scale_host"

    @task(3)
    def home(self):
        self.client.get("/", name="首页")

    @task(3)
    def mine(self):
        self.client.get("/deadlines/", name="我的期限")

    @task(1)
    def inbox(self):
        self.client.get("/deadlines/inbox/", name="消息")
