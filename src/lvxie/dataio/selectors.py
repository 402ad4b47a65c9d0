"""Reads of the dataio app: the actor's own import jobs (the rows of an export: `exports.py`)."""

from django.db.models import QuerySet

from lvxie.core.types import Actor

from .kinds import KINDS
from .models import ImportJob
from .services import may_import


def job_list(actor: Actor) -> QuerySet[ImportJob]:
    """The actor's own jobs, of the kinds they may still import (a members job is gone with the role)."""
    kinds = [kind for kind in KINDS if may_import(actor, kind)]
    return ImportJob.objects.visible_to(actor).filter(kind__in=kinds).defer("content")
