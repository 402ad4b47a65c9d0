"""The registry's exports (firms, lawyers, bar committees, overseas offices): each is its list's own
definition (lists.py), so the file holds the rows its page shows for the same query string. Registered
with dataio.exports from RegistryConfig.ready; dataio streams them and audits each download."""

from django.db.models import BooleanField, Case, QuerySet, Value, When

from lvxie.core.scoping import scope_of
from lvxie.dataio.exports import Export

from . import lists
from .models import Lawyer


def _sensitive(actor) -> bool:
    """ID number and phone appear only for an actor who may unmask them somewhere (masked unless the
    export is an unmasked one)."""
    return bool(scope_of(actor).sensitive_region_paths)


def _unmask(actor, lawyers: QuerySet[Lawyer]) -> QuerySet[Lawyer]:
    """Even unmasked, only the lawyers in the actor's sensitive scope are shown in clear (decided in the
    query itself)."""
    return lawyers.annotate(
        unmasked=Case(
            When(Lawyer.scope_q(scope_of(actor).sensitive()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


EXPORTS = (
    Export(lists.FIRMS),
    Export(lists.LAWYERS, sensitive=_sensitive, unmask=_unmask),
    Export(lists.COMMITTEES),
    Export(lists.OFFICES),
)
