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
