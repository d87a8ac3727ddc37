"""Fills English translations into locale/en/LC_MESSAGES/django.po from the table below
(run after `manage.py makemessages -l en --no-wrap`). Chinese is the source language; a string missing
here shows in Chinese. A msgid with a context ({% translate "期限" context "period" %}) takes its English
from EN_CTX, keyed by (context, msgid). makemessages' fuzzy guesses are replaced by the English here, or
emptied when there is none."""

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
    '公示': 'Public notices',
    '发文登记': 'Document register',
    '我的期限': 'My deadlines',
    '期限': 'Deadlines',
    '辖区期限': 'Deadlines in my jurisdiction',
    '消息': 'Messages',
    '我的导出': 'My exports',
    '大小': 'Size',
    '上传人': 'Uploaded by',
    '上传时间': 'Uploaded at',
    '敏感': 'Sensitive',
    '删除': 'Delete',
    '删除原因（必填）': 'Reason for deletion (required)',
    '删除原因': 'Reason for deletion',
    '确认删除': 'Confirm deletion',
    '暂无附件。': 'No attachments.',
    '上传附件': 'Upload an attachment',
    '上传': 'Upload',
    '逾期 %(n)s 天': '%(n)s days overdue',
    '今日截止': 'Due today',
    '还剩 %(n)s 天': '%(n)s days left',
    '涉及记录': 'Record',
    '责任方': 'Responsible',
    '创建': 'Created',
    '完成时间': 'Completed at',
    '豁免': 'Waive',
    '提醒记录': 'Reminders sent',
    '尚未发送提醒。': 'No reminder sent yet.',
    '豁免该期限': 'Waive this deadline',
    '全部标为已读': 'Mark all read',
    '标题': 'Title',
    '已读': 'Read',
    '未读': 'Unread',
    '查看': 'View',
    '标为已读': 'Mark read',
    '暂无消息。': 'No messages.',
    '全部类型': 'All kinds',
    '只看未完成': 'Pending only',
    '包括已结束': 'Include finished',
    '暂无期限。': 'No deadlines.',
    '日历订阅': 'Calendar subscription',
    '订阅地址': 'Subscription address',
    '重置订阅地址': 'Reset the address',
    '导出 Excel': 'Export to Excel',
    '从 Excel 导入': 'Import from Excel',
    '重新印发': 'Reissue',
    '此版本已被新版本替代，仅供查阅。': 'This version has been superseded and is kept for reference.',
    'PDF': 'PDF',
    '下载PDF': 'Download PDF',
    '重新生成': 'Render again',
    '正在生成PDF，完成后本页自动刷新。': 'Rendering the PDF; this page refreshes when it is ready.',
    '发文字号': 'Document number',
    '文种': 'Type',
    '主送机关': 'Addressees',
    '抄送机关': 'Copied to',
    '成文日期': 'Dated',
    '审核同意': 'Approved',
    '版本': 'Version',
    '第': '',
    '版': '',
    '重新印发理由': 'Reason for reissuing',
    '全部版本': 'All versions',
    '登记时间': 'Registered at',
    '理由': 'Reason',
    '登记时自动编号': 'Numbered when registered',
    '登记并生成': 'Register and render',
    '印发通知': 'Issue a notice',
    '标题或文号': 'Title or number',
    '全部文种': 'All types',
    '年份': 'Year',
    '全部年份': 'All years',
    '生成状态': 'Rendering',
    '已被替代': 'Superseded',
    '返回': 'Back',
    '导入': 'Import',
    '下载导入模板': 'Download the template',
    '模板的列：': 'Template columns:',
    '行': 'Row',
    '列': 'Column',
    '问题': 'Problem',
    '第%(row)s行': 'Row %(row)s',
    '上传并导入': 'Upload and import',
    '导出': 'Export',
    '进度': 'Progress',
    '筛选条件': 'Filters',
    '无（全部记录）': 'None (all records)',
    '导出人': 'Exported by',
    '创建时间': 'Created at',
    '下载 Excel': 'Download Excel',
    '刷新': 'Refresh',
    '文件仅供导出人本人下载；每次导出和下载均记入安全审计。': 'Only the person who exported may download the file; every export and download is recorded in the security audit.',
    '导出清单': 'List',
    '行数': 'Rows',
    # Centres pages (templates/centres/).
    '质控中心': 'QC centres', '状态': 'Status', '类型': 'Type', '公文': 'Documents',
    '流程': 'Progress', '大事记': 'Timeline', '公众': 'Member of the public',
    '规则检查：': 'Rule check:', '必须': 'Mandatory', '原则上': 'In principle', '优先': 'Preferred',
    '%(inst)s 的申请': 'Application from %(inst)s', '（第%(n)s版）': ' (version %(n)s)',
    '拟任负责人': 'Proposed leader', '偏离理由': 'Reason for departing from the rules',
    '申请附件': 'Application attachments', '初审': 'Preliminary review',
    '提交初审意见': 'Submit the preliminary review', '初审记录': 'Preliminary reviews',
    '历史版本': 'Earlier versions', '第%(n)s版，%(at)s 退回：%(reason)s': 'Version %(n)s, returned %(at)s: %(reason)s',
    '专家评分': 'Expert scoring', '您已回避：%(reason)s': 'You have recused yourself: %(reason)s',
    '保存评分': 'Save scores', '申报利益冲突并回避': 'Declare a conflict of interest and recuse myself',
    '挂靠申请': 'Application to host', '本单位申请': 'Our application',
    '挂靠申请：%(name)s': 'Application to host: %(name)s', '保存草稿': 'Save draft',
    '提交申请': 'Submit the application',
    '申请已提交并锁定；被退回修改后方可再编辑。':
        'The application has been submitted and is locked; it can be edited again only if it is returned for revision.',
    '保存草稿后即可上传附件（执业许可证复印件、申请书等）。':
        'Save a draft first, then upload attachments (copy of the practice licence, application letter, etc.).',
    '遴选': 'Selection', '查看/修改本单位申请': 'View or edit our application', '填写申请': 'Apply',
    '方式': 'Method', '适用规则集': 'Rule set applied', '申报截止': 'Applications close',
    '申报条件': 'Eligibility conditions', '指定理由': 'Reason for designation', '择优结果': 'Result of selection on merit',
    '%(inst)s，负责人 %(leader)s；理由：%(reasons)s': '%(inst)s, leader %(leader)s; reasons: %(reasons)s',
    '申请': 'Applications', '申请单位': 'Applicant institution', '提交时间': 'Submitted at',
    '第%(n)s版': 'Version %(n)s', '暂无申请。': 'No applications.',
    '截止申报，进入评审': 'Close applications and start the review', '评审专家组': 'Review panel',
    '专家': 'Expert', '单位': 'Institution', '回避': 'Recused', '尚未组建。': 'Not yet formed.',
    '加入专家组': 'Add to the panel', '评分排名': 'Ranking by score', '名次': 'Rank', '总分': 'Total score',
    '未评分': 'Not scored', '择优确定挂靠单位和负责人': 'Select the host institution and leader on merit',
    '确定': 'Confirm', '指定挂靠单位': 'Designate the host institution', '确定指定': 'Confirm the designation',
    '发布公示': 'Publish the public notice',
    '%(start)s 起 %(days)s 个工作日，至 %(end)s（北京时间）止':
        '%(days)s working days from %(start)s, closing %(end)s (Beijing time)',
    '公示中': 'Open for objections', '提出人': 'Objector', '内容': 'Content', '暂无异议。': 'No objections.',
    '设置决定': 'Establishment decision', '作出设置决定': 'Make the establishment decision',
    '公示期满且异议处理完毕后方可作出设置决定。':
        'The establishment decision can be made only once the notice period has ended and every objection has been handled.',
    '发布遴选公告': 'Publish a call for hosts', '专业领域': 'Specialty', '挂靠单位': 'Host institution',
    '负责人': 'Leader', '尚未发布遴选公告。': 'No call for hosts has been published.', '挂靠周期': 'Hosting terms',
    '周期': 'Term', '起止': 'Period', '第%(n)s周期': 'Term %(n)s',
    '（规则集未规定周期）': '(no term length set by the rule set)', '%(start)s 至 %(end)s': '%(start)s to %(end)s',
    '尚未开始挂靠周期。': 'No hosting term has started.', '设置质控中心': 'Establish a QC centre',
    '名称或专业': 'Name or specialty', '暂无质控中心。': 'No QC centres.',
    '请修正以下内容，已填写的内容均已保留。': 'Please correct the following; everything you typed is kept.',
    '提交': 'Submit', '挂靠管理': 'Hosting arrangements',
    '已于 %(on)s 解除挂靠（%(cause)s，依据 %(article)s）：%(reason)s':
        'Dissolved on %(on)s (%(cause)s, under %(article)s): %(reason)s',
    '负责人变更': 'Change of leader', '原负责人': 'Outgoing leader', '离任日期': 'Left on',
    '推荐人选': 'Nominee', '推荐期限': 'Nomination due', '交接': 'Handover',
    '原挂靠单位': 'Outgoing host institution', '新挂靠单位': 'Incoming host institution',
    '挂靠禁入': 'Bans from hosting', '范围': 'Scope', '本轮遴选结束': 'end of this selection round',
    '交接：%(name)s': 'Handover: %(name)s', '交接：%(old)s → %(new)s': 'Handover: %(old)s → %(new)s',
    '交接期限': 'Handover deadline', '交接清单': 'Handover checklist', '说明': 'Notes', '操作': 'Action',
    '已交接（%(item)s）': 'Handed over (%(item)s)', '保存（%(item)s）': 'Save (%(item)s)',
    '已交接': 'Handed over', '未交接': 'Not handed over', '签字确认': 'Signatures', '签字方': 'Party',
    '签字人': 'Signed by', '以%(party)s身份签字确认': 'Sign as %(party)s',
    '负责人变更：%(name)s': 'Change of leader: %(name)s', '离任原因': 'Reason for leaving',
    '尚未推荐': 'Not yet nominated', '决定人': 'Decided by', '推荐新任负责人': 'Nominate a new leader',
    '推荐': 'Nominate', '批准': 'Approval', '批准新任负责人': 'Approve the new leader',
    '重新遴选挂靠单位': 'Select a new host institution',
    '推荐人选不符合主任基本条件或无法承担相应工作任务的，由卫健委重新遴选挂靠单位；本挂靠周期随即终止。':
        'If the nominee does not meet the basic requirements for a director or cannot take on the work, '
        'the health commission selects a new host institution, and the current hosting term ends.',
    '交接期限设置': 'Handover deadlines',
    '九龙坡 第二十四条规定原挂靠单位“按照卫生健康行政部门规定时限”交接：期限由卫健委确定，系统不代为设定。':
        'Article 24 of the Jiulongpo rules has the outgoing host institution hand over “within the time limit '
        'set by the health administration”: the commission sets the deadline; the system does not set one for it.',
    '决定日期': 'Decided on', '依据文件': 'Basis document', '%(n)s个月': '%(n)s month(s)', '尚未设置。': 'Not set.',
    '本辖区适用的规则集已规定交接期限，无须设置。':
        'The rule set in force in your jurisdiction already fixes the handover deadline; there is nothing to set.',
    '公示期：%(start)s 起 %(days)s 个工作日，至 %(end)s（北京时间）止。':
        'Notice period: %(days)s working days from %(start)s, closing %(end)s (Beijing time).',
    '提出异议': 'Lodge an objection', '提交异议': 'Submit the objection',
    '公示期已结束，不再受理异议。': 'The notice period has ended; objections are no longer accepted.',
    '公示期': 'Notice period', '当前没有公示。': 'No public notices at present.',
    # Strings that makemessages had paired with a wrong fuzzy guess.
    '文件名': 'File name', '没有符合条件的期限。': 'No deadline matches.', '登记人': 'Registered by',
    '没有符合条件的公文。': 'No document matches.', '导入医疗机构': 'Import institutions',
    '从 Excel 导入医疗机构': 'Import institutions from Excel',
    '附件未上传，请修正以下标红的字段，已选择的内容均已保留（文件需重新选择）。':
        'The attachment was not uploaded. Please correct the fields marked in red; everything else you chose '
        'is kept (choose the file again).',
    '严重事件登记': 'Serious incidents',
    '严重违法违规及重大医疗质量安全事件': 'Serious violations and major quality or safety incidents',
    '挂靠单位的基本条件要求一定年限内未发生此类事件（九龙坡 第六条（四）三年，济南 第五条（三）两年）；申请时据此自动检查。': 'A host must have had no such incident for a number of years (九龙坡 第六条（四）: three; 济南 第五条（三）: two); applications are checked against this record automatically.',
    '发生日期': 'Date',
    '科室/专业': 'Department / specialty',
    '暂无登记。': 'Nothing on record.',
    '登记': 'Record',
    '在手机或电脑日历中添加以下订阅地址，即可看到自己的期限。地址即凭证，请勿转发；如已泄露，请重置。': 'Add this address to the calendar on your phone or computer to see your deadlines. The address is a credential: do not share it; reset it if it has leaked.',
    '红色为必填列。只能导入到您辖区内的行政区划。整份文件全部校验通过才会导入；任何一行有误，所有行都不导入。': 'Red columns are required. Only jurisdictions within yours can be imported into. The file is imported only when every row is valid; if any row is wrong, no row is imported.',
    '还没有导出记录。在医疗机构或人员列表中点击“导出 Excel”。': 'No exports yet. Click “Export to Excel” on the institution or people list.',
    '按国务院办公厅公布的节假日安排计算：周末和法定节假日不计，调休上班日计入。期限自起始日起算（起始日为工作日的计入），至最后一个工作日 23:59:59（北京时间）截止。日历覆盖 %(coverage)s 年。': 'Computed on the holiday schedule published by the General Office of the State Council: weekends and statutory holidays do not count, make-up working days do. A period counts from its start date (included when it is a working day) and closes at 23:59:59 Beijing time on its last working day. The calendar covers %(coverage)s.',
    'chinese_calendar 已内置 %(first)s–%(last)s 年的节假日安排；其后年度或临时放假由系统管理员在管理后台录入，录入完整后标记该年度为已录入。': 'chinese_calendar knows the holidays of %(first)s–%(last)s; later years or extra holidays are entered by a system administrator in the admin, who then marks the year as entered in full.',
}

