from rest_framework.pagination import PageNumberPagination

from core.pagination import CappedPaginator


class Pagination(PageNumberPagination):
    """Page-number pagination whose ``count`` is capped (core/pagination.py): it counts at most
    ``LIST_COUNT_CAP`` rows beyond the requested page, and says ``count_capped: true`` when there
    are more. ``next`` is always right, so a client walks every page by following it."""

    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "count 仅计至上限；实际条数更多（请用筛选缩小范围）。",
        }
        return schema
