from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import outbox

register = template.Library()


@register.simple_tag
def outbox_notice(obj, what=""):
    """A notice while the work on ``obj`` waits for the background service (the broker was down)."""
    if obj is None or not outbox.waiting(obj):
        return ""
    return format_html(
        '<div class="alert alert-warning" role="status" data-testid="outbox-waiting">{}</div>',
        _("后台服务暂时不可用，{what}已登记，服务恢复后将自动生成，无需重新提交。").format(
            what=what or _("本项")
        ),
    )
