"""Separation of duties (三权分立) and data ownership: who may give which role to whom, checked in the
services (so every page, endpoint and command), and the auditors told of each grant."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lvxie.access import policies, services
from lvxie.access.models import RoleAssignment, RoleGrantProposal
from lvxie.accounts import services as account_services
from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.audit.models import AuditEvent
from lvxie.notifications.models import Notification
from lvxie.party import services as party_services
from lvxie.party.choices import OrgKind
from tests.factories import LawyerFactory, make_user

D0 = date(2020, 1, 1)


@pytest.fixture
def secadmin(db):
    return make_user(Role.SECURITY_ADMIN, username="secadmin")


@pytest.fixture
def orgs(world):
    """A Party committee in 福田 and one in 南山, and Party committee staff for each district."""
    regions = world["regions"]
    made = {
        name: party_services.org_create(
            actor=None,
            name=f"{name}党委",
            kind=OrgKind.INDUSTRY_COMMITTEE,
            region=regions[name],
            founded_on=D0,
        )
        for name in ("futian", "nanshan")
    }
    world["users"]["party_futian"] = make_user(Role.PARTY_ADMIN, region=regions["futian"], username="pft")
    return made


def detail(user: User) -> str:
    return reverse("access:user_detail", args=[user.pk])


def roles_of(user: User) -> set[str]:
    return set(user.roles.values_list("role", flat=True))


# --- The security administrator -------------------------------------------------------------------


def test_security_admin_cannot_give_themself_city_admin_on_the_page(client, world, secadmin):
    # given the security administrator on their own account page
    client.force_login(secadmin)
    page = client.get(detail(secadmin))
    # then no form to give oneself a role is offered
    assert page.status_code == 200 and page.context["form"] is None
    # when they post the city administrator role for themself anyway
    response = client.post(detail(secadmin), {"role": Role.CITY_ADMIN, "region": world["regions"]["city"].pk})
    # then it is refused and they hold only their duty
    assert response.status_code == 403
    assert roles_of(secadmin) == {Role.SECURITY_ADMIN}


def test_security_admin_cannot_give_themself_a_role_through_the_service(world, secadmin):
    # when a service call (a command, an endpoint) tries the self-grant
    for role, scope in [
        (Role.CITY_ADMIN, {"region": world["regions"]["city"]}),
        (Role.PARTY_ADMIN, {"region": world["regions"]["city"]}),
        (Role.SECURITY_ADMIN, {}),
    ]:
        with pytest.raises(PermissionDenied):
            services.role_assign(actor=secadmin, user=secadmin, role=role, **scope)
    # then nothing was given
    assert roles_of(secadmin) == {Role.SECURITY_ADMIN}


@pytest.mark.parametrize("holder", ["sysadmin", "auditor"])
@pytest.mark.parametrize("role", [Role.CITY_ADMIN, Role.PARTY_ADMIN])
def test_security_admin_gives_no_data_role_to_an_administrator(client, world, secadmin, holder, role):
    # given an account that holds a duty
    target = world["users"][holder]
    before = roles_of(target)
    city = world["regions"]["city"]
    # when the security administrator gives it a data role, through the service and on the page
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=secadmin, user=target, role=role, region=city)
    client.force_login(secadmin)
    response = client.post(detail(target), {"role": role, "region": city.pk})
    # then both are refused, the page offers no role for it at all, and nothing changed
    assert response.status_code == 403
    assert client.get(detail(target)).context["form"] is None
    assert roles_of(target) == before


def test_not_even_the_system_puts_a_data_role_and_a_duty_on_one_account(world):
    # given an auditor and a district administrator
    auditor, futian = world["users"]["auditor"], world["users"]["futian"]
    # when the system itself would combine a duty and a data role
    with pytest.raises(ValidationError) as data_to_duty:
        services.role_assign(actor=None, user=auditor, role=Role.CITY_ADMIN, region=world["regions"]["city"])
    with pytest.raises(ValidationError) as duty_to_data:
        services.role_assign(actor=None, user=futian, role=Role.AUDITOR)
    # then both are refused as a breach of the separation of duties
    assert data_to_duty.value.code == duty_to_data.value.code == "separation_of_duties"
    assert roles_of(auditor) == {Role.AUDITOR} and roles_of(futian) == {Role.DISTRICT_ADMIN}


def test_security_admin_still_gives_data_roles_to_ordinary_accounts(world, secadmin):
    # when the security administrator gives the city administrator role to an account without a duty
    services.role_assign(
        actor=secadmin, user=world["users"]["nobody"], role=Role.CITY_ADMIN, region=world["regions"]["city"]
    )
    # then it is given (the default, direct mode)
    assert roles_of(world["users"]["nobody"]) == {Role.CITY_ADMIN}


# --- Owner-side administrators --------------------------------------------------------------------


def test_owner_side_admin_gives_roles_inside_their_scope(client, world):
    # given the 福田 district administrator, an account without roles and one with a 福田 lawyer record
    futian, nobody = world["users"]["futian"], world["users"]["nobody"]
    person = make_user(None, lawyer=LawyerFactory(firm=world["ft_firm"]), username="ftlawyer2")
    client.force_login(futian)
    # when they give judicial officer in 福田, the 福田 firm's administrator, and the lawyer role
    for target, data in [
        (nobody, {"role": Role.JUDICIAL_OFFICER, "region": world["regions"]["futian"].pk}),
        (nobody, {"role": Role.FIRM_ADMIN, "firm_credit_code": world["ft_firm"].credit_code}),
        (person, {"role": Role.LAWYER}),
    ]:
        assert client.post(detail(target), data).status_code == 302
    # then each is given, and audited with the district administrator as the actor
    assert roles_of(nobody) == {Role.JUDICIAL_OFFICER, Role.FIRM_ADMIN}
    assert roles_of(person) == {Role.LAWYER}
    assert AuditEvent.objects.filter(action="role.assign", actor_id=futian.pk).count() == 3


def test_owner_side_admin_gives_nothing_outside_their_scope(client, world):
    futian, nobody = world["users"]["futian"], world["users"]["nobody"]
    nanshan = world["regions"]["nanshan"]
    # when the 福田 administrator gives roles bound in 南山, through the service
    for role, scope in [
        (Role.DISTRICT_ADMIN, {"region": nanshan}),
        (Role.DISCIPLINE_OFFICER, {"region": nanshan}),
        (Role.FIRM_ADMIN, {"firm": world["ns_firm"]}),
    ]:
        with pytest.raises(PermissionDenied):
            services.role_assign(actor=futian, user=nobody, role=role, **scope)
    # and on the page (the 南山 region is not offered; the 南山 firm is "no such firm")
    client.force_login(futian)
    assert client.post(detail(nobody), {"role": Role.DISTRICT_ADMIN, "region": nanshan.pk}).status_code == 400
    firm = client.post(
        detail(nobody), {"role": Role.FIRM_ADMIN, "firm_credit_code": world["ns_firm"].credit_code}
    )
    assert firm.status_code == 400 and "firm_credit_code" in firm.context["form"].errors
    # nor to themself, nor to a duty holder
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=futian, user=futian, role=Role.JUDICIAL_OFFICER, region=world["regions"]["futian"]
        )
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=futian, user=world["users"]["sysadmin"], role=Role.LAWYER)
    # then nothing was given
    assert not nobody.roles.exists()
    assert roles_of(futian) == {Role.DISTRICT_ADMIN}


def test_a_district_admin_cannot_grant_a_city_level_role(client, world):
    futian, nobody, city = world["users"]["futian"], world["users"]["nobody"], world["regions"]["city"]
    # when the 福田 administrator gives roles at the level of the city, or the city administrator role
    for role, region in [
        (Role.JUDICIAL_OFFICER, city),
        (Role.DISTRICT_ADMIN, city),
        (Role.CITY_ADMIN, world["regions"]["futian"]),
    ]:
        with pytest.raises(PermissionDenied):
            services.role_assign(actor=futian, user=nobody, role=role, region=region)
    # then it is refused; the city administrator gives a city-level role
    services.role_assign(actor=world["users"]["city"], user=nobody, role=Role.JUDICIAL_OFFICER, region=city)
    assert roles_of(nobody) == {Role.JUDICIAL_OFFICER}


def test_party_side_roles_are_given_by_the_party_committee_staff(world, orgs):
    nobody, staff = world["users"]["nobody"], world["users"]["party_futian"]
    # when the city (registry) administrator gives a Party-side role
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=world["users"]["city"], user=nobody, role=Role.ORG_SECRETARY, party_org=orgs["futian"]
        )
    # or the 福田 Party staff a secretary of a 南山 organization
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=staff, user=nobody, role=Role.ORG_SECRETARY, party_org=orgs["nanshan"])
    # then both are refused; the 福田 Party staff give the secretary of a 福田 organization
    services.role_assign(actor=staff, user=nobody, role=Role.ORG_SECRETARY, party_org=orgs["futian"])
    assert list(nobody.roles.values_list("role", "party_org")) == [(Role.ORG_SECRETARY, orgs["futian"].pk)]


def test_roles_are_revoked_by_the_security_admin_and_the_owner_in_scope(world, secadmin):
    lawyer_role = world["users"]["lawyer"].roles.get()
    firm_role = world["users"]["firm"].roles.get()
    # when the 南山 administrator, the system administrator or the lawyer's own firm administrator revoke
    for actor in ("nanshan", "sysadmin", "firm"):
        with pytest.raises(PermissionDenied):
            services.role_revoke(actor=world["users"][actor], assignment=lawyer_role)
    # nor the security administrator their own duty
    with pytest.raises(PermissionDenied):
        services.role_revoke(actor=secadmin, assignment=secadmin.roles.get())
    # then refused; the 福田 administrator and the security administrator may
    services.role_revoke(actor=world["users"]["futian"], assignment=lawyer_role)
    services.role_revoke(actor=secadmin, assignment=firm_role)
    assert not RoleAssignment.objects.filter(pk__in=[lawyer_role.pk, firm_role.pk]).exists()


# --- The account services -------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["secadmin", "city", "auditor", "nobody"])
def test_account_services_refuse_anyone_but_the_system_administrator(world, secadmin, actor):
    someone = secadmin if actor == "secadmin" else world["users"][actor]
    target = world["users"]["futian"]
    version = target.session_version
    # when another role calls the system administrator's services directly
    with pytest.raises(PermissionDenied):
        account_services.user_create(actor=someone, username="sneaky", password="Lv-xie-2026-strong")
    with pytest.raises(PermissionDenied):
        account_services.user_set_active(actor=someone, user=target, active=False)
    with pytest.raises(PermissionDenied):
        account_services.user_sessions_end(actor=someone, user=target)
    # then nothing changed
    target.refresh_from_db()
    assert not User.objects.filter(username="sneaky").exists()
    assert target.is_active and target.session_version == version
    # and the system administrator (and the system itself) still may
    account_services.user_sessions_end(actor=world["users"]["sysadmin"], user=target)
    account_services.user_create(actor=None, username="seeded", password="Lv-xie-2026-strong")


# --- The auditor is told --------------------------------------------------------------------------


def test_auditors_are_told_of_every_grant(world, secadmin, django_capture_on_commit_callbacks):
    # given three auditors, one of them disabled
    make_user(Role.AUDITOR, username="auditor2")
    gone = make_user(Role.AUDITOR, username="auditor3")
    gone.is_active = False
    gone.save()
    # when the security administrator gives a role
    with django_capture_on_commit_callbacks(execute=True):
        services.role_assign(
            actor=secadmin,
            user=world["users"]["nobody"],
            role=Role.DISTRICT_ADMIN,
            region=world["regions"]["nanshan"],
        )
    # then every active auditor has a notification naming who gave which role to whom; nobody else has
    told = Notification.objects.all()
    assert {n.recipient.username for n in told} == {"auditor", "auditor2"}
    title = told[0].title
    assert "secadmin" in title and "nobody" in title and "南山区" in title
    # and a grant by the system (the demo seeder) tells nobody
    with django_capture_on_commit_callbacks(execute=True):
        services.role_assign(actor=None, user=make_user(None), role=Role.AUDITOR)
    assert Notification.objects.count() == 2


# --- Two-person mode ------------------------------------------------------------------------------


@pytest.fixture
def two_person(settings):
    settings.LVXIE_ROLE_GRANT_APPROVAL = "two_person"


def test_two_person_grant_waits_for_a_second_owner(
    client, world, secadmin, two_person, django_capture_on_commit_callbacks
):
    nobody, futian, city = world["users"]["nobody"], world["users"]["futian"], world["users"]["city"]
    # given the security administrator proposes a 福田 judicial officer on the page
    client.force_login(secadmin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail(nobody), {"role": Role.JUDICIAL_OFFICER, "region": world["regions"]["futian"].pk}
        )
    # then nothing is given yet; the owners who may approve (福田, the city) are told, not 南山
    assert response.status_code == 302
    assert not nobody.roles.exists()
    proposal = RoleGrantProposal.objects.get(user=nobody)
    assert proposal.is_pending
    assert {n.recipient.username for n in Notification.objects.all()} == {"futian", "city"}
    # a direct grant by a person is refused in this mode; the system still grants directly
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=secadmin, user=nobody, role=Role.JUDICIAL_OFFICER, region=world["regions"]["futian"]
        )
    # the security administrator cannot approve (no owner), nor the 南山 administrator (not in scope)
    for actor in (secadmin, world["users"]["nanshan"]):
        with pytest.raises(PermissionDenied):
            services.role_proposal_approve(actor=actor, proposal=proposal)
    # when the 福田 administrator approves on the account page
    client.force_login(futian)
    page = client.get(detail(nobody))
    assert page.context["proposals"] == [(proposal, True, True)]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(detail(nobody), {"action": "approve", "proposal": proposal.pk}).status_code == 302
    # then the role is given, and the approval, the grant and who proposed it are audited
    assert roles_of(nobody) == {Role.JUDICIAL_OFFICER}
    proposal.refresh_from_db()
    assert proposal.status == RoleGrantProposal.Status.APPROVED and proposal.decided_by == futian
    assign = AuditEvent.objects.get(action="role.assign", actor_id=futian.pk)
    assert assign.after["proposed_by"] == "secadmin"
    assert AuditEvent.objects.filter(action="role.propose", actor_id=secadmin.pk).exists()
    assert AuditEvent.objects.filter(action="role.approve", actor_id=futian.pk).exists()
    assert Notification.objects.filter(
        recipient=world["users"]["auditor"], title__contains="secadmin"
    ).exists()
    # and a decided proposal cannot be approved again
    with pytest.raises(PermissionDenied):
        services.role_proposal_approve(actor=city, proposal=proposal)


def test_two_person_proposer_cannot_approve_their_own(client, world, two_person):
    nobody, futian, city = world["users"]["nobody"], world["users"]["futian"], world["users"]["city"]
    # given the 福田 administrator proposes a discipline officer in 福田
    proposal = services.role_grant(
        actor=futian, user=nobody, role=Role.DISCIPLINE_OFFICER, region=world["regions"]["futian"]
    )
    assert isinstance(proposal, RoleGrantProposal) and not nobody.roles.exists()
    # when they approve it themself, on the page or through the service
    client.force_login(futian)
    assert client.get(detail(nobody)).context["proposals"] == [(proposal, False, True)]
    assert client.post(detail(nobody), {"action": "approve", "proposal": proposal.pk}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.role_proposal_approve(actor=futian, proposal=proposal)
    # then nothing is given; the city administrator refuses it, and it can no longer be approved
    assert not nobody.roles.exists()
    services.role_proposal_refuse(actor=city, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == RoleGrantProposal.Status.REFUSED
    with pytest.raises(PermissionDenied):
        services.role_proposal_approve(actor=city, proposal=proposal)
    assert not nobody.roles.exists()
    assert AuditEvent.objects.filter(action="role.refuse", actor_id=city.pk).exists()


def test_two_person_mode_offers_only_roles_an_owner_can_approve(world, secadmin, two_person):
    # given two-person mode: the city administrator role has no owner above it to approve it
    nobody = world["users"]["nobody"]
    # then the security administrator can neither propose nor give it (the system appoints it)
    assert Role.CITY_ADMIN not in policies.grantable_roles(secadmin, nobody)
    with pytest.raises(PermissionDenied):
        services.role_grant(
            actor=secadmin, user=nobody, role=Role.CITY_ADMIN, region=world["regions"]["city"]
        )
    # duties are still the security administrator's to give directly
    given = services.role_grant(actor=secadmin, user=nobody, role=Role.AUDITOR)
    assert isinstance(given, RoleAssignment)


# --- The constraint -------------------------------------------------------------------------------


def test_the_same_role_cannot_be_held_twice_even_unbound(world, orgs):
    # given an auditor (no binding) and a secretary of the 福田 committee
    auditor = world["users"]["auditor"]
    secretary = make_user(None, username="sec")
    RoleAssignment.objects.create(user=secretary, role=Role.ORG_SECRETARY, party_org=orgs["futian"])
    # when the same unbound role, or the same organization's secretary, is stored again past the services
    for row in [
        {"user": auditor, "role": Role.AUDITOR},
        {"user": secretary, "role": Role.ORG_SECRETARY, "party_org": orgs["futian"]},
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            RoleAssignment.objects.create(**row)
    # then the database refused both; a different organization is another role
    RoleAssignment.objects.create(user=secretary, role=Role.ORG_SECRETARY, party_org=orgs["nanshan"])
    assert secretary.roles.count() == 2 and auditor.roles.count() == 1
    # and through the service it is a translated message with a code
    with pytest.raises(ValidationError) as caught:
        services.role_assign(actor=None, user=auditor, role=Role.AUDITOR)
    assert caught.value.error_dict["__all__"][0].code == "role_held"
