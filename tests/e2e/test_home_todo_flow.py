"""Each role's home page (工作台) in a real browser opens on what waits for them, with each clock, and the
top bar counts it (screenshots in /tmp/shots/home-<role>.png)."""

import datetime as dt
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.calls import services as calls
from lvxie.ledgers.choices import ItemAction
from lvxie.ledgers.services import item_evidence_add, item_transition, ledger_create
from lvxie.notices.choices import AudienceKind
from lvxie.notices.services import notice_create, notice_publish
from lvxie.party.choices import MemberStatus
from lvxie.party.services import membership_transfer
from tests import uploads
from tests.calls.conftest import VALUES as CASE
from tests.e2e.conftest import login
from tests.factories import make_user
from tests.ledgers.conftest import add_item
from tests.party.world import build_party_world

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots")


@pytest.fixture
def work(world):
    party = build_party_world(world)
    users, today = party["users"], timezone.localdate()
    secretary_j = make_user(None, username="secretary_j")
    RoleAssignment.objects.create(user=secretary_j, role=Role.ORG_SECRETARY, party_org=party["orgs"]["joint"])
    notice = notice_create(
        actor=users["city"],
        title="关于报送年度学习计划的通知",
        body="请各律所报送",
        sender_region=world["regions"]["city"],
        reply_required=True,
        reply_due=today + timedelta(days=3),
    )
    notice_publish(actor=users["city"], notice=notice)
    ledger = ledger_create(actor=users["firm"], firm=world["ft_firm"], title="2026年整改台账", year=2026)
    add_item(users["firm"], ledger, problem="学习制度未落实", deadline=today - timedelta(days=3))
    add_item(users["firm"], ledger, problem="档案不全", responsible_user=users["lawyer"])
    submitted = add_item(users["firm"], ledger, problem="党建进章程")
    item_evidence_add(actor=users["firm"], item=submitted, files=[uploads.checked(uploads.pdf())])
    submitted.refresh_from_db()
    item_transition(actor=users["firm"], item=submitted, action=ItemAction.SUBMIT, version=submitted.version)
    member = party["lawyers"]["a"][0].party_memberships.get(status=MemberStatus.ACTIVE)
    membership_transfer(
        actor=users["secretary_a"], member=member, to_org=party["orgs"]["joint"], on=dt.date(2024, 5, 1)
    )
    # A call to the Futian and Nanshan firms: Futian's still a draft, Nanshan's accepted, to score
    reviewer1 = make_user(Role.CITY_ADMIN, region=world["regions"]["city"], username="reviewer1")
    call = calls.call_create(
        actor=users["city"],
        title="2026年度经典案例征集",
        kind="classic_cases",
        region=world["regions"]["city"],
        audience_kind=AudienceKind.FIRMS,
        audience_firms=[world["ft_firm"], world["ns_firm"]],
        deadline=today + timedelta(days=20),
        reviewers=[reviewer1],
    )
    calls.call_open(actor=users["city"], call=call)
    ns_submission = call.submissions.get(firm=world["ns_firm"])
    calls.submission_save(actor=None, submission=ns_submission, values={**CASE, "case_name": "南山的案例"})
    calls.submission_submit(actor=None, submission=ns_submission)
    calls.submission_accept(actor=None, submission=ns_submission)
    return party


# username → texts its list must show (and must not)
EXPECTED = {
    "city": (["党建进章程"], ["档案不全", "南山的案例"]),
    "futian": (["党建进章程"], ["学习制度未落实", "2026年度经典案例征集"]),
    "nanshan": ([], ["党建进章程", "南山的案例"]),
    "firmadmin": (["学习制度未落实", "关于报送年度学习计划的通知", "2026年度经典案例征集"], ["党建进章程"]),
    "lawyer": (["档案不全"], ["学习制度未落实", "2026年度经典案例征集"]),
    # a city administrator named reviewer: the item to close as well as the submission to score
    "reviewer1": (["2026年度经典案例征集 · 南山的案例", "待评分", "党建进章程"], ["档案不全"]),
    "party_futian": (["J联合支部"], []),
    "secretary_j": (["J联合支部"], ["学习制度未落实"]),
    "secretary_a": ([], []),
    "auditor": ([], []),
}


@pytest.mark.parametrize("username", list(EXPECTED))
def test_each_role_home_page_opens_on_its_to_do_list(page, work, username):
    shown, hidden = EXPECTED[username]
    login(page, username)
    page.wait_for_url(re.compile(r"/$"))
    section = page.locator("section.todo")
    assert section.count() == 1
    text = section.inner_text()
    for words in shown:
        assert words in text, (username, words)
    for words in hidden:
        assert words not in text, (username, words)
    rows = section.locator("tbody tr").count()
    if rows:
        page.locator("#todo-count").wait_for()
        assert page.locator("#todo-count").inner_text() == str(rows)
    else:
        assert "没有等待您处理的事项" in text
    # A lawyer's and a firm administrator's home page is about their work: no district charts
    if username in ("lawyer", "firmadmin", "secretary_a", "secretary_j"):
        assert page.locator("[data-chart]").count() == 0
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"home-{username}.png"), full_page=True)
