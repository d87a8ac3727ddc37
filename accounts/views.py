from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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
