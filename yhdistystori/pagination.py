"""One way to page a list: the page, the links around it, and the query the links keep."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, QueryDict


def paginate(request: HttpRequest, items, per_page: int, *, keep: QueryDict | dict | None = None):
    """The requested page of `items` and what templates/includes/pagination.html needs.

    `keep` is the query the page links carry besides `page` (filters, a search);
    by default none. A page number that is not one gives the first or last page.
    """
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    if isinstance(keep, QueryDict):
        query = keep.copy()
        query.pop("page", None)
        query_without_page = query.urlencode()
    else:
        query_without_page = QueryDict(mutable=True)
        query_without_page.update(keep or {})
        query_without_page = query_without_page.urlencode()
    return {
        "page": page,
        "query_without_page": query_without_page,
        "elided_pages": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
