from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import second_factor
from .forms import LoginForm
from .services import current_locks, login_lock_release


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def lockouts(request):
    """登录锁定: every account or address locked now. The system administrator lifts a lock; an
    auditor sees the list without the button (等保 2.0 8.1.4.1 登录失败处理)."""
    user = request.user
    if not (user.is_sysadmin or user.role == "auditor"):
        raise PermissionDenied(_("仅系统管理员和审计人员可查看登录锁定。"))
    if request.method == "POST":
        if not user.is_sysadmin:
            raise PermissionDenied(_("仅系统管理员可以解除登录锁定。"))
        username, ip = request.POST.get("username", "").strip(), request.POST.get("ip", "").strip()
        cleared = login_lock_release(acting_user=user, username=username, ip=ip, request=request)
        messages.success(request, _("已解除锁定（清除 %(cleared)s 次失败记录）。") % {"cleared": cleared})
        return redirect("lockouts")
    return render(request, "accounts/lockouts.html", {"locks": current_locks()})


def _next_url(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return reverse("home")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """两步验证: after the password, a code from the authenticator app or a recovery code."""
    user = request.user
    if not second_factor.is_enrolled(user):
        return redirect(f"{reverse('otp_setup')}?next={_next_url(request)}")
    error = ""
    if request.method == "POST":
        device = second_factor.verify(user=user, token=request.POST.get("token", ""), request=request)
        if device is not None:
            if device.name == second_factor.RECOVERY_DEVICE_NAME:
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("已使用一个恢复码，还剩 %(left)s 个。用完前请在“两步验证”页面重新生成。")
                    % {"left": left},
                )
            return redirect(_next_url(request))
        error = _("验证码不正确或已过期，请重新输入。多次错误后需等待片刻再试。")
    return render(request, "accounts/otp_verify.html", {"error": error, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """设置两步验证: scan the QR code (made here, no network), type a code to prove it; the recovery
    codes are shown once. An enrolled, verified user may start again (a new phone) or regenerate
    the recovery codes."""
    user = request.user
    enrolled = second_factor.is_enrolled(user)
    if enrolled and not user.is_verified():
        # Changing the second factor needs the current one (or a recovery code) first.
        return redirect(f"{reverse('otp_verify')}?next={reverse('otp_setup')}")
    error = ""
    if request.method == "POST" and request.POST.get("action") == "recovery" and enrolled:
        codes = second_factor.recovery_codes_issue(user=user)
        return render(request, "accounts/otp_recovery.html", {"codes": codes, "next": reverse("home")})
    if request.method == "POST" and request.POST.get("action") != "restart":
        codes = second_factor.enrolment_confirm(
            user=user, token=request.POST.get("token", ""), request=request
        )
        if codes is not None:
            return render(request, "accounts/otp_recovery.html", {"codes": codes, "next": _next_url(request)})
        error = _("验证码不正确，请确认手机时间准确后输入验证器中当前显示的 6 位数字。")
    if enrolled and request.POST.get("action") != "restart" and not error:
        return render(request, "accounts/otp_setup.html", {"enrolled": True})
    device = second_factor.enrolment_device(user)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "enrolled": False,
            "qr": mark_safe(second_factor.qr_svg(device)),  # SVG made by the qrcode library from our own key
            "key": second_factor.manual_key(device),
            "error": error,
            "next": _next_url(request),
            "required": second_factor.second_factor_required(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def otp_users(request):
    """两步验证管理: who has enrolled; the system administrator resets a user's second factor."""
    from django.shortcuts import get_object_or_404

    from .models import User

    if not request.user.is_sysadmin:
        raise PermissionDenied(_("仅系统管理员可以管理两步验证。"))
    if request.method == "POST":
        target = get_object_or_404(User, pk=request.POST.get("user") or 0)
        second_factor.second_factor_reset(acting_user=request.user, user=target, request=request)
        messages.success(
            request, _("已重置 %(user)s 的两步验证，其下次登录时需重新设置。") % {"user": target}
        )
        return redirect("otp_users")
    from django.db.models import Exists, OuterRef, Q
    from django_otp.plugins.otp_totp.models import TOTPDevice

    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    users = (
        User.objects.annotate(enrolled=Exists(enrolled))
        .filter(Q(role__in=settings.OTP_REQUIRED_ROLES) | Q(is_superuser=True) | Q(enrolled=True))
        .filter(is_active=True)
        .order_by("role", "username")
    )
    return render(request, "accounts/otp_users.html", {"users": users, "otp_required": settings.OTP_REQUIRED})
