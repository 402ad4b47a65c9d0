"""The Party side of the demo city: the city and district industry committees, an organization in most
firms with members, joint branches for small firms, about 40% of firm lawyers as members, instructors for
firms without members, the three pairings and venue checklists, and a few firms left uncovered or
flagged so the coverage dashboard has work to show. Called by `lvxie seed demo` (AppConfig.demo_seeder)
after the registry's city exists, in the same transaction."""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from lvxie.accounts.choices import Role
from lvxie.registry.choices import FirmStatus, Gender, LawyerStatus
from lvxie.registry.demo.city import DemoCity
from lvxie.registry.demo.data import AS_OF, FAMOUS_NAMES, FUTIAN, GIVEN, SURNAMES
from lvxie.registry.demo.logins import DemoLogin, demo_account
from lvxie.registry.models import LawFirm, Lawyer, Region

from .choices import MemberKind, OrgKind, PairingKind, VenueItem
from .coverage import UNCOUNTED_KINDS
from .models import Instructor, OrgFirm, Pairing, PartyMembership, PartyOrg, VenueChecklist
from .services import instructors_bulk_assign, memberships_bulk_add, orgs_bulk_create, pairings_bulk_create

MEMBER_SHARE = 0.42  # Shanghai 2025: 42% of lawyers are members
PROBATIONARY_SHARE = 0.06
VILLAGES = ("南岭村", "沙井社区", "观澜社区", "大鹏所城社区", "盐田社区", "坪地社区", "光明社区", "西乡社区")


def _name(rng: random.Random) -> str:
    while True:
        gender = Gender.MALE if rng.random() < 0.55 else Gender.FEMALE
        name = SURNAMES.pick(rng) + "".join(rng.choice(GIVEN[gender]) for _ in range(rng.choice((1, 2, 2))))
        if name not in FAMOUS_NAMES:
            return name


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange(max(1, (last - first).days)))


