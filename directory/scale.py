"""The directory's part of the province-scale data set (core/scale.py): 示范省 with its cities
and districts, a commission for each, the institutions and the people."""

from __future__ import annotations

import datetime as dt

from core import scale

from .demo import demo_uscc
from .models import HealthCommission, Institution, Jurisdiction, Person
from .validators import id_check_char

ORDER = 10

KINDS = [
    ("general", "人民医院", 0.30),
    ("tcm", "中医院", 0.10),
    ("maternal_child", "妇幼保健院", 0.05),
    ("specialty", "专科医院", 0.10),
    ("community", "社区卫生服务中心", 0.30),
    ("township", "卫生院", 0.15),
]
GRADES = ["3a", "3b", "2a", "2b", "1a", "ungraded"]
TITLE_LEVELS = ["senior", "associate_senior", "intermediate", "junior", "none"]


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("directory")
    p = ctx.preset
    province = Jurisdiction(code=scale.PROVINCE_CODE, name=scale.PROVINCE_NAME, level="province")
    province.save()
    cities = Jurisdiction.objects.bulk_create(
        [
            Jurisdiction(
                code=f"99{c:02d}00",
                name=f"示范省第{c}市",
                level="city",
                parent=province,
                path=f"{province.path}99{c:02d}00/",
            )
            for c in range(1, p.cities + 1)
        ]
    )
    districts = Jurisdiction.objects.bulk_create(
        [
            Jurisdiction(
                code=f"99{c:02d}{d:02d}",
                name=f"第{c}市第{d}区",
                level="district",
                parent=city,
                path=f"{city.path}99{c:02d}{d:02d}/",
            )
            for c, city in enumerate(cities, 1)
            for d in range(1, p.districts_per_city + 1)
        ]
    )
    ctx.province, ctx.cities, ctx.districts = province, cities, districts
    every = [province, *cities, *districts]
    commissions = HealthCommission.objects.bulk_create(
        [
            HealthCommission(jurisdiction=j, name=f"{j.name}卫生健康委员会", short_name=f"{j.name[-3:]}卫")
            for j in every
        ]
    )
    ctx.commissions = {c.jurisdiction_id: c for c in commissions}

    # Institutions: a few at province and city level, most in the districts.
    n_inst = ctx.size("institutions")
    weights = [5] + [20] * len(cities) + [60] * len(districts)
    places = rng.choices(every, weights=weights, k=n_inst)
    kinds = rng.choices(KINDS, weights=[k[2] for k in KINDS], k=n_inst)

    def institutions():
        for i, (j, kind) in enumerate(zip(places, kinds)):
            yield Institution(
                name=f"{j.name}第{i + 1}{kind[1]}",
                uscc=demo_uscc(j.code, i),
                kind=kind[0],
                grade=rng.choice(GRADES),
                jurisdiction=j,
                supervising_commission=ctx.commissions[j.pk],
                opened_on=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(25000)),
            )

    ctx.bulk(Institution, institutions(), total=n_inst, label="医疗机构")
    rows = Institution.objects.filter(jurisdiction__path__startswith=province.path).values_list(
        "pk", "jurisdiction"
    )
    ctx.institutions = [pk for pk, _ in rows]
    ctx.institution_jurisdiction = dict(rows)

    n_people = ctx.size("people")

    def people():
        for n in range(n_people):
            birth = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(15000))
            first17 = f"990{birth:%Y%m%d}{n:06d}"
            level = rng.choice(TITLE_LEVELS)
            yield Person(
                name=scale.person_name(rng),
                sex=rng.choice("MF"),
                birth_date=birth,
                id_number=first17 + id_check_char(first17),
                mobile=f"13{n:09d}",
                title={
                    "senior": "主任医师",
                    "associate_senior": "副主任医师",
                    "intermediate": "主治医师",
                    "junior": "医师",
                    "none": "",
                }[level],
                title_level=level,
                title_obtained_on=None if rng.random() < 0.1 else birth + dt.timedelta(days=365 * 30),
                specialty=rng.choice(
                    ["心血管内科", "呼吸内科", "全科医学", "护理", "医院感染管理", "药事管理"]
                ),
                employer_id=rng.choice(ctx.institutions),
            )

    ctx.bulk(Person, people(), total=n_people, label="人员")
    ctx.people = list(Person.objects.filter(id_number__startswith="990").values_list("pk", flat=True))
