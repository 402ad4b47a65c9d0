from django.db import models
from django.utils.translation import gettext_lazy as _


class SanctionKind(models.TextChoices):
    """The bar's sanctions (行业处分), lightest first."""

    REPRIMAND = "reprimand", _("Reprimand")  # 训诫
    WARNING = "warning", _("Warning")  # 警告
    CIRCULATED_CRITICISM = "criticism", _("Circulated criticism")  # 通报批评
    PUBLIC_CENSURE = "censure", _("Public censure")  # 公开谴责
    SUSPENSION = "suspension", _("Suspension of membership rights")  # 中止会员权利
    EXPULSION = "expulsion", _("Expulsion")  # 取消会员资格


# Published in the public look-up for their period by default; the bar may publish others too.
PUBLIC_BY_DEFAULT = {SanctionKind.CIRCULATED_CRITICISM, SanctionKind.PUBLIC_CENSURE}


class SanctionStatus(models.TextChoices):
    DECIDED = "decided", _("Decided (review period open)")
    UNDER_REVIEW = "review", _("Under review")
    FINAL = "final", _("Final")
    REVOKED = "revoked", _("Revoked on review")


class CaseSource(models.TextChoices):
    """How a disciplinary case was opened (立案)."""

    OWN_MOTION = "own_motion", _("On the bar's own motion")  # 依职权立案
    COMPLAINT = "complaint", _("From a complaint")  # 投诉转立案


class CaseStatus(models.TextChoices):
    """The stages of a disciplinary case, in order."""

    INVESTIGATING = "investigating", _("Under investigation")  # 立案调查
    NOTIFIED = "notified", _("Lawyer notified, answer awaited")  # 已告知，待申辩
    HEARING = "hearing", _("Hearing asked for")  # 待听证
    DELIBERATING = "deliberating", _("Before the committee")  # 待审议决定
    DECIDED = "decided", _("Decided (review period open)")  # 已决定，复查期内
    UNDER_REVIEW = "review", _("Under review")  # 复查中
    FINAL = "final", _("Final")  # 已生效、结案


# The stages a case moves through while it is open, for the oversight figures.
OPEN_STAGES = tuple(s for s in CaseStatus if s != CaseStatus.FINAL)


class CaseAction(models.TextChoices):
    NOTIFY = "notify", _("send the notice to the lawyer")  # 送达告知书
    ANSWER = "answer", _("record the answer (no hearing asked)")  # 提交申辩，不要求听证
    NO_ANSWER = "no_answer", _("record that no answer came in time")  # 逾期未申辩
    ASK_HEARING = "ask_hearing", _("ask for a hearing")  # 申请听证
    HOLD_HEARING = "hold_hearing", _("record the hearing")  # 举行听证
    DECIDE = "decide", _("decide a sanction")  # 作出处分决定
    DISMISS = "dismiss", _("decide no sanction")  # 决定不予处分
    REQUEST_REVIEW = "request_review", _("request a review")  # 申请复查
    REVIEW = "review", _("decide the review")  # 作出复查决定
    FINALIZE = "finalize", _("make the decision final")  # 决定生效


class ReviewDecision(models.TextChoices):
    GRANTED = "granted", _("Granted: the sanction is revoked")  # 复查成立，撤销处分
    REFUSED = "refused", _("Refused: the decision stands")  # 维持原决定


class CaseDocument(models.TextChoices):
    """The documents generated from a case's record (PDF)."""

    NOTICE = "notice", _("Notice to the lawyer")  # 处分告知书
    DECISION = "decision", _("Decision on the case")  # 处分决定书
    REVIEW = "review", _("Review decision")  # 复查决定书


class AgeBucket(models.TextChoices):
    """How long an open case has been open, in the usual buckets."""

    UNDER_1 = "lt1", _("Under 1 month")
    M1_3 = "1-3", _("1–3 months")
    M3_6 = "3-6", _("3–6 months")
    M6_12 = "6-12", _("6–12 months")
    OVER_12 = "gt12", _("Over 12 months")
