"""Load the rule-set files (rulesets/data/*.yaml) into frozen dataclasses, strictly.

Pure Python (PyYAML and the standard library), so the engine, management commands and tests use it
without Django. Every file is checked against the vocabulary in rulesets/schema.py; anything the
loader does not understand is an error naming the file and the dotted key, never silently ignored:

    >>> load_ruleset("rulesets/data/cq-jiulongpo-2025.yaml").param("committee.max_members").value
    20

The file format is described in docs/rulesets.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from . import schema

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"

_TOP_LEVEL_REQUIRED = (
    "code",
    "title",
    "number",
    "issuer",
    "issued_on",
    "in_force_from",
    "repeals",
    "level",
    "body_kind",
    "seed_file",
    "parameters",
)
_TOP_LEVEL_OPTIONAL = ("note",)
_PARAM_REQUIRED = ("value", "unit", "article", "text", "strictness")
_PARAM_OPTIONAL = ("setting", "note")

_CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ITEM_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_MONTH_DAY_RE = re.compile(r"^(\d\d)-(\d\d)$")
_CN = "一二三四五六七八九十百"
# 第十一条, 第十一条（一）, 第十一条（三）1, 第七条1, 第十八条（1） — articles of a 办法/规定;
# 一、, 四、(三), 二、(二)3., 二、(一)2.(1) — sections of a 通知/制度.
ARTICLE_RE = re.compile(
    rf"^(?:第[{_CN}]+条(?:（(?:[{_CN}]+|\d+)）)?(?:\d+)?"
    rf"|[{_CN}]+、(?:\([{_CN}]+\)(?:\d+\.(?:\(\d+\))?)?)?)$"
)


class RuleSetFormatError(ValueError):
    """A rule-set file breaks the format. The message names the file and the dotted key."""

    def __init__(self, file: str, key: str, problem: str):
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")


class UnknownParameter(KeyError):
    """Asked for a parameter the rule set does not define, or a name not in the vocabulary."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Item:
    """One entry of an ``items`` list: a stable code and the regulation's Chinese label."""

    code: str
    label: str


@dataclass(frozen=True)
class Parameter:
    """One rule as data: its value and where the regulation says it."""

    key: str  # "committee.max_members"
    value: Any  # None when ``setting`` is true and the commission has not filled it in
    unit: str
    article: str  # "第十一条（一）"
    text: str  # the regulation's own words, verbatim
    strictness: str  # "mandatory" | "in_principle" | "preferred"
    setting: bool = False  # the regulation leaves the value to the commission
    note: str | None = None  # why/how it was interpreted

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def spec(self) -> schema.ParamSpec:
        return schema.PARAMETERS[self.key]


