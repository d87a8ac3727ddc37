"""``python manage.py rulesets <subcommand>``: the rule engine from the command line.

  show CODE [--json]                                  the rule set and every parameter
  check-roster --ruleset CODE [--on DATE] ROSTER.xlsx [--json]
  evaluate --ruleset CODE [--on DATE] CASE.json       one check on a JSON case (docs/rule-engine.md)
  roster-template OUT.xlsx                            the blank roster workbook

Exit status: 0 no violation, 1 some violation, 2 unreadable input (message on stderr).
"""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from rulesets.registry import get_ruleset

STRICTNESS_WORDS = {"mandatory": "必须", "in_principle": "原则上，可说明理由后报批", "preferred": "优先"}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}", returncode=2) from None


def _ruleset(code: str):
    try:
        return get_ruleset(code)
    except KeyError as exc:
        raise CommandError(str(exc.args[0]), returncode=2) from None


class Command(BaseCommand):
    help = "规则集：查看参数、检查委员会名册、按规则集评估单个案例"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.required = True

        show = sub.add_parser("show", help="显示规则集及其全部参数")
        show.add_argument("code")
        show.add_argument("--json", action="store_true")

        roster = sub.add_parser("check-roster", help="检查专家委员会名册 (.xlsx)")
        roster.add_argument("--ruleset", required=True)
        roster.add_argument("--on", default=None, help="YYYY-MM-DD，默认今天")
        roster.add_argument("--host", default=None, help="挂靠单位名称（核对主执业地点）")
        roster.add_argument("--group-kind", default=None, choices=["expert_group", "supervision_group"])
        roster.add_argument(
            "--reappointment", action="store_true", help="主任委员为续聘（不按首次聘任年龄核对）"
        )
        roster.add_argument("roster")
        roster.add_argument("--json", action="store_true")

        evaluate = sub.add_parser("evaluate", help="按规则集评估一个 JSON 案例")
        evaluate.add_argument("--ruleset", required=True)
        evaluate.add_argument("--on", default=None)
        evaluate.add_argument("case")

        template = sub.add_parser("roster-template", help="生成空白名册模板")
        template.add_argument("out")

    def handle(self, *args, **options):
        # Unreadable input ends with a Chinese message on stderr and status 2, never a traceback
        # (nor Django's English "CommandError:" prefix).
        try:
            return self._dispatch(options)
        except CommandError as exc:
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def _dispatch(self, options):
        name = options["subcommand"]
        if name == "show":
            return self.show(options)
        if name == "check-roster":
            return self.check_roster(options)
        if name == "evaluate":
            return self.evaluate(options)
        if name == "roster-template":
            from rulesets.roster import write_roster_template

            write_roster_template(options["out"])
            self.stdout.write(f"已生成名册模板：{options['out']}")

    # --- show ---------------------------------------------------------------------------------
    def show(self, options):
        rs = _ruleset(options["code"])
        meta = {
            "code": rs.code,
            "title": rs.title,
            "number": rs.number,
            "issuer": rs.issuer,
            "issued_on": rs.issued_on.isoformat(),
            "in_force_from": rs.in_force_from.isoformat(),
            "repeals": list(rs.repeals),
            "level": rs.level,
            "body_kind": rs.body_kind,
        }
        params = [
            {
                "key": p.key,
                "value": _jsonable(p.value),
                "unit": p.unit,
                "article": p.article,
                "text": p.text,
                "strictness": p.strictness,
                "setting": p.setting,
            }
            for p in rs.parameters.values()
        ]
        if options["json"]:
            self.stdout.write(json.dumps({**meta, "parameters": params}, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{rs.code}  {rs.title}  {rs.number or '（无文号）'}")
        self.stdout.write(
            f"发布 {meta['issued_on']}，施行 {meta['in_force_from']}，{rs.level} / {rs.body_kind}"
        )
        for p in params:
            value = (
                "（待卫生健康行政部门设置）"
                if p["setting"] and p["value"] is None
                else json.dumps(p["value"], ensure_ascii=False)
            )
            self.stdout.write(
                f"  {p['key']} = {value} [{p['unit']}, {p['strictness']}] {p['article']}：{p['text']}"
            )

    # --- check-roster -------------------------------------------------------------------------
    def check_roster(self, options):
        from rulesets.engine import check_roster
        from rulesets.roster import RosterError, read_roster

        rs = _ruleset(options["ruleset"])
        on = _date(options["on"]) if options["on"] else date.today()
        try:
            committee = read_roster(
                options["roster"], host_name=options["host"], group_kind=options["group_kind"]
            )
        except RosterError as exc:
            raise CommandError(str(exc), returncode=2) from None
        violations = check_roster(rs, committee, on=on, first_appointment=not options["reappointment"])
        if options["json"]:
            rows = {m.label: m.row for m in committee.members}
            payload = [
                {
                    "code": v.code,
                    "article": v.article,
                    "message": v.message,
                    "strictness": v.strictness,
                    "row": rows.get(v.subject),
                }
                for v in violations
            ]
            self.stdout.write(json.dumps({"violations": payload}, ensure_ascii=False, indent=2))
        else:
            self._print_violations(
                violations, f"名册 {options['roster']}（{len(committee.members)}人）按 {rs.code} 于 {on}"
            )
        if violations:
            sys.exit(1)

    # --- evaluate -----------------------------------------------------------------------------
    def evaluate(self, options):
        from rulesets.engine.cases import CaseError, evaluate_case

        rs = _ruleset(options["ruleset"])
        on = _date(options["on"]) if options["on"] else date.today()
        try:
            with open(options["case"], encoding="utf-8") as fh:
                case = json.load(fh)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"无法读取案例文件 {options['case']}：{exc}", returncode=2) from None
        try:
            result = evaluate_case(rs, case, on=on)
        except CaseError as exc:
            raise CommandError(f"案例格式错误：{exc}", returncode=2) from None
        self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        if result.failed:
            sys.exit(1)

    def _print_violations(self, violations, heading):
        if not violations:
            self.stdout.write(f"{heading}：未发现违反规则的情形。")
            return
        self.stdout.write(f"{heading}：发现{len(violations)}处：")
        for v in violations:
            who = f"[{v.subject}] " if v.subject else ""
            self.stdout.write(f"  - {who}{v.message}（{STRICTNESS_WORDS.get(v.strictness, v.strictness)}）")


def _jsonable(value):
    if isinstance(value, tuple):
        return [{"code": i.code, "label": i.label} if hasattr(i, "label") else i for i in value]
    if hasattr(value, "items") and not isinstance(value, dict):
        return dict(value)
    return value
