from rest_framework import serializers

from core.fields import ScopedPrimaryKeyRelatedField

from .models import HealthCommission, Institution, Jurisdiction, Person
from .services import INSTITUTION_FIELDS, PERSON_FIELDS


class JurisdictionSerializer(serializers.ModelSerializer):
    """Output only: the jurisdictions are read through the API, never written (JurisdictionViewSet)."""

    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["id", "code", "name", "level", "level_display", "parent", "full_name"]
        read_only_fields = fields


class CommissionSerializer(serializers.ModelSerializer):
    """Output only (CommissionViewSet is read-only)."""

    class Meta:
        model = HealthCommission
        fields = ["id", "name", "short_name", "jurisdiction"]
        read_only_fields = fields


def _label(model, name):
    return model._meta.get_field(name).verbose_name


class InstitutionSerializer(serializers.ModelSerializer):
    # ids within the acting user's scope (core.fields); the supervising commission may also be one
    # above the user's jurisdiction (HealthCommission.objects.supervisors_for)
    jurisdiction = ScopedPrimaryKeyRelatedField(Jurisdiction, label=_label(Institution, "jurisdiction"))
    supervising_commission = ScopedPrimaryKeyRelatedField(
        HealthCommission, scope="supervisors_for", label=_label(Institution, "supervising_commission")
    )
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    grade_display = serializers.CharField(source="get_grade_display", read_only=True)

    class Meta:
        model = Institution
        fields = ["id", *INSTITUTION_FIELDS, "kind_display", "grade_display"]


class PersonSerializer(serializers.ModelSerializer):
    """Identity numbers and mobiles are masked except for roles that need them and the person."""

    employer = ScopedPrimaryKeyRelatedField(
        Institution, required=False, allow_null=True, label=_label(Person, "employer")
    )
    first_practice_site = ScopedPrimaryKeyRelatedField(
        Institution, required=False, allow_null=True, label=_label(Person, "first_practice_site")
    )

    class Meta:
        model = Person
        fields = ["id", *PERSON_FIELDS]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not (user and (user.may_see_identity or user.person_id == instance.pk)):
            data["id_number"] = instance.masked_id_number
            data["mobile"] = instance.masked_mobile
        return data