@dataclass(frozen=True)
class RuleSet:
    """One version of one regulation."""

    code: str
    title: str
    number: str | None  # 文号; None where the document has none
    issuer: str | None  # None where the document does not name it
    issued_on: date
    in_force_from: date
    repeals: tuple[str, ...]
    level: str  # province | city | district
    body_kind: str  # district_centre | city_centre | qc_group | expert_team | provincial_centre
    seed_file: str
    parameters: Mapping[str, Parameter] = field(repr=False)
    note: str | None = None

    def param(self, key: str) -> Parameter:
        """The parameter ``key`` ("group.name"); ``UnknownParameter`` if this rule set does not define it."""
        _check_vocabulary(key)
        try:
            return self.parameters[key]
        except KeyError:
            raise UnknownParameter(f"{self.code} does not define {key}") from None

    def has(self, key: str) -> bool:
        """Whether this rule set defines ``key``. A name outside the vocabulary is a bug: it raises."""
        _check_vocabulary(key)
        return key in self.parameters

    def value(self, key: str) -> Any:
        """Shorthand for ``param(key).value``."""
        return self.param(key).value

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` if this rule set defines it, else ``default`` (an absent rule does
        not apply). A name outside the vocabulary is still a bug."""
        return self.param(key).value if self.has(key) else default

    def article(self, key: str) -> str:
        """The article ``key`` comes from, or "" if this rule set does not define it."""
        return self.param(key).article if self.has(key) else ""

    def provisions(self, *keys: str) -> list[tuple[str, str]]:
        """(article, the regulation's words) of each of ``keys`` this rule set defines, in order:
        what a decision page shows beside the form."""
        return [(self.param(key).article, self.param(key).text) for key in keys if self.has(key)]


def _check_vocabulary(key: str) -> None:
    if key not in schema.PARAMETERS:
        raise UnknownParameter(f"{key} is not in the rule-set vocabulary (rulesets/schema.py)")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and leaves dates as strings for the loader to parse."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    continue  # unhashable key: the base class reports it
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"found duplicate key {key!r}",
                        key_node.start_mark,
                    )
                seen.add(key)
        return super().construct_mapping(node, deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_ruleset(path: str | Path) -> RuleSet:
    """Read and check one rule-set file. Raises ``RuleSetFormatError`` naming the file and key."""
    path = Path(path)
    file = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise RuleSetFormatError(file, "", f"not valid YAML: {exc}") from None
    return _build(file, path.stem, raw)


def load_all(data_dir: str | Path = DEFAULT_DATA_DIR) -> dict[str, RuleSet]:
    """Every ``*.yaml`` rule set in ``data_dir``, by code."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"rule-set directory not found: {data_dir}")
    rulesets: dict[str, RuleSet] = {}
    for path in sorted(data_dir.glob("*.yaml")):
        ruleset = load_ruleset(path)
        rulesets[ruleset.code] = ruleset  # code == file stem, so codes cannot collide
    return rulesets


# --- checking --------------------------------------------------------------------------------


def _build(file: str, stem: str, raw: Any) -> RuleSet:
    fail = _failer(file)
    if not isinstance(raw, dict):
        fail("", "the file must be a mapping of top-level keys")
    for key in raw:
        if key not in _TOP_LEVEL_REQUIRED and key not in _TOP_LEVEL_OPTIONAL:
            fail(str(key), "unknown top-level key")
    for key in _TOP_LEVEL_REQUIRED:
        if key not in raw:
            fail(key, "missing")

    code = _string(fail, "code", raw["code"])
    if not _CODE_RE.match(code):
        fail("code", f"{code!r} is not lower-case words joined by '-'")
    if code != stem:
        fail("code", f"{code!r} does not match the file name {stem!r}")
    repeals = raw["repeals"]
    if not isinstance(repeals, list) or not all(isinstance(r, str) and r.strip() for r in repeals):
        fail("repeals", "must be a list of document numbers (may be empty)")
    level = _string(fail, "level", raw["level"])
    if level not in schema.LEVELS:
        fail("level", f"{level!r} is not one of {', '.join(schema.LEVELS)}")
    body_kind = _string(fail, "body_kind", raw["body_kind"])
    if body_kind not in schema.BODY_KINDS:
        fail("body_kind", f"{body_kind!r} is not one of {', '.join(schema.BODY_KINDS)}")
    note = raw.get("note")
    if note is not None:
        _string(fail, "note", note)

    return RuleSet(
        code=code,
        title=_string(fail, "title", raw["title"]),
        number=_string(fail, "number", raw["number"], nullable=True),
        issuer=_string(fail, "issuer", raw["issuer"], nullable=True),
        issued_on=_date(fail, "issued_on", raw["issued_on"]),
        in_force_from=_date(fail, "in_force_from", raw["in_force_from"]),
        repeals=tuple(repeals),
        level=level,
        body_kind=body_kind,
        seed_file=_string(fail, "seed_file", raw["seed_file"]),
        parameters=MappingProxyType(_parameters(fail, raw["parameters"])),
        note=note,
    )


def _failer(file: str):
    def fail(key: str, problem: str):
        raise RuleSetFormatError(file, key, problem)

    return fail


def _string(fail, key: str, value: Any, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value.strip():
        fail(key, "must be a non-empty string" + (" or null" if nullable else ""))
    return value


def _date(fail, key: str, value: Any) -> date:
    if not isinstance(value, str):
        fail(key, f"bad date {value!r}: write YYYY-MM-DD")
    try:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        fail(key, f"bad date {value!r}: write YYYY-MM-DD")


def _parameters(fail, raw: Any) -> dict[str, Parameter]:
    if not isinstance(raw, dict) or not raw:
        fail("parameters", "must be a non-empty mapping of groups")
    result: dict[str, Parameter] = {}
    for group, names in raw.items():
        where = f"parameters.{group}"
        if group not in schema.GROUPS:
            fail(where, "unknown group")
        if not isinstance(names, dict) or not names:
            fail(where, "must be a non-empty mapping of parameter names")
        for name, body in names.items():
            key = f"{group}.{name}"
            if key not in schema.PARAMETERS:
                fail(f"{where}.{name}", "unknown parameter")
            result[key] = _parameter(fail, f"{where}.{name}", schema.PARAMETERS[key], body)
    return result


def _parameter(fail, where: str, spec: schema.ParamSpec, body: Any) -> Parameter:
    if not isinstance(body, dict):
        fail(where, "must be a mapping with value, unit, article, text and strictness")
    for key in body:
        if key not in _PARAM_REQUIRED and key not in _PARAM_OPTIONAL:
            fail(f"{where}.{key}", "unknown field")
    for key in _PARAM_REQUIRED:
        if key not in body:
            fail(f"{where}.{key}", "missing")

    article = body["article"]
    if not isinstance(article, str) or not ARTICLE_RE.match(article):
        fail(
            f"{where}.article",
            f"{article!r} is not an article citation such as 第十一条（一） or 二、(一)2.(1)",
        )
    text = body["text"]
    if not isinstance(text, str) or not text.strip():
        fail(f"{where}.text", "must quote the regulation's words")
    strictness = body["strictness"]
    if strictness not in schema.STRICTNESS:
        fail(f"{where}.strictness", f"{strictness!r} is not one of {', '.join(schema.STRICTNESS)}")
    unit = body["unit"]
    if unit != spec.unit:
        fail(f"{where}.unit", f"{unit!r}: this parameter is measured in {spec.unit!r}")
    setting = body.get("setting", False)
    if not isinstance(setting, bool):
        fail(f"{where}.setting", "must be true or false")
    note = body.get("note")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        fail(f"{where}.note", "must be a non-empty string")

    raw_value = body["value"]
    if setting:
        if raw_value is not None:
            fail(f"{where}.value", "a setting (setting: true) has value: null; the commission fills it in")
        value = None
    else:
        if raw_value is None:
            fail(f"{where}.value", "null is allowed only with setting: true")
        value = _value(fail, f"{where}.value", spec, raw_value)

    return Parameter(
        key=spec.key,
        value=value,
        unit=unit,
        article=article,
        text=text,
        strictness=strictness,
        setting=setting,
        note=note,
    )


def _value(fail, where: str, spec: schema.ParamSpec, value: Any) -> Any:
    kind = spec.type
    choices = spec.choices
    if kind == "bool":
        if not isinstance(value, bool):
            fail(where, f"{value!r} is not true or false")
        return value
    if kind == "int":
        if type(value) is not int or value < 0:
            fail(where, f"{value!r} is not a whole number of {spec.unit}")
        return value
    if kind in ("choice", "title_level", "grade"):
        allowed = {"choice": choices, "title_level": schema.TITLE_LEVELS, "grade": schema.INSTITUTION_GRADES}[
            kind
        ]
        if not isinstance(value, str):
            hint = " (quote grade codes: '2')" if kind == "grade" else ""
            fail(where, f"{value!r} is not a string{hint}")
        if value not in allowed:
            fail(where, f"{value!r} is not one of {', '.join(allowed)}")
        return value
    if kind == "month_day":
        match = _MONTH_DAY_RE.match(value) if isinstance(value, str) else None
        try:
            if not match:
                raise ValueError
            date(2000, int(match[1]), int(match[2]))  # a leap year, so 02-29 is a day
        except ValueError:
            fail(where, f"{value!r} is not a day written 'MM-DD'")
        return value
    if kind == "codes":
        if not isinstance(value, list) or not value:
            fail(where, "must be a non-empty list of codes")
        for i, code in enumerate(value):
            if code not in choices:
                fail(f"{where}[{i}]", f"{code!r} is not one of {', '.join(choices)}")
        if len(set(value)) != len(value):
            fail(where, "repeats a code")
        return tuple(value)
    if kind == "items":
        if not isinstance(value, list) or not value:
            fail(where, "must be a non-empty list of {code, label}")
        items = []
        for i, entry in enumerate(value):
            at = f"{where}[{i}]"
            if not isinstance(entry, dict) or set(entry) != {"code", "label"}:
                fail(at, "must be a mapping with exactly code and label")
            code, label = entry["code"], entry["label"]
            if not isinstance(code, str) or not _ITEM_CODE_RE.match(code):
                fail(f"{at}.code", f"{code!r} is not a snake_case code")
            if choices is not None and code not in choices:
                fail(f"{at}.code", f"{code!r} is not one of {', '.join(choices)}")
            if not isinstance(label, str) or not label.strip():
                fail(f"{at}.label", "must be the regulation's Chinese")
            items.append(Item(code, label))
        codes = [item.code for item in items]
        if len(set(codes)) != len(codes):
            fail(where, "repeats a code")
        return tuple(items)
    if kind == "counts":
        if not isinstance(value, dict) or not value:
            fail(where, "must be a non-empty mapping of code to number")
        for code, count in value.items():
            if code not in choices:
                fail(f"{where}.{code}", f"{code!r} is not one of {', '.join(choices)}")
            if type(count) is not int or count < 0:
                fail(f"{where}.{code}", f"{count!r} is not a whole number")
        return MappingProxyType(dict(value))
    raise AssertionError(f"schema type {kind!r} has no check")  # a bug in schema.py, not in the file
