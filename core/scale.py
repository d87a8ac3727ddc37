"""The province-scale data set (``python manage.py seed_scale --preset district|city|province``).

One province (示范省, code 990000) with its cities and districts, built reproducibly from a seed
by the apps themselves: every installed app may have a ``scale.py`` module with

    ORDER = 30                      # when it runs (directory 10, accounts 20, centres 30, …)
    def seed(ctx: ScaleContext): …  # adds its part, through ctx's helpers

``seed_scale`` imports every ``<app>/scale.py`` it finds and runs them in ``ORDER``. An app that
lands later (experts, appraisal, data governance) adds its part by adding that file; nothing here
changes. Each part reads the sizes it needs from ``ctx.size(...)`` (the preset's numbers scaled)
and the records made before it from ``ctx`` (``ctx.districts``, ``ctx.institutions`` …).

Bulk paths (``bulk_create`` in batches, ``COPY`` for the largest tables) where the services
would take hours; the audit triggers still fire on every row inserted through the ORM.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import DatabaseError, connection, transaction

PROVINCE_CODE = "990000"
PROVINCE_NAME = "示范省"
PASSWORD = "Scale#2026"  # the logins of the data set (scale_*), never a real deployment's


@dataclass(frozen=True)
class Preset:
    name: str
    cities: int
    districts_per_city: int
    numbers: dict[str, int]


# The province preset is the province; city and district are the same shape, smaller.
PROVINCE_NUMBERS = {
    "institutions": 10_000,
    "people": 100_000,
    "centres": 2_000,
    "applications": 7_500,
    "deadlines": 200_000,
    "documents": 50_000,
    "audit_rows": 2_000_000,
    "history_events": 60,
    "experts": 40_000,
    "duty_hours": 1_000_000,
    "data_requests": 8_000,
    "access_logs": 500_000,
}
PRESETS = {
    "province": Preset("province", 16, 10, PROVINCE_NUMBERS),
    "city": Preset(
        "city", 2, 10, {k: max(1, v // 8) for k, v in PROVINCE_NUMBERS.items()} | {"history_events": 60}
    ),
    "district": Preset(
        "district", 1, 3, {k: max(1, v // 100) for k, v in PROVINCE_NUMBERS.items()} | {"history_events": 60}
    ),
    # Less than a page of every list: the query-count guards compare it with the district preset.
    "tiny": Preset("tiny", 1, 3, {k: max(1, v // 2000) for k, v in PROVINCE_NUMBERS.items()}),
}


class Progress:
    """A progress bar on stderr (a TTY) or one line per step (a log)."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = getattr(self.stream, "isatty", lambda: False)()

    def step(self, label: str, total: int):
        return _Bar(self, label, total)


class _Bar:
    def __init__(self, progress: Progress, label: str, total: int):
        self.p, self.label, self.total, self.done = progress, label, max(total, 1), 0
        self.started = time.perf_counter()
        self._last = 0.0

    def __enter__(self):
        self._draw(force=True)
        return self

    def advance(self, n: int = 1):
        self.done += n
        self._draw()

    def _draw(self, force: bool = False):
        now = time.perf_counter()
        if not force and now - self._last < 0.5 and self.done < self.total:
            return
        self._last = now
        frac = min(self.done / self.total, 1)
        if self.p.tty:
            bar = "█" * int(frac * self.p.width) + "░" * (self.p.width - int(frac * self.p.width))
            self.p.stream.write(
                f"\r{self.label:<14} {bar} {self.done:>9,}/{self.total:,} {now - self.started:6.1f}s"
            )
            self.p.stream.flush()

    def __exit__(self, *exc):
        elapsed = time.perf_counter() - self.started
        if self.p.tty:
            self._draw(force=True)
            self.p.stream.write("\n")
        else:
            self.p.stream.write(f"{self.label}: {self.done:,} in {elapsed:.1f}s\n")
        self.p.stream.flush()


