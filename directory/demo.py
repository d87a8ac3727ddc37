"""The demo world: five jurisdictions, one for each rule set, with institutions of every grade,
people with titles, and one login per role per jurisdiction. Used by ``seed_demo`` and tests.
Identifiers are generated with valid check characters so they pass the same validation as real
ones; none belongs to a real person or organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .validators import id_check_char, uscc_check_char

DEMO_PASSWORD = "Demo@2026qc"

# code, name, level, parent code
JURISDICTIONS = [
    ("500000", "重庆市", "province", None),
    ("500107", "九龙坡区", "district", "500000"),
    ("500112", "渝北区", "district", "500000"),
    ("370000", "山东省", "province", None),
    ("370100", "济南市", "city", "370000"),
    ("370102", "历下区", "district", "370100"),
    ("370103", "市中区", "district", "370100"),
    ("310000", "上海市", "province", None),
    ("310118", "青浦区", "district", "310000"),
    ("410000", "河南省", "province", None),
    ("410100", "郑州市", "city", "410000"),
    ("410300", "洛阳市", "city", "410000"),
]

# jurisdiction code, commission name, 发文机关代字, offices [(name, department)]
COMMISSIONS = [
    ("500000", "重庆市卫生健康委员会", "渝卫", [("医政医管处", "")]),
    ("500107", "重庆市九龙坡区卫生健康委员会", "九龙坡卫", [("区医疗质量控制中心管理办公室", "医政医管科")]),
    ("500112", "重庆市渝北区卫生健康委员会", "渝北卫", [("医政医管科", "")]),
    ("370000", "山东省卫生健康委员会", "鲁卫", [("医政医管处", "")]),
    ("370100", "济南市卫生健康委员会", "济卫", [("医政医管处", "")]),
    ("370102", "济南市历下区卫生健康局", "历下卫健", [("医政科", "")]),
    ("370103", "济南市市中区卫生健康局", "市中卫健", [("医政科", "")]),
    ("310000", "上海市卫生健康委员会", "沪卫", [("医政医管处", "")]),
    ("310118", "上海市青浦区卫生健康委员会", "青卫健", [("医政科", ""), ("区卫生健康事业发展中心", "")]),
    ("410000", "河南省卫生健康委员会", "豫卫", [("医政医管处", "")]),
    ("410100", "郑州市卫生健康委员会", "郑卫", [("医政医管处", "")]),
    ("410300", "洛阳市卫生健康委员会", "洛卫", [("医政医管处", "")]),
]

# jurisdiction code, name, kind, grade, ownership, opened
INSTITUTIONS = [
    ("500000", "重庆医科大学附属示范医院", "general", "3a", "public", "1939-05-01"),
    ("500107", "九龙坡区人民医院", "general", "3b", "public", "1951-03-01"),
    ("500107", "九龙坡区中医院", "tcm", "2a", "public", "1984-07-01"),
    ("500107", "九龙坡区妇幼保健院", "maternal_child", "2a", "public", "1987-10-01"),
    ("500107", "九龙坡区第二人民医院", "general", "2b", "public", "1992-06-01"),
    ("500107", "九龙坡康华骨科医院", "specialty", "1", "private", "2015-09-01"),
    ("500107", "杨家坪街道社区卫生服务中心", "community", "ungraded", "public", "2008-01-01"),
    ("500112", "渝北区人民医院", "general", "3a", "public", "1950-01-01"),
    ("500112", "渝北区双凤桥街道社区卫生服务中心", "community", "1a", "public", "2009-03-01"),
    ("370100", "济南市中心医院", "general", "3a", "public", "1948-09-01"),
    ("370100", "济南市中医医院", "tcm", "3a", "public", "1956-04-01"),
    ("370100", "济南市妇幼保健院", "maternal_child", "3a", "public", "1958-06-01"),
    ("370102", "历下区人民医院", "general", "2a", "public", "1960-05-01"),
    ("370102", "历下泉城眼科医院", "specialty", "2b", "private", "2012-11-01"),
    ("370103", "市中区人民医院", "general", "2a", "public", "1958-03-01"),
    ("370103", "市中区七贤街道社区卫生服务中心", "community", "1", "public", "2010-02-01"),
    ("310118", "青浦区中心医院", "general", "2a", "public", "1937-01-01"),
    ("310118", "青浦区中医医院", "tcm", "2a", "public", "1958-01-01"),
    ("310118", "青浦区妇幼保健院", "maternal_child", "2b", "public", "1960-01-01"),
    ("310118", "青浦区夏阳街道社区卫生服务中心", "community", "ungraded", "public", "2001-01-01"),
    ("310118", "青浦区赵巷镇社区卫生服务中心", "community", "ungraded", "public", "2024-09-01"),
    ("410000", "河南省示范人民医院", "general", "3a", "public", "1904-01-01"),
    ("410100", "郑州市中心医院", "general", "3a", "public", "1950-02-01"),
    ("410100", "郑州市第三人民医院", "general", "3b", "public", "1962-06-01"),
    ("410300", "洛阳市中心医院", "general", "3a", "public", "1953-01-01"),
    ("410300", "洛阳市妇女儿童医疗保健中心", "maternal_child", "3a", "public", "1952-01-01"),
]

# employer, name, sex, birth, title, level, title since, specialty, employment, gp registered
PEOPLE = [
    (
        "九龙坡区人民医院",
        "张建国",
        "M",
        "1968-04-12",
        "主任医师",
        "senior",
        "2010-12-01",
        "心血管内科",
        "in_service",
        False,
    ),
    (
        "九龙坡区人民医院",
        "李秀英",
        "F",
        "1975-09-03",
        "副主任护师",
        "associate_senior",
        "2014-12-01",
        "护理",
        "in_service",
        False,
    ),
    (
        "九龙坡区人民医院",
        "王志强",
        "M",
        "1982-01-20",
        "主治医师",
        "intermediate",
        "2013-06-01",
        "重症医学",
        "in_service",
        False,
    ),
    (
        "九龙坡区中医院",
        "陈静",
        "F",
        "1979-11-30",
        "主任中医师",
        "senior",
        "2016-12-01",
        "中医内科",
        "in_service",
        False,
    ),
    (
        "九龙坡区妇幼保健院",
        "刘芳",
        "F",
        "1971-02-14",
        "主任医师",
        "senior",
        "2012-12-01",
        "妇产科",
        "in_service",
        False,
    ),
    (
        "九龙坡区第二人民医院",
        "赵德明",
        "M",
        "1958-07-07",
        "主任医师",
        "senior",
        "2001-12-01",
        "普通外科",
        "retired",
        False,
    ),
    (
        "杨家坪街道社区卫生服务中心",
        "周晓燕",
        "F",
        "1986-05-18",
        "主治医师",
        "intermediate",
        "2016-06-01",
        "全科医学",
        "in_service",
        True,
    ),
    (
        "重庆医科大学附属示范医院",
        "吴立新",
        "M",
        "1970-03-22",
        "主任医师",
        "senior",
        "2009-12-01",
        "全科医学",
        "in_service",
        True,
    ),
    (
        "渝北区人民医院",
        "郑海燕",
        "F",
        "1980-08-08",
        "副主任医师",
        "associate_senior",
        "2015-12-01",
        "全科医学",
        "in_service",
        True,
    ),
    (
        "渝北区双凤桥街道社区卫生服务中心",
        "孙文博",
        "M",
        "1988-12-01",
        "主治医师",
        "intermediate",
        "2018-06-01",
        "全科医学",
        "in_service",
        True,
    ),
    (
        "济南市中心医院",
        "马国栋",
        "M",
        "1972-06-15",
        "主任医师",
        "senior",
        "2011-12-01",
        "呼吸与危重症医学",
        "in_service",
        False,
    ),
    (
        "济南市中心医院",
        "黄丽华",
        "F",
        "1978-10-10",
        "副主任医师",
        "associate_senior",
        "2016-12-01",
        "医院感染管理",
        "in_service",
        False,
    ),
    (
        "济南市中医医院",
        "林志远",
        "M",
        "1969-01-25",
        "主任中医师",
        "senior",
        "2008-12-01",
        "针灸推拿",
        "in_service",
        False,
    ),
    (
        "历下区人民医院",
        "高雪梅",
        "F",
        "1983-04-04",
        "副主任医师",
        "associate_senior",
        "2019-12-01",
        "超声医学",
        "in_service",
        False,
    ),
    (
        "市中区人民医院",
        "罗斌",
        "M",
        "1976-09-19",
        "主任医师",
        "senior",
        "2017-12-01",
        "检验医学",
        "in_service",
        False,
    ),
    (
        "青浦区中心医院",
        "徐明",
        "M",
        "1974-12-12",
        "主任医师",
        "senior",
        "2015-12-01",
        "急诊医学",
        "in_service",
        False,
    ),
    (
        "青浦区中心医院",
        "朱婷",
        "F",
        "1987-03-08",
        "主管护师",
        "intermediate",
        "2017-06-01",
        "护理",
        "in_service",
        False,
    ),
    (
        "青浦区中医医院",
        "胡伟",
        "M",
        "1981-07-30",
        "副主任中医师",
        "associate_senior",
        "2018-12-01",
        "中医骨伤",
        "in_service",
        False,
    ),
    (
        "青浦区夏阳街道社区卫生服务中心",
        "沈佳怡",
        "F",
        "1990-10-21",
        "主治医师",
        "intermediate",
        "2019-06-01",
        "全科医学",
        "in_service",
        True,
    ),
    (
        "河南省示范人民医院",
        "韩冬",
        "M",
        "1966-02-02",
        "主任医师",
        "senior",
        "2005-12-01",
        "麻醉学",
        "in_service",
        False,
    ),
    (
        "郑州市中心医院",
        "冯淑敏",
        "F",
        "1973-05-05",
        "主任医师",
        "senior",
        "2012-12-01",
        "病理学",
        "in_service",
        False,
    ),
    (
        "洛阳市中心医院",
        "曹磊",
        "M",
        "1979-08-28",
        "副主任医师",
        "associate_senior",
        "2014-12-01",
        "医学影像",
        "in_service",
        False,
    ),
    (
        "九龙坡区人民医院",
        "彭镕",
        "M",
        "1977-04-16",
        "副主任医师",
        "associate_senior",
        "2016-12-01",
        "心血管内科",
        "in_service",
        False,
    ),
    (
        "济南市中心医院",
        "喆妍",
        "F",
        "1985-11-11",
        "主治医师",
        "intermediate",
        "2017-06-01",
        "心血管内科",
        "in_service",
        False,
    ),
]


# jurisdiction code, body kind, rule set, valid from — which regulation governs whom
RULESET_ASSIGNMENTS = [
    ("500107", "district_centre", "cq-jiulongpo-2025", "2025-11-20"),
    ("500000", "expert_team", "cq-gp-experts-2020", "2020-09-25"),
    ("370100", "city_centre", "jinan-city-2024", "2024-02-23"),
    ("310118", "qc_group", "sh-qingpu-2025", "2025-05-30"),
    ("410000", "provincial_centre", "henan-seven-ones-2024", "2024-05-29"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    jurisdiction: str | None = None  # jurisdiction code
    institution: str | None = None  # institution name
    person: str | None = None  # person name
    display_name: str = ""
    note: str = ""


LOGINS = [
    DemoLogin("admin", "sysadmin", display_name="系统管理员", note="全部数据"),
    # 九龙坡区 — district centres (cq-jiulongpo-2025)
    DemoLogin("jlp_commission", "commission", "500107", display_name="九龙坡区卫健委 医政医管科"),
    DemoLogin("jlp_qc_office", "qc_office", "500107", display_name="九龙坡区质控办"),
    DemoLogin(
        "jlp_host", "host_submitter", institution="九龙坡区人民医院", display_name="九龙坡区人民医院 质控科"
    ),
    DemoLogin("jlp_expert", "expert", person="张建国", display_name="张建国"),
    DemoLogin("jlp_reviewer", "expert", person="陈静", display_name="陈静（评审专家）"),
    DemoLogin(
        "jlp_scorer", "institution_scorer", institution="九龙坡区中医院", display_name="九龙坡区中医院 医务科"
    ),
    DemoLogin("jlp_auditor", "auditor", "500107", display_name="九龙坡区 审计"),
    # 重庆市 — the municipal general-practice centre and its expert teams (cq-gp-experts-2020)
    DemoLogin("cq_commission", "commission", "500000", display_name="重庆市卫健委 医政医管处"),
    DemoLogin("cq_qc_office", "qc_office", "500000", display_name="重庆市全科医疗质控中心办公室"),
    DemoLogin("cq_district_reviewer", "district_reviewer", "500112", display_name="渝北区卫健委 审核人"),
    DemoLogin(
        "cq_host",
        "host_submitter",
        institution="重庆医科大学附属示范医院",
        display_name="市全科质控中心 挂靠单位",
    ),
    DemoLogin("cq_expert", "expert", person="周晓燕", display_name="周晓燕"),
    DemoLogin(
        "cq_scorer", "institution_scorer", institution="渝北区人民医院", display_name="渝北区人民医院 医务科"
    ),
    DemoLogin("cq_auditor", "auditor", "500000", display_name="重庆市 审计"),
    # 济南市 — city centres (jinan-city-2024)
    DemoLogin("jn_commission", "commission", "370100", display_name="济南市卫健委 医政医管处"),
    DemoLogin("jn_qc_office", "qc_office", "370100", display_name="济南市质控办"),
    DemoLogin("jn_district_reviewer", "district_reviewer", "370102", display_name="历下区卫健局 审核人"),
    DemoLogin(
        "jn_host", "host_submitter", institution="济南市中心医院", display_name="济南市中心医院 质控科"
    ),
    DemoLogin("jn_expert", "expert", person="马国栋", display_name="马国栋"),
    DemoLogin(
        "jn_scorer", "institution_scorer", institution="市中区人民医院", display_name="市中区人民医院 医务科"
    ),
    DemoLogin("jn_auditor", "auditor", "370100", display_name="济南市 审计"),
    # 青浦区 — QC groups (sh-qingpu-2025)
    DemoLogin("qp_commission", "commission", "310118", display_name="青浦区卫健委 医政科"),
    DemoLogin("qp_qc_office", "qc_office", "310118", display_name="青浦区卫生健康事业发展中心"),
    DemoLogin(
        "qp_host", "host_submitter", institution="青浦区中心医院", display_name="青浦区中心医院 医务科"
    ),
    DemoLogin("qp_expert", "expert", person="徐明", display_name="徐明"),
    DemoLogin(
        "qp_scorer", "institution_scorer", institution="青浦区中医医院", display_name="青浦区中医医院 医务科"
    ),
    DemoLogin("qp_auditor", "auditor", "310118", display_name="青浦区 审计"),
    # 河南省 — provincial centres (henan-seven-ones-2024)
    DemoLogin("hn_commission", "commission", "410000", display_name="河南省卫健委 医政医管处"),
    DemoLogin("hn_qc_office", "qc_office", "410000", display_name="河南省质控办"),
    DemoLogin("hn_district_reviewer", "district_reviewer", "410100", display_name="郑州市卫健委 审核人"),
    DemoLogin(
        "hn_host",
        "host_submitter",
        institution="河南省示范人民医院",
        display_name="河南省示范人民医院 质控处",
    ),
    DemoLogin("hn_expert", "expert", person="韩冬", display_name="韩冬"),
    DemoLogin(
        "hn_scorer", "institution_scorer", institution="洛阳市中心医院", display_name="洛阳市中心医院 医务科"
    ),
    DemoLogin("hn_auditor", "auditor", "410000", display_name="河南省 审计"),
]


def demo_uscc(jurisdiction_code: str, index: int) -> str:
    # 1 (机构编制) 2 (事业单位) + region + a 9-character organisation code + check character
    first17 = f"12{jurisdiction_code}{450000000 + index * 7919:09d}"
    return first17 + uscc_check_char(first17)


def demo_id_number(region: str, birth: str, index: int) -> str:
    first17 = f"{region}{birth.replace('-', '')}{100 + index:03d}"
    return first17 + id_check_char(first17)


def demo_mobile(index: int) -> str:
    return f"139{index * 104729 % 100000000:08d}"


def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
