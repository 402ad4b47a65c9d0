"""Working days: the State Council's 2026 schedule as the package and staff know it, staff overrides
above the package, and deadlines that stay provisional until staff confirm the years they pass through."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from lvxie.audit.models import AuditEvent
from lvxie.workflow import services, workdays
from lvxie.workflow.choices import DayKind
from lvxie.workflow.workdays import add_working_days, is_working_day, working_days_between

D = dt.date


@pytest.fixture
def city(world):
    return world["users"]["city"]


def test_ten_working_days_from_monday_28_september_2026_fall_on_friday_16_october(city):
    # given 2026 confirmed by staff (the package knows its adjusted weekends)
    services.workdays_confirm(actor=city, year=2026)
    # then 1–7 October are off and Saturday 10 October is worked, as the State Council's schedule says
    assert not any(is_working_day(D(2026, 10, day)) for day in range(1, 8))
    assert is_working_day(D(2026, 10, 10)) and is_working_day(D(2026, 9, 20))
    assert not is_working_day(D(2026, 10, 11))  # an ordinary Sunday
    # when a 10-working-day deadline starts on Monday 28 September
    deadline = add_working_days(D(2026, 9, 28), 10)
    # then it falls on Friday 16 October, firm
    assert deadline.date == D(2026, 10, 16) and deadline.date.weekday() == 4
    assert not deadline.provisional
    assert working_days_between(D(2026, 9, 28), D(2026, 10, 16)) == 10
    assert working_days_between(D(2026, 10, 16), D(2026, 9, 28)) == -10
    assert add_working_days(D(2026, 10, 16), -10).date == D(2026, 9, 28)


def test_the_same_deadline_is_provisional_until_staff_confirm_2026(city):
    deadline = add_working_days(D(2026, 9, 28), 10)
    assert deadline.date == D(2026, 10, 16)
    assert deadline.provisional and deadline.unconfirmed_years == (2026,)
    services.workdays_confirm(actor=city, year=2026)
    assert not add_working_days(D(2026, 9, 28), 10).provisional
    event = AuditEvent.objects.get(action="workdays.confirm")
    assert event.actor_id == city.pk and "2026-10-10" in event.after["working_weekends"]


def test_a_staff_override_wins_over_the_package(city):
    # given staff declare Saturday 10 October a day off after all, and Monday 12 October too
    services.workday_override_set(actor=city, day=D(2026, 10, 10), kind=DayKind.DAY_OFF, note="更正")
    services.workday_override_set(actor=city, day=D(2026, 10, 12), kind=DayKind.DAY_OFF)
    # then the deadline moves by two working days
    assert not is_working_day(D(2026, 10, 10))
    assert add_working_days(D(2026, 9, 28), 10).date == D(2026, 10, 20)
    # and removing one override gives the package its word back
    assert services.workday_override_remove(actor=city, day=D(2026, 10, 10)) is True
    assert is_working_day(D(2026, 10, 10))
    assert add_working_days(D(2026, 9, 28), 10).date == D(2026, 10, 19)
    assert services.workday_override_remove(actor=city, day=D(2026, 10, 10)) is False
    actions = list(
        AuditEvent.objects.filter(action__startswith="workdays.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["workdays.override_set", "workdays.override_set", "workdays.override_remove"]


def test_a_deadline_reaching_into_an_unconfirmed_year_is_provisional_until_staff_correct_and_confirm(city):
    # given 2026 confirmed, and 2027 whose adjusted weekends the package does not know yet
    services.workdays_confirm(actor=city, year=2026)
    assert not workdays.year_calendar(2027).package_knows_adjusted_days
    # when a deadline of 20 working days starts in late December 2026
    deadline = add_working_days(D(2026, 12, 21), 20)
    # then it is provisional, because of 2027
    assert deadline.provisional and deadline.unconfirmed_years == (2027,)
    # when staff correct 2027 (a Sunday worked, as a schedule might say) and confirm it
    services.workday_override_set(actor=city, day=D(2027, 1, 10), kind=DayKind.WORKING, note="调休上班")
    services.workdays_confirm(actor=city, year=2027)
    corrected = add_working_days(D(2026, 12, 21), 20)
    # then the deadline is firm, and one working day earlier
    assert not corrected.provisional
    assert working_days_between(corrected.date, deadline.date) == 1
    assert workdays.year_calendar(2027).working_weekends[D(2027, 1, 10)].source == "staff"


def test_a_deadline_inside_a_confirmed_year_is_not_made_provisional_by_others(city):
    services.workdays_confirm(actor=city, year=2026)
    assert not add_working_days(D(2026, 3, 2), 5).provisional
    assert add_working_days(D(2026, 3, 2), 0).date == D(2026, 3, 2)


def test_only_city_staff_edit_the_calendar(world):
    for name in ("futian", "firm", "lawyer", "auditor", "nobody"):
        with pytest.raises(PermissionDenied):
            services.workdays_confirm(actor=world["users"][name], year=2026)
        with pytest.raises(PermissionDenied):
            services.workday_override_set(actor=world["users"][name], day=D(2026, 1, 5), kind=DayKind.DAY_OFF)
    assert not AuditEvent.objects.filter(action__startswith="workdays.").exists()


def test_city_party_committee_staff_may_edit_the_calendar_but_district_party_staff_may_not(world):
    from lvxie.accounts.choices import Role
    from lvxie.workflow.policies import allowed
    from tests.factories import make_user

    city_party = make_user(Role.PARTY_ADMIN, region=world["regions"]["city"], username="cityparty")
    district_party = make_user(Role.PARTY_ADMIN, region=world["regions"]["futian"], username="ftparty")
    assert allowed(city_party, "workdays.edit") and not allowed(district_party, "workdays.edit")
    assert allowed(world["users"]["city"], "workdays.edit")


def test_the_calendar_is_cached_per_year_and_dropped_when_staff_change_it(city, django_assert_num_queries):
    workdays.year_calendar(2026)
    with django_assert_num_queries(1):  # the cache only
        assert is_working_day(D(2026, 10, 10))
    services.workday_override_set(actor=city, day=D(2026, 10, 10), kind=DayKind.DAY_OFF)
    assert not is_working_day(D(2026, 10, 10))