# A Chinese word that needs two Englishes carries a context in the template
# ({% translate "期限" context "period" %}); its English is keyed by (context, msgid).
EN_CTX = {
    ("one document", "公文"): "Document", ("one notice", "公示"): "Public notice",
    ("column", "处理"): "Handling", ("button", "处理"): "Handle",
    ("field", "行政区划"): "Jurisdiction", ("field", "质控中心"): "QC centre", ("field", "规则集"): "Rule set",
    ("due date", "期限"): "Due", ("period", "期限"): "Period",
}


def _unquote(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def _quote(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def main(path=Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"):
    """Fills msgstr from EN / EN_CTX. msgmerge pairs a new msgid with a similar old one and marks it
    fuzzy (e.g. 总分 guessed as "Sex"): such a guess is replaced by the table's English, or emptied when
    the table has none, so that a wrong English never ships and an untranslated string shows."""
    blocks = path.read_text().split("\n\n")
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        flags = [n for n, line in enumerate(lines) if line.startswith("#,")]
        fuzzy = any("fuzzy" in lines[n] for n in flags)
        ids = [n for n, line in enumerate(lines) if line.startswith('msgid "')]
        strs = [n for n, line in enumerate(lines) if line.startswith('msgstr "')]
        plural = any(line.startswith("msgid_plural") for line in lines)
        english = None
        if len(ids) == 1 and len(strs) == 1 and not plural and lines[ids[0]] != 'msgid ""':
            msgid = _unquote(lines[ids[0]][len('msgid "'):-1])
            ctx = next((_unquote(line[len('msgctxt "'):-1]) for line in lines if line.startswith('msgctxt "')), None)
            english = EN_CTX.get((ctx, msgid)) if ctx is not None else EN.get(msgid)
            if english is None and fuzzy:
                english = ""
            if english is not None:
                lines[strs[0]] = f'msgstr "{_quote(english)}"'
        header = 'msgid ""' in lines and any(line.startswith('"Content-Type:') for line in lines)
        if fuzzy and (english is not None or header):
            for n in flags:
                rest = [f.strip() for f in lines[n][2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                lines[n] = "#, " + ", ".join(rest) if rest else None
            lines = [line for line in lines if line is not None and not line.startswith("#| ")]
        blocks[i] = "\n".join(lines)
    path.write_text("\n\n".join(blocks))


if __name__ == "__main__":
    main()
