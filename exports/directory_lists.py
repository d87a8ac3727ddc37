"""The directory's lists, registered here because the directory is a foundation app that
knows nothing of exports. They read through the same selectors and the same FilterSets as the list pages
and the API (directory/filters.py), so an export holds exactly the rows the page would show."""

from core.lists import filtered, labels_of
from directory import selectors
from directory.filters import InstitutionFilter, PersonFilter

from .registry import Column, ExportSpec, register

INSTITUTIONS = register(
    ExportSpec(
        code="institutions",
        title="医疗机构名录",
        queryset=filtered(InstitutionFilter, selectors.institution_list),
        columns=[
            Column("机构名称", "name", width=32),
            Column("统一社会信用代码", "uscc", width=22),
            Column("机构类别", "get_kind_display", width=16),
            Column("等级", "get_grade_display", width=10),
            Column("经营性质", "get_ownership_display", width=10),
            Column("所在区划", "jurisdiction.name", width=14),
            Column("所在区划代码", "jurisdiction.code", width=12),
            Column("主管卫生健康行政部门", "supervising_commission.name", width=30),
            Column("开业日期", "opened_on", kind="date", width=12),
        ],
        filter_labels=labels_of(InstitutionFilter),
    )
)

PEOPLE = register(
    ExportSpec(
        code="people",
        title="人员名录",
        queryset=filtered(PersonFilter, selectors.person_list),
        columns=[
            Column("姓名", "name", width=12),
            Column("性别", "get_sex_display", width=6),
            Column("身份证号", "id_number", width=22, sensitive="id"),
            Column("手机号", "mobile", width=14, sensitive="mobile"),
            Column("电子邮箱", "email", width=24),
            Column("职称", "title", width=14),
            Column("职称级别", "get_title_level_display", width=10),
            Column("取得职称时间", "title_obtained_on", kind="date", width=14),
            Column("专业", "specialty", width=14),
            Column("工作单位", "employer.name", width=30),
            Column("在职状态", "get_employment_display", width=10),
            Column("第一执业地点", "first_practice_site.name", width=30),
            Column("注册或加注全科", "gp_registered", width=14),
        ],
        filter_labels=labels_of(PersonFilter),
    )
)
