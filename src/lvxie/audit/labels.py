"""Words for the audit log: a translated label for every action code that the code records, and the
field labels of the before/after values (the model's own verbose names). tests/audit/test_labels.py
checks that every code recorded anywhere in src/lvxie has a label here."""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "api_token.create": _("API token created"),
    "audit.archive": _("Audit log archived"),
    "audit.export": _("Audit log exported"),
    "audit.key_start": _("Audit chain keyed from here"),
    "audit.search": _("Audit log searched"),
    "auth.address_slowed": _("Log-ins from an address slowed down"),
    "auth.lock": _("Account locked"),
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Log-in failed"),
    "auth.login_refused": _("Log-in refused"),
    "auth.logout": _("Logged out"),
    "auth.password_change": _("Own password changed"),
    "auth.session_expired": _("Session expired"),
    "auth.sessions_end": _("Sessions ended everywhere"),
    "auth.totp_enroll": _("One-time code set up"),
    "auth.totp_failed": _("One-time code wrong"),
    "auth.unlock": _("Account unlocked"),
    "backup.restore": _("Backup restored (gap recorded)"),
    "clock.overdue": _("Clock passed its deadline"),
    "clock.pause": _("Clock paused"),
    "clock.resume": _("Clock resumed"),
    "clock.start": _("Clock started"),
    "clock.stop": _("Clock stopped"),
    "committee.bulk_create": _("Committees imported"),
    "committee.create": _("Committee created"),
    "committee.member_add": _("Committee member added"),
    "committee.member_bulk_add": _("Committee members imported"),
    "committee.member_remove": _("Committee member removed"),
    "committee.update": _("Committee changed"),
    "export.download": _("Export downloaded"),
    "firm.bulk_create": _("Law firms imported"),
    "firm.bulk_update": _("Law firms updated in bulk"),
    "firm.create": _("Law firm created"),
    "firm.update": _("Law firm changed"),
    "import.commit": _("Import saved"),
    "import.interrupted": _("Import interrupted (worker stopped)"),
    "import.upload": _("Import uploaded"),
    "lawyer.bulk_create": _("Lawyers imported"),
    "lawyer.bulk_update": _("Lawyers updated in bulk"),
    "lawyer.create": _("Lawyer created"),
    "lawyer.reveal": _("Lawyer's ID number and phone shown"),
    "lawyer.update": _("Lawyer changed"),
    "ledger.create": _("Rectification ledger created"),
    "ledger.item_add": _("Rectification item added"),
    "ledger.item_close": _("Rectification item closed"),
    "ledger.item_evidence": _("Rectification evidence added"),
    "ledger.item_reopen": _("Rectification item reopened"),
    "ledger.item_return": _("Rectification item sent back"),
    "ledger.item_start": _("Rectification item started"),
    "ledger.item_submit": _("Rectification item submitted for closure"),
    "ledger.item_update": _("Rectification item changed"),
    "notice.acknowledge": _("Notice acknowledged"),
    "notice.attach": _("Notice attachment added"),
    "notice.create": _("Notice created"),
    "notice.detach": _("Notice attachment removed"),
    "notice.publish": _("Notice published"),
    "notice.read": _("Notice opened"),
    "notice.receipts_record": _("Notice receipts recorded"),
    "notice.remind": _("Notice reminder sent"),
    "notice.reply": _("Notice replied to"),
    "notice.update": _("Notice changed"),
    "notification.send": _("Notification sent"),
    "office.bulk_create": _("Overseas offices imported"),
    "office.create": _("Overseas office created"),
    "office.update": _("Overseas office changed"),
    "party.firm_bulk_link": _("Firms linked to Party organizations in bulk"),
    "party.firm_move": _("Firm moved to another Party organization"),
    "party.instructor_assign": _("Party-building instructor assigned"),
    "party.instructor_bulk_assign": _("Party-building instructors assigned in bulk"),
    "party.instructor_end": _("Party-building instructor's term ended"),
    "party.member_add": _("Party member added"),
    "party.member_bulk_add": _("Party members imported"),
    "party.member_bulk_update": _("Party members updated in bulk"),
    "party.member_confirm": _("Party member confirmed"),
    "party.member_end": _("Party membership here ended"),
    "party.member_transfer": _("Party member transferred"),
    "party.member_transfer_accept": _("Member transfer accepted"),
    "party.member_transfer_refuse": _("Member transfer not accepted"),
    "party.member_transfer_withdraw": _("Member transfer withdrawn"),
    "party.members_read": _("Party member list read"),
    "party.org_bulk_create": _("Party organizations imported"),
    "party.org_create": _("Party organization created"),
    "party.org_dissolve": _("Party organization dissolved"),
    "party.org_merge": _("Party organizations merged"),
    "party.org_update": _("Party organization changed"),
    "party.pairing_bulk_create": _("Pairings imported"),
    "party.pairing_create": _("Pairing created"),
    "party.recount": _("Coverage figures recounted"),
    "party.venue_bulk_check": _("Venues checked in bulk"),
    "party.venue_check": _("Venue checked"),
    "permission.grant": _("Permission granted"),
    "permission.revoke": _("Permission revoked"),
    "personal_data.export": _("Own personal data downloaded"),
    "region.bulk_create": _("Regions imported"),
    "region.create": _("Region created"),
    "role.approve": _("Role grant approved"),
    "role.assign": _("Role assigned"),
    "role.propose": _("Role grant proposed"),
    "role.refuse": _("Role grant refused"),
    "role.revoke": _("Role revoked"),
    "seed.national": _("National data seeded"),
    "seed.national.party": _("National Party data seeded"),
    "system.backup": _("Backup made"),
    "system.restore": _("Backup restored"),
    "trainee.bulk_create": _("Trainees imported"),
    "trainee.bulk_update": _("Trainees updated in bulk"),
    "trainee.create": _("Trainee created"),
    "trainee.reveal": _("Trainee's ID number and phone shown"),
    "trainee.update": _("Trainee changed"),
    "user.create": _("Account created"),
    "user.disable": _("Account disabled"),
    "user.enable": _("Account enabled"),
    "workdays.confirm": _("Working-day calendar of a year confirmed"),
    "workdays.override_remove": _("Working-day override removed"),
    "workdays.override_set": _("Working-day override set"),
    "workdays.unconfirm": _("Working-day calendar confirmation withdrawn"),
    "call.create": _("Call for submissions created"),
    "call.update": _("Call for submissions changed"),
    "call.open": _("Call for submissions opened"),
    "call.close": _("Call for submissions closed"),
    "submission.save": _("Submission saved"),
    "submission.submit": _("Submission submitted"),
    "submission.return": _("Submission returned"),
    "submission.accept": _("Submission accepted"),
    "review.score": _("Submission scored"),
    "review.score_change": _("Score changed"),
    "result.publish": _("Results published"),
    "result.export": _("Results exported"),
    "publication.create": _("Publication window created"),
    "publication.open": _("Publication window opened"),
    "publication.close": _("Publication window closed"),
    "publication.withdraw": _("Publication withdrawn"),
    "publication.objection": _("Objection received from the public"),
    "discipline.case_open": _("Disciplinary case opened"),
    "discipline.case_record": _("Investigation record written"),
    "discipline.case_notify": _("Disciplinary case: notice sent to the lawyer"),
    "discipline.case_answer": _("Disciplinary case: answer recorded"),
    "discipline.case_no_answer": _("Disciplinary case: no answer in time"),
    "discipline.case_ask_hearing": _("Disciplinary case: hearing asked for"),
    "discipline.case_hold_hearing": _("Disciplinary case: hearing recorded"),
    "discipline.case_decide": _("Disciplinary case: sanction decided"),
    "discipline.case_dismiss": _("Disciplinary case: no sanction decided"),
    "discipline.case_request_review": _("Disciplinary case: review requested"),
    "discipline.case_review": _("Disciplinary case: review decided"),
    "discipline.case_finalize": _("Disciplinary case: decision final"),
    "discipline.case_grant": _("Person named on a disciplinary case"),
    "discipline.case_ungrant": _("Person no longer named on a disciplinary case"),
    "discipline.case_read": _("Disciplinary case read"),
    "discipline.sanction_decide": _("Sanction decided"),
    "discipline.oversight_export": _("Discipline figures exported"),
    "complaint.register": _("Complaint registered"),
    "complaint.accept": _("Complaint accepted"),
    "complaint.ask_papers": _("Complainant asked for more papers"),
    "complaint.papers_received": _("Complainant's papers received"),
    "complaint.refer": _("Complaint referred elsewhere"),
    "complaint.decline": _("Complaint declined"),
    "complaint.triage_simple": _("Complaint triaged simple"),
    "complaint.triage_complex": _("Complaint triaged complex"),
    "complaint.close": _("Complaint closed"),
    "complaint.name": _("Person named on a complaint"),
    "complaint.unname": _("Person taken off a complaint"),
    "complaint.conflict": _("Conflict of interest declared on a complaint"),
    "complaint.read": _("Complaint read"),
}


