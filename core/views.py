from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .navigation import nav_for
from .todos import todos_for

# What each page of the menu is for, as the home page tells a user who has nothing to do.
HINTS = {
    "centres:list": _("查看辖区内的质控中心，发起遴选、申报和变更"),
    "public_notices": _("查看正在公示和已结束的公示，提出异议"),
    "directory:jurisdiction_list": _("查看行政区划及各区划的医疗机构数"),
    "directory:institution_list": _("按类别、等级、区划查找医疗机构，导出名录"),
    "directory:person_list": _("按职称、专业、单位查找人员，导出名录"),
    "directory:profile": _("完善您的专家档案：职称、专业、执业经历"),
    "documents:list": _("按文号、文种、年份查找已印发的公文，印发通知"),
    "deadlines:mine": _("您需要按时完成或督办的事项及其截止时间"),
    "deadlines:list": _("辖区内全部期限：即将到期和已逾期的事项"),
    "deadlines:inbox": _("到期提醒和系统消息"),
    "rulesets:list": _("各地质控中心管理办法的条款及其参数"),
    "audit:security_events": _("登录、失败、越权和导出记录，按用户和日期筛选"),
    "workdays:calculator": _("按国务院节假日安排计算 N 个工作日的截止时间"),
    "exports:job_list": _("您导出的 Excel 文件及其进度"),
    "api-docs": _("供其他系统对接的接口说明"),
}


@login_required
def home(request):
    """Each role's home page: what this user has to do, and what the user can do and where."""
    shortcuts = [
        (item, HINTS.get(item.url_name, ""))
        for _section, items in nav_for(request.user)
        for item in items
        if item.url_name != "home"
    ]
    return render(request, "core/home.html", {"todos": todos_for(request.user), "shortcuts": shortcuts})


def healthz(request):
    """For the load balancer and monitoring: 503 while the database cannot be reached (the
    connection is retried on the next request: CONN_HEALTH_CHECKS)."""
    from django.db import DatabaseError

    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except DatabaseError:
        connection.close()
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """/favicon.ico, asked for by pages that do not link the icon (the admin, a PDF viewer)."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=True)
