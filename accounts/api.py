from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from . import second_factor


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


class TokenRequestSerializer(AuthTokenSerializer):
    otp_token = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="两步验证码或恢复码（部署要求两步验证的角色必填）",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class SecondFactorRequired(exceptions.APIException):
    status_code = 400
    default_code = "second_factor_required"
    default_detail = "该账号需要两步验证：请在 otp_token 中提供验证器中的验证码或一个恢复码。"


class TokenView(ObtainAuthToken):
    """Exchange a username and password (and, where the deployment requires it for the role, a
    second-factor code) for an API token (the same lockout as the login page)."""

    permission_classes = [AllowAny]
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # a JSON body must be an object (core.api.parsers)
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if second_factor.second_factor_required(user):
            if not second_factor.is_enrolled(user):
                raise SecondFactorRequired("该账号需要两步验证，请先在网页登录并设置验证器。")
            code = serializer.validated_data.get("otp_token", "")
            if (
                not code
                or second_factor.verify(user=user, token=code, request=request, session=False) is None
            ):
                raise SecondFactorRequired()
            # A new token each time: one from before the second factor never survives.
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
