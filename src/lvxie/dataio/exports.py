"""What each export writes: headers and rows of a filtered list, scoped by its selector."""

from django.utils.translation import gettext as _

from lvxie.registry import selectors as registry

from .selectors import lawyer_export_rows


def _firms(actor, filters):
    firms = registry.firm_list(actor, **filters)
    headers = [
        _("Name"),
        _("Kind"),
        _("Status"),
        _("Unified social credit code"),
        _("Practice licence number"),
        _("District"),
        _("Address"),
        _("Head of firm"),
        _("Lawyers"),
    ]
    rows = [
        [
            f.name,
            f.get_kind_display(),
            f.get_status_display(),
            f.credit_code,
            f.licence_no,
            f.region.name,
            f.address,
            f.head_name,
            f.lawyer_count,
        ]
        for f in firms
    ]
    return headers, rows, False


def _lawyers(actor, filters):
    sensitive, rows = lawyer_export_rows(actor, registry.lawyer_list(actor, **filters))
    headers = [
        _("Name"),
        _("Gender"),
        _("Licence number"),
        _("Kind"),
        _("Status"),
        _("Law firm"),
        _("District"),
        _("First licensed"),
    ]
    if sensitive:
        headers += [_("ID number"), _("Phone")]
    return headers, rows, sensitive


def _committees(actor, filters):
    committees = registry.committee_list(actor, **filters)
    headers = [_("Name"), _("Kind"), _("Region"), _("Members")]
    rows = [[c.name, c.get_kind_display(), c.region.name, c.member_count] for c in committees]
    return headers, rows, False


def _offices(actor, filters):
    offices = registry.office_list(actor, **filters)
    headers = [_("Law firm"), _("Country"), _("City"), _("Address"), _("Opened")]
    rows = [[o.firm.name, o.country, o.city, o.address, o.opened_on] for o in offices]
    return headers, rows, False


EXPORTS = {"firms": _firms, "lawyers": _lawyers, "committees": _committees, "offices": _offices}


def export_table(actor, what: str, filters: dict):
    """(headers, rows, includes sensitive columns) for one export."""
    return EXPORTS[what](actor, filters)
