"""The Party part of the demo city, seeded at a small scale: organizations of every kind, about 40% of
firm lawyers as members, instructors, pairings and venues, some uncovered and flagged firms, summary
rows equal to a full recount, and working Party-side demo accounts."""

import pytest

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.party.choices import OrgKind
from lvxie.party.coverage import coverage_differences, region_figures
from lvxie.party.models import Instructor, Pairing, PartyMembership, PartyOrg, VenueChecklist
from lvxie.registry.models import Region


@pytest.mark.django_db
def test_demo_city_has_party_organizations_members_and_work_to_show(demo):
    city, districts = region_figures(Region.objects.get(code="4403"))
    kinds = set(PartyOrg.objects.values_list("kind", flat=True))
    assert {
        OrgKind.INDUSTRY_COMMITTEE,
        OrgKind.INDEPENDENT_BRANCH,
        OrgKind.JOINT_BRANCH,
        OrgKind.TEMPORARY_BRANCH,
    } <= kinds
    assert len(districts) == 10 and city.orgs[OrgKind.INDUSTRY_COMMITTEE] == 11
    assert 30 <= city.member_share <= 55
    assert city.uncovered > 0 and city.work_only > 0 and city.joint_branch > 0
    assert city.org_coverage_rate < 100 or city.needs_own_org > 0
    assert Instructor.objects.exists() and Pairing.objects.exists() and VenueChecklist.objects.exists()
    assert PartyMembership.objects.filter(kind="probationary").exists()
    assert coverage_differences() == []


@pytest.mark.django_db
def test_party_demo_accounts_and_one_audit_event_per_batch(demo):
    roles = dict(
        RoleAssignment.objects.filter(user__username__in=["party_city", "secretary"]).values_list(
            "user__username", "role"
        )
    )
    assert roles == {"party_city": Role.PARTY_ADMIN, "secretary": Role.ORG_SECRETARY}
    secretary = RoleAssignment.objects.get(user__username="secretary").party_org
    assert secretary.kind in (OrgKind.FIRM_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.INDEPENDENT_BRANCH)
    events = dict(AuditEvent.objects.filter(action__startswith="party.").values_list("action", "after"))
    assert events["party.org_bulk_create"] == {"count": PartyOrg.objects.count()}
    # The seeder's members in one batch; members the recruitment demo admits later, one event each.
    admitted = AuditEvent.objects.filter(action="party.member_add").count()
    assert events["party.member_bulk_add"] == {"count": PartyMembership.objects.count() - admitted}
