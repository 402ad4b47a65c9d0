"""Coverage on the hand-built world (see conftest): every state, flag, rate and count, for a district,
the city and the whole tree, and again after transfers, merges, dissolutions and registry changes; the
stored rows always equal a full recount."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from lvxie.party import services
from lvxie.party.choices import CoverageState, MemberStatus, OrgKind
from lvxie.party.coverage import coverage_differences, region_figures
from lvxie.party.models import FirmCoverage, RegionCoverage
from lvxie.registry import services as registry_services
from lvxie.registry.choices import LawyerStatus
from lvxie.registry.models import Lawyer

pytestmark = pytest.mark.django_db
LATER = date(2024, 6, 1)


def states(party):
    rows = {row.firm_id: row for row in FirmCoverage.objects.all()}
    return {key: rows[firm.pk] for key, firm in party["firms"].items()}


def test_each_firm_gets_its_state_and_flags(party):
    rows = states(party)
    assert {k: r.state for k, r in rows.items() if r.counted} == {
        "a": CoverageState.OWN_ORG,
        "b": CoverageState.JOINT_BRANCH,
        "c": CoverageState.JOINT_BRANCH,
        "d": CoverageState.NONE,
        "e": CoverageState.WORK_ONLY,
        "f": CoverageState.NONE,
        "n": CoverageState.OWN_ORG,
    }
    assert not rows["g"].counted and not rows["h"].counted
    assert (rows["a"].lawyers, rows["a"].members, rows["a"].full_members) == (5, 4, 3)
    assert [k for k, r in rows.items() if r.needs_own_org] == ["d"]
    assert [k for k, r in rows.items() if r.members_unorganized] == ["d"]
    assert rows["e"].has_instructor and not rows["f"].has_instructor
    assert coverage_differences() == []


def test_district_city_and_country_figures_are_exact(party):
    futian, _ = region_figures(party["regions"]["futian"])
    # Futian counts A–F and the registry's firm: 7 firms, 14 lawyers, 8 members (1 probationary).
    assert (futian.firms, futian.lawyers, futian.members, futian.probationary_members) == (7, 14, 8, 1)
    assert (futian.own_org, futian.joint_branch, futian.work_only, futian.uncovered) == (1, 2, 1, 3)
    assert (futian.firms_with_members, futian.organized_with_members) == (3, 2)
    assert futian.org_coverage_rate == round(100 * 2 / 3, 1)
    assert futian.work_coverage_rate == round(100 * 4 / 7, 1)
    assert futian.member_share == round(100 * 8 / 14, 1)
    assert futian.needs_own_org == 1 and futian.bylaws_rate == 0.0
    assert futian.orgs == {
        OrgKind.INDUSTRY_COMMITTEE: 1,
        OrgKind.INDEPENDENT_BRANCH: 1,
        OrgKind.JOINT_BRANCH: 1,
    }
    assert futian.org_total == 2

    city, children = region_figures(party["regions"]["city"])
    assert [c.region.name for c in children] == ["福田区", "南山区"]
    nanshan = children[1]
    assert (nanshan.firms, nanshan.lawyers, nanshan.members, nanshan.own_org, nanshan.uncovered) == (
        2,
        3,
        1,
        1,
        1,
    )
    assert nanshan.bylaws_rate == 50.0
    assert (city.firms, city.lawyers, city.members, city.org_total) == (9, 17, 9, 3)
    assert city.orgs[OrgKind.INDUSTRY_COMMITTEE] == 3
    assert city.org_coverage_rate == 75.0 and city.work_coverage_rate == round(100 * 5 / 9, 1)
    country, (province,) = region_figures(party["regions"]["country"])
    assert (country.firms, country.members, province.firms) == (9, 9, 9)


def test_transfer_moves_the_member_count_with_the_lawyer_s_firm_and_keeps_history(party):
    lawyer = party["lawyers"]["b"][0]
    member = lawyer.party_memberships.get()
    moved = services.membership_transfer(actor=None, member=member, to_org=party["orgs"]["a"], on=LATER).moved
    # Counted for the firm the lawyer practises in, whichever organization holds the membership.
    assert states(party)["b"].members == 1 and states(party)["b"].state == CoverageState.JOINT_BRANCH
    member.refresh_from_db()
    assert member.status == MemberStatus.TRANSFERRED and moved.transferred_from == member
    assert coverage_differences() == []


def test_joint_branch_members_forming_their_own_org_clears_the_flag(party):
    d = party["firms"]["d"]
    org = services.org_create(
        actor=None,
        name="D支部",
        kind=OrgKind.INDEPENDENT_BRANCH,
        region=d.region,
        parent=party["orgs"]["futian"],
        firms=[d],
        founded_on=LATER,
    )
    for lawyer in party["lawyers"]["d"]:
        services.membership_transfer(
            actor=None, member=lawyer.party_memberships.get(status="active"), to_org=org, on=LATER
        )
    row = states(party)["d"]
    assert row.state == CoverageState.OWN_ORG and not row.needs_own_org and not row.members_unorganized
    futian, _ = region_figures(party["regions"]["futian"])
    assert (futian.org_coverage_rate, futian.uncovered) == (100.0, 2)
    assert coverage_differences() == []


def test_merge_moves_members_firms_and_counts(party):
    orgs = party["orgs"]
    with pytest.raises(ValidationError) as refused:
        services.org_merge(actor=None, org=orgs["joint"], into=orgs["a"], on=LATER)
    assert refused.value.code == "merge_firms"
    # A's branch merges into the joint branch: A's firm and members move across, A's branch ends.
    services.org_merge(actor=None, org=orgs["a"], into=orgs["joint"], on=LATER)
    rows = states(party)
    assert rows["a"].state == CoverageState.JOINT_BRANCH and rows["a"].org_id == orgs["joint"].pk
    assert orgs["joint"].memberships.filter(status="active").count() == 5
    orgs["a"].refresh_from_db()
    assert orgs["a"].status == "merged" and orgs["a"].merged_into == orgs["joint"]
    futian, _ = region_figures(party["regions"]["futian"])
    assert futian.orgs.get(OrgKind.INDEPENDENT_BRANCH, 0) == 0 and futian.members == 8
    assert (futian.own_org, futian.joint_branch) == (0, 3)
    assert coverage_differences() == []


def test_dissolving_needs_members_transferred_first_then_uncovers_the_firms(party):
    orgs = party["orgs"]
    with pytest.raises(ValidationError) as refused:
        services.org_dissolve(actor=None, org=orgs["joint"], on=LATER)
    assert refused.value.code == "has_members"
    member = party["lawyers"]["b"][0].party_memberships.get()
    services.membership_end(
        actor=None, member=member, status=MemberStatus.TRANSFERRED, on=LATER, note="转出至外市"
    )
    services.org_dissolve(actor=None, org=orgs["joint"], on=LATER)
    rows = states(party)
    assert rows["b"].state == rows["c"].state == CoverageState.NONE and rows["b"].members == 0
    futian, _ = region_figures(party["regions"]["futian"])
    assert (futian.uncovered, futian.members, futian.org_total) == (5, 7, 1)
    assert coverage_differences() == []


def test_moving_a_firm_between_joint_branches_keeps_history(party):
    orgs, c = party["orgs"], party["firms"]["c"]
    other = services.org_create(
        actor=None,
        name="J2",
        kind=OrgKind.JOINT_BRANCH,
        region=c.region,
        parent=orgs["futian"],
        founded_on=LATER,
    )
    services.org_firm_move(actor=None, firm=c, to_org=other, on=LATER)
    assert states(party)["c"].org_id == other.pk
    assert c.org_links.count() == 2 and c.org_links.filter(until=LATER, org=orgs["joint"]).exists()
    services.org_firm_move(actor=None, firm=c, to_org=None, on=LATER)
    assert states(party)["c"].state == CoverageState.NONE
    assert coverage_differences() == []


def test_instructor_end_and_registry_changes_keep_rows_current(party):
    e, f, a = party["firms"]["e"], party["firms"]["f"], party["firms"]["a"]
    instructor = e.instructors.get()
    services.instructor_end(actor=None, instructor=instructor, ended_on=LATER)
    assert states(party)["e"].state == CoverageState.NONE
    # A member lawyer moves from A to F: the member now counts for F (members outside any organization).
    lawyer = party["lawyers"]["a"][0]
    registry_services.lawyer_update(actor=None, lawyer=lawyer, firm=f)
    rows = states(party)
    assert (rows["a"].members, rows["a"].lawyers, rows["f"].members, rows["f"].lawyers) == (3, 4, 1, 2)
    assert rows["f"].members_unorganized
    registry_services.lawyer_update(
        actor=None, lawyer=party["lawyers"]["a"][1], status=LawyerStatus.CANCELLED
    )
    assert states(party)["a"].members == 2
    registry_services.firm_update(
        actor=None, firm=a, party_building_in_bylaws=True, region=party["regions"]["nanshan"]
    )
    row = states(party)["a"]
    assert row.in_bylaws and row.region_path == party["regions"]["nanshan"].path
    assert coverage_differences() == []


def test_recount_check_reports_tampering_and_recount_fixes_it(party, capsys):
    call_command("party", "recount", "--check")
    FirmCoverage.objects.filter(firm=party["firms"]["a"]).update(members=99, state=CoverageState.NONE)
    with pytest.raises(CommandError, match="2 coverage figures differ"):
        call_command("party", "recount", "--check")
    call_command("party", "recount")
    call_command("party", "recount", "--check")
    assert coverage_differences() == []


def test_recount_check_reports_a_drifted_region_row_and_recount_fixes_it(party, capsys):
    futian = party["regions"]["futian"]
    RegionCoverage.objects.filter(region_path=futian.path).update(lawyers=F("lawyers") + 5)
    with pytest.raises(CommandError, match="1 coverage figures differ"):
        call_command("party", "recount", "--check")
    assert f"region {futian.path}: lawyers" in capsys.readouterr().out
    call_command("party", "recount")
    assert coverage_differences() == []
    assert region_figures(futian)[0].lawyers == 14


def test_a_write_that_changes_no_figure_stores_nothing(party):
    lawyer = Lawyer.objects.select_related("firm", "region").filter(firm=party["firms"]["a"]).first()
    registry_services.lawyer_update(actor=None, lawyer=lawyer, phone="13900000000")
    assert coverage_differences() == []
    with CaptureQueriesContext(connection) as captured:
        registry_services.lawyer_update(actor=None, lawyer=lawyer, phone="13900000001")
    assert not [
        q for q in captured.captured_queries if "party_firmcoverage" in q["sql"] and "INSERT" in q["sql"]
    ]
    assert not [q for q in captured.captured_queries if "party_regioncoverage" in q["sql"]]
    # A phone is nothing a firm's figures count: the firm is not even recounted, nor its licence number
    # looked up again for uniqueness (it kept its own).
    assert not [
        q
        for q in captured.captured_queries
        if "registry_lawfirm" in q["sql"] or q["sql"].startswith("SELECT 1 AS")
    ]
    practising = states(party)["a"].lawyers
    with CaptureQueriesContext(connection) as captured:
        registry_services.lawyer_update(actor=None, lawyer=lawyer, status=LawyerStatus.CANCELLED)
    assert [q for q in captured.captured_queries if "party_firmcoverage" in q["sql"]]  # a status is counted
    assert states(party)["a"].lawyers == practising - 1 and coverage_differences() == []


def test_a_licence_number_another_lawyer_holds_is_still_refused(party):
    first, second = Lawyer.objects.filter(firm=party["firms"]["a"]).order_by("pk")[:2]
    with pytest.raises(ValidationError) as refused:
        registry_services.lawyer_update(actor=None, lawyer=second, licence_no=first.licence_no)
    assert "licence_no" in refused.value.message_dict


def test_bulk_updates_from_imports_keep_the_summary_exact(party):
    # Given a member lawyer of firm A, when an import moves them to firm D and changes firm D's bylaws flag
    firms = party["firms"]
    member = Lawyer.objects.filter(firm=firms["a"], party_memberships__isnull=False).first()
    member.firm = firms["d"]
    registry_services.lawyers_bulk_update(actor=None, lawyers=[member], fields=["firm"])
    firm_d = firms["d"]
    firm_d.party_building_in_bylaws = True
    registry_services.firms_bulk_update(actor=None, firms=[firm_d], fields=["party_building_in_bylaws"])
    # Then both firms' rows equal a full recount
    assert coverage_differences() == []
    rows = states(party)
    assert rows["a"].members == 3 and rows["d"].in_bylaws
