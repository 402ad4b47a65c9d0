"""The Party side of the national data set (party/national.py, loaded with the registry's by
`lvxie seed national`, the benchmark's data): given a small national registry, every membership it seeds is
one the model accepts (joined the organization on or after joining the Party)."""

import pytest
from django.db import connection
from django.db.models import F

from lvxie.party.models import PartyMembership
from lvxie.registry.national import seed_national

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the national data set is PostgreSQL's")
def test_every_seeded_membership_joined_its_organization_after_the_party():
    seed_national(scale=0.002)
    members = PartyMembership.objects.all()
    assert members.count() > 100
    assert not members.filter(joined_on__lt=F("joined_party_on")).exists()
    for member in members.order_by("?")[:20]:
        member.full_clean(exclude=["lawyer", "org"])
