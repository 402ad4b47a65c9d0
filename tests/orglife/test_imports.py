"""The sign-in sheet (.xlsx) import: a good sheet records the attendance through the service; a sheet
naming an unknown person (or a member of another organization) is refused row by row and saves
nothing; only the Party side may import it."""

from datetime import date

import pytest

from lvxie.dataio import services as dataio_services
from lvxie.orglife.choices import Presence
from lvxie.orglife.models import Attendance
from tests.dataio import files
from tests.factories import LawyerFactory
from tests.orglife.conftest import plan

HEADERS = ["会议编号", "姓名", "执业证号", "出席情况", "请假事由"]


def sheet(meeting, rows):
    return files.xlsx(HEADERS, [[str(meeting.pk), *row] for row in rows])


def run(actor, content, commit=True):
    return dataio_services.import_file(actor=actor, kind="orglife_sign_in", content=content, commit=commit)


def test_a_good_sheet_records_the_attendance(party):
    meeting = plan(party["orgs"]["a"], date(2026, 3, 5))
    a = party["lawyers"]["a"]
    report = run(
        party["users"]["secretary_a"],
        sheet(
            meeting, [[a[0].name, a[0].licence_no, "出席", ""], [a[1].name, a[1].licence_no, "请假", "出庭"]]
        ),
    )
    assert report.get("committed") and not report["refused"]
    presence = dict(Attendance.objects.filter(meeting=meeting).values_list("membership__lawyer", "presence"))
    assert presence == {
        a[0].pk: Presence.PRESENT,
        a[1].pk: Presence.LEAVE,
        a[2].pk: Presence.ABSENT,
        a[3].pk: Presence.ABSENT,
    }


def test_an_unknown_person_is_refused_row_by_row_and_nothing_saved(party):
    meeting = plan(party["orgs"]["a"], date(2026, 3, 5))
    a = party["lawyers"]["a"]
    stranger = LawyerFactory(firm=party["firms"]["a"])  # practises in the firm, not a member
    rows = [
        [a[0].name, a[0].licence_no, "出席", ""],
        ["查无此人", "99999999999999999", "出席", ""],
        [stranger.name, stranger.licence_no, "出席", ""],
        [a[1].name, a[1].licence_no, "请假", ""],
        [a[2].name, a[2].licence_no, "迟到", ""],
    ]
    report = run(party["users"]["secretary_a"], sheet(meeting, rows))
    assert not report.get("committed")
    errors = {(e["row"], e["column"]) for e in report["errors"]}
    assert errors == {(3, "执业证号"), (4, "执业证号"), (5, "请假事由"), (6, "出席情况")}
    assert not Attendance.objects.exists()


def test_the_import_is_for_the_party_side_only(party):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    meeting = plan(party["orgs"]["a"], date(2026, 3, 5))
    a = party["lawyers"]["a"]
    content = sheet(meeting, [[a[0].name, a[0].licence_no, "出席", ""]])
    with pytest.raises((PermissionDenied, Http404)):
        run(party["users"]["firm"], content)
    report = run(party["users"]["secretary_j"], content)  # another branch's secretary: not in scope
    assert report["refused"] and not Attendance.objects.exists()
