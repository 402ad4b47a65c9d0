"""Writes to notices: write and publish (staff of a region), open, acknowledge and reply (the
recipient's people), remind the late ones (the sender).

Who may do what is `lvxie.notices.policies` (staff of the issuing region write, publish and remind; a
recipient's people answer its receipt); each service asks it first. Anything outside scope never gets
here (404).
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvxie.audit.saving import save_audited
from lvxie.audit.services import audit_record
from lvxie.core.paths import under
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload
from lvxie.notifications.selectors import firm_people
from lvxie.notifications.services import Text, notify
from lvxie.workflow.workdays import due_soon_until

from . import policies
from .audience import audience_firms, audience_party_orgs
from .choices import AudienceKind, NoticeStatus
from .models import Notice, NoticeAttachment, Receipt, ReplyFile


def _check_audience(
    actor: Actor | None, action: str, notice: Notice, firms: Iterable, orgs: Iterable = ()
) -> None:
    """The actor may write this notice (`action`, a create or an edit) and its recipients lie in its issuing
    region."""
    policies.require(actor, action, notice)
    root = notice.sender_region.path
    if notice.audience_region is not None and not under(notice.audience_region.path, root):
        raise ValidationError(
            {
                "audience_region": ValidationError(
                    _("The recipients must be in the issuing region."), code="outside_region"
                )
            }
        )
    if notice.audience_kind == AudienceKind.FIRM_KINDS and not notice.firm_kind_codes:
        raise ValidationError(
            {"audience_firm_kinds": ValidationError(_("Choose at least one kind of firm."), code="required")}
        )
    if notice.audience_kind == AudienceKind.FIRMS:
        if not firms:
            raise ValidationError(
                {"audience_firms": ValidationError(_("List at least one firm."), code="required")}
            )
        if any(not under(firm.region.path, root) for firm in firms):
            raise ValidationError(
                {
                    "audience_firms": ValidationError(
                        _("The recipients must be in the issuing region."), code="outside_region"
                    )
                }
            )
    if any(not under(org.region_path, root) for org in orgs):
        raise ValidationError(
            {
                "audience_party_orgs": ValidationError(
                    _("The recipients must be in the issuing region."), code="outside_region"
                )
            }
        )


def _require_draft(notice: Notice) -> None:
    if notice.status != NoticeStatus.DRAFT:
        raise ValidationError(_("A published notice can no longer be changed."), code="published")


def _firm_kinds(kinds: Iterable[str]) -> str:
    codes = list(dict.fromkeys(kinds))
    return f",{','.join(codes)}," if codes else ""


@transaction.atomic
def notice_create(
    *,
    actor: Actor | None,
    title: str,
    body: str,
    sender_region,
    audience_kind: str = AudienceKind.SUBTREE,
    audience_region=None,
    audience_firm_kinds: Iterable[str] = (),
    audience_firms: Iterable = (),
    audience_party_orgs: Iterable = (),
    reply_required: bool = False,
    reply_hint: str = "",
    reply_due: date | None = None,
    late_replies_allowed: bool = False,
    attachments: Iterable[CheckedUpload] = (),
) -> Notice:
    """Write a notice as a draft, with its audience and attachments."""
    firms, orgs = list(audience_firms), list(audience_party_orgs)
    notice = Notice(
        title=title,
        body=body,
        sender_region=sender_region,
        audience_kind=audience_kind,
        audience_region=audience_region,
        audience_firm_kinds=_firm_kinds(audience_firm_kinds),
        reply_required=reply_required,
        reply_hint=reply_hint,
        reply_due=reply_due,
        late_replies_allowed=late_replies_allowed,
        created_by=signed_in(actor),
    )
    _check_audience(actor, policies.NOTICE_CREATE, notice, firms, orgs)
    save_audited(actor=actor, obj=notice, action="notice.create")
    notice.audience_firms.set(firms)
    notice.audience_party_orgs.set(orgs)
    for upload in attachments:
        _attach(actor, notice, upload)
    return notice


@transaction.atomic
def notice_update(
    *,
    actor: Actor | None,
    notice: Notice,
    audience_firms: Iterable | None = None,
    audience_party_orgs: Iterable | None = None,
    attachments=(),
    **fields,
) -> Notice:
    """Change a draft (a published notice is fixed: its recipients have read it)."""
    policies.require(actor, policies.NOTICE_EDIT, notice)
    _require_draft(notice)
    before = snapshot(notice)
    if "audience_firm_kinds" in fields:
        fields["audience_firm_kinds"] = _firm_kinds(fields["audience_firm_kinds"])
    for name, value in fields.items():
        setattr(notice, name, value)
    firms = list(audience_firms) if audience_firms is not None else list(notice.audience_firms.all())
    orgs = (
        list(audience_party_orgs)
        if audience_party_orgs is not None
        else list(notice.audience_party_orgs.all())
    )
    _check_audience(actor, policies.NOTICE_EDIT, notice, firms, orgs)
    save_audited(actor=actor, obj=notice, action="notice.update", before=before)
    notice.audience_firms.set(firms)
    notice.audience_party_orgs.set(orgs)
    for upload in attachments:
        _attach(actor, notice, upload)
    return notice


def _attach(actor: Actor | None, notice: Notice, upload: CheckedUpload) -> NoticeAttachment:
    attachment = NoticeAttachment.from_upload(upload, uploaded_by=actor, notice=notice)
    validate(attachment)
    attachment.save()
    audit_record(actor=actor, action="notice.attach", obj=notice, after={"file": attachment.name})
    return attachment


@transaction.atomic
def notice_attachment_remove(*, actor: Actor | None, attachment: NoticeAttachment) -> None:
    """Take a file off a draft."""
    notice = attachment.notice
    policies.require(actor, policies.NOTICE_EDIT, notice)
    _require_draft(notice)
    audit_record(actor=actor, action="notice.detach", obj=notice, before={"file": attachment.name})
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def notice_publish(*, actor: Actor | None, notice: Notice, published_at=None) -> int:
    """Publish a draft: resolve its audience into receipts (one bulk insert) and notify each
    recipient's administrators. Returns the number of recipients. `published_at` records a notice
    sent before lvxie (imports, the demo); publishing now refuses a reply date already past."""
    policies.require(actor, policies.NOTICE_PUBLISH, notice)
    Notice.objects.select_for_update().filter(pk=notice.pk).first()  # one publisher at a time
    notice.refresh_from_db()
    _require_draft(notice)
    firms, orgs = list(audience_firms(notice)), list(audience_party_orgs(notice))
    if notice.to_party_orgs and not orgs:
        raise ValidationError(
            _("No Party organization matches the recipients chosen."), code="empty_audience"
        )
    if not notice.to_party_orgs and not firms:
        raise ValidationError(_("No practising firm matches the recipients chosen."), code="empty_audience")
    if published_at is None and notice.reply_due and notice.reply_due < timezone.localdate():
        raise ValidationError(
            {"reply_due": ValidationError(_("The reply date has passed."), code="past_due")}
        )
    notice.status = NoticeStatus.PUBLISHED
    notice.published_at = published_at or timezone.now()
    validate(notice)
    notice.save(update_fields=["status", "published_at"])
    Receipt.objects.bulk_create(
        [Receipt(notice=notice, firm=firm, region=firm.region) for firm in firms]
        + [Receipt(notice=notice, party_org=org, region=org.region) for org in orgs]
    )
    recipients = len(firms) + len(orgs)
    audit_record(actor=actor, action="notice.publish", obj=notice, after={"recipients": recipients})
    notify(
        users=firm_people([firm.pk for firm in firms], [org.pk for org in orgs]),
        title=Text(_("New notice: %(title)s"), {"title": notice.title}),
        body=Text(_("Reply by %(due)s."), {"due": notice.reply_due}) if notice.reply_required else "",
        url=notice.get_absolute_url(),
        key=f"notice:{notice.pk}:published",
    )
    return recipients


@transaction.atomic
def receipt_open(*, actor: Actor | None, receipt: Receipt) -> Receipt:
    """The recipient opened the notice: the first opening by the recipient's own people is recorded."""
    if receipt.read_at is None and policies.allowed(actor, policies.RECEIPT_ANSWER, receipt):
        receipt.read_at = timezone.now()
        receipt.save(update_fields=["read_at"])
        audit_record(actor=actor, action="notice.read", obj=receipt)
    return receipt


