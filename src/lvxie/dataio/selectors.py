"""Reads of the dataio app: the actor's own import jobs, and the rows of an export."""

from django.db.models import Case, CharField, QuerySet, Value, When

from lvxie.core.scoping import scope_of
from lvxie.core.validators import mask_id_number, mask_phone
from lvxie.registry.models import Lawyer

from .kinds import KINDS
from .models import ImportJob
from .services import may_import


def job_list(actor) -> QuerySet[ImportJob]:
    """The actor's own jobs, of the kinds they may still import (a members job is gone with the role)."""
    kinds = [kind for kind in KINDS if may_import(actor, kind)]
    return ImportJob.objects.visible_to(actor).filter(kind__in=kinds).defer("content")


def lawyer_export_rows(actor, lawyers: QuerySet[Lawyer]) -> tuple[bool, list[list]]:
    """Rows of a lawyer export. ID number and phone appear only for an actor who may unmask them, and
    then only for the lawyers they may unmask (others masked), decided in the query itself."""
    sensitive = bool(scope_of(actor).sensitive_region_paths)
    if sensitive:
        lawyers = lawyers.annotate(
            unmasked=Case(
                When(Lawyer.scope_q(scope_of(actor).sensitive()), then=Value("1")),
                default=Value(""),
                output_field=CharField(),
            )
        )
    rows = []
    for lawyer in lawyers.iterator(chunk_size=2000):
        row = [
            lawyer.name,
            lawyer.get_gender_display(),
            lawyer.licence_no,
            lawyer.get_kind_display(),
            lawyer.get_status_display(),
            lawyer.firm.name if lawyer.firm else lawyer.employer,
            lawyer.region.name,
            lawyer.first_licensed_year,
        ]
        if sensitive:
            show = bool(lawyer.unmasked)
            row += [
                lawyer.id_number if show else mask_id_number(lawyer.id_number),
                lawyer.phone if show else mask_phone(lawyer.phone),
            ]
        rows.append(row)
    return sensitive, rows
