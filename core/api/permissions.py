from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadScopedWriteByRole(BasePermission):
    """Reading needs a login (rows are scoped by ``get_queryset``); writing needs a role listed in
    the view's ``write_roles`` — an auditor never writes. Object scope is the queryset's job: a row
    outside it is a 404, never a 403 that would confirm it exists."""

    message = "无权执行此操作。"

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        if user.is_read_only:
            return False
        return user.is_sysadmin or user.role in getattr(view, "write_roles", ())
