"""Reads for the public: registered firms and lawyers, only their public fields.

The public has no scope: every registered record may be looked up, but only these fields leave the
database (`only(...)`), so a template cannot show an ID number or phone by mistake."""

from django.db.models import Count, Prefetch, QuerySet

from lvxie.core.paging import rows_between
from lvxie.registry.models import LawFirm, Lawyer, OverseasOffice
from lvxie.registry.search import match

LIMIT = 20
LAWYER_FIELDS = ("name", "licence_no", "kind", "status", "firm__id", "firm__name", "firm__address")
FIRM_FIELDS = ("name", "licence_no", "credit_code", "kind", "status", "address")
OFFICE_FIELDS = ("firm_id", "country", "city", "address", "latitude", "longitude")


def public_offices() -> QuerySet[OverseasOffice]:
    return OverseasOffice.objects.only(*OFFICE_FIELDS)


def public_lookup(text: str) -> dict[str, list]:
    """Up to LIMIT lawyers and firms for what was typed (name in either script, pinyin, number)."""
    if not text.strip():
        return {"lawyers": [], "firms": []}
    lawyers = Lawyer.objects.select_related("firm").only(*LAWYER_FIELDS, "name_simplified", "name_pinyin")
    firms = LawFirm.objects.only(*FIRM_FIELDS, "name_simplified", "name_pinyin").prefetch_related(
        Prefetch("overseas_offices", queryset=public_offices())
    )
    return {
        "lawyers": rows_between(match(lawyers, text), 0, LIMIT),
        "firms": list(match(firms, text)[:LIMIT]),
    }


def public_firm(pk: int) -> LawFirm:
    return (
        LawFirm.objects.only(*FIRM_FIELDS)
        .prefetch_related(Prefetch("overseas_offices", queryset=public_offices()))
        .get(pk=pk)
    )


def office_directory() -> QuerySet[LawFirm]:
    """Firms with offices abroad, each with its offices."""
    return (
        LawFirm.objects.filter(overseas_offices__isnull=False)
        .distinct()
        .only(*FIRM_FIELDS)
        .annotate(office_count=Count("overseas_offices", distinct=True))
        .prefetch_related(Prefetch("overseas_offices", queryset=public_offices()))
        .order_by("name", "id")
    )


def offices_by_country() -> list[dict]:
    return list(OverseasOffice.objects.values("country").annotate(n=Count("id")).order_by("-n", "country"))
