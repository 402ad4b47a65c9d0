"""Importing Party members from real workbooks: only the Party side may (everyone else gets 404 and never
learns the kind exists); a lawyer becomes a member, a member's record is corrected, a member of another
organization is refused with a pointer to the transfer; one refused row saves nothing; reports are
audited reads of member data."""

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from lvxie.audit.models import AuditEvent
from lvxie.dataio.choices import JobStatus
from lvxie.dataio.models import ImportJob
from lvxie.party.choices import MemberKind, MemberStatus, OrgStatus
from lvxie.party.models import FirmCoverage, PartyMembership, PartyOrg
from tests.dataio import files
from tests.party.world import build_party_world

HEADERS = ["姓名", "执业证号", "党组织", "党员类别", "入党日期", "转入本组织日期"]


@pytest.fixture
def party(world):
    return build_party_world(world)


def row(lawyer, org, kind="正式党员", joined_party="2015-07-01", joined="2021-03-01"):
    return [lawyer.name, lawyer.licence_no, org, kind, joined_party, joined]


def upload(client, data, kind="members"):
    return client.post(
        reverse("dataio:import_list"), {"kind": kind, "file": SimpleUploadedFile("members.xlsx", data)}
    )


def current(lawyer):
    return PartyMembership.objects.filter(lawyer=lawyer, status=MemberStatus.ACTIVE).first()


def errors_of(job):
    return {(e["row"], e["column"]): e["message"] for e in job.report["errors"]}


def test_good_file_adds_and_updates_members_through_the_services(client, party):
    # given committee staff of Futian and a file: a new member of A支部 (by name), a new member of the
    # joint branch (by number, traditional characters in the header), and a correction of a member of A
    client.force_login(party["users"]["party_futian"])
    a, b = party["lawyers"]["a"], party["lawyers"]["b"]
    joint = party["orgs"]["joint"]
    rows = [
        row(a[4], "A支部", "预备党员"),
        row(b[1], str(joint.pk), "正式", datetime(2012, 5, 4), datetime(2020, 6, 1)),
        row(a[0], "A支部", "正式党员", "2011-01-01", "2020-01-01"),
    ]
    headers = [*HEADERS[:3], "黨員類別", "入党日期（必填）", "转入本组织日期"]
    # when the file is checked
    upload(client, files.xlsx(headers, rows))
    job = ImportJob.objects.get()
    # then the report counts two new members and one update, and nothing is saved yet
    assert job.status == JobStatus.PREVIEWED, job.report
    assert (job.report["create"], job.report["update"], job.report["refused"]) == (2, 1, 0)
    assert current(a[4]) is None
    # when it is committed
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    job.refresh_from_db()
    # then the memberships exist, the existing one is corrected, audited, and coverage is current
    assert job.status == JobStatus.COMMITTED
    assert current(a[4]).org == party["orgs"]["a"] and current(a[4]).kind == MemberKind.PROBATIONARY
    assert current(b[1]).org == joint and current(b[1]).joined_party_on.isoformat() == "2012-05-04"
    assert current(a[0]).joined_party_on.isoformat() == "2011-01-01"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"party.member_bulk_add", "party.member_bulk_update", "import.commit"} <= actions
    assert FirmCoverage.objects.get(firm=party["firms"]["a"]).members == 5
    assert FirmCoverage.objects.get(firm=party["firms"]["b"]).members == 2


def test_one_bad_row_changes_nothing_and_reports_that_row(client, party):
    # given a file whose third row has an impossible date and a name that does not match
    client.force_login(party["users"]["party_futian"])
    a = party["lawyers"]["a"]
    rows = [
        row(a[4], "A支部"),
        row(party["lawyers"]["b"][1], "J联合支部"),
        row(a[0], "A支部", "正式党员", "2010-13-01"),
    ]
    rows[2][0] = "别人"
    upload(client, files.xlsx(HEADERS, rows))
    job = ImportJob.objects.get()
    # then that row is refused, with its row, column and reason, and the file cannot be committed
    errors = errors_of(job)
    assert job.report["refused"] == 1 and not job.can_commit
    assert set(errors) == {(4, "入党日期"), (4, "姓名")}
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    assert current(a[4]) is None and current(party["lawyers"]["b"][1]) is None


def test_a_member_of_another_organization_is_refused_with_the_transfer(client, party):
    # given a lawyer who is a current member of the Futian committee, imported into A支部
    lawyer = party["lawyers"]["d"][0]
    membership = current(lawyer)
    data = files.xlsx(HEADERS, [row(lawyer, "A支部")])
    # when committee staff check it, then it is refused, pointing to that member's transfer page
    client.force_login(party["users"]["party_futian"])
    upload(client, data)
    message = errors_of(ImportJob.objects.get())[(2, "党组织")]
    assert reverse("party:member_transfer", args=[membership.pk]) in message
    # when A's secretary (who does not keep the committee's members) checks it, then it is refused too,
    # without a link to a page they may not open
    client.force_login(party["users"]["secretary_a"])
    upload(client, data)
    message = errors_of(ImportJob.objects.filter(created_by=party["users"]["secretary_a"]).get())[
        (2, "党组织")
    ]
    assert "/party/" not in message
    assert current(lawyer) == membership  # never moved silently


