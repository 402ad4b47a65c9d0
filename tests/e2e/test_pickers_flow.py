"""The supervisor picker in a real browser: type part of a name, the suggestions narrow to the practising
namesakes told apart by licence number and firm, pick one, save."""

import re

import pytest
from playwright.sync_api import expect

from lvxie.registry.choices import LawyerStatus
from lvxie.registry.models import Trainee
from tests.e2e.conftest import login
from tests.factories import LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.e2e


def test_pick_a_supervisor_by_typing_part_of_the_name(page, world):
    other_firm = LawFirmFactory(name="福田第二律师事务所", region=world["regions"]["futian"])
    one = LawyerFactory(name="陈倩", firm=world["ft_firm"])
    two = LawyerFactory(name="陈倩", firm=other_firm)
    LawyerFactory(name="陈倩", firm=world["ft_firm"], status=LawyerStatus.CANCELLED)
    login(page, "futian")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.base_url + "/trainees/new/")
    page.fill("#id_name", "李小红")
    page.select_option("#id_gender", "F")
    page.select_option("#id_firm", str(world["ft_firm"].pk))
    page.fill("#id_certificate_no", "S20260001")
    page.fill("#id_started_on", "2026-03-01")
    # Typing pinyin narrows the suggestions (htmx) to the two practising 陈倩, not the deregistered one
    page.fill("#id_supervisor", "chenq")
    choices = page.locator("#id_supervisor-choices label")
    expect(choices).to_have_count(3)  # "None" and the two namesakes
    expect(page.locator("#id_supervisor-choices")).to_contain_text(two.licence_no)
    expect(page.locator("#id_supervisor-choices")).to_contain_text(other_firm.name)
    expect(page.locator("#id_supervisor-choices")).to_contain_text(one.licence_no)
    page.screenshot(path="/tmp/pickers-suggestions.png", full_page=True)
    page.locator("#id_supervisor-choices label", has_text=two.licence_no).locator("input").check()
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/trainees/\d+/$"))
    page.screenshot(path="/tmp/pickers-saved.png", full_page=True)
    assert Trainee.objects.get().supervisor == two
