from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintStatus(models.TextChoices):
    """Where a complaint stands. Received → accepted, waiting for papers, referred or declined; an
    accepted one is triaged simple (handled and closed here) or complex (a disciplinary case)."""

    RECEIVED = "received", _("Received, under review")  # 待审查
    AWAITING_PAPERS = "papers", _("Waiting for the complainant's papers")  # 待补正
    ACCEPTED = "accepted", _("Accepted for handling")  # 已受理
    REFERRED = "referred", _("Referred to another body")  # 已转办
    DECLINED = "declined", _("Not accepted")  # 不予受理
    SIMPLE = "simple", _("Being handled (simple procedure)")  # 简易程序
    COMPLEX = "complex", _("Under investigation (disciplinary procedure)")  # 立案调查
    CLOSED = "closed", _("Closed")  # 已办结


# States in which nothing more happens to the complaint itself.
FINISHED = (ComplaintStatus.REFERRED, ComplaintStatus.DECLINED, ComplaintStatus.CLOSED)


class ComplaintAction(models.TextChoices):
    ACCEPT = "accept", _("accept")
    ASK_PAPERS = "ask_papers", _("ask for more papers")
    PAPERS_RECEIVED = "papers_received", _("record the papers received")
    REFER = "refer", _("refer elsewhere")
    DECLINE = "decline", _("decline")
    TRIAGE_SIMPLE = "triage_simple", _("handle as simple")
    TRIAGE_COMPLEX = "triage_complex", _("handle as complex")
    CLOSE = "close", _("close")


class ComplaintSource(models.TextChoices):
    """How the complaint reached the bar."""

    ONLINE = "online", _("Public complaint form")  # 网上投诉
    LETTER = "letter", _("Letter")  # 来信
    PHONE = "phone", _("Telephone")  # 来电
    VISIT = "visit", _("In person")  # 来访
    HOTLINE = "12348", _("Referred by the 12348 legal hotline")  # 12348 热线转办
    JUDICIAL_BUREAU = "bureau", _("Referred by the judicial bureau")  # 司法局转办
    COURT = "court", _("Referred by a court or procuratorate")  # 法院、检察院转办
    OTHER_BODY = "other_body", _("Referred by another body")  # 其他机关转办


# The sources that are another body's referral: the body and its reference are recorded.
REFERRAL_SOURCES = (
    ComplaintSource.HOTLINE,
    ComplaintSource.JUDICIAL_BUREAU,
    ComplaintSource.COURT,
    ComplaintSource.OTHER_BODY,
)


class ConductKind(models.TextChoices):
    """What the lawyer or firm is said to have done."""

    FEES = "fees", _("Fees charged improperly")  # 违规收费
    NEGLECT = "neglect", _("Neglect of the client's matter")  # 怠于履行职责
    CONFLICT = "conflict", _("Conflict of interest")  # 利益冲突
    CONFIDENTIALITY = "secrets", _("Breach of confidentiality")  # 泄露秘密
    SOLICITATION = "solicitation", _("Improper solicitation or advertising")  # 不正当竞争、虚假宣传
    COURT_CONDUCT = "court", _("Misconduct in proceedings")  # 违规执业、扰乱法庭秩序
    DISHONESTY = "dishonesty", _("Dishonesty or false evidence")  # 弄虚作假
    MANAGEMENT = "management", _("Firm mismanagement")  # 律所管理不善
    OTHER = "other", _("Other")


class Track(models.TextChoices):
    """The simple/complex triage (繁简分流): how an accepted complaint is handled."""

    MEDIATION = "mediation", _("Mediation")  # 调解
    EXPLANATION = "explanation", _("Explanation to the complainant")  # 解释说明
    FAST_TRACK = "fast", _("Fast-track handling")  # 快速处理
    INVESTIGATION = "investigation", _("Investigation (disciplinary procedure)")  # 立案调查


SIMPLE_TRACKS = (Track.MEDIATION, Track.EXPLANATION, Track.FAST_TRACK)


class TriageCriterion(models.TextChoices):
    """The criteria recorded with the triage decision."""

    FACTS_CLEAR = "facts_clear", _("The facts are clear")  # 事实清楚
    MINOR = "minor", _("Minor; no sanction likely")  # 情节轻微
    FEE_DISPUTE = "fee_dispute", _("A dispute over fees or service")  # 收费或服务争议
    PARTIES_WILLING = "willing", _("Both sides willing to mediate")  # 双方愿意调解
    SERIOUS = "serious", _("Serious; a sanction may follow")  # 情节严重，可能给予处分
    FACTS_DISPUTED = "disputed", _("The facts are disputed and need investigation")  # 事实争议
    REPEATED = "repeated", _("Repeated complaints against the same lawyer")  # 多次被投诉
    PUBLIC_CONCERN = "public", _("Of public concern or referred by an authority")  # 社会影响、上级交办


class Outcome(models.TextChoices):
    """How a complaint ended (shown to the complainant with its text)."""

    MEDIATED = "mediated", _("Settled by mediation")  # 调解结案
    EXPLAINED = "explained", _("Explained to the complainant")  # 解释说明结案
    CORRECTED = "corrected", _("The lawyer corrected the matter")  # 督促整改
    NO_BREACH = "no_breach", _("No breach found")  # 未发现违规
    WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")  # 投诉人撤回
    DISCIPLINE_DECIDED = "decided", _("Decided in the disciplinary procedure")  # 处分程序终结


class AccessKind(models.TextChoices):
    """What a person named on a complaint may do: handle it (and read it), or read it only."""

    HANDLER = "handler", _("Handler")
    READER = "reader", _("May read")
