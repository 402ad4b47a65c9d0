"""Reads of the dataio app: the actor's own import and export jobs (the rows of an export: `exports.py`)."""

from django.db.models import QuerySet

from lvxie.core.types import Actor

from . import policies
from .kinds import KINDS
from .models import ExportJob, ImportJob


def job_list(actor: Actor) -> QuerySet[ImportJob]:
    """The actor's own jobs, of the kinds they may still import (a members job is gone with the role)."""
    kinds = [kind for kind in KINDS if policies.allowed(actor, policies.IMPORT_RUN, kind)]
    return ImportJob.objects.visible_to(actor).filter(kind__in=kinds).defer("content")


def export_jobs(actor: Actor) -> QuerySet[ExportJob]:
    """The actor's own large exports (a file holds what their scope showed them)."""
    return ExportJob.objects.visible_to(actor)
