"""Each role's home page (工作台) fits the role (issue 18): a lawyer's is about their record and their
firm, a firm administrator's about the firm, a region role's the region's dashboard."""

from django.urls import reverse

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from tests.conftest import page
from tests.factories import make_user


def test_lawyer_home_shows_own_record_firm_and_tasks_not_a_district_chart(client, world, big_firm):
    # given the firm's lawyer
    body = page(client, world["users"]["lawyer"], "home")
    context = client.get(reverse("home")).context
    # then the home page is about them: their record, their firm's true figures, their tasks
    assert context["me"] == world["ft_lawyer"]
    assert context["my_firm_figures"]["lawyers"] == 4
    assert context["can_edit_me"] is True
    assert reverse("registry:lawyer_update", args=[world["ft_lawyer"].pk]) in body
    assert reverse("notifications:list") in body
    # and no "1 firm by district" dashboard
    assert "counts" not in context
    assert 'data-chart="firm-chart"' not in body


def test_firm_admin_home_shows_the_firms_figures(client, world, big_firm):
    body = page(client, world["users"]["firm"], "home")
    context = client.get(reverse("home")).context
    [(firm, figures)] = context["firms"]
    assert firm == big_firm
    assert (figures["lawyers"], figures["trainees"], figures["offices"]) == (4, 2, 3)
    assert "counts" not in context and 'data-chart="firm-chart"' not in body
    assert reverse("notices:inbox") in body


def test_region_home_counts_the_region(client, world, big_firm):
    # given the city administrator (two districts: the 福田 firm's 4 lawyers, the 南山 one's 1)
    body = page(client, world["users"]["city"], "home")
    counts = client.get(reverse("home")).context["counts"]
    # then the dashboard counts the region's firms and lawyers, with the district charts
    assert (counts["firms"], counts["lawyers"], counts["trainees"], counts["offices"]) == (2, 5, 2, 3)
    assert 'data-chart="firm-chart"' in body


def test_a_district_admin_who_is_also_a_lawyer_sees_both_parts(client, world, big_firm):
    # given the 南山 lawyer who also administers the 福田 district
    user = make_user(Role.LAWYER, lawyer=world["ns_lawyer"])
    RoleAssignment.objects.create(user=user, role=Role.DISTRICT_ADMIN, region=world["regions"]["futian"])
    # when they open the home page, then they see their own record and the district's dashboard
    client.force_login(user)
    context = client.get(reverse("home")).context
    assert context["me"] == world["ns_lawyer"]
    assert context["counts"]["lawyers"] == 4  # the 福田 district, not the 南山 lawyer's own firm
