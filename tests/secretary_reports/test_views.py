"""The pages of secretaries' reports, and the calls' pages a report is written and rated on, for every
kind of reader: anonymous (to the log-in), the committee (in scope), another district's committee (out
of scope: 404), the bar's staff and a firm administrator (non-Party: 404, never a report), the branch's
secretary (their own report only), the panel. Party-side reads by administrators are audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lvxie.audit.models import AuditEvent
from lvxie.calls import services as calls
from lvxie.calls.models import Call
from lvxie.ledgers.models import RectificationItem
from lvxie.secretary_reports.kinds import ORAL
from tests.secretary_reports.conftest import REPORT, grades, report_of

pytestmark = pytest.mark.django_db

MATRIX_URLS = [
    "secretary_reports:list",
    "secretary_reports:open",
    "secretary_reports:detail",
    "secretary_reports:export",
    "secretary_reports:oral",
    "secretary_reports:shortcoming",
]


def _urls(review, submission):
    return [
        ("get", reverse("secretary_reports:detail", args=[review.pk])),
        ("get", reverse("secretary_reports:export", args=[review.pk, "xlsx"])),
        ("get", reverse("secretary_reports:export", args=[review.pk, "pdf"])),
        ("post", reverse("secretary_reports:oral", args=[submission.pk])),
        ("get", reverse("secretary_reports:shortcoming", args=[submission.pk])),
        ("post", reverse("secretary_reports:shortcoming", args=[submission.pk])),
        ("get", reverse("calls:submission", args=[submission.pk])),
        ("get", reverse("calls:review", args=[submission.pk])),
        ("get", reverse("calls:results", args=[review.pk])),
    ]


def test_anonymous_readers_go_to_the_log_in(client, rw, accepted):
    a = report_of(accepted, rw["orgs"]["a"])
    for method, url in [
        ("get", reverse("secretary_reports:list")),
        ("get", reverse("secretary_reports:open")),
        *_urls(accepted, a),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url


@pytest.mark.parametrize("who", ["party_nanshan", "city", "firm_admin_a", "lawyer", "nobody"])
def test_out_of_scope_and_non_party_readers_see_nothing(client, rw, accepted, who):
    user = rw["firm_admin_a"] if who == "firm_admin_a" else rw["users"][who]
    a = report_of(accepted, rw["orgs"]["a"])
    client.force_login(user)
    for method, url in _urls(accepted, a):
        assert getattr(client, method)(url).status_code == 404, (who, url)
    page = client.get(reverse("secretary_reports:list")).content.decode()
    assert REPORT["features"] not in page
    assert reverse("secretary_reports:detail", args=[accepted.pk]) not in page
    # Nanshan's committee sees that the city's review reaches its N支部 (the calls' rule), nobody else does
    assert (accepted.title in page) == (who == "party_nanshan")
    if who != "party_nanshan":  # Nanshan's committee opens Nanshan's reviews
        assert client.get(reverse("secretary_reports:open")).status_code == 403
    assert not a.flags or a.flags == [ORAL]
    a.refresh_from_db()
    assert a.flags == [ORAL]  # nothing changed


def test_a_firm_administrator_never_sees_a_secretarys_report(client, rw, accepted):
    """A's firm administrator: not on the list, not on the calls' pages, not in the calls' API."""
    a = report_of(accepted, rw["orgs"]["a"])
    client.force_login(rw["firm_admin_a"])
    assert REPORT["features"] not in client.get(reverse("calls:list")).content.decode()
    assert client.get(reverse("calls:detail", args=[accepted.pk])).status_code == 404
    assert client.get(reverse("api:submission_detail", args=[a.pk])).status_code == 404
    assert client.get(reverse("api:submission_list", args=[accepted.pk])).status_code == 404


