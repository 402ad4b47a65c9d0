"""A lawyer and a firm administrator in a real browser (issue 18): the lawyer's home page is about them
and gives their firm's true figures; they update their own phone; the firm administrator's firm page
counts the whole firm."""

import re

import pytest

from lvxie.registry.models import Lawyer
from tests.e2e.conftest import login
from tests.factories import LawyerFactory, OfficeFactory, TraineeFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def firm_of_five(world):
    """The 福田 firm with 5 lawyers, a trainee and 2 overseas offices (the figures this walk reads)."""
    firm = world["ft_firm"]
    for _ in range(4):
        LawyerFactory(firm=firm)
    TraineeFactory(firm=firm)
    for city in ("新加坡", "伦敦"):
        OfficeFactory(firm=firm, city=city)
    return firm


def figures(page) -> list[str]:
    return [text.strip() for text in page.locator(".stats .stat .n").all_inner_texts()]


def test_lawyer_home_and_own_phone(page, world, firm_of_five, tmp_path):
    lawyer = world["ft_lawyer"]
    login(page, "lawyer")
    page.wait_for_url(re.compile(r"/$"))
    # The home page: their record, their firm's figures (5 lawyers, 1 trainee, 2 offices), their tasks
    assert "我的执业信息" in page.inner_text("main")
    assert figures(page) == ["5", "1", "2"]
    assert page.locator("[data-chart=firm-chart]").count() == 0
    page.screenshot(path=str(tmp_path / "roles-lawyer-home.png"), full_page=True)

    # Their own edit page: phone and practice areas to change, the licence shown read only
    page.click("text=更新我的联系方式")
    page.wait_for_url(re.compile(r"/edit/$"))
    assert page.locator("#id_licence_no").count() == 0
    assert lawyer.licence_no in page.inner_text("main")
    page.fill("#id_phone", "13912340000")
    page.screenshot(path=str(tmp_path / "roles-lawyer-edit.png"), full_page=True)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(rf"/lawyers/{lawyer.pk}/$"))
    assert Lawyer.objects.get(pk=lawyer.pk).phone == "13912340000"


def test_firm_admin_firm_page_counts_the_whole_firm(page, world, firm_of_five, tmp_path):
    login(page, "firmadmin")
    page.wait_for_url(re.compile(r"/$"))
    assert figures(page) == ["5", "1", "2"]
    page.screenshot(path=str(tmp_path / "roles-firmadmin-home.png"), full_page=True)
    page.goto(page.base_url + f"/firms/{firm_of_five.pk}/")
    assert figures(page) == ["5", "1", "2"]
    assert "律师（5 人）" in page.inner_text("main")
    page.screenshot(path=str(tmp_path / "roles-firmadmin-firm.png"), full_page=True)