def test_out_of_scope_organizations_and_lawyers_are_refused(client, party):
    a_lawyer, n_lawyer = party["lawyers"]["a"][4], party["lawyers"]["n"][1]
    # given Nanshan's committee staff: a Futian lawyer and Futian's branch are not theirs
    client.force_login(party["users"]["party_nanshan"])
    upload(client, files.xlsx(HEADERS, [row(a_lawyer, "N支部"), row(n_lawyer, "A支部")]))
    errors = errors_of(ImportJob.objects.get())
    assert (2, "执业证号") in errors and (3, "党组织") in errors
    # given A's secretary: the joint branch is outside their organization's subtree
    client.force_login(party["users"]["secretary_a"])
    upload(
        client,
        files.xlsx(HEADERS, [row(a_lawyer, "J联合支部"), row(party["lawyers"]["a"][3], "A支部", "黨員")]),
    )
    errors = errors_of(ImportJob.objects.filter(created_by=party["users"]["secretary_a"]).get())
    assert set(errors) == {(2, "党组织"), (3, "党员类别")}


def test_an_inactive_organization_is_refused_by_number_and_unknown_by_name(client, party):
    joint = party["orgs"]["joint"]
    PartyOrg.objects.filter(pk=joint.pk).update(status=OrgStatus.DISSOLVED)
    client.force_login(party["users"]["party_futian"])
    b = party["lawyers"]["b"]
    upload(client, files.xlsx(HEADERS, [row(b[1], str(joint.pk)), row(party["lawyers"]["a"][4], joint.name)]))
    errors = errors_of(ImportJob.objects.get())
    assert set(errors) == {(2, "党组织"), (3, "党组织")} and errors[(2, "党组织")] != errors[(3, "党组织")]


def test_secretary_imports_into_their_own_organization(client, party):
    client.force_login(party["users"]["secretary_a"])
    upload(client, files.xlsx(HEADERS, [row(party["lawyers"]["a"][4], "A支部")]))
    job = ImportJob.objects.get()
    client.post(reverse("dataio:import_commit", args=[job.pk]))
    assert current(party["lawyers"]["a"][4]).org == party["orgs"]["a"]


def test_non_party_roles_get_404_and_never_see_the_kind(client, party):
    data = files.xlsx(HEADERS, [row(party["lawyers"]["a"][4], "A支部")])
    template = reverse("dataio:import_template", args=["members"])
    # anonymous: sent to log in
    assert client.get(template).status_code == 302
    # in scope: the Party side gets the template, and the kind is offered
    client.force_login(party["users"]["party_futian"])
    assert client.get(template).status_code == 200
    assert "members" in client.get(reverse("dataio:import_list")).content.decode()
    upload(client, data)
    party_job = ImportJob.objects.get()
    # out of scope: a district administrator (a registry editor) gets 404 for template, upload and jobs
    admin = party["users"]["futian"]
    client.force_login(admin)
    page = client.get(reverse("dataio:import_list")).content.decode()
    assert 'value="members"' not in page and "/members.xlsx" not in page
    assert client.get(template).status_code == 404
    assert upload(client, data).status_code == 404
    assert upload(client, data, kind="no-such-kind").status_code == 404  # the same as a kind that is not
    own = ImportJob.objects.create(kind="members", filename="x.xlsx", content=b"", created_by=admin)
    for job in (own, party_job):
        assert client.get(reverse("dataio:import_detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("dataio:import_progress", args=[job.pk])).status_code == 404
        assert client.post(reverse("dataio:import_commit", args=[job.pk])).status_code == 404
    assert ImportJob.objects.count() == 2


def test_reading_a_members_report_is_audited(client, party):
    client.force_login(party["users"]["party_futian"])
    upload(client, files.xlsx(HEADERS, [row(party["lawyers"]["a"][4], "A支部")]))
    job = ImportJob.objects.get()
    reads = AuditEvent.objects.filter(action="party.members_read")
    before = reads.count()
    # when the report is opened, then the read is logged; the progress bar alone logs nothing
    page = client.get(job.get_absolute_url())
    assert party["lawyers"]["a"][4].name in page.content.decode()
    assert reads.count() == before + 1
    client.get(reverse("dataio:import_progress", args=[job.pk]))
    assert reads.count() == before + 1


def test_lawyer_reports_are_not_member_reads(client, world, lawyer_rows):
    client.force_login(world["users"]["futian"])
    upload(client, files.xlsx(files.LAWYER_HEADERS, lawyer_rows), kind="lawyers")
    client.get(ImportJob.objects.get().get_absolute_url())
    assert not AuditEvent.objects.filter(action="party.members_read").exists()


def test_command_imports_members(party, tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_bytes(files.xlsx(HEADERS, [row(party["lawyers"]["a"][4], "A支部")]))
    call_command("import", "members", str(path), "--dry-run", "--user", "secretary_a")
    assert current(party["lawyers"]["a"][4]) is None
    call_command("import", "members", str(path), "--user", "secretary_a")
    assert current(party["lawyers"]["a"][4]).org == party["orgs"]["a"]
    path.write_bytes(files.xlsx(HEADERS, [row(party["lawyers"]["n"][1], "N支部")]))
    with pytest.raises(CommandError):
        call_command("import", "members", str(path), "--user", "secretary_a")


def test_a_sheet_declaring_fewer_rows_is_checked_whole_and_a_formula_named(client, party):
    # given committee staff and a members file of three rows declaring one, the last org a formula
    client.force_login(party["users"]["party_futian"])
    a = party["lawyers"]["a"]
    data = files.xlsx(HEADERS, [row(a[4], "A支部"), row(a[0], "A支部"), row(a[1], "A支部")])
    data = files.formula(
        files.lying_dimension(data, b"A1:F2"), "C4", '"A"&amp;"支部"'.encode(), "A支部".encode(), b"str"
    )
    upload(client, data)
    job = ImportJob.objects.get()
    # then all three rows are read, and the formula's row is refused with its cell named
    assert job.report["rows"] == 3 and job.report["refused"] == 1
    assert errors_of(job)[(4, "党组织")].startswith("C4")