def action_label(code: str) -> str:
    """The label of an action code; an unknown code (an event older than its label) shows as itself."""
    return str(ACTION_LABELS.get(code, code))


# Object types whose model moved to another app: events written before the move name the old label.
MOVED_OBJECT_TYPES = {
    "accounts.roleassignment": "access.roleassignment",
    "accounts.rolegrantproposal": "access.rolegrantproposal",
}


def _field(object_type: str, name: str):
    object_type = MOVED_OBJECT_TYPES.get(object_type, object_type)
    try:
        return apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _shown(field, value) -> str:
    """A stored value as a person reads it: a choice by its label, a list joined, nothing as blank."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_shown(field, v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    return str(value)


# Keys of before/after that are not fields of the object's model (counts, files, reasons...).
KEY_LABELS = {
    "bytes": _("bytes"),
    "cases": _("cases"),
    "check_ok": _("checked"),
    "columns": _("columns"),
    "count": _("count"),
    "created": _("created"),
    "error": _("error"),
    "failures": _("failures"),
    "fields": _("fields"),
    "file": _("file"),
    "files": _("files"),
    "filters": _("filters"),
    "firm": _("law firm"),
    "firms": _("law firms"),
    "fixed": _("fixed"),
    "format": _("format"),
    "ids": _("ids"),
    "into": _("into"),
    "key": _("key"),
    "kind": _("kind"),
    "lawyer": _("lawyer"),
    "lease_expired_at": _("lease expired at"),
    "name": _("name"),
    "now": _("now"),
    "object": _("object"),
    "objection": _("objection"),
    "note": _("note"),
    "objections": _("objections"),
    "on": _("date"),
    "org": _("organization"),
    "party_org": _("Party organization"),
    "permission": _("permission"),
    "position": _("position"),
    "prefix": _("prefix"),
    "reason": _("reason"),
    "recipients": _("recipients"),
    "region": _("region"),
    "role": _("role"),
    "rows": _("rows"),
    "sections": _("sections"),
    "status": _("status"),
    "units": _("units"),
    "unmasked": _("unmasked"),
    "until": _("until"),
    "user": _("user"),
    "updated": _("updated"),
    "was": _("before"),
    "what": _("what"),
    "window": _("publication window"),
}


def change_rows(event) -> list[tuple[str, str, str]]:
    """An event's before/after as (field label, before, after), one row per field named in either."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [("", _shown(None, event.before), _shown(None, event.after))]
    rows = []
    for name in [*before, *(k for k in after if k not in before)]:
        field = _field(event.object_type, name)
        if field is not None and hasattr(field, "verbose_name"):
            label = str(field.verbose_name)
        else:
            label = str(KEY_LABELS.get(name, name))
        rows.append((label, _shown(field, before.get(name)), _shown(field, after.get(name))))
    return rows