@dataclass
class ScaleContext:
    preset: Preset
    seed: int
    progress: Progress
    rng: random.Random = field(init=False)
    # filled in by the parts, for the parts after them
    province: Any = None
    cities: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    commissions: dict = field(default_factory=dict)  # jurisdiction id -> HealthCommission
    institutions: list[int] = field(default_factory=list)  # ids
    institution_jurisdiction: dict[int, int] = field(default_factory=dict)
    people: list[int] = field(default_factory=list)  # ids
    users: dict[str, Any] = field(default_factory=dict)  # username -> User
    extra: dict[str, Any] = field(default_factory=dict)  # anything a part leaves for another

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def size(self, name: str, default: int = 0) -> int:
        return self.preset.numbers.get(name, default)

    def rng_for(self, part: str) -> random.Random:
        """A generator of its own per part, so adding a part never changes another's data."""
        return random.Random(f"{self.seed}:{part}")

    @contextlib.contextmanager
    def without_triggers(self):
        """Inside the part's transaction: no row triggers and no foreign-key checks (PostgreSQL's
        ``session_replication_role = replica``, superuser only) — for the largest generated tables
        whose rows are consistent by construction. Their inserts then write no change-history
        event (the data set's audit rows are loaded separately). Without the privilege, the load
        simply runs with the triggers."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            yield False
            return
        try:
            yield True
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")

    def bulk(self, model, rows, *, total: int, label: str, batch: int = 5000) -> int:
        """``bulk_create`` from an iterable, in batches, with a progress bar."""
        made = 0
        with self.progress.step(label, total) as bar:
            chunk = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= batch:
                    model.objects.bulk_create(chunk)
                    made += len(chunk)
                    bar.advance(len(chunk))
                    chunk = []
            if chunk:
                model.objects.bulk_create(chunk)
                made += len(chunk)
                bar.advance(len(chunk))
        return made

    def copy(
        self, table: str, columns: list[str], rows, *, total: int, label: str, batch: int = 100_000
    ) -> int:
        """``COPY … FROM STDIN`` (text format) for the largest tables: values must be already
        escaped-free (no tabs, newlines or backslashes) or None."""
        made = 0
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.progress.step(label, total) as bar, connection.cursor() as cursor:
            buf, n = io.StringIO(), 0
            for row in rows:
                buf.write("\t".join(r"\N" if v is None else str(v) for v in row))
                buf.write("\n")
                n += 1
                if n >= batch:
                    buf.seek(0)
                    cursor.cursor.copy_expert(sql, buf)
                    made += n
                    bar.advance(n)
                    buf, n = io.StringIO(), 0
            if n:
                buf.seek(0)
                cursor.cursor.copy_expert(sql, buf)
                made += n
                bar.advance(n)
        return made


def load_existing(ctx: ScaleContext) -> None:
    """Fill ``ctx`` from a database already holding the earlier parts (``seed_scale --only …``
    continues an interrupted load with the parts named)."""
    from accounts.models import User
    from directory.models import HealthCommission, Institution, Jurisdiction, Person

    ctx.province = Jurisdiction.objects.get(code=PROVINCE_CODE)
    ctx.cities = list(Jurisdiction.objects.filter(parent=ctx.province).order_by("code"))
    ctx.districts = list(Jurisdiction.objects.filter(parent__in=ctx.cities).order_by("code"))
    ctx.commissions = {
        c.jurisdiction_id: c
        for c in HealthCommission.objects.select_related("jurisdiction").filter(
            jurisdiction__path__startswith=ctx.province.path
        )
    }
    rows = Institution.objects.filter(jurisdiction__path__startswith=ctx.province.path).order_by("pk")
    ctx.institution_jurisdiction = dict(rows.values_list("pk", "jurisdiction"))
    ctx.institutions = list(ctx.institution_jurisdiction)
    ctx.people = list(
        Person.objects.filter(id_number__startswith="990").order_by("pk").values_list("pk", flat=True)
    )
    ctx.users = {u.username: u for u in User.objects.filter(username__startswith="scale_")}


def parts() -> list[tuple[int, str, Any]]:
    """Every installed app's ``scale`` module, in ``ORDER``."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.scale")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.scale":
                raise
            continue
        found.append((getattr(module, "ORDER", 50), config.label, module))
    return sorted(found, key=lambda t: (t[0], t[1]))


