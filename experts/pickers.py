"""What a user may *pick* in the experts' forms and API inputs (issue 15: ids in writes are scoped),
where that differs from what the user may *see* (``for_user``). Each is a named method on a
queryset of the directory's models, declared here once and named by the fields
(``ScopedModelChoiceField(pickers.people(), scope="seatable_by")``, core/fields.py); a view narrows
further by the committee or the library (``field.queryset = pickers.people().filter(…)``), never
wider than the method.

- ``seatable_by(user)``: the people a user may seat on a roster. A host seats doctors of other
  hospitals of the jurisdiction of the centre it hosts (a district's, a city's, a province's experts),
  so the host's own staff (``for_user``) is not the rule: its hosted centres' jurisdictions are.
  The commission or office: the people of its jurisdiction and below. The rule set's checks of each
  member (title, practice years, …) are the engine's, after the pick.
- ``attending_for(user)``: the members of the committees the user sees (a meeting's attendees).
- ``declarable_by(user)``: the institutions an expert may name in an interest declaration or a
  recusal: those of their own province (their cases are there), not another province's.
- ``reviewing_for(user)``: the jurisdictions an application may be addressed to: the user's own
  area and those above it (a district's candidate goes to the district, then the city), and for the
  staff of a jurisdiction those below it too (the office enters a district's recommendation).
"""

from __future__ import annotations

from django.db.models import Q

from directory.models import (
    Institution,
    InstitutionQuerySet,
    Jurisdiction,
    JurisdictionQuerySet,
    Person,
    PersonQuerySet,
)


def _allowed(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def _home(user):
    """The user's own jurisdiction: of their role, their institution or their employer."""
    if user.jurisdiction_id:
        return user.jurisdiction
    if user.institution_id:
        return user.institution.jurisdiction
    if user.person_id and user.person.employer_id:
        return user.person.employer.jurisdiction
    return None


def _prefixes(path: str) -> list[str]:
    """ "500000/500107/" -> ["500000/", "500000/500107/"]: the path and those above it."""
    parts = path.strip("/").split("/")
    return ["/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


class PickablePeople(PersonQuerySet):
    def seatable_by(self, user):
        from accounts.models import INSTITUTION_ROLES
        from centres.models import Centre

        if not _allowed(user):
            return self.none()
        if user.is_sysadmin:
            return self
        if user.role in INSTITUTION_ROLES and user.institution_id:
            paths = (
                Centre.objects.filter(host=user.institution_id)
                .exclude(status=Centre.Status.DISSOLVED)
                .values_list("jurisdiction__path", flat=True)
                .distinct()
            )
            reach = Q(employer=user.institution_id)
            for path in paths:
                reach |= Q(employer__jurisdiction__path__startswith=path)
            return self.filter(reach)
        return self.for_user(user)

    def attending_for(self, user):
        from .models import Committee

        if not _allowed(user):
            return self.none()
        return self.filter(committee_seats__committee__in=Committee.objects.for_user(user)).distinct()


class PickableInstitutions(InstitutionQuerySet):
    def declarable_by(self, user):
        if not _allowed(user):
            return self.none()
        if user.is_sysadmin:
            return self
        home = _home(user)
        if home is None:
            return self.none()
        return self.filter(jurisdiction__path__startswith=_prefixes(home.path)[0])


class PickableJurisdictions(JurisdictionQuerySet):
    def reviewing_for(self, user):
        from accounts.models import JURISDICTION_ROLES

        if not _allowed(user):
            return self.none()
        if user.is_sysadmin:
            return self
        home = _home(user)
        if home is None:
            return self.none()
        reach = Q(path__in=_prefixes(home.path))
        if user.role in JURISDICTION_ROLES:
            reach |= Q(path__startswith=home.path)
        return self.filter(reach)


def people() -> PickablePeople:
    return PickablePeople(Person)


def institutions() -> PickableInstitutions:
    return PickableInstitutions(Institution)


def jurisdictions() -> PickableJurisdictions:
    return PickableJurisdictions(Jurisdiction)
