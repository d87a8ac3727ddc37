from rest_framework import serializers

from .models import HealthCommission, Institution, Jurisdiction, Person
from .services import INSTITUTION_FIELDS, PERSON_FIELDS


class JurisdictionSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["id", "code", "name", "level", "level_display", "parent", "full_name"]


class CommissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = HealthCommission
        fields = ["id", "name", "short_name", "jurisdiction"]


class _ScopedRelations:
    """Related rows offered to a writer are the ones they may see."""

    scoped_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        for name, model in self.scoped_fields.items():
            if name in self.fields and hasattr(self.fields[name], "queryset"):
                self.fields[name].queryset = model.objects.for_user(request.user)


class InstitutionSerializer(_ScopedRelations, serializers.ModelSerializer):
    scoped_fields = {"jurisdiction": Jurisdiction, "supervising_commission": HealthCommission}
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    grade_display = serializers.CharField(source="get_grade_display", read_only=True)

    class Meta:
        model = Institution
        fields = ["id", *INSTITUTION_FIELDS, "kind_display", "grade_display"]


class PersonSerializer(_ScopedRelations, serializers.ModelSerializer):
    """Identity numbers and mobiles are masked except for roles that need them and the person."""

    scoped_fields = {"employer": Institution, "first_practice_site": Institution}

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
