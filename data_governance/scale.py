"""The data governance's part of the province-scale data set (core/scale.py): every commission's
data resources, a login for the staff of every host institution, the centres' data-use requests
over eight years in every state (``data_requests``), the grants of the approved ones with their
users and resources, the append-only access log (``access_logs``, loaded with COPY), an export
trace for every export in it (one INSERT … SELECT), publication reviews and third-party transfers.

Set-based: rows are built in memory from what the earlier parts made and inserted in batches; the
dates a model stamps itself (``auto_now_add``) are set afterwards with one UPDATE per table."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from accounts.models import Role, User
from centres.models import Centre
from core import scale

from .models import (
    QC_PURPOSES,
    AccessLog,
    Classification,
    DataResource,
    ExportTrace,
    Grant,
    PublicationReview,
    ThirdPartyTransfer,
    UseRequest,
)

ORDER = 80
RESOURCES_PER_JURISDICTION = 4
BODY_KINDS = {"province": "provincial_centre", "city": "city_centre", "district": "district_centre"}
STATUSES = [
    (UseRequest.Status.APPROVED, 60),
    (UseRequest.Status.NARROWED, 5),
    (UseRequest.Status.REFUSED, 10),
    (UseRequest.Status.SUBMITTED, 8),
    (UseRequest.Status.ENDORSED, 5),
    (UseRequest.Status.WITHDRAWN, 5),
    (UseRequest.Status.DRAFT, 7),
]
QC = [str(p) for p in QC_PURPOSES]


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("data_governance")
    admin = ctx.users["scale_admin"]
    now = timezone.now()
    jurisdictions = [ctx.province, *ctx.cities, *ctx.districts]
    by_pk = {j.pk: j for j in jurisdictions}
    stewards = {
        u.jurisdiction_id: u
        for u in User.objects.filter(username__startswith="scale_", role=Role.COMMISSION).order_by(
            "-username"
        )
    }

    # --- each commission's resources
    classes = [
        Classification.SENSITIVE,
        Classification.PERSONAL,
        Classification.INTERNAL,
        Classification.PUBLIC,
    ]
    resources = [
        DataResource(
            jurisdiction=j,
            body_kind=BODY_KINDS[j.level],
            code=f"{j.code}-SJ-{k + 1:03d}",
            name=f"{j.name}{('住院病案首页', '质控指标监测', '哨点医院上报', '年度质控报告')[k % 4]}数据",
            description="性能测试数据",
            classification=classes[k % len(classes)],
            steward=stewards.get(j.pk, admin),
            created_by=admin,
        )
        for j in jurisdictions
        for k in range(RESOURCES_PER_JURISDICTION)
    ]
    ctx.bulk(DataResource, iter(resources), total=len(resources), label="数据资源")
    resources_of: dict[int, list[DataResource]] = {}
    for r in resources:
        resources_of.setdefault(r.jurisdiction_id, []).append(r)

    def visible_resources(jurisdiction_id: int) -> list[DataResource]:
        """The resources of the centre's commission and the ones above it."""
        out, j = [], by_pk.get(jurisdiction_id)
        while j is not None:
            out += resources_of.get(j.pk, [])
            j = by_pk.get(j.parent_id)
        return out

    # --- a login for the staff of every host institution (the requests' applicants and users)
    centres = list(
        Centre.objects.filter(jurisdiction__path__startswith=ctx.province.path, host__isnull=False)
        .order_by("pk")
        .values("pk", "name", "jurisdiction_id", "host_id")
    )
    if not centres:
        return
    host_users = {
        u.institution_id: u
        for u in User.objects.filter(role=Role.HOST_SUBMITTER, username__startswith="scale_")
    }
    password = admin.password
    missing = sorted({c["host_id"] for c in centres} - set(host_users))
    new_users = [
        User(
            username=f"scale_h_{inst}",
            role=Role.HOST_SUBMITTER,
            institution_id=inst,
            display_name=f"挂靠单位{inst}质控科",
            password=password,
        )
        for inst in missing
    ]
    ctx.bulk(User, iter(new_users), total=len(new_users), label="挂靠单位账号")
    host_users.update({u.institution_id: u for u in new_users})

    # --- the requests over eight years
    n = ctx.size("data_requests")
    statuses, weights = zip(*STATUSES)
    requests, request_meta = [], []
    # the district login's first centre has an approved request among the first, so that even the
    # tiny preset shows a row of every list in both scopes (the query-count guard compares them)
    local = [c for c in centres if c["jurisdiction_id"] == ctx.districts[0].pk] or centres
    for i in range(n):
        c = local[0] if i % 500 == 0 else rng.choice(centres)
        status = UseRequest.Status.APPROVED if i == 0 else rng.choices(statuses, weights=weights)[0]
        created = now - dt.timedelta(days=rng.randrange(365 * 8), minutes=rng.randrange(1440))
        starts = (created + dt.timedelta(days=20)).date()
        decided = status in (
            UseRequest.Status.APPROVED,
            UseRequest.Status.NARROWED,
            UseRequest.Status.REFUSED,
        )
        requests.append(
            UseRequest(
                centre_id=c["pk"],
                applicant=host_users[c["host_id"]],
                purpose_category=rng.choice(QC),
                purpose="用于本专业质控指标的监测与分析。",
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=rng.choice((30, 90, 180, 365))),
                status=status,
                submitted_at=created + dt.timedelta(days=1) if status != UseRequest.Status.DRAFT else None,
                decided_by=stewards.get(c["jurisdiction_id"], admin) if decided else None,
                decided_at=created + dt.timedelta(days=15) if decided else None,
                decision_reasons="同意。" if decided else "",
            )
        )
        picks = rng.sample(visible_resources(c["jurisdiction_id"]), rng.randint(1, 3))
        if i == 0:  # its own commission's first resource (whose log the district's staff read)
            own = resources_of[c["jurisdiction_id"]][0]
            picks = [own, *(p for p in picks if p.pk != own.pk)]
        request_meta.append((c, picks, created))
    ctx.bulk(UseRequest, iter(requests), total=len(requests), label="数据使用申请")
    Users = UseRequest.users.through
    Resources = UseRequest.resources.through
    ctx.bulk(
        Users,
        (Users(userequest=r, user=r.applicant) for r in requests),
        total=len(requests),
        label="申请使用人员",
    )
    ctx.bulk(
        Resources,
        (
            Resources(userequest=r, dataresource=d)
            for r, (_, picks, _) in zip(requests, request_meta)
            for d in picks
        ),
        total=len(requests) * 2,
        label="申请数据资源",
    )

    # --- the grants of the approved requests, numbered per year
    grants, grant_meta, seq = [], [], {}
    for r, (c, picks, created) in zip(requests, request_meta):
        if r.status not in (UseRequest.Status.APPROVED, UseRequest.Status.NARROWED):
            continue
        year = r.decided_at.year
        seq[year] = seq.get(year, 0) + 1
        revoked = rng.random() < 0.03
        grants.append(
            Grant(
                number=f"SJSQ-{year}-{seq[year]:04d}",
                request=r,
                centre_id=r.centre_id,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                status=Grant.Status.REVOKED if revoked else Grant.Status.ACTIVE,
                granted_by=r.decided_by,
                revoked_by=admin if revoked else None,
                revoked_at=r.decided_at + dt.timedelta(days=10) if revoked else None,
                revoke_reason="超范围使用。" if revoked else "",
            )
        )
        grant_meta.append((r, picks))
    ctx.bulk(Grant, iter(grants), total=len(grants), label="数据使用授权")
    GrantUsers = Grant.users.through
    GrantResources = Grant.resources.through
    ctx.bulk(
        GrantUsers,
        (GrantUsers(grant=g, user=r.applicant) for g, (r, _) in zip(grants, grant_meta)),
        total=len(grants),
        label="授权人员",
    )
    ctx.bulk(
        GrantResources,
        (GrantResources(grant=g, dataresource=d) for g, (_, picks) in zip(grants, grant_meta) for d in picks),
        total=len(grants) * 2,
        label="授权数据资源",
    )

    # --- the access log (COPY), then an export trace for every export in it
    n_logs = ctx.size("access_logs") if grants else 0
    actions = [AccessLog.Action.VIEW, AccessLog.Action.DOWNLOAD, AccessLog.Action.EXPORT]

    def accesses():
        for i in range(n_logs):
            g, (r, picks) = grants[i % len(grants)], grant_meta[i % len(grants)]
            days = max((g.ends_on - g.starts_on).days, 1)
            at = dt.datetime.combine(g.starts_on, dt.time(9), tzinfo=dt.UTC) + dt.timedelta(
                days=rng.randrange(days), minutes=rng.randrange(600)
            )
            action = actions[2] if i % 20 == 0 else rng.choices(actions[:2], weights=(84, 16))[0]
            yield (
                at.isoformat(),
                r.applicant_id,
                rng.choice(picks).pk,
                g.pk,
                action,
                rng.randrange(1, 5000),
                "行",
                f"10.{i % 250}.{(i // 250) % 250}.{i % 7 + 1}",
                "Mozilla/5.0 (scale)",
                "",
            )

    ctx.copy(
        AccessLog._meta.db_table,
        [
            "at",
            "user_id",
            "resource_id",
            "grant_id",
            "action",
            "amount",
            "unit",
            "ip",
            "user_agent",
            "detail",
        ],
        accesses(),
        total=n_logs,
        label="数据访问日志",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {ExportTrace._meta.db_table}
                  (code, sha256, at, user_id, resource_id, grant_id, access_id, format, filename, size, mark)
                SELECT 'DGX-S' || a.id, md5(a.id::text) || md5('scale' || a.id::text), a.at, a.user_id,
                       a.resource_id, a.grant_id, a.id, 'xlsx', 'data-' || a.id || '.xlsx', 20480 + a.amount,
                       '性能测试 ' || a.id
                  FROM {AccessLog._meta.db_table} a
                 WHERE a.action = 'export' AND a.user_agent = 'Mozilla/5.0 (scale)'
                   AND NOT EXISTS (SELECT 1 FROM {ExportTrace._meta.db_table} t WHERE t.access_id = a.id)"""
        )
        # the dates the models stamp themselves, set once from the generated history
        cursor.execute(  # a day before it was submitted (a draft: today, as drafts are)
            f"UPDATE {UseRequest._meta.db_table} SET created_at = submitted_at - interval '1 day',"
            " updated_at = submitted_at WHERE submitted_at IS NOT NULL AND id = ANY(%s)",
            [[r.pk for r in requests]],
        )
        cursor.execute(
            f"UPDATE {Grant._meta.db_table} g SET granted_at = r.decided_at, updated_at = r.decided_at"
            f" FROM {UseRequest._meta.db_table} r WHERE g.request_id = r.id AND g.id = ANY(%s)",
            [[g.pk for g in grants]],
        )

    # --- publication reviews and third-party transfers, a few per centre
    kinds = list(PublicationReview.Kind.values)
    pub_statuses = list(PublicationReview.Status.values)
    publications = [
        PublicationReview(
            centre_id=r.centre_id,
            grant=g,
            kind=rng.choice(kinds),
            title=f"质控数据分析报告（{i + 1}）",
            venue="中国医院管理",
            first_unit="质控中心",
            data_source="经授权使用的质控数据。",
            status=rng.choice(pub_statuses),
            submitted_by=r.applicant,
            submitted_at=r.decided_at,
        )
        for i, (g, (r, _)) in enumerate(zip(grants, grant_meta))
        if i % 3 == 0
    ]
    ctx.bulk(PublicationReview, iter(publications), total=len(publications), label="成果发布审核")
    transfers = [
        ThirdPartyTransfer(
            centre_id=c["pk"],
            recipient="某高校公共卫生学院",
            data_description="脱敏后的质控指标汇总数据",
            purpose="联合开展质控研究",
            safeguards="脱敏、加密传输、限期销毁",
            status=rng.choice(list(ThirdPartyTransfer.Status.values)),
            requested_by=host_users[c["host_id"]],
        )
        for c in centres[::4]
    ]
    ctx.bulk(ThirdPartyTransfer, iter(transfers), total=len(transfers), label="向第三方提供")
    TransferResources = ThirdPartyTransfer.resources.through
    ctx.bulk(
        TransferResources,
        (
            TransferResources(thirdpartytransfer=t, dataresource=visible_resources(c["jurisdiction_id"])[0])
            for t, c in zip(transfers, centres[::4])
        ),
        total=len(transfers),
        label="提供的数据资源",
    )


PAGES = [
    scale.BenchPage("data_resources", "数据资源", scale.fixed("/data/resources/")),
    scale.BenchPage(
        "data_resource_detail",
        "数据资源详情",
        scale.detail_url("data_governance.DataResource", "/data/resources/{pk}/"),
    ),
    scale.BenchPage("data_requests", "数据使用申请", scale.fixed("/data/requests/")),
    scale.BenchPage(
        "data_request_detail",
        "数据使用申请详情",
        scale.detail_url("data_governance.UseRequest", "/data/requests/{pk}/", status="approved"),
    ),
    scale.BenchPage("data_grants", "数据使用授权", scale.fixed("/data/grants/")),
    scale.BenchPage(
        "data_grant_detail",
        "数据使用授权详情",
        scale.detail_url("data_governance.Grant", "/data/grants/{pk}/"),
    ),
    scale.BenchPage("data_access_log", "数据访问日志", scale.fixed("/data/access-log/")),
    scale.BenchPage("data_trace", "导出溯源", scale.fixed("/data/trace/")),
    scale.BenchPage("data_publications", "成果发布审核", scale.fixed("/data/publications/")),
    scale.BenchPage("data_transfers", "向第三方提供", scale.fixed("/data/transfers/")),
    scale.BenchPage("data_handovers", "交接中的数据事项", scale.fixed("/data/handovers/")),
    scale.BenchPage("api_data_resources", "API 数据资源", scale.fixed("/api/v1/data-resources/"), api=True),
    scale.BenchPage(
        "api_data_requests", "API 数据使用申请", scale.fixed("/api/v1/data-use-requests/"), api=True
    ),
    scale.BenchPage("api_data_grants", "API 数据使用授权", scale.fixed("/api/v1/data-grants/"), api=True),
    scale.BenchPage(
        "api_data_access_log", "API 数据访问日志", scale.fixed("/api/v1/data-access-log/"), api=True
    ),
    scale.BenchPage("api_data_traces", "API 导出溯源", scale.fixed("/api/v1/data-export-traces/"), api=True),
    scale.BenchPage(
        "api_data_publications", "API 成果发布", scale.fixed("/api/v1/data-publications/"), api=True
    ),
    scale.BenchPage(
        "api_data_transfers", "API 向第三方提供", scale.fixed("/api/v1/data-transfers/"), api=True
    ),
]
