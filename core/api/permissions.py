from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadScopedWriteByRole(BasePermission):
    """Reading needs a login (rows are scoped by ``get_queryset``); writing needs a role listed in
    the view's ``write_roles`` — an auditor never writes. Object scope is the queryset's job: a row
    outside it is a 404, never a 403 that would confirm it exists. So a user without the role who
    names an object by id gets the 404 first when the object is outside their scope (or missing),
    and the 403 only for an object they can see."""

    message = "无权执行此操作。"

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        if not user.is_read_only and (user.is_sysadmin or user.role in getattr(view, "write_roles", ())):
            return True
        _not_found_unless_visible(view)
        return False


def _not_found_unless_visible(view) -> None:
    """On a detail route, a 404 if the named object is not in the user's queryset."""
    lookup_field = getattr(view, "lookup_field", None)
    if not lookup_field or not hasattr(view, "get_queryset"):
        return
    kwarg = getattr(view, "lookup_url_kwarg", None) or lookup_field
    if kwarg not in getattr(view, "kwargs", {}):
        return
    try:
        visible = view.get_queryset().filter(**{lookup_field: view.kwargs[kwarg]}).exists()
    except (ValueError, TypeError, ValidationError, OverflowError):
        visible = False
    if not visible:
        raise NotFound()
