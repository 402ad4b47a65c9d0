"""Member development in a real browser: A支部's secretary records an application, makes the applicant an
activist and sees a step refused in Chinese with nothing changed; 福田's committee staff approve an
admission that made a probationary member; the counts page draws its chart. Screenshots of the
pipeline, a person's page and the counts (LVXIE_SCREENSHOTS=dir keeps them)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lvxie.orglife.choices import MeetingKind
from lvxie.recruitment import services
from lvxie.recruitment.choices import PersonKind, Stage, Step
from lvxie.recruitment.models import Recruit
from tests.e2e.conftest import login
from tests.recruitment.conftest import ago, held_meeting, rw, step  # noqa: F401 - the world

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("LVXIE_SCREENSHOTS") or "/tmp")


def _history(rw):  # noqa: F811
    """A trainee on probation (its year ends in ten days) and a staff member admitted by the branch,
    awaiting the committee: the pipeline has more than one stage."""
    secretary, org = rw["users"]["secretary_a"], rw["orgs"]["a"]
    trainee = services.recruit_create(
        actor=secretary,
        org=org,
        person_kind=PersonKind.TRAINEE,
        certificate_no=rw["trainee"].certificate_no,
        applied_on=ago(900),
        birth_year=1999,
        reference="入党申请书第3号",
    )
    # Its branch decisions taken at meetings recorded under organizational life
    org = rw["orgs"]["a"]
    committee = held_meeting(org, MeetingKind.COMMITTEE, ago(845), topic="研究确定入党积极分子")
    step(rw, trainee, Step.ACTIVIST, None, meeting=committee.pk, reference="支委会会议记录第12页")
    first, second = rw["introducers"]
    target = held_meeting(org, MeetingKind.COMMITTEE, ago(465), topic="研究确定发展对象")
    step(rw, trainee, Step.TARGET, None, meeting=target.pk, introducer_1=first.pk, introducer_2=second.pk)
    members = held_meeting(org, MeetingKind.MEMBERS, ago(355), topic="讨论接收预备党员")
    step(rw, trainee, Step.ADMIT, None, meeting=members.pk)
    step(rw, trainee, Step.APPROVE_ADMISSION, ago(350), reference="福组审〔2025〕3号")
    staff = services.recruit_create(
        actor=secretary,
        org=org,
        person_kind=PersonKind.STAFF,
        name="周晓雯",
        firm=rw["firms"]["a"],
        applied_on=ago(700),
        firm_manager=True,
        reference="入党申请书第4号",
    )
    step(rw, staff, Step.ACTIVIST, ago(650), reference="2024年第3次支委会")
    first, second = rw["introducers"]
    step(
        rw,
        staff,
        Step.TARGET,
        ago(200),
        introducer_1=first.pk,
        introducer_2=second.pk,
        reference="2025年第4次支委会",
    )
    step(rw, staff, Step.ADMIT, ago(5), reference="2026年第5次支部党员大会")
    return trainee, staff


def test_the_secretary_and_the_committee_take_people_along_the_way(page, rw):  # noqa: F811
    shots = SHOTS if os.environ.get("LVXIE_SCREENSHOTS") else Path("/tmp")
    trainee, staff = _history(rw)
    lawyer = rw["lawyers"]["a"][4]

    login(page, "secretary_a")
    page.click("nav >> text=发展党员")
    page.wait_for_selector("#stage-totals")
    page.click("#new-recruit")
    page.select_option("#id_org", str(rw["orgs"]["a"].pk))
    page.select_option("#id_person_kind", PersonKind.LAWYER)
    page.fill("#id_licence_no", lawyer.licence_no)
    page.fill("#id_birth_year", "1997")
    page.fill("#id_applied_on", ago(800).isoformat())
    page.fill("#id_reference", "入党申请书第5号")
    page.click("button[type=submit]")
    page.wait_for_selector("#recruit-stage:has-text('入党申请人')")
    recruit = Recruit.objects.get(lawyer=lawyer)

    # Made an activist by the branch committee
    form = page.locator("#step-activist")
    form.locator("input[name=decided_on]").fill(ago(760).isoformat())
    form.locator("input[name=reference]").fill("2024年第2次支委会")
    form.locator("button").click()
    page.wait_for_selector("#recruit-stage:has-text('入党积极分子')")

    # Too early for a development target (trained less than a year): refused in Chinese, nothing changed
    form = page.locator("#step-target")
    form.locator("input[name=decided_on]").fill(ago(600).isoformat())
    form.locator("select[name=introducer_1]").select_option(str(rw["introducers"][0].pk))
    form.locator("select[name=introducer_2]").select_option(str(rw["introducers"][1].pk))
    form.locator("button").click()
    expect(page.locator(".errorlist").first).to_contain_text("一年以上培养教育和考察")
    recruit.refresh_from_db()
    assert recruit.stage == Stage.ACTIVIST and recruit.introducer_1 is None

    page.goto(page.base_url + "/recruitment/")
    page.wait_for_selector("#stage-totals")
    page.screenshot(path=str(shots / "recruitment-pipeline.png"), full_page=True)
    page.goto(page.base_url + trainee.get_absolute_url())
    page.wait_for_selector("#events")
    trainee.refresh_from_db()
    expect(page.locator("#probation-ends")).to_contain_text(trainee.probation_ends_on.isoformat())
    page.screenshot(path=str(shots / "recruitment-person.png"), full_page=True)

    # The committee staff approve the staff member's admission
    page.context.clear_cookies()
    login(page, "party_futian")
    page.goto(page.base_url + staff.get_absolute_url())
    form = page.locator("#step-approve_admission")
    form.locator("input[name=decided_on]").fill(ago(1).isoformat())
    form.locator("input[name=reference]").fill("福组审〔2026〕12号")
    form.locator("button").click()
    page.wait_for_selector("#recruit-stage:has-text('预备党员')")
    staff.refresh_from_db()
    assert staff.stage == Stage.PROBATIONARY and staff.membership is None  # not a lawyer: not on the roll
    assert Recruit.objects.get(pk=trainee.pk).membership is None

    page.goto(page.base_url + "/recruitment/counts/")
    page.wait_for_selector("[data-chart=recruitment-chart] canvas")
    page.screenshot(path=str(shots / "recruitment-counts.png"), full_page=True)
    assert re.search("A支部", page.content())
