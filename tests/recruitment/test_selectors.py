"""The counts per organization and year (`selectors.counts`): each measure in the year of its own date,
new members only once approved, rows sorted by organization path then year, narrowed by an
organization's subtree or a range of years."""

from datetime import date

import pytest

from lvxie.recruitment import selectors
from lvxie.recruitment.choices import PersonKind, Stage
from lvxie.recruitment.models import Recruit

pytestmark = pytest.mark.django_db


def _staff(org, stage: str, **dates) -> Recruit:
    return Recruit.objects.create(org=org, person_kind=PersonKind.STAFF, name="职员甲", stage=stage, **dates)


@pytest.fixture
def records(rw):
    a, n = rw["orgs"]["a"], rw["orgs"]["n"]
    _staff(
        a,
        Stage.FULL,
        applied_on=date(2021, 3, 1),
        activist_on=date(2021, 9, 1),
        target_on=date(2022, 9, 1),
        admitted_on=date(2023, 1, 5),
        approved_on=date(2023, 2, 1),
        probation_ends_on=date(2024, 1, 5),
        full_on=date(2024, 1, 6),
    )
    _staff(a, Stage.ACTIVIST, applied_on=date(2021, 5, 1), activist_on=date(2022, 1, 1))
    # Admitted by the branch, not yet approved: no new member yet.
    _staff(
        a,
        Stage.ADMISSION_PENDING,
        applied_on=date(2022, 5, 1),
        activist_on=date(2022, 11, 1),
        target_on=date(2023, 12, 1),
        admitted_on=date(2024, 12, 1),
    )
    _staff(n, Stage.APPLICANT, applied_on=date(2023, 1, 1))
    return a, n


def _rows(found) -> list[tuple[int, str, int, tuple[int, ...]]]:
    return [(r.org_id, r.org_name, r.year, tuple(r.counts.values())) for r in found]


def test_each_measure_counts_in_its_own_year_sorted_by_path_then_year(rw, records):
    a, n = records
    # applied, activists, targets, admitted, full
    expected_a = [
        (a.pk, a.name, 2021, (2, 1, 0, 0, 0)),
        (a.pk, a.name, 2022, (1, 2, 1, 0, 0)),
        (a.pk, a.name, 2023, (0, 0, 1, 1, 0)),
        (a.pk, a.name, 2024, (0, 0, 0, 0, 1)),
    ]
    expected_n = [(n.pk, n.name, 2023, (1, 0, 0, 0, 0))]
    expected = expected_a + expected_n if a.path < n.path else expected_n + expected_a
    found = selectors.counts(rw["users"]["party_city"])
    assert _rows(found) == expected
    assert all(list(r.counts) == [name for name, _f in selectors.MEASURES] for r in found)
    assert found[0].values == list(expected[0][3])
    assert _rows(selectors.counts(rw["users"]["party_city"], org=n)) == expected_n
    in_years = selectors.counts(rw["users"]["party_city"], years=(2022, 2023))
    assert _rows(in_years) == [row for row in expected if row[2] in (2022, 2023)]
    years, totals = selectors.yearly_totals(found)
    assert years == [2021, 2022, 2023, 2024] and totals["applied"] == [2, 1, 1, 0]


def test_the_counts_stay_in_the_actors_scope(rw, records):
    _a, n = records
    # N支部's secretary sees their own branch only.
    assert {r.org_id for r in selectors.counts(rw["users"]["secretary_n"])} == {n.pk}
    assert selectors.counts(None) == []