@transaction.atomic
def receipt_acknowledge(*, actor: Actor | None, receipt: Receipt) -> Receipt:
    """The recipient confirms it has received the notice and will act on it."""
    policies.require(actor, policies.RECEIPT_ANSWER, receipt)
    if receipt.acknowledged_at is not None:
        raise ValidationError(_("This notice has already been acknowledged."), code="already_acknowledged")
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.acknowledged_at = now
    receipt.save(update_fields=["read_at", "acknowledged_at"])
    audit_record(actor=actor, action="notice.acknowledge", obj=receipt)
    return receipt


@transaction.atomic
def receipt_reply(
    *, actor: Actor | None, receipt: Receipt, text: str = "", files: Iterable[CheckedUpload] = ()
) -> Receipt:
    """The recipient replies (a text, files, or both); a reply also acknowledges. A second reply adds
    to the first. After the due date a reply is refused unless the notice accepts late replies."""
    policies.require(actor, policies.RECEIPT_ANSWER, receipt)
    files = list(files)
    notice = receipt.notice
    if notice.reply_closed():
        raise ValidationError(
            _("The reply date (%(due)s) has passed and this notice does not accept late replies."),
            code="late",
            params={"due": notice.reply_due},
        )
    if not text.strip() and not files:
        raise ValidationError(_("Write a reply or attach a file."), code="empty_reply")
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.acknowledged_at = receipt.acknowledged_at or now
    receipt.replied_at = now
    if text.strip():
        receipt.reply_text = text.strip()
    validate(receipt)
    receipt.save()
    names = []
    for upload in files:
        stored = ReplyFile.from_upload(upload, uploaded_by=actor, receipt=receipt)
        validate(stored)
        stored.save()
        names.append(stored.name)
    audit_record(actor=actor, action="notice.reply", obj=receipt, after={"files": names})
    return receipt