def is_seeded() -> bool:
    from directory.models import Jurisdiction

    return Jurisdiction.objects.filter(code=PROVINCE_CODE).exists()


SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅文斌宇浩凯鹏俊帆琳晨曦雪松海波志"


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


# --- core's own part: the logins of the data set --------------------------------------------

ORDER = 20


def seed(ctx: ScaleContext) -> None:
    """One login per role and scope the benchmarks use (password ``PASSWORD``)."""
    from accounts.models import Role, User
    from directory.models import Institution, Person

    district, city = ctx.districts[0], ctx.cities[0]
    host = Institution.objects.filter(jurisdiction=district).order_by("pk").first()
    expert_person = Person.objects.filter(employer=host).order_by("pk").first() if host else None
    logins = [
        ("scale_admin", Role.SYSADMIN, {}),
        ("scale_province", Role.COMMISSION, {"jurisdiction": ctx.province}),
        ("scale_province_qc", Role.QC_OFFICE, {"jurisdiction": ctx.province}),
        ("scale_auditor", Role.AUDITOR, {"jurisdiction": ctx.province}),
        ("scale_city", Role.COMMISSION, {"jurisdiction": city}),
        ("scale_district", Role.COMMISSION, {"jurisdiction": district}),
        ("scale_district_qc", Role.QC_OFFICE, {"jurisdiction": district}),
        ("scale_reviewer", Role.DISTRICT_REVIEWER, {"jurisdiction": district}),
    ]
    if host:
        logins.append(("scale_host", Role.HOST_SUBMITTER, {"institution": host}))
    if expert_person:
        logins.append(("scale_expert", Role.EXPERT, {"person": expert_person}))
    from django.contrib.auth.hashers import make_password

    password = make_password(PASSWORD)  # hashed once: the hasher is slow on purpose
    for username, role, scope in logins:
        user = User(
            username=username,
            role=role,
            display_name=username,
            is_superuser=role == Role.SYSADMIN,
            is_staff=role == Role.SYSADMIN,
            password=password,
            **scope,
        )
        user.save()
        ctx.users[username] = user
    # A commission account in every jurisdiction: reminders naming nobody go to them.
    have = {u.jurisdiction_id for u in ctx.users.values() if u.role == Role.COMMISSION}
    User.objects.bulk_create(
        [
            User(
                username=f"scale_c_{j.code}",
                role=Role.COMMISSION,
                jurisdiction=j,
                password=password,
                display_name=f"{j.name}卫生健康委",
            )
            for j in [ctx.province, *ctx.cities, *ctx.districts]
            if j.pk not in have
        ]
    )


# --- the pages each part adds to the benchmark (benchmarks/test_pages.py) ----------------------


@dataclass(frozen=True)
class BenchPage:
    """A page or API list of the benchmark: ``PAGES = [BenchPage(...), ...]`` in an app's
    ``scale.py`` adds it to ``make bench`` (time at district and province scope) and to the
    query-count guard of ``make test`` (``core.tests.scale_counts``)."""

    slug: str
    name: str
    url: Any  # the user -> the URL (None: nothing of the kind in the user's scope)
    api: bool = False
    user: dict | None = None  # scope ("district"/"province") -> username, when another role uses it


def fixed(path: str):
    return lambda user: path


def detail_url(model_path: str, url_fmt: str, **filters):
    """The URL of the first record (by pk) of ``model_path`` the user may see, or None."""

    def url(user):
        model = apps.get_model(model_path)
        obj = model.objects.for_user(user).filter(**filters).order_by("pk").first()
        return url_fmt.format(pk=obj.pk, obj=obj) if obj else None

    return url


def bench_pages() -> list[BenchPage]:
    """Every part's ``PAGES``, in the parts' order."""
    return [page for _, _, module in parts() for page in getattr(module, "PAGES", ())]
