"""Pagination that never counts a whole province to show fifty rows.

An exact ``COUNT(*)`` over a user's scope costs as much as the scope is large (200,000 deadlines
at province scope). ``CappedPaginator`` counts at most ``cap`` rows beyond the end of the
requested page (``SELECT COUNT(*) FROM (… LIMIT n)``): the page, the next pages and "共 1000 条以上"
are all a user needs; a filter narrows the list when the exact figure matters. Any page can
still be reached, one "下一页" at a time (the count moves forward with the page)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property


def count_cap() -> int:
    return getattr(settings, "LIST_COUNT_CAP", 1000)


def capped_count(queryset, cap: int | None = None) -> tuple[int, bool]:
    """(rows up to ``cap``, whether there are more), with one bounded query."""
    cap = count_cap() if cap is None else cap
    n = queryset.order_by()[: cap + 1].count()  # how many, not which: no sort needed
    return min(n, cap), n > cap


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *args, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = count_cap() if cap is None else cap
        self._floor = 0
        self.capped = False

    def validate_number(self, number):
        try:
            n = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if n < 1:
            raise EmptyPage(self.error_messages["min_page"])
        floor = (n - 1) * self.per_page
        counted = "count" in self.__dict__
        if (not counted and floor > self._floor) or (counted and self.capped and floor >= self.count):
            # count from the requested page on, not from the first row (the links of the page
            # shown — "下一页" — lie within what was counted and cost nothing)
            self._floor = floor
            self.__dict__.pop("count", None)
            self.__dict__.pop("num_pages", None)
        return super().validate_number(n)

    @cached_property
    def count(self):
        limit = self._floor + self.per_page + self.cap
        if hasattr(self.object_list, "query"):
            n = self.object_list.order_by()[: limit + 1].count()  # how many, not which: no sort needed
        else:
            n = len(self.object_list)
        self.capped = n > limit
        return min(n, limit)