def test_the_secretary_sees_their_own_report_only(client, rw, review):
    client.force_login(rw["secretaries"]["a"])
    page = client.get(reverse("secretary_reports:list")).content.decode()
    a, n = report_of(review, rw["orgs"]["a"]), report_of(review, rw["orgs"]["n"])
    assert a.get_absolute_url() in page and n.get_absolute_url() not in page
    assert client.get(reverse("secretary_reports:detail", args=[review.pk])).status_code == 404
    assert client.get(n.get_absolute_url()).status_code == 404
    # Writing the four parts and sending it, on the calls' page
    response = client.post(a.get_absolute_url(), {**REPORT, "version": a.version, "do": "submit"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == "submitted" and a.values == REPORT
    # The secretary's own reads are not audited as an administrator's
    assert not AuditEvent.objects.filter(
        action="submission.party_read", actor=rw["secretaries"]["a"]
    ).exists()


def test_the_committee_opens_the_review_on_its_page(client, rw):
    client.force_login(rw["issuer"])
    page = client.get(reverse("secretary_reports:open")).content.decode()
    assert "A支部" in page and "panel1" in page
    orgs = rw["orgs"]
    data = {
        "region": rw["regions"]["city"].pk,
        "year": 2025,
        "deadline_working_days": 10,
        "orgs": [orgs["a"].pk, orgs["n"].pk],
        "oral_orgs": [orgs["n"].pk],
        "reviewers": [u.pk for u in rw["panel"]],
        "criteria": "履行第一责任人职责 | 60\n党建引领业务 | 40",
    }
    # Bad input: a clear message, nothing opened
    for bad, message in (({"criteria": "没有权重"}, "权重"), ({"oral_orgs": [orgs["joint"].pk]}, "")):
        response = client.post(reverse("secretary_reports:open"), {**data, **bad})
        assert response.status_code == 400 and message in response.content.decode()
    assert not Call.objects.exists()
    response = client.post(reverse("secretary_reports:open"), data)
    review = Call.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "secretary_reports:detail", args=[review.pk]
    )
    assert [c.label for c in review.criteria_in_force] == ["履行第一责任人职责", "党建引领业务"]
    assert review.submissions.count() == 2 and report_of(review, orgs["n"]).flags == [ORAL]
    # Leaving the organizations empty takes every basic-level organization of the region
    client.post(reverse("secretary_reports:open"), {**data, "orgs": [], "year": 2026})
    latest = Call.objects.exclude(pk=review.pk).get()
    assert {s.party_org.name for s in latest.submissions.all()} == {"A支部", "J联合支部", "N支部"}


def test_the_overview_marks_oral_reports_and_exports(client, rw, accepted):
    for s in accepted.submissions.all():
        for reviewer in rw["panel"]:
            calls.score_submit(actor=reviewer, submission=s, points=grades())
    client.force_login(rw["issuer"])
    page = client.get(reverse("secretary_reports:detail", args=[accepted.pk])).content.decode()
    assert "A支部" in page and "现场述职" in page and "书面述职" in page
    assert "rating-good" in page
    n = report_of(accepted, rw["orgs"]["n"])
    client.post(reverse("secretary_reports:oral", args=[n.pk]), {"oral": "1"})
    n.refresh_from_db()
    assert n.flags == [ORAL]
    response = client.get(reverse("secretary_reports:export", args=[accepted.pk, "xlsx"]))
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[1][-1] == "好"
    pdf = client.get(reverse("secretary_reports:export", args=[accepted.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    whats = set(
        AuditEvent.objects.filter(action="submission.party_read").values_list("after__what", flat=True)
    )
    assert {"secretary_reports:overview", "secretary_reports:xlsx", "secretary_reports:pdf"} <= whats
    # The panel (committee staff themselves, as calls require of reviewers) sees the overview too
    client.force_login(rw["panel"][0])
    assert client.get(reverse("secretary_reports:detail", args=[accepted.pk])).status_code == 200


def test_a_panel_member_rates_on_the_calls_page(client, rw, accepted):
    a = report_of(accepted, rw["orgs"]["a"])
    client.force_login(rw["panel"][0])
    page = client.get(reverse("calls:review", args=[a.pk])).content.decode()
    assert REPORT["shortcomings"] in page and "较好" in page
    assert client.post(reverse("calls:review", args=[a.pk]), {"duty": "best"}).status_code == 400
    response = client.post(reverse("calls:review", args=[a.pk]), grades(practice="fairly_good"))
    assert response.status_code == 302
    assert a.scores.get().points["practice"] == 8
    assert AuditEvent.objects.filter(action="submission.party_read", after__what="review").exists()


def test_a_shortcoming_to_the_ledger_on_its_page(client, rw, accepted):
    a = report_of(accepted, rw["orgs"]["a"])
    client.force_login(rw["panel"][0])
    page = client.get(reverse("secretary_reports:shortcoming", args=[a.pk])).content.decode()
    assert REPORT["shortcomings"] in page
    data = {
        "problem": REPORT["shortcomings"],
        "goal": "每年发展一名入党积极分子",
        "measures": "建立青年律师联系制度",
        "responsible": "A支部书记",
        "deadline": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }
    past = {**data, "deadline": "2020-01-01"}
    assert client.post(reverse("secretary_reports:shortcoming", args=[a.pk]), past).status_code == 400
    assert not RectificationItem.objects.exists()
    response = client.post(reverse("secretary_reports:shortcoming", args=[a.pk]), data)
    assert response.status_code == 302
    assert RectificationItem.objects.get().ledger.party_org == rw["orgs"]["a"]


def test_an_attachment_is_the_reports_and_its_reads_are_audited(client, rw, review):
    from tests import uploads

    a = report_of(review, rw["orgs"]["a"])
    calls.submission_save(
        actor=rw["secretaries"]["a"],
        submission=a,
        values=REPORT,
        files=[uploads.checked(uploads.pdf("述职报告.pdf"))],
    )
    url = reverse("calls:file", args=[a.pk, a.files.get().pk])
    client.force_login(rw["secretaries"]["a"])
    assert client.get(url).status_code == 200
    assert not AuditEvent.objects.filter(action="submission.party_read").exists()  # their own
    for outsider in (rw["firm_admin_a"], rw["users"]["party_nanshan"], rw["users"]["city"]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(rw["issuer"])
    assert client.get(url).status_code == 200
    read = AuditEvent.objects.get(action="submission.party_read")
    assert read.actor == rw["issuer"] and read.after["what"].startswith("file:")
