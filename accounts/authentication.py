"""API authentication: DRF's token, refused where a second factor is required and the token
predates it (accounts/second_factor.py). Its own module: DRF imports it while loading its views."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from . import second_factor


class SecondFactorTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, and where this deployment requires a second factor for the user:
    a token issued before the user's current authenticator (or before any) is refused — tokens
    from before the second factor was switched on, or from before a reset, stop working."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if second_factor.second_factor_required(user):
            device = second_factor.confirmed_totp(user)
            if device is None or device.created_at is None or token.created < device.created_at:
                raise exceptions.AuthenticationFailed("该令牌签发于两步验证之前，请重新获取令牌。")
        return user, token
