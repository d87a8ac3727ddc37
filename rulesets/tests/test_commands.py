"""``manage.py rulesets``: show, check-roster, evaluate — output and exit status."""

import json

from django.core.management import call_command

from rulesets.tests.test_roster import GOOD_ROW, make_workbook


def run(*args):
    """Run the command; return (exit status, stdout, stderr)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("rulesets", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue()


def jlp_roster(tmp_path, extra_members=0, **chair):
    rows = [
        {**GOOD_ROW, **chair},
        {
            **GOOD_ROW,
            "姓名": "王五",
            "拟任职务": "副主任委员",
            "是否挂靠单位人员": "否",
            "工作单位": "别的医院",
        },
    ]
    rows += [
        {**GOOD_ROW, "姓名": f"委员{i}", "拟任职务": "委员", "是否挂靠单位人员": "否"}
        for i in range(extra_members)
    ]
    return str(make_workbook(tmp_path / "roster.xlsx", rows))


def test_show_prints_every_parameter_as_json():
    status, out, _ = run("show", "cq-jiulongpo-2025", "--json")
    data = json.loads(out)
    assert status == 0 and data["code"] == "cq-jiulongpo-2025"
    p = {x["key"]: x for x in data["parameters"]}["committee.max_members"]
    assert p == {
        "key": "committee.max_members",
        "value": 20,
        "unit": "persons",
        "article": "第十一条（一）",
        "text": "其委员数原则上不超过20人",
        "strictness": "in_principle",
        "setting": False,
    }


def test_show_text_and_unknown_code():
    status, out, _ = run("show", "jinan-city-2024")
    assert status == 0 and "committee.host_role_caps" in out
    status, _, err = run("show", "nowhere-2099")
    assert status == 2 and "未知的规则集" in err


def test_check_roster_clean_exits_0(tmp_path):
    status, out, _ = run(
        "check-roster", "--ruleset", "cq-jiulongpo-2025", "--on", "2026-01-01", jlp_roster(tmp_path)
    )
    assert status == 0 and "未发现" in out


def test_check_roster_with_violations_exits_1_and_json_names_rows(tmp_path):
    path = jlp_roster(tmp_path, extra_members=19, 出生日期="1955-01-01")
    status, out, _ = run(
        "check-roster", "--ruleset", "cq-jiulongpo-2025", "--on", "2026-01-01", path, "--json"
    )
    assert status == 1
    violations = json.loads(out)["violations"]
    assert {
        "code": "committee.max_members",
        "article": "第十一条（一）",
        "message": "第十一条（一）：委员数原则上不超过20人，现为21人",
        "strictness": "in_principle",
        "row": None,
    } in violations
    [age] = [v for v in violations if v["code"] == "chair.max_age"]
    assert age["row"] == 2 and age["strictness"] == "mandatory"


def test_check_roster_malformed_or_unreadable_exits_2_with_chinese_message(tmp_path):
    path = make_workbook(tmp_path / "bad.xlsx", [{**GOOD_ROW, "是否挂靠单位人员": "也许"}])
    status, out, err = run("check-roster", "--ruleset", "cq-jiulongpo-2025", str(path))
    assert status == 2 and "第2行 E列（是否挂靠单位人员）" in err and "Traceback" not in err
    status, _, err = run("check-roster", "--ruleset", "cq-jiulongpo-2025", str(tmp_path / "none.xlsx"))
    assert status == 2 and "无法读取名册文件" in err
    status, _, err = run("check-roster", "--ruleset", "cq-jiulongpo-2025", "--on", "2026-13-01", str(path))
    assert status == 2 and "YYYY-MM-DD" in err


def test_roster_template_subcommand(tmp_path):
    status, out, _ = run("roster-template", str(tmp_path / "t.xlsx"))
    assert status == 0 and (tmp_path / "t.xlsx").exists()