def _pending(notice: Notice) -> Q:
    # Late: no reply yet where one is required; otherwise not yet acknowledged.
    return Q(replied_at__isnull=True) if notice.reply_required else Q(acknowledged_at__isnull=True)


@transaction.atomic
def notice_remind(*, actor: Actor | None, notice: Notice) -> int:
    """Remind every recipient that has not yet done what the notice asks (at most once a day each).
    Returns the number of recipients reminded."""
    policies.require(actor, policies.NOTICE_REMIND, notice)
    if notice.status != NoticeStatus.PUBLISHED:
        raise ValidationError(_("Only a published notice can be reminded of."), code="not_published")
    late = Receipt.objects.filter(notice=notice).filter(_pending(notice))
    firm_ids, org_ids = _recipient_ids(late)
    today = timezone.localdate()
    late.update(last_reminded_at=timezone.now())
    notify(
        users=firm_people(firm_ids, org_ids),
        title=Text(_("Reminder: %(title)s"), {"title": notice.title}),
        body=Text(_("Reply by %(due)s."), {"due": notice.reply_due}) if notice.reply_required else "",
        url=notice.get_absolute_url(),
        key=f"notice:{notice.pk}:remind:{today.isoformat()}",
    )
    reminded = len(firm_ids) + len(org_ids)
    audit_record(actor=actor, action="notice.remind", obj=notice, after={"recipients": reminded})
    return reminded


def _recipient_ids(receipts) -> tuple[list[int], list[int]]:
    """The firms and the Party organizations these receipts went to."""
    pairs = list(receipts.values_list("firm_id", "party_org_id"))
    return [f for f, _o in pairs if f is not None], [o for _f, o in pairs if o is not None]


@transaction.atomic
def notice_due_reminders_send(*, today: date | None = None) -> int:
    """The scheduled job (`lvxie tick`, registered in NoticesConfig): remind recipients who have not
    replied to a notice due within LVXIE_DUE_SOON_WORKING_DAYS working days (once a day each).
    Returns the number of notifications sent."""
    today = today or timezone.localdate()
    due = Notice.objects.filter(
        status=NoticeStatus.PUBLISHED,
        reply_required=True,
        reply_due__gte=today,
        reply_due__lte=due_soon_until(today),
    )
    sent = 0
    for notice in due:
        firm_ids, org_ids = _recipient_ids(Receipt.objects.filter(notice=notice, replied_at__isnull=True))
        sent += notify(
            users=firm_people(firm_ids, org_ids),
            title=Text(_("Reply due %(due)s: %(title)s"), {"due": notice.reply_due, "title": notice.title}),
            url=notice.get_absolute_url(),
            key=f"notice:{notice.pk}:due:{today.isoformat()}",
        )
    return sent


@transaction.atomic
def receipts_bulk_record(*, actor: Actor | None, receipts: Iterable[Receipt]) -> int:
    """Record the read, acknowledged and replied dates of many receipts at once (seeding, importing
    the state of a notice sent before lvxie); one audit event with the count."""
    rows = list(receipts)
    for row in rows:
        policies.require(actor, policies.RECEIPTS_RECORD, row.notice)
        row.full_clean(exclude=["notice", "firm", "party_org", "region"])
    Receipt.objects.bulk_update(
        rows, ["read_at", "acknowledged_at", "replied_at", "reply_text"], batch_size=500
    )
    audit_record(
        actor=actor,
        action="notice.receipts_record",
        object_type="notices.receipt",
        after={"count": len(rows)},
    )
    return len(rows)
