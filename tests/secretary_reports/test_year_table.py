"""The year's results table pinned down row by row: the order (best first, ties by organization name
and then district, the unrated after the rated, the reports not accepted last by organization), the
mean points per criterion and the combined score (rounded half to even, a missing grade counting 0,
every score counted, a departed panel member's too), the shared ranks, what a conflict of interest
leaves out, and the ranks a committee seeing part of the review reads (of the whole review).

The scores are written as rows (as the benchmark seeds them): each row's total is chosen for the case
it makes, not computed from its grades; the table only averages what is stored."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvxie.calls import selectors as calls_selectors
from lvxie.calls import services as calls
from lvxie.calls.choices import SubmissionStatus
from lvxie.calls.models import Score, Submission
from lvxie.party import services as party
from lvxie.party.choices import OrgKind
from lvxie.secretary_reports import reports, selectors
from lvxie.secretary_reports.choices import Rating
from tests.factories import LawFirmFactory, make_user
from tests.party.world import D0
from tests.secretary_reports.conftest import open_review

pytestmark = pytest.mark.django_db


def branch(rw, name, district):
    firm = LawFirmFactory(name=f"{name}所", region=rw["regions"][district])
    return party.org_create(
        actor=None,
        name=name,
        kind=OrgKind.INDEPENDENT_BRANCH,
        region=rw["regions"][district],
        parent=rw["orgs"][district],
        firms=[firm],
        founded_on=D0,
    )


def score(submission, reviewer, total, **points):
    Score.objects.create(
        submission=submission,
        reviewer=reviewer,
        points=points,
        total=Decimal(total),
        scored_at=timezone.now(),
    )


@pytest.fixture
def table_world(rw):
    orgs = rw["orgs"]
    first, second = rw["panel"]
    conflicted = rw["conflicted"]  # a member of A支部
    extra = {
        "k_ft": branch(rw, "K支部", "futian"),
        "k_ns": branch(rw, "K支部", "nanshan"),  # the same name in the other district
        "m": branch(rw, "M支部", "nanshan"),
        "p": branch(rw, "P支部", "futian"),
        "y": branch(rw, "Y支部", "futian"),
        "z": branch(rw, "Z支部", "futian"),
    }
    every = {**{k: orgs[k] for k in ("a", "joint", "n")}, **extra}
    review = open_review(rw, orgs=list(every.values()), reviewers=[first, second, conflicted])
    subs = {key: review.submissions.get(party_org=org) for key, org in every.items()}
    now = timezone.now()
    accepted = [key for key in every if key not in ("y", "z")]
    Submission.objects.filter(pk__in=[subs[k].pk for k in accepted]).update(
        status=SubmissionStatus.ACCEPTED, submitted_at=now, accepted_at=now
    )
    Submission.objects.filter(pk=subs["y"].pk).update(status=SubmissionStatus.SUBMITTED, submitted_at=now)
    Submission.objects.filter(pk=subs["k_ft"].pk).update(late=True)
    # N: all three rated it: the best
    for reviewer in (first, second, conflicted):
        score(subs["n"], reviewer, "95.00", duty=10, organization=10, practice=8, rectification=10)
    # A: the conflicted member is not waited for; 83.325 rounds half to even
    score(subs["a"], first, "83.32", duty=10, organization=8, practice=8, rectification=6)
    score(subs["a"], second, "83.33", duty=8, organization=8, practice=10, rectification=6)
    # J, K (福田) and K (南山) tie at 80.00; J's practice grade is missing from one score (counts 0)
    score(subs["joint"], first, "80.00", duty=10, organization=8, practice=10, rectification=6)
    score(subs["joint"], second, "80.00", duty=8, organization=8, practice=10, rectification=6)
    score(subs["joint"], conflicted, "80.00", duty=8, organization=3, rectification=6)
    for reviewer in (first, second, conflicted):
        score(subs["k_ft"], reviewer, "80.00", duty=8, organization=8, practice=8, rectification=8)
    score(subs["k_ns"], first, "79.99", duty=8, organization=8, practice=8, rectification=8)
    score(subs["k_ns"], second, "80.01", duty=8, organization=8, practice=8, rectification=8)
    score(subs["k_ns"], conflicted, "80.00", duty=8, organization=8, practice=8, rectification=8)
    former = make_user(None, username="former_panel")  # left the panel after rating: still counted
    score(subs["k_ns"], former, "80.00", duty=10, organization=10, practice=10, rectification=10)
    # P: one of three so far; M: none; Y (sent, not accepted) has a stale score that counts nowhere
    score(subs["p"], first, "99.00", duty=10, organization=10, practice=10, rectification=10)
    score(subs["y"], first, "99.00", duty=10, organization=10, practice=10, rectification=10)
    for s in subs.values():
        s.refresh_from_db()
    return {**rw, "review": review, "subs": subs}


def shown(table):
    return [(r.pk, r.oral, r.rank, r.reviewers, r.criteria, r.total, r.rating) for r in table]


def c(duty, organization, practice, rectification):
    return {
        "duty": Decimal(duty),
        "organization": Decimal(organization),
        "practice": Decimal(practice),
        "rectification": Decimal(rectification),
    }


def by_path(subs, *keys):
    return sorted((subs[k] for k in keys), key=lambda s: s.party_org.path)


def test_the_whole_table_in_order_with_means_totals_ratings_and_shared_ranks(table_world):
    subs, review = table_world["subs"], table_world["review"]
    k_ft, k_ns = sorted((subs["k_ft"], subs["k_ns"]), key=lambda s: (s.region.path, s.pk))
    k_rows = {
        subs["k_ft"].pk: (k_ft.pk, False, 3, 3, c("8.00", "8.00", "8.00", "8.00"), Decimal("80.00")),
        subs["k_ns"].pk: (k_ns.pk, False, 3, 4, c("8.50", "8.50", "8.50", "8.50"), Decimal("80.00")),
    }
    table = selectors.year_table(table_world["issuer"], review)
    assert shown(table) == [
        (subs["n"].pk, False, 1, 3, c("10.00", "10.00", "8.00", "10.00"), Decimal("95.00"), Rating.GOOD),
        (subs["a"].pk, True, 2, 2, c("9.00", "8.00", "9.00", "6.00"), Decimal("83.32"), Rating.FAIRLY_GOOD),
        (
            subs["joint"].pk,
            False,
            3,
            3,
            c("8.67", "6.33", "6.67", "6.00"),
            Decimal("80.00"),
            Rating.FAIRLY_GOOD,
        ),
        (*k_rows[k_ft.pk], Rating.FAIRLY_GOOD),
        (*k_rows[k_ns.pk], Rating.FAIRLY_GOOD),
        (subs["m"].pk, False, None, 0, {}, None, None),
        (subs["p"].pk, False, None, 1, {}, None, None),
        *[(s.pk, False, None, None, {}, None, None) for s in by_path(subs, "y", "z")],
    ]
    # What each row names: the report's organization, district, status and lateness
    by_pk = {s.pk: s for s in subs.values()}
    assert [
        (r.party_org_id, r.organization, r.district, r.status, r.status.label, r.late) for r in table
    ] == [
        (s.party_org_id, s.unit_name, s.region.name, s.status, s.get_status_display(), s.late)
        for s in (by_pk[r.pk] for r in table)
    ]
    assert [(r.organization, r.late) for r in table if r.organization == "K支部"] == [
        ("K支部", k_ft.late),
        ("K支部", k_ns.late),
    ]
    assert dict(selectors.rating_counts(table)) == {
        Rating.GOOD: 1,
        Rating.FAIRLY_GOOD: 4,
        Rating.AVERAGE: 0,
        Rating.POOR: 0,
    }


def test_the_table_agrees_with_the_calls_results(table_world):
    """The accepted rows are the calls' results of the review (the model rows of `calls.selectors.results`),
    in their order, with their ranks, counts, means and totals."""
    review = table_world["review"]
    table = selectors.year_table(table_world["issuer"], review)
    accepted = [r for r in table if r.status == SubmissionStatus.ACCEPTED]
    assert [(r.pk, r.rank, r.reviewers, r.criteria, r.total) for r in accepted] == [
        (r.submission.pk, r.rank, r.reviewers, r.criteria, r.total) for r in calls_selectors.results(review)
    ]


def test_a_district_committee_reads_its_own_rows_ranked_in_the_whole_review(table_world):
    subs, review, users = table_world["subs"], table_world["review"], table_world["users"]
    futian = selectors.year_table(users["party_futian"], review)
    assert [(r.pk, r.rank) for r in futian] == [
        (subs["a"].pk, 2),  # N支部 of 南山, unseen here, is first
        (subs["joint"].pk, 3),
        (subs["k_ft"].pk, 3),
        (subs["p"].pk, None),
        *[(s.pk, None) for s in by_path(subs, "y", "z")],
    ]
    # A's report, unseen in 南山, is complete (its one missing score is ruled out) and ranks above K
    nanshan = selectors.year_table(users["party_nanshan"], review)
    assert [(r.pk, r.rank, r.total) for r in nanshan] == [
        (subs["n"].pk, 1, Decimal("95.00")),
        (subs["k_ns"].pk, 3, Decimal("80.00")),
        (subs["m"].pk, None, None),
    ]


def test_readers_outside_the_review_read_no_row(table_world):
    """Anonymous, a firm's administrator (the bar's side: never a Party organization's report), and a
    lawyer read an empty table, however the callers check."""
    review = table_world["review"]
    for reader in (AnonymousUser(), table_world["firm_admin_a"], table_world["users"]["lawyer"]):
        assert selectors.year_table(reader, review) == []


def test_a_rating_waits_for_every_panel_member_but_the_conflicted(table_world):
    subs, review = table_world["subs"], table_world["review"]
    second = table_world["panel"][1]
    Score.objects.filter(submission=subs["a"], reviewer=second).delete()
    calls.call_update(actor=table_world["issuer"], call=review, reviewers=table_world["panel"])
    table = {r.pk: r for r in selectors.year_table(table_world["issuer"], review)}
    assert table[subs["a"].pk].total is None and table[subs["a"].pk].reviewers == 1
    assert table[subs["a"].pk].rank is None and table[subs["a"].pk].rating is None
    # N and J are rated by the two left on the panel (and by the one who left it, still counted)
    assert table[subs["n"].pk].rank == 1 and table[subs["joint"].pk].total == Decimal("80.00")


def test_a_conflicted_panel_member_is_waited_for_on_others_reports_only(table_world):
    """The conflicted member (of A支部) is not waited for on A's report; on N's, without their score, the
    rating waits."""
    subs, review, conflicted = table_world["subs"], table_world["review"], table_world["conflicted"]
    Score.objects.filter(submission=subs["n"], reviewer=conflicted).delete()
    table = {r.pk: r for r in selectors.year_table(table_world["issuer"], review)}
    assert table[subs["n"].pk].total is None and table[subs["n"].pk].reviewers == 2
    assert table[subs["a"].pk].total == Decimal("83.32") and table[subs["a"].pk].rank == 1


def test_the_table_reads_nothing_per_row(table_world, django_assert_num_queries):
    """The panel and what rules each member out (their roles; the conflicted member's lawyer record and
    organizations, asked once), the scores' sums, the reports: eight queries for nine rows."""
    with django_assert_num_queries(8):
        assert len(selectors.year_table(table_world["issuer"], table_world["review"])) == 9


def test_its_readers_find_all_they_show_in_the_table(table_world, client, django_assert_num_queries):
    """The page, the exports and the API read nothing more per row: each row is plain values."""
    review = table_world["review"]
    table = selectors.year_table(table_world["issuer"], review)
    with django_assert_num_queries(0):
        cells = list(reports.rows(review, table))  # the .xlsx and the PDF
    assert len(cells) == len(table) == 9
    subs = table_world["subs"]
    first = cells[0]
    assert first[:5] == [1, "N支部", subs["n"].region.name, _("Written"), subs["n"].get_status_display()]
    assert first[-2:] == [95.0, Rating.GOOD.label]
    assert cells[-1][:5] == [
        None,
        "Z支部",
        subs["z"].region.name,
        _("Written"),
        subs["z"].get_status_display(),
    ]
    assert cells[-1][-2:] == [None, ""]
    # The page links each report by its id, as the submission names its own page
    client.force_login(table_world["issuer"])
    page = client.get(reverse("secretary_reports:detail", args=[review.pk])).content.decode()
    for s in subs.values():
        assert f'href="{s.get_absolute_url()}"' in page
    assert page.index(subs["n"].get_absolute_url()) < page.index(subs["a"].get_absolute_url())
