from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    scope = serializers.CharField(source="scope_label")
    jurisdiction = serializers.IntegerField(source="jurisdiction_id", allow_null=True)
    institution = serializers.IntegerField(source="institution_id", allow_null=True)
    person = serializers.IntegerField(source="person_id", allow_null=True)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (the same lockout as the login page)."""

    permission_classes = [AllowAny]
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # a JSON body must be an object (core.api.parsers)
