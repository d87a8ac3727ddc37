"""Create (or bring up to date) the demo world. Idempotent: rows are keyed by their natural key,
so running it again changes nothing and keeps what users entered."""

import pghistory
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from attachments.demo import seed_attachments
from core.platform import platforms
from deadlines.demo import seed_deadlines
from directory import demo
from directory.models import HealthCommission, Institution, Jurisdiction, Office, Person
from documents.demo import seed_documents
from rulesets.models import RuleSetAssignment


class Command(BaseCommand):
    help = "创建演示数据（可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--minimal",
            action="store_true",
            help="只创建行政区划、机构、人员、账号和规则集适用（供测试使用）",
        )

    def handle(self, *args, minimal=False, **options):
        with transaction.atomic(), pghistory.context(actor="seed_demo"):
            jurisdictions = self._jurisdictions()
            commissions = self._commissions(jurisdictions)
            institutions = self._institutions(jurisdictions, commissions)
            people = self._people(institutions)
            created = self._logins(jurisdictions, institutions, people)
            self._ruleset_assignments(jurisdictions)
        # The platform services' demo records, each idempotent, after the logins they act as.
        for seed in () if minimal else (seed_attachments, seed_deadlines, seed_documents):
            seed()
        if not minimal:
            with pghistory.context(actor="seed_demo"):
                # Each workflow app's own demo (its platform.py ``demo``), in INSTALLED_APPS order:
                # centres first, whose centres the others build on.
                for platform in platforms():
                    if platform.demo is not None:
                        platform.demo(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据就绪：{len(jurisdictions)} 个行政区划，{len(institutions)} 家医疗机构，"
                f"{len(people)} 名人员，{len(demo.LOGINS)} 个演示账号（新建 {created} 个）。"
            )
        )

    def _jurisdictions(self):
        out = {}
        for code, name, level, parent in demo.JURISDICTIONS:
            obj = Jurisdiction.objects.filter(code=code).first() or Jurisdiction(code=code)
            obj.name, obj.level, obj.parent = name, level, out.get(parent)
            obj.save()
            out[code] = obj
        return out

    def _commissions(self, jurisdictions):
        out = {}
        for code, name, short, offices in demo.COMMISSIONS:
            commission, _ = HealthCommission.objects.update_or_create(
                jurisdiction=jurisdictions[code], defaults={"name": name, "short_name": short}
            )
            for office, department in offices:
                Office.objects.update_or_create(
                    commission=commission, name=office, defaults={"department": department}
                )
            out[code] = commission
        return out

    def _institutions(self, jurisdictions, commissions):
        out = {}
        for index, (code, name, kind, grade, ownership, opened) in enumerate(demo.INSTITUTIONS):
            institution, _ = Institution.objects.get_or_create(
                uscc=demo.demo_uscc(code, index),
                defaults={
                    "name": name,
                    "kind": kind,
                    "grade": grade,
                    "ownership": ownership,
                    "jurisdiction": jurisdictions[code],
                    "supervising_commission": commissions[code],
                    "opened_on": demo.as_date(opened),
                },
            )
            out[name] = institution
        return out

    def _people(self, institutions):
        out = {}
        for index, (employer, name, sex, birth, title, level, since, specialty, employment, gp) in enumerate(
            demo.PEOPLE
        ):
            institution = institutions[employer]
            person, _ = Person.objects.get_or_create(
                id_number=demo.demo_id_number(institution.jurisdiction.code, birth, index),
                defaults={
                    "name": name,
                    "sex": sex,
                    "birth_date": demo.as_date(birth),
                    "title": title,
                    "title_level": level,
                    "title_obtained_on": demo.as_date(since),
                    "specialty": specialty,
                    "employer": institution,
                    "employment": employment,
                    "gp_registered": gp,
                    "mobile": demo.demo_mobile(index + 1),
                    "first_practice_site": institution,
                    "first_practice_since": demo.as_date(since),
                    "gp_experience_since": demo.as_date(since) if gp else None,
                },
            )
            out[name] = person
        return out

    def _logins(self, jurisdictions, institutions, people):
        created = 0
        for login in demo.LOGINS:
            user = User.objects.filter(username=login.username).first()
            if user is None:
                user = User(username=login.username)
                user.set_password(demo.DEMO_PASSWORD)
                created += 1
            user.role = login.role
            user.display_name = login.display_name
            user.person = people.get(login.person)
            user.institution = institutions.get(login.institution)
            user.jurisdiction = jurisdictions.get(login.jurisdiction) or (
                user.institution.jurisdiction if user.institution else None
            )
            user.is_staff = user.is_superuser = login.role == "sysadmin"
            user.save()
        return created

    def _ruleset_assignments(self, jurisdictions):
        for code, body_kind, ruleset, valid_from in demo.RULESET_ASSIGNMENTS:
            assignment, _ = RuleSetAssignment.objects.get_or_create(
                jurisdiction=jurisdictions[code],
                body_kind=body_kind,
                valid_from=demo.as_date(valid_from),
                defaults={"ruleset_code": ruleset},
            )
            assignment.full_clean()
