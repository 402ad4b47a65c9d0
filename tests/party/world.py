"""A hand-built Party world on top of the registry's `world`, with known coverage answers.

福田 (Futian):
  A  5 lawyers, 4 members (3 full, 1 probationary), independent branch 'A支部'  → own org
  B  2 lawyers, 1 member, in the joint branch 'J联合支部'                        → joint branch
  C  1 lawyer, no members, in 'J联合支部'                                         → joint branch
  D  3 lawyers, 3 full members kept by the Futian committee, no org             → not covered; flags
  E  1 lawyer, no members, an instructor                                        → work coverage only
  F  1 lawyer, no members, nothing                                              → not covered
  G  dissolved; H a foreign firm's representative office                        → not counted
  the registry's 福田律师事务所 (1 lawyer, bylaws flag off)                        → not covered
南山 (Nanshan):
  N  2 lawyers, 1 member, independent branch 'N支部', Party building in bylaws   → own org
  the registry's 南山律师事务所 (1 lawyer)                                          → not covered
"""

from datetime import date

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.party import services
from lvxie.party.choices import MemberKind, OrgKind
from lvxie.party.coverage import coverage_refresh
from lvxie.registry.choices import FirmKind, FirmStatus
from tests.factories import LawFirmFactory, LawyerFactory, make_user

D0 = date(2020, 1, 1)


def member(org, lawyer, kind=MemberKind.FULL):
    return services.membership_add(
        actor=None, org=org, lawyer=lawyer, kind=kind, joined_party_on=date(2010, 1, 1), joined_on=D0
    )


def build_party_world(world: dict) -> dict:
    regions = world["regions"]
    ft, ns = regions["futian"], regions["nanshan"]

    def firm(name, region, lawyers, **kw):
        f = LawFirmFactory(name=name, region=region, **kw)
        return f, [LawyerFactory(firm=f) for _ in range(lawyers)]

    a, a_law = firm("甲律师事务所", ft, 5)
    b, b_law = firm("乙律师事务所", ft, 2)
    c, _c = firm("丙律师事务所", ft, 1)
    d, d_law = firm("丁律师事务所", ft, 3)
    e, _e = firm("戊律师事务所", ft, 1)
    f, _f = firm("己律师事务所", ft, 1)
    g, _g = firm("庚律师事务所", ft, 0, status=FirmStatus.DISSOLVED)
    h, _h = firm("辛代表处", ft, 0, kind=FirmKind.FOREIGN_REP)
    n, n_law = firm("南律师事务所", ns, 2, party_building_in_bylaws=True)
    coverage_refresh()  # the factories wrote with the ORM; the services keep it current from here on

    city = services.org_create(
        actor=None,
        name="深圳市律师行业党委",
        kind=OrgKind.INDUSTRY_COMMITTEE,
        region=regions["city"],
        founded_on=D0,
    )
    ftc = services.org_create(
        actor=None,
        name="福田区律师行业党委",
        kind=OrgKind.INDUSTRY_COMMITTEE,
        region=ft,
        parent=city,
        founded_on=D0,
    )
    nsc = services.org_create(
        actor=None,
        name="南山区律师行业党委",
        kind=OrgKind.INDUSTRY_COMMITTEE,
        region=ns,
        parent=city,
        founded_on=D0,
    )
    a_org = services.org_create(
        actor=None,
        name="A支部",
        kind=OrgKind.INDEPENDENT_BRANCH,
        region=ft,
        parent=ftc,
        firms=[a],
        founded_on=D0,
    )
    joint = services.org_create(
        actor=None,
        name="J联合支部",
        kind=OrgKind.JOINT_BRANCH,
        region=ft,
        parent=ftc,
        firms=[b, c],
        founded_on=D0,
    )
    n_org = services.org_create(
        actor=None,
        name="N支部",
        kind=OrgKind.INDEPENDENT_BRANCH,
        region=ns,
        parent=nsc,
        firms=[n],
        founded_on=D0,
    )
    for lawyer in a_law[:3]:
        member(a_org, lawyer)
    member(a_org, a_law[3], MemberKind.PROBATIONARY)
    member(joint, b_law[0])
    for lawyer in d_law:
        member(ftc, lawyer)
    member(n_org, n_law[0])
    services.instructor_assign(actor=None, org=ftc, firm=e, name="指导员甲", started_on=D0)

    users = world["users"]
    users["party_city"] = make_user(Role.PARTY_ADMIN, region=regions["city"], username="party_city")
    users["party_futian"] = make_user(Role.PARTY_ADMIN, region=ft, username="party_futian")
    users["party_nanshan"] = make_user(Role.PARTY_ADMIN, region=ns, username="party_nanshan")
    secretary = make_user(None, username="secretary_a")
    RoleAssignment.objects.create(user=secretary, role=Role.ORG_SECRETARY, party_org=a_org)
    users["secretary_a"] = secretary
    return {
        **world,
        "firms": dict(a=a, b=b, c=c, d=d, e=e, f=f, g=g, h=h, n=n),
        "lawyers": dict(a=a_law, b=b_law, d=d_law, n=n_law),
        "orgs": dict(city=city, futian=ftc, nanshan=nsc, a=a_org, joint=joint, n=n_org),
    }
