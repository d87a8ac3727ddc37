"""Fills English translations into locale/en/LC_MESSAGES/django.po from the table below
(run after `manage.py makemessages -l en --no-wrap`). Chinese is the source language; a string missing
here shows in Chinese."""

import re
from pathlib import Path

EN = {
    "工作台": "Workbench", "行政区划": "Jurisdictions", "机构与人员": "Institutions & people", "医疗机构": "Institutions",
    "人员": "People", "我的专家档案": "My expert profile", "安全审计": "Security audit", "审计": "Audit",
    "工作日计算": "Working days", "工具": "Tools", "接口文档": "API docs", "系统": "System", "无权访问": "Forbidden",
    "无权执行此操作。此次访问已被记录。": "You may not do this. The attempt has been recorded.",
    "返回工作台": "Back to the workbench", "页面不存在": "Not found",
    "记录不存在或无权访问。": "The record does not exist or is not yours to see.", "上一页": "Previous",
    "第 %(n)s / %(total)s 页": "Page %(n)s of %(total)s", "下一页": "Next", "共 %(count)s 条": "%(count)s in all",
    "登录": "Log in", "质控中心管理平台": "QC Centre Administration",
    "医疗质量控制中心管理 · 卫生健康委员会": "Medical quality-control centres · Health commission",
    "用户名": "Username", "密码": "Password",
    "连续登录失败将临时锁定账号；长时间未操作将自动退出。":
        "Repeated failed logins lock the account for a while; idle sessions end automatically.",
    "修改记录": "Change history", "字段": "Field", "修改前": "Before", "修改后": "After",
    "暂无修改记录。": "No changes recorded.", "事件": "Event", "全部事件": "All events", "查询": "Search",
    "时间": "Time", "用户": "User", "IP地址": "IP address", "地址": "Path", "暂无记录。": "Nothing recorded.",
    "菜单": "Menu", "超级管理员": "Superuser", "退出": "Log out", "主导航": "Main navigation",
    "待办事项": "To do", "事项": "Item", "领域": "Area", "依据": "Basis", "截止日期": "Due",
    "暂无待办事项。": "Nothing to do.",
    "请修正以下标红的字段，已填写的内容均已保留。": "Please correct the fields marked in red; everything you typed is kept.",
    "保存": "Save", "取消": "Cancel", "编辑": "Edit", "统一社会信用代码": "Unified social credit code",
    "机构类别": "Kind", "等级": "Grade", "经营性质": "Ownership", "所在区划": "Jurisdiction",
    "主管部门": "Supervising authority", "开业日期": "Opened on", "本机构人员": "Staff", "姓名": "Name",
    "职称": "Title", "专业": "Specialty", "在职状态": "Employment", "暂无人员。": "No staff.",
    "登记医疗机构": "Register an institution", "机构名称": "Institution name", "全部类别": "All kinds",
    "全部等级": "All grades", "全部性质": "All ownerships", "类别": "Kind", "性质": "Ownership",
    "没有符合条件的机构。": "No institution matches.", "代码": "Code", "名称": "Name", "层级": "Level",
    "上级": "Parent", "医疗机构数": "Institutions", "性别": "Sex", "出生日期": "Date of birth",
    "身份证号": "ID card number", "手机号": "Mobile", "工作单位": "Employer", "第一执业地点": "First practice site",
    "全科注册": "GP registration", "登记人员": "Register a person", "职称级别": "Title level",
    "全部职称级别": "All title levels", "全部状态": "All", "没有符合条件的人员。": "No person matches.",
    "起始日期": "Start date", "工作日数": "Working days", "计算": "Compute", "截止时间": "Closes at",
    "北京时间": "Beijing time", "计入工作日": "Working days counted", "个": "", "日期": "Date", "星期": "Weekday",
    "情况": "Status", "是否计入": "Counted", "管理员录入": "Entered by an administrator",
    "第 %(ordinal)s 个工作日": "Working day %(ordinal)s", "跳过": "Skipped",
    "节假日调整公告": "Holiday announcements", "节日名称": "Holiday", "放假/上班": "Off / working",
    "备注": "Note", "调休上班": "Make-up working day", "放假": "Day off",
    "暂无管理员录入的节假日调整。": "No announcements entered by administrators.",
    "管理员已完整录入的年度：": "Years entered in full by administrators:",
    "规则集": "Rule sets", "规则": "Rules", "文号": "Document number", "发文机关": "Issuer",
    "印发日期": "Issued on", "施行日期": "In force from", "废止文件": "Repeals", "适用对象": "Governs",
    "规则参数": "Parameters", "参数": "Parameter", "取值": "Value", "条款": "Article", "原文": "Regulation's words",
    "约束": "Strictness", "文件全文": "Full text", "文件": "Document", "本辖区适用情况": "In force in your jurisdiction",
    "本辖区尚未指定规则集。": "No rule set has been assigned in your jurisdiction.",
}


def main(path=Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"):
    text = path.read_text()

    def fill(match):
        msgid = match.group(1)
        return f'msgid "{msgid}"\nmsgstr "{EN.get(msgid, "")}"' if msgid in EN else match.group(0)

    text = re.sub(r'msgid "((?:[^"\\]|\\.)+)"\nmsgstr ""', fill, text)
    text = text.replace("#, fuzzy\n", "", 1)
    path.write_text(text)


if __name__ == "__main__":
    main()
