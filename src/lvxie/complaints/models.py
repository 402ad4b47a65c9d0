"""Complaints (投诉) about a lawyer or a law firm: who is complained of, what happened, who complains
(or that they asked to stay unknown to the lawyer and firm), the tracking number and the hash of the
secret code, the acceptance and triage decisions, and the people named to handle or read it."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvxie.core.links import object_url
from lvxie.core.scoping import NOTHING, ScopedQuerySet, ScopeView, combine, path_q, scope_of
from lvxie.core.types import Actor
from lvxie.core.uploads import StoredFile
from lvxie.registry.models import LawFirm, Lawyer, Region
from lvxie.workflow.models import Clock

from .choices import AccessKind, ComplaintSource, ComplaintStatus, ConductKind, Outcome, Track

# What the lawyer and firm complained of see: accepted complaints only (not one still under review,
# referred or declined).
SHOWN_TO_SUBJECT = (
    ComplaintStatus.ACCEPTED,
    ComplaintStatus.SIMPLE,
    ComplaintStatus.COMPLEX,
    ComplaintStatus.CLOSED,
)


def code_hash(number: str, code: str) -> str:
    """The stored form of a tracking code: the code is random and long, so a keyed hash (no slow
    password hash) is enough; bound to the number so one code cannot open another case."""
    message = f"{number}:{code.strip().upper()}".encode()
    return hmac.new(b"lvxie-complaint-code", message, hashlib.sha256).hexdigest()


class ComplaintQuerySet(ScopedQuerySet):
    def visible_to(self, actor: Actor | None):
        """Discipline officers see complaints in their subtree, the staff they named see those they
        were named on; the lawyer and the firm complained of see accepted ones (masked: see
        `Complaint.identity_visible_to`). Other staff, district administrators included, see none."""
        scope = scope_of(actor)
        parts = combine(
            path_q("region__path", scope.discipline_region_paths),
            named_q(actor),
            self.model.scope_q(scope.reads()),
        )
        return self.filter(parts)


def named_q(actor: Actor | None) -> Q:
    """The complaints the actor was named on (to handle or to read). A subquery rather than a join: a
    join repeats a complaint per person named, and the DISTINCT it then needed compared every column of
    every row in the scope (most of a national list's time)."""
    if actor is None or not actor.is_authenticated:
        return NOTHING
    return Q(pk__in=ComplaintAccess.objects.filter(user_id=actor.pk).values("complaint_id"))


class Complaint(models.Model):
    """One complaint. `region` is the district of the lawyer or firm complained of when it came in:
    discipline officers over it handle it."""

    number = models.CharField(_("tracking number"), max_length=20, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    source = models.CharField(
        _("source"), max_length=12, choices=ComplaintSource.choices, default=ComplaintSource.ONLINE
    )
    referring_body = models.CharField(_("referring body"), max_length=100, blank=True)
    referring_reference = models.CharField(_("their reference"), max_length=60, blank=True)
    received_on = models.DateField(_("received on"))
    lawyer = models.ForeignKey(
        Lawyer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("lawyer complained of"),
    )
    firm = models.ForeignKey(
        LawFirm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("law firm complained of"),
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    conduct = models.CharField(_("kind of conduct"), max_length=12, choices=ConductKind.choices)
    facts = models.TextField(_("what happened"))
    request = models.TextField(_("what the complainant asks for"), blank=True)
    complainant_name = models.CharField(_("complainant"), max_length=50)
    complainant_phone = models.CharField(_("telephone"), max_length=30, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_address = models.CharField(_("address"), max_length=200, blank=True)
    confidential = models.BooleanField(
        _("identity kept from the lawyer and firm"),
        default=False,
        help_text=_("The handlers know who complains; the lawyer and the firm complained of never do."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    # What the handlers wrote to the complainant: the papers asked for, or the reason for declining or
    # referring (the complainant sees it on the tracking page).
    papers_requested = models.TextField(_("papers asked for"), blank=True)
    decision_reason = models.TextField(_("reason given to the complainant"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=100, blank=True)
    track = models.CharField(_("procedure"), max_length=14, choices=Track.choices, blank=True)
    triage_criteria = models.JSONField(_("triage criteria"), default=list, blank=True)
    triage_note = models.TextField(_("triage note"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(_("outcome, as told to the complainant"), blank=True)
    acceptance_clock = models.ForeignKey(
        Clock, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    handling_clock = models.ForeignKey(
        Clock, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(
                condition=Q(lawyer__isnull=False) | Q(firm__isnull=False), name="complaints_has_subject"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["region", "received_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return object_url("complaints:detail", self.pk)

    @property
    def subject(self) -> Lawyer | LawFirm | None:
        return self.lawyer or self.firm

    @property
    def scope_path(self) -> str:
        return self.region.path

    def code_matches(self, code: str) -> bool:
        return hmac.compare_digest(self.code_hash, code_hash(self.number, code))

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # The subject's side only (lawyer, firm): the handlers' reach is in `visible_to`.
        accepted = Q(status__in=SHOWN_TO_SUBJECT)
        subject = combine(
            Q(lawyer_id__in=view.lawyer_ids) if view.lawyer_ids else Q(),
            Q(firm_id__in=view.firm_ids) | Q(lawyer__firm_id__in=view.firm_ids) if view.firm_ids else Q(),
        )
        return subject & accepted if subject is not NOTHING else NOTHING


class ComplaintFile(StoredFile):
    """A paper of the complaint: sent with it, sent later when asked for, or added by a handler."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="files")
    from_complainant = models.BooleanField(_("from the complainant"), default=True)

    class Meta(StoredFile.Meta):
        verbose_name = _("complaint file")
        verbose_name_plural = _("complaint files")


class ComplaintAccess(models.Model):
    """A person a discipline officer named on one complaint: a handler (who acts on it) or a reader.
    This is the per-complaint grant: nobody else outside the officers sees the contents."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("role on the complaint"), max_length=8, choices=AccessKind.choices)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    named_at = models.DateTimeField(_("named"), auto_now_add=True)

    class Meta:
        ordering = ["named_at", "id"]
        verbose_name = _("person named on a complaint")
        verbose_name_plural = _("people named on complaints")
        constraints = [models.UniqueConstraint(fields=["complaint", "user"], name="complaints_access_once")]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.user} · {self.kind}"


class ConflictDeclaration(models.Model):
    """Someone says they may not handle a complaint (they know the lawyer, acted for a side...): they
    can then never be named on it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("why"), max_length=200)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        ordering = ["declared_at", "id"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["complaint", "user"], name="complaints_conflict_once")]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.user}"


class Captcha(models.Model):
    """A CAPTCHA challenge of the public form: its answer's hash, until answered once or expired
    (single use: the row is deleted by the answer, right or wrong)."""

    token = models.CharField(max_length=64, unique=True)
    answer_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.token[:8]
