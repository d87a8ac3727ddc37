"""Every error code the appraisal app raises (one constant each)."""

YEAR_EXISTS = "appraisal_year_exists"  # one assessment per jurisdiction, level and year
NO_APPRAISAL_RULE = "appraisal_no_rule"  # the rule set in force has no yearly appraisal
CRITERIA_INVALID = "appraisal_criteria_invalid"  # weights missing, negative, or not summing to 100
THRESHOLDS_INVALID = "appraisal_thresholds_invalid"  # grade thresholds missing or out of order
NO_CENTRES = "appraisal_no_centres"  # no active centre to assess
WRONG_STATE = "appraisal_wrong_state"  # a step out of order (409)
OWN_CENTRE = (
    "appraisal_scores_own_centre"  # 九龙坡 第二十一条（二）: an institution never scores a centre it hosts
)
SCORE_INVALID = "appraisal_score_invalid"  # a score outside 0–100, or a criterion missing
SCORES_INCOMPLETE = "appraisal_scores_incomplete"  # submitted before every centre and criterion is scored
CONDITION_UNKNOWN = "appraisal_condition_unknown"  # not an automatic-fail condition of the rule set
EVIDENCE_REQUIRED = "appraisal_evidence_required"  # an entered condition or finding without its facts
GRADE_UNKNOWN = "appraisal_grade_unknown"  # not a grade of the rule set
REASON_REQUIRED = "appraisal_reason_required"  # a grade changed, a report returned, without a reason
NOT_ALL_GRADED = "appraisal_not_all_graded"  # confirmation before every centre has a proposal
SUPPORT_UNASSESSED = "appraisal_support_unassessed"  # host support not assessed where the rule set asks it
ACT_UNKNOWN = "appraisal_act_unknown"  # not a prohibited act of the rule set
DUTY_UNKNOWN = "appraisal_duty_unknown"  # a duty the rule set in force does not set
PLAN_NOT_MEASURABLE = (
    "appraisal_plan_not_measurable"  # 九龙坡 第十四条 / 济南 第十一条: tasks need measures and deadlines
)
DATE_INVALID = "appraisal_date_invalid"  # a date in the future, or outside the duty's year
NO_TERM = "appraisal_no_term"  # the centre has no term ending to decide
HISTORY_INVALID = (
    "appraisal_history_invalid"  # a historical grade that cannot be (future year, outside the term)
)
HISTORY_DUPLICATE = "appraisal_history_duplicate"  # a year graded twice (in the input, or already on record)
ADVANCE_REPORT_MISSING = (
    "appraisal_advance_report_missing"  # 济南 第十一条: an activity outside the plan not reported in advance
)
RECTIFICATION_INVALID = "appraisal_rectification_invalid"  # 济南 第十二条: the institution's report back
CONDITION_RECORDED = "appraisal_condition_recorded"  # 济南 第二十条: a recorded condition fails the year
TERM_INCOMPLETE = "appraisal_term_incomplete"  # the 4-year decision before every year of the term is graded
