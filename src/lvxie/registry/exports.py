"""The registry's exports (firms, lawyers, bar committees, overseas offices): each list's headers and
rows, scoped by its selector and filtered by the list page's own filter form. Registered with
dataio.exports from RegistryConfig.ready; dataio streams them and audits each download."""

from django.db.models import BooleanField, Case, Value, When
from django.utils.translation import gettext as _

from lvxie.core.scoping import scope_of
from lvxie.core.validators import mask_id_number, mask_phone
from lvxie.dataio.exports import Export, Table, choice_labels

from . import forms
from . import selectors as registry
from .models import BarCommittee, LawFirm, Lawyer


def _firms(actor, filters, unmasked):
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

    kind, status = choice_labels(LawFirm, "kind"), choice_labels(LawFirm, "status")

    def row(f):
        return [
            f.name,
            kind(f.kind),
            status(f.status),
            f.credit_code,
            f.licence_no,
            f.region.name,
            f.address,
            f.head_name,
            f.lawyer_count,
        ]

    return Table(headers, registry.firm_list(actor, **filters), row)


def _lawyers(actor, filters, unmasked):
    """ID number and phone appear only for an actor who may unmask them somewhere, masked unless the
    export is an unmasked one; even then only the lawyers in the actor's sensitive scope are unmasked
    (decided in the query itself)."""
    lawyers = registry.lawyer_list(actor, **filters)
    scope = scope_of(actor)
    sensitive = bool(scope.sensitive_region_paths)
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
    unmasked = sensitive and unmasked
    if unmasked:
        lawyers = lawyers.annotate(
            unmasked=Case(
                When(Lawyer.scope_q(scope.sensitive()), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    gender, kind, status = (choice_labels(Lawyer, f) for f in ("gender", "kind", "status"))

    def row(lawyer):
        values = [
            lawyer.name,
            gender(lawyer.gender),
            lawyer.licence_no,
            kind(lawyer.kind),
            status(lawyer.status),
            lawyer.firm.name if lawyer.firm else lawyer.employer,
            lawyer.region.name,
            lawyer.first_licensed_year,
        ]
        if sensitive:
            show = unmasked and lawyer.unmasked
            values += [
                lawyer.id_number if show else mask_id_number(lawyer.id_number),
                lawyer.phone if show else mask_phone(lawyer.phone),
            ]
        return values

    return Table(headers, lawyers, row, sensitive=sensitive, unmasked=unmasked)


def _committees(actor, filters, unmasked):
    headers = [_("Name"), _("Kind"), _("Region"), _("Members")]
    kind = choice_labels(BarCommittee, "kind")
    return Table(
        headers,
        registry.committee_list(actor, **filters),
        lambda c: [c.name, kind(c.kind), c.region.name, c.member_count],
    )


def _offices(actor, filters, unmasked):
    headers = [_("Law firm"), _("Country"), _("City"), _("Address"), _("Opened")]
    return Table(
        headers,
        registry.office_list(actor, **filters),
        lambda o: [o.firm.name, o.country, o.city, o.address, o.opened_on],
    )


EXPORTS = (
    Export("firms", _firms, forms.FirmFilter),
    Export("lawyers", _lawyers, forms.LawyerFilter, unmaskable=True),
    Export("committees", _committees, forms.CommitteeFilter),
    Export("offices", _offices, forms.OfficeFilter),
)
