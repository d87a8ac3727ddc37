"""The rule-set files and their loader.

Plain pytest functions: no database, no Django. The seed regulations (the authority every `text`
is checked against) ship with the product in rulesets/texts/<code>.txt, byte for byte the seeds.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from rulesets import schema
from rulesets.loader import (
    ARTICLE_RE,
    DEFAULT_DATA_DIR,
    Item,
    RuleSet,
    RuleSetFormatError,
    UnknownParameter,
    load_all,
    load_ruleset,
)

REPO = Path(__file__).resolve().parents[2]
CODES = {
    "cq-jiulongpo-2025",
    "jinan-city-2024",
    "sh-qingpu-2025",
    "cq-gp-experts-2020",
    "henan-seven-ones-2024",
}


@pytest.fixture(scope="module")
def rulesets() -> dict[str, RuleSet]:
    return load_all()


def _seed(ruleset: RuleSet) -> str:
    from rulesets.registry import regulation_text

    text = regulation_text(ruleset.code)
    assert text, f"rulesets/texts/{ruleset.code}.txt is missing"
    return text


def _squeeze(text: str) -> str:
    """Whitespace is the only thing normalised: the seeds break lines (and put spaces) mid-phrase."""
    return re.sub(r"\s+", "", text)


# --- locating a cited article in a seed ----------------------------------------------------------

_CN = "一二三四五六七八九十百"
_LINE = r"^[ \t\u3000]*(?:\[bookmark:[^\]]*\])?[ \t\u3000]*(?:-[ \t]*)?"  # seeds prefix some items


def _block(text: str, head: str, following: str, citation: str) -> str:
    """From the line starting with `head` to the next line starting with `following`."""
    start = re.search(_LINE + head, text, re.M)
    assert start, f"{citation}: {head!r} not found in the seed"
    end = re.compile(_LINE + following, re.M).search(text, start.end())
    return text[start.start() : end.start() if end else len(text)]


def _paren_block(text: str, token: str, citation: str) -> str:
    # A Chinese-numbered item ends at the next Chinese-numbered one; a digit-numbered item at any.
    following = rf"[（(][{_CN}]+[）)]" if not token.isdigit() else rf"[（(](?:[{_CN}]+|\d+)[）)]"
    return _block(text, rf"[（(]{token}[）)]", following, citation)


def _numbered_block(text: str, number: str, citation: str) -> str:
    return _block(text, rf"{number}\s*[.．、]", r"\d+\s*[.．、]", citation)


def article_span(seed: str, citation: str) -> str:
    """The part of the seed that `citation` (第十一条（三）1, 二、(一)2.(1), ...) points at."""
    m = re.fullmatch(rf"第([{_CN}]+)条(?:（([{_CN}]+|\d+)）)?(\d+)?", citation)
    if m:
        article, item, number = m.groups()
        span = _block(seed, rf"第{article}条", rf"第[{_CN}]+条", citation)
        sub = None
    else:
        m = re.fullmatch(rf"([{_CN}]+)、(?:\(([{_CN}]+)\)(?:(\d+)\.(?:\((\d+)\))?)?)?", citation)
        assert m, f"cannot parse citation {citation!r}"
        section, item, number, sub = m.groups()
        span = _block(seed, rf"{section}、", rf"[{_CN}]+、", citation)
    if item:
        span = _paren_block(span, item, citation)
    if number:
        span = _numbered_block(span, number, citation)
    if sub:
        span = _paren_block(span, sub, citation)
    return span


def _all_parameters(rulesets):
    return [(code, p) for code, rs in sorted(rulesets.items()) for p in rs.parameters.values()]


# --- the five files --------------------------------------------------------------------------------


def test_all_five_rule_sets_load(rulesets):
    assert set(rulesets) == CODES
    for code, ruleset in rulesets.items():
        assert ruleset.code == code
        assert (DEFAULT_DATA_DIR / f"{code}.yaml").is_file()
        assert ruleset.in_force_from >= ruleset.issued_on
        assert ruleset.parameters


@pytest.mark.parametrize(
    "code, key, value, strictness, article",
    [
        ("cq-jiulongpo-2025", "committee.max_members", 20, "in_principle", "第十一条（一）"),
        ("cq-jiulongpo-2025", "committee.max_from_host", 5, "mandatory", "第十一条（一）"),
        (
            "cq-jiulongpo-2025",
            "committee.min_vice_chairs_from_outside_host",
            1,
            "mandatory",
            "第十一条（二）",
        ),
        ("cq-jiulongpo-2025", "committee.liaison_counted_in_members", False, "mandatory", "第十一条（二）"),
        ("cq-jiulongpo-2025", "host.min_grade", "2", "in_principle", "第六条（一）"),
        ("cq-jiulongpo-2025", "host.clean_record_years", 3, "mandatory", "第六条（四）"),
        ("cq-jiulongpo-2025", "notice.min_working_days", 5, "mandatory", "第七条（五）"),
        ("cq-jiulongpo-2025", "chair.max_age", 65, "mandatory", "第十一条（三）1"),
        ("cq-jiulongpo-2025", "chair.min_title_level", "associate_senior", "in_principle", "第十一条（三）2"),
        ("cq-jiulongpo-2025", "chair.max_terms", 2, "mandatory", "第十一条（三）"),
        ("cq-jiulongpo-2025", "duties.min_trainings_per_year", 2, "mandatory", "第八条（五）"),
        ("cq-jiulongpo-2025", "duties.min_committee_meetings_per_year", 2, "mandatory", "第十三条"),
        (
            "cq-jiulongpo-2025",
            "appraisal.retention_min_grade_all_years",
            "good",
            "mandatory",
            "第二十二条（一）",
        ),
        (
            "cq-jiulongpo-2025",
            "violations.severe_violation_ban_scope",
            "same_specialty",
            "mandatory",
            "第二十条",
        ),
        ("cq-jiulongpo-2025", "application.preliminary_review_by", "qc_office", "mandatory", "第十八条（1）"),
        ("jinan-city-2024", "committee.max_members", 30, "mandatory", "第六条"),
        ("jinan-city-2024", "committee.max_from_host", 4, "mandatory", "第六条"),
        ("jinan-city-2024", "chair.max_age_at_first_appointment", 56, "mandatory", "第六条（二）"),
        ("jinan-city-2024", "chair.society_vice_chair_preferred", True, "preferred", "第六条（一）"),
        ("jinan-city-2024", "host.min_grade", "2a", "mandatory", "第五条（一）"),
        ("jinan-city-2024", "host.society_chair_unit_preferred", True, "preferred", "第五条（二）"),
        ("jinan-city-2024", "setup.max_terms_before_reselection", 2, "mandatory", "第十九条（一）"),
        ("jinan-city-2024", "duties.annual_plan_due", "12-31", "mandatory", "第十一条"),
        ("jinan-city-2024", "appraisal.first_fail_consequence", "yellow_card", "mandatory", "第十九条（三）"),
        ("jinan-city-2024", "appraisal.red_card_ban_years", 4, "mandatory", "第十九条（三）"),
        (
            "jinan-city-2024",
            "violations.severe_violation_ban_scope",
            "new_other_specialty_centre",
            "mandatory",
            "第十七条",
        ),
        ("jinan-city-2024", "handover.deadline_months", 1, "mandatory", "第二十一条"),
        ("sh-qingpu-2025", "committee.leaders", 1, "in_principle", "第五条"),
        ("sh-qingpu-2025", "chair.min_title_years", 5, "mandatory", "第七条1"),
        ("sh-qingpu-2025", "members.supervision_min_title_years", 3, "mandatory", "第九条1"),
        ("sh-qingpu-2025", "members.drawn_first_from_supervision_group", True, "preferred", "第十一条"),
        ("sh-qingpu-2025", "members.min_years_at_district_first_practice_site", 2, "in_principle", "第十条"),
        ("cq-gp-experts-2020", "experts.city_min_experience_years", 8, "mandatory", "二、(一)2.(1)"),
        ("cq-gp-experts-2020", "experts.regional_min_duty_hours", 30, "mandatory", "四、(二)1."),
        ("cq-gp-experts-2020", "experts.grade_fail_min_percent", 10, "in_principle", "四、(二)4."),
        ("cq-gp-experts-2020", "experts.renewal_min_grade", "pass", "mandatory", "四、(二)4."),
        ("henan-seven-ones-2024", "duties.dispatch_meetings_per_year", 12, "mandatory", "四、"),
        ("henan-seven-ones-2024", "duties.city_centre_reviews_per_year", 1, "mandatory", "七、"),
    ],
)
def test_spot_checked_values_and_articles(rulesets, code, key, value, strictness, article):
    parameter = rulesets[code].param(key)
    assert (parameter.value, parameter.strictness, parameter.article) == (value, strictness, article)


def test_jinan_host_role_caps_are_one_each(rulesets):
    caps = rulesets["jinan-city-2024"].value("committee.host_role_caps")
    assert dict(caps) == {"chair": 1, "vice_chair": 1, "secretary": 1, "member": 1}


def test_lists_have_the_regulations_counts(rulesets):
    assert len(rulesets["cq-jiulongpo-2025"].value("violations.prohibited_acts")) == 7
    assert len(rulesets["jinan-city-2024"].value("violations.prohibited_acts")) == 8
    assert len(rulesets["sh-qingpu-2025"].value("violations.prohibited_acts")) == 7
    assert len(rulesets["jinan-city-2024"].value("appraisal.automatic_fail_conditions")) == 7
    assert len(rulesets["cq-gp-experts-2020"].value("experts.exit_reasons")) == 6
    assert rulesets["cq-jiulongpo-2025"].value("appraisal.grades")[0] == Item("excellent", "优秀")


def test_jiulongpo_handover_deadline_is_left_to_the_commission(rulesets):
    deadline = rulesets["cq-jiulongpo-2025"].param("handover.deadline_months")
    assert deadline.setting is True and deadline.value is None and deadline.article == "第二十四条"


def test_settings_have_no_value_and_everything_else_has_one(rulesets):
    for code, parameter in _all_parameters(rulesets):
        assert (parameter.value is None) == parameter.setting, f"{code} {parameter.key}"


def test_every_strictness_is_one_of_the_three(rulesets):
    for code, parameter in _all_parameters(rulesets):
        assert parameter.strictness in ("mandatory", "in_principle", "preferred"), f"{code} {parameter.key}"


def test_wording_matches_strictness(rulesets):
    # 原则上 in the quoted words means in_principle; 优先 means preferred (docs/rulesets.md).
    for code, parameter in _all_parameters(rulesets):
        if parameter.strictness == "preferred":
            assert "优先" in parameter.text, f"{code} {parameter.key}"
        if "优先" in parameter.text:
            assert parameter.strictness == "preferred", f"{code} {parameter.key}"
        if "原则上" in parameter.text:
            assert parameter.strictness == "in_principle", f"{code} {parameter.key}"


def test_every_article_is_a_well_formed_citation(rulesets):
    for code, parameter in _all_parameters(rulesets):
        assert ARTICLE_RE.match(parameter.article), f"{code} {parameter.key}: {parameter.article}"


# --- the regulation's own words ------------------------------------------------------------------


def test_every_text_is_verbatim_in_its_seed(rulesets):
    for code, ruleset in sorted(rulesets.items()):
        seed = _squeeze(_seed(ruleset))
        for parameter in ruleset.parameters.values():
            assert _squeeze(parameter.text) in seed, f"{code} {parameter.key}: {parameter.text}"


def test_every_text_and_label_is_inside_the_cited_article(rulesets):
    for code, ruleset in sorted(rulesets.items()):
        seed = _seed(ruleset)
        for parameter in ruleset.parameters.values():
            span = _squeeze(article_span(seed, parameter.article))
            where = f"{code} {parameter.key} at {parameter.article}"
            assert _squeeze(parameter.text) in span, f"{where}: {parameter.text}"
            if parameter.spec.type == "items":
                for item in parameter.value:
                    assert _squeeze(item.label) in span, f"{where}: label {item.label}"


def test_title_number_and_issuer_are_verbatim_in_the_seed(rulesets):
    for code, ruleset in sorted(rulesets.items()):
        seed = _squeeze(_seed(ruleset))
        for field in ("title", "number", "issuer"):
            value = getattr(ruleset, field)
            if value is not None:
                assert _squeeze(value) in seed, f"{code} {field}: {value}"
        for repealed in ruleset.repeals:
            assert _squeeze(repealed) in seed, f"{code} repeals {repealed}"


def test_article_span_finds_the_item_not_just_the_article():
    seed = "第六条  条件：\n（一）甲；\n（二）乙；\n1.丙\n2.丁\n第七条  戊\n"
    assert _squeeze(article_span(seed, "第六条（一）")) == "（一）甲；"
    assert _squeeze(article_span(seed, "第六条（二）2")) == "2.丁"
    assert "戊" not in article_span(seed, "第六条")


# --- the RuleSet API -----------------------------------------------------------------------------


def test_param_of_a_name_the_rule_set_does_not_define(rulesets):
    qingpu = rulesets["sh-qingpu-2025"]
    assert not qingpu.has("committee.max_members")
    with pytest.raises(UnknownParameter, match="sh-qingpu-2025 does not define committee.max_members"):
        qingpu.param("committee.max_members")
    with pytest.raises(KeyError):  # UnknownParameter is a KeyError
        qingpu.param("committee.max_members")


def test_a_name_outside_the_vocabulary_is_a_bug_even_for_has(rulesets):
    jiulongpo = rulesets["cq-jiulongpo-2025"]
    for call in (jiulongpo.param, jiulongpo.has, jiulongpo.value):
        with pytest.raises(UnknownParameter, match="not in the rule-set vocabulary"):
            call("committee.max_memberz")


def test_rule_sets_and_parameters_are_immutable(rulesets):
    ruleset = rulesets["cq-jiulongpo-2025"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ruleset.code = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        ruleset.param("committee.max_members").value = 21
    with pytest.raises(TypeError):
        ruleset.parameters["committee.max_members"] = None
    assert isinstance(ruleset.value("setup.selection_methods"), tuple)


# --- the vocabulary ------------------------------------------------------------------------------


def test_schema_is_consistent():
    for key, spec in schema.PARAMETERS.items():
        assert re.fullmatch(r"[a-z]+\.[a-z0-9_]+", key), key
        assert spec.group in schema.GROUPS, key
        assert spec.type in schema.TYPES, key
        assert spec.unit in schema.UNITS, key
        assert spec.en.strip() and spec.zh.strip(), key
        if spec.type in ("choice", "codes", "counts"):
            assert spec.choices, f"{key} needs choices"
        if spec.type == "bool":
            assert spec.unit == "bool", key
        if spec.type in ("codes", "items"):
            assert spec.unit == "list", key


def test_every_vocabulary_name_is_used_by_some_rule_set(rulesets):
    used = {key for rs in rulesets.values() for key in rs.parameters}
    assert set(schema.PARAMETERS) - used == set()


def test_docs_list_every_vocabulary_name():
    docs = (REPO / "docs" / "rulesets.md").read_text(encoding="utf-8")
    missing = [key for key in schema.PARAMETERS if f"`{key}`" not in docs]
    assert missing == []


@pytest.mark.parametrize(
    "grade, minimum, meets",
    [
        ("2", "2", True),
        ("2c", "2", True),
        ("3", "2", True),
        ("1a", "2", False),
        ("ungraded", "2", False),
        ("2a", "2a", True),
        ("2b", "2a", False),
        ("2", "2a", False),
        ("3c", "2a", True),
        ("3", "2a", True),
    ],
)
def test_grade_at_least(grade, minimum, meets):
    assert schema.grade_at_least(grade, minimum) is meets


def test_title_at_least():
    assert schema.title_at_least("senior", "associate_senior")
    assert schema.title_at_least("associate_senior", "associate_senior")
    assert not schema.title_at_least("intermediate", "associate_senior")


# --- malformed files ------------------------------------------------------------------------------

FILE = "cq-jiulongpo-2025.yaml"


def _base() -> dict:
    """A small valid file; each case below breaks one thing."""

    def p(value, unit, article="第十一条（一）", strictness="mandatory", **extra):
        return {
            "value": value,
            "unit": unit,
            "article": article,
            "text": "其委员数原则上不超过20人",
            "strictness": strictness,
            **extra,
        }

    return {
        "code": "cq-jiulongpo-2025",
        "title": "九龙坡区医疗质量控制中心管理办法（修订）",
        "number": "九龙坡卫发〔2025〕15号",
        "issuer": "重庆市九龙坡区卫生健康委员会",
        "issued_on": "2025-11-20",
        "in_force_from": "2025-11-20",
        "repeals": ["九龙坡卫办发〔2022〕16号"],
        "level": "district",
        "body_kind": "district_centre",
        "seed_file": "000_a9a007b9e6385804.txt",
        "parameters": {
            "setup": {"selection_methods": p(["selection"], "list")},
            "host": {"min_grade": p("2", "grade")},
            "committee": {
                "max_members": p(20, "persons", strictness="in_principle"),
                "host_role_caps": p({"chair": 1}, "persons"),
            },
            "chair": {"min_title_level": p("associate_senior", "level")},
            "members": {"non_performance_consequence": p("removed", "none")},
            "duties": {"annual_plan_due": p("12-31", "date")},
            "appraisal": {"grades": p([{"code": "pass", "label": "合格"}], "list")},
            "handover": {"deadline_months": p(None, "months", setting=True)},
        },
    }


def _write(tmp_path: Path, document: dict, name: str = FILE) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_base_of_the_malformed_cases_is_valid(tmp_path):
    ruleset = load_ruleset(_write(tmp_path, _base()))
    assert ruleset.value("committee.max_members") == 20
    assert ruleset.param("handover.deadline_months").setting


def _set(path: str, value):
    def change(doc):
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[part]
        node[last] = value

    return change


def _delete(path: str):
    def change(doc):
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[part]
        del node[last]

    return change


M = "parameters.committee.max_members"

MALFORMED = [
    # (what is wrong, how to break the base, the dotted key the message must name)
    ("unknown top-level key", _set("titel", "x"), "titel: unknown top-level key"),
    ("missing top-level key", _delete("issued_on"), "issued_on: missing"),
    ("unknown group", _set("parameters.comittee", {}), "parameters.comittee: unknown group"),
    (
        "unknown parameter",
        _set("parameters.committee.max_memberz", {}),
        "parameters.committee.max_memberz: unknown parameter",
    ),
    ("unknown parameter field", _set(f"{M}.articel", "第十一条"), f"{M}.articel: unknown field"),
    ("missing article", _delete(f"{M}.article"), f"{M}.article: missing"),
    ("half-width article brackets", _set(f"{M}.article", "第十一条(一)"), f"{M}.article"),
    ("article is free text", _set(f"{M}.article", "see article 11"), f"{M}.article"),
    ("missing text", _delete(f"{M}.text"), f"{M}.text: missing"),
    ("empty text", _set(f"{M}.text", " "), f"{M}.text"),
    ("missing strictness", _delete(f"{M}.strictness"), f"{M}.strictness: missing"),
    ("invalid strictness", _set(f"{M}.strictness", "optional"), f"{M}.strictness"),
    ("wrong unit", _set(f"{M}.unit", "people"), f"{M}.unit"),
    ("string for a number", _set(f"{M}.value", "20"), f"{M}.value"),
    ("bool for a number", _set(f"{M}.value", True), f"{M}.value"),
    ("negative number", _set(f"{M}.value", -1), f"{M}.value"),
    ("float for a number", _set(f"{M}.value", 20.5), f"{M}.value"),
    ("null without setting", _set(f"{M}.value", None), f"{M}.value"),
    (
        "setting with a value",
        _set("parameters.handover.deadline_months.value", 3),
        "parameters.handover.deadline_months.value",
    ),
    (
        "setting not a bool",
        _set("parameters.handover.deadline_months.setting", "maybe"),
        "parameters.handover.deadline_months.setting",
    ),
    ("unquoted grade", _set("parameters.host.min_grade.value", 2), "parameters.host.min_grade.value"),
    ("unknown grade", _set("parameters.host.min_grade.value", "2d"), "parameters.host.min_grade.value"),
    (
        "unknown title level",
        _set("parameters.chair.min_title_level.value", "professor"),
        "parameters.chair.min_title_level.value",
    ),
    (
        "unknown choice",
        _set("parameters.members.non_performance_consequence.value", "fired"),
        "parameters.members.non_performance_consequence.value",
    ),
    (
        "unknown code in a list",
        _set("parameters.setup.selection_methods.value", ["selection", "lottery"]),
        "parameters.setup.selection_methods.value[1]",
    ),
    (
        "repeated code in a list",
        _set("parameters.setup.selection_methods.value", ["selection", "selection"]),
        "parameters.setup.selection_methods.value",
    ),
    (
        "empty list",
        _set("parameters.setup.selection_methods.value", []),
        "parameters.setup.selection_methods.value",
    ),
    (
        "item without label",
        _set("parameters.appraisal.grades.value", [{"code": "pass"}]),
        "parameters.appraisal.grades.value[0]",
    ),
    (
        "item code not snake_case",
        _set("parameters.appraisal.grades.value", [{"code": "Pass", "label": "合格"}]),
        "parameters.appraisal.grades.value[0].code",
    ),
    (
        "item code not among the choices",
        _set("parameters.appraisal.grades.value", [{"code": "great", "label": "优秀"}]),
        "parameters.appraisal.grades.value[0].code",
    ),
    (
        "repeated item code",
        _set(
            "parameters.appraisal.grades.value",
            [{"code": "pass", "label": "合格"}, {"code": "pass", "label": "x"}],
        ),
        "parameters.appraisal.grades.value",
    ),
    (
        "unknown role in counts",
        _set("parameters.committee.host_role_caps.value", {"president": 1}),
        "parameters.committee.host_role_caps.value.president",
    ),
    (
        "bad month-day",
        _set("parameters.duties.annual_plan_due.value", "12-32"),
        "parameters.duties.annual_plan_due.value",
    ),
    ("bad date", _set("issued_on", "2025-13-01"), "issued_on: bad date"),
    ("date in another format", _set("in_force_from", "2025/11/20"), "in_force_from: bad date"),
    ("code does not match the file name", _set("code", "cq-jiulongpo-2026"), "code"),
    ("unknown level", _set("level", "county"), "level"),
    ("unknown body kind", _set("body_kind", "hospital"), "body_kind"),
    ("repeals not a list", _set("repeals", "九龙坡卫办发〔2022〕16号"), "repeals"),
    ("a group that is not a mapping", _set("parameters.committee", ["max_members"]), "parameters.committee"),
]


@pytest.mark.parametrize("problem, change, key", MALFORMED, ids=[case[0] for case in MALFORMED])
def test_malformed_file_names_the_file_and_the_key(tmp_path, problem, change, key):
    document = copy.deepcopy(_base())
    change(document)
    with pytest.raises(RuleSetFormatError) as caught:
        load_ruleset(_write(tmp_path, document))
    assert str(caught.value).startswith(f"{FILE}: {key}"), str(caught.value)


def test_unknown_parameter_message_is_exact(tmp_path):
    document = _base()
    committee = document["parameters"]["committee"]
    committee["max_memberz"] = committee.pop("max_members")
    with pytest.raises(RuleSetFormatError) as caught:
        load_ruleset(_write(tmp_path, document))
    assert str(caught.value) == "cq-jiulongpo-2025.yaml: parameters.committee.max_memberz: unknown parameter"
    assert caught.value.key == "parameters.committee.max_memberz"


@pytest.mark.parametrize(
    "problem, text, fragment",
    [
        ("duplicate key", "code: a\ncode: b\n", "duplicate key 'code'"),
        ("not YAML", "code: [unclosed\n", "not valid YAML"),
        ("not a mapping", "- a\n- b\n", "must be a mapping"),
    ],
)
def test_malformed_yaml_text(tmp_path, problem, text, fragment):
    path = tmp_path / FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetFormatError, match=re.escape(fragment)) as caught:
        load_ruleset(path)
    assert str(caught.value).startswith(f"{FILE}: ")


def test_duplicate_parameter_is_refused(tmp_path):
    text = (DEFAULT_DATA_DIR / FILE).read_text(encoding="utf-8")
    text = text.replace("  committee:\n", "  committee:\n    chairs: {value: 1}\n", 1)
    path = tmp_path / FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetFormatError, match="duplicate key 'chairs'"):
        load_ruleset(path)


def test_load_all_reads_only_the_given_directory(tmp_path):
    _write(tmp_path, _base())
    assert list(load_all(tmp_path)) == ["cq-jiulongpo-2025"]
    with pytest.raises(FileNotFoundError):
        load_all(tmp_path / "absent")


def test_appraisal_grade_at_least():
    assert schema.appraisal_grade_at_least("excellent", "good")
    assert schema.appraisal_grade_at_least("good", "good")
    assert not schema.appraisal_grade_at_least("pass", "good")


def test_a_text_cited_at_the_wrong_item_would_be_caught(rulesets):
    seed = _seed(rulesets["cq-jiulongpo-2025"])
    assert "其委员数原则上不超过20人" in _squeeze(article_span(seed, "第十一条（一）"))
    assert "其委员数原则上不超过20人" not in _squeeze(article_span(seed, "第十一条（二）"))
