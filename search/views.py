from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from .models import SearchEntry
from .query import normalise, search

SUGGEST_PER_KIND = 3
RESULTS_PER_KIND = 20


@login_required
def results(request):
    """全局搜索: every kind's matches within the user's scope, grouped by kind."""
    q = normalise(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in SearchEntry.Kind.values else None
    hits = search(request.user, q, per_kind=RESULTS_PER_KIND, kinds=kinds)
    groups: dict[str, list] = {}
    for hit in hits:
        groups.setdefault(hit.kind_label, []).append(hit)
    return render(
        request,
        "search/results.html",
        {"q": q, "search_query": q, "groups": groups.items(), "count": len(hits)},
    )


@login_required
def suggest(request):
    """The top bar's suggestions as the user types (static/core/app.js)."""
    q = normalise(request.GET.get("q", ""))
    hits = search(request.user, q, per_kind=SUGGEST_PER_KIND)
    return JsonResponse(
        {
            "q": q,
            "results": [
                {
                    "kind": h.kind,
                    "kind_label": h.kind_label,
                    "title": h.title,
                    "subtitle": h.subtitle,
                    "url": h.url,
                }
                for h in hits
            ],
            "empty_text": f"没有找到“{q}”。可以输入名称、拼音首字母或文号。",
        }
    )