def seed(*, city: DemoCity, rng: random.Random, report: Callable[[str, int], None]) -> list[DemoLogin]:
    regions = {r.pk: r for r in Region.objects.all()}
    city_region = regions[city.city.pk]  # type: ignore[union-attr]  # set in an earlier step of the seeding
    districts = [r for r in regions.values() if r.parent_id == city_region.pk]
    committee = PartyOrg(
        name=f"中共{city_region.name}律师行业委员会",
        kind=OrgKind.INDUSTRY_COMMITTEE,
        region=city_region,
        founded_on=date(2009, 7, 1),
    )
    district_committees = {
        d.pk: PartyOrg(
            name=f"中共{city_region.name}{d.name}律师行业委员会",
            kind=OrgKind.INDUSTRY_COMMITTEE,
            region=d,
            parent=committee,
            founded_on=date(2012, 7, 1),
        )
        for d in districts
    }
    firms = list(
        LawFirm.objects.exclude(status=FirmStatus.DISSOLVED)
        .exclude(kind__in=UNCOUNTED_KINDS)
        .only("id", "name", "region_id", "kind")
        .order_by("id")
    )
    lawyers_of = defaultdict(list)
    for lawyer in Lawyer.objects.filter(status=LawyerStatus.PRACTISING, firm__isnull=False).only(
        "id", "firm_id", "first_licensed_year"
    ):
        lawyers_of[lawyer.firm_id].append(lawyer)

    orgs, links, members, instructors, own_orgs = [committee, *district_committees.values()], [], [], [], []
    joint_pool: dict[int, list[LawFirm]] = defaultdict(list)
    no_members: list[LawFirm] = []

    def enrol(org: PartyOrg, people: list[Lawyer]) -> None:
        for lawyer in people:
            joined_party = _day(rng, date(max(1980, lawyer.first_licensed_year - 12), 1, 1), AS_OF)
            members.append(
                PartyMembership(
                    org=org,
                    lawyer=lawyer,
                    kind=MemberKind.PROBATIONARY if rng.random() < PROBATIONARY_SHARE else MemberKind.FULL,
                    joined_party_on=joined_party,
                    joined_on=_day(rng, max(joined_party, org.founded_on), AS_OF),
                )
            )

    member_lists = {}
    for firm in firms:
        people = lawyers_of.get(firm.pk, [])
        share = min(0.9, max(0.0, rng.gauss(MEMBER_SHARE, 0.15)))
        chosen = [lawyer for lawyer in people if rng.random() < share]
        member_lists[firm.pk] = chosen
        firm.region = regions[firm.region_id]
        parent = district_committees[firm.region_id]
        n = len(chosen)
        if n == 0:
            no_members.append(firm)
            continue
        # A few firms that should form their own organization have not yet: the dashboard's flags.
        flagged = n >= 3 and rng.random() < 0.04
        if n >= 3 and not flagged:
            kind = (
                OrgKind.FIRM_COMMITTEE
                if n >= 50
                else OrgKind.GENERAL_BRANCH
                if n >= 20
                else OrgKind.INDEPENDENT_BRANCH
            )
            suffix = {
                OrgKind.FIRM_COMMITTEE: "委员会",
                OrgKind.GENERAL_BRANCH: "总支部委员会",
                OrgKind.INDEPENDENT_BRANCH: "支部委员会",
            }[kind]
            org = PartyOrg(
                name=f"中共{firm.name}{suffix}",
                kind=kind,
                region=firm.region,
                parent=parent,
                founded_on=_day(rng, date(2010, 1, 1), AS_OF),
                secretary=chosen[0],
                deputy=chosen[1] if n >= 10 else None,
            )
            orgs.append(org)
            own_orgs.append(org)
            links.append(OrgFirm(org=org, firm=firm, since=org.founded_on))
            enrol(org, chosen)
        elif rng.random() < 0.95:
            joint_pool[firm.region_id].append(firm)
        else:
            # Members kept by the district committee, not in an organization of their firm: flagged.
            enrol(parent, chosen)

    joints = []
    for region_id, pool in joint_pool.items():
        for start in range(0, len(pool), 5):
            group = pool[start : start + 5]
            org = PartyOrg(
                name=f"中共{regions[region_id].name}律师行业第{start // 5 + 1}联合支部委员会",
                kind=OrgKind.JOINT_BRANCH,
                region=regions[region_id],
                parent=district_committees[region_id],
                founded_on=_day(rng, date(2014, 1, 1), AS_OF),
                secretary=member_lists[group[0].pk][0],
            )
            orgs.append(org)
            joints.append(org)
            for firm in group:
                links.append(OrgFirm(org=org, firm=firm, since=org.founded_on))
                enrol(org, member_lists[firm.pk])
    volunteers = PartyOrg(
        name=f"{city_region.name}律师行业志愿服务队临时党支部",
        kind=OrgKind.TEMPORARY_BRANCH,
        region=city_region,
        parent=committee,
        founded_on=date(2024, 3, 1),
    )
    orgs.append(volunteers)
    report("Party organizations", orgs_bulk_create(actor=None, orgs=orgs, links=links))
    report("Party members", memberships_bulk_add(actor=None, members=members))

    for firm in no_members:
        if rng.random() < 0.93:  # the rest stay uncovered
            instructors.append(
                Instructor(
                    org=district_committees[firm.region_id],
                    firm=firm,
                    name=_name(rng),
                    started_on=_day(rng, date(2019, 1, 1), AS_OF),
                )
            )
    report("instructors", instructors_bulk_assign(actor=None, instructors=instructors))

    pairings, venues = [], []
    for org in own_orgs:
        draw = rng.random()
        if draw < 0.08 and joints:
            partner = rng.choice(joints)
            pairings.append(
                Pairing(
                    kind=PairingKind.BRANCH_JOINT,
                    org=org,
                    partner_org=partner,
                    started_on=date(2024, 3, 1),
                    activities="联合开展主题党日活动",
                )
            )
        elif draw < 0.14 and no_members:
            pairings.append(
                Pairing(
                    kind=PairingKind.BRANCH_FIRM,
                    org=org,
                    partner_firm=rng.choice(no_members),
                    started_on=date(2024, 4, 1),
                    activities="党建指导、业务交流",
                )
            )
        elif draw < 0.2:
            pairings.append(
                Pairing(
                    kind=PairingKind.BRANCH_VILLAGE,
                    org=org,
                    village_name=f"{rng.choice(VILLAGES)}党委",
                    started_on=date(2024, 5, 1),
                    activities="村居法律顾问、普法讲座",
                )
            )
        if rng.random() < 0.85:
            items = [item for item in VenueItem.values if rng.random() < 0.85]
            venues.append(VenueChecklist(org=org, items=items, checked_on=_day(rng, date(2024, 1, 1), AS_OF)))
    report("pairings", pairings_bulk_create(actor=None, pairings=pairings, venues=venues))

    demo_org = next((link.org for link in links if link.firm_id == city.demo_firm.pk), own_orgs[0])  # type: ignore[union-attr]  # set in an earlier step of the seeding
    return [
        demo_account("party_city", Role.PARTY_ADMIN, region=city_region),
        demo_account("party_futian", Role.PARTY_ADMIN, region=regions[city.districts[FUTIAN].pk]),
        demo_account("secretary", Role.ORG_SECRETARY, party_org=demo_org),
    ]
