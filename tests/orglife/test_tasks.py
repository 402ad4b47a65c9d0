"""Monthly task lists: a committee publishes to its subtree (or chosen kinds), each organization answers
its items with a meeting or a reason, a held meeting answers its kind by itself; completion by
organization, district and month; the organizations behind; reminders and the 待办 of a secretary."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvxie.notifications.models import Notification
from lvxie.orglife import selectors, services
from lvxie.orglife.choices import AnswerState, MeetingKind
from lvxie.orglife.models import TaskAnswer, TaskRecipient
from lvxie.party.choices import OrgKind
from tests.orglife.conftest import hold, plan


def month_list(party, month, actor_key="party_futian", region_key="futian", **kw):
    actor = party["users"][actor_key]
    task_list = services.tasklist_create(
        actor=actor,
        region=party["regions"][region_key],
        month=month,
        title=f"{month:%Y年%m月}组织生活任务清单",
        **kw,
    )
    services.tasklist_item_add(
        actor=actor,
        task_list=task_list,
        kind=MeetingKind.COMMITTEE,
        topic="研究本月工作",
        due=month.replace(day=20),
    )
    services.tasklist_item_add(
        actor=actor,
        task_list=task_list,
        kind=MeetingKind.PARTY_DAY,
        topic="主题党日：学习新修订的《中国共产党纪律处分条例》",
        materials="《条例》全文",
        due=month.replace(day=25),
    )
    return task_list


def test_publishing_goes_to_the_organizations_of_the_subtree(party, today):
    task_list = month_list(party, today.replace(day=1))
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    orgs = set(task_list.recipients.values_list("org__name", flat=True))
    assert orgs == {"A支部", "J联合支部"}  # not the committee, not Nanshan
    secretary = party["users"]["secretary_a"]
    assert Notification.objects.filter(recipient=secretary).exists()
    assert list(selectors.recipient_list(secretary).values_list("org__name", flat=True)) == ["A支部"]
    assert not selectors.recipient_list(party["users"]["party_nanshan"]).exists()
    assert not selectors.recipient_list(party["users"]["firm"]).exists()


def test_publishing_to_chosen_kinds(party, today):
    task_list = month_list(party, today.replace(day=1), org_kinds=[OrgKind.JOINT_BRANCH])
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    assert list(task_list.recipients.values_list("org__name", flat=True)) == ["J联合支部"]


def test_a_published_list_is_fixed_and_bad_lists_are_refused(party, today):
    month = today.replace(day=1)
    actor = party["users"]["party_futian"]
    with pytest.raises(PermissionDenied):
        services.tasklist_create(actor=actor, region=party["regions"]["nanshan"], month=month, title="x")
    with pytest.raises(ValidationError):
        services.tasklist_create(
            actor=actor, region=party["regions"]["futian"], month=month.replace(day=2), title="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.tasklist_create(
            actor=actor,
            region=party["regions"]["futian"],
            month=month,
            title="x",
            audience_region=party["regions"]["nanshan"],
        )
    assert exc.value.error_dict["audience_region"][0].code == "region_outside"
    empty = services.tasklist_create(actor=actor, region=party["regions"]["futian"], month=month, title="空")
    with pytest.raises(ValidationError) as exc:
        services.tasklist_publish(actor=actor, task_list=empty)
    assert exc.value.error_list[0].code == "no_items"
    with pytest.raises(ValidationError) as exc:
        services.tasklist_item_add(
            actor=actor, task_list=empty, kind=MeetingKind.GROUP, topic="x", due=month - timedelta(days=1)
        )
    assert exc.value.error_dict["due"][0].code == "due_outside"
    task_list = month_list(party, month)
    services.tasklist_publish(actor=actor, task_list=task_list)
    with pytest.raises(ValidationError) as exc:
        services.tasklist_item_add(
            actor=actor, task_list=task_list, kind=MeetingKind.GROUP, topic="x", due=month
        )
    assert exc.value.error_list[0].code == "published"


def test_a_held_meeting_answers_its_item_and_the_list_turns_complete(party, today):
    month = today.replace(day=1)
    task_list = month_list(party, month)
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    secretary = party["users"]["secretary_a"]
    recipient = TaskRecipient.objects.get(task_list=task_list, org=party["orgs"]["a"])
    hold(plan(party["orgs"]["a"], today, kind=MeetingKind.COMMITTEE, actor=secretary), actor=secretary)
    states = [row.state for row in selectors.recipient_items(recipient)]
    assert states == [AnswerState.DONE, AnswerState.OPEN]
    party_day = plan(party["orgs"]["a"], today, kind=MeetingKind.PARTY_DAY, actor=secretary)
    services.task_answer(
        actor=secretary, recipient=recipient, item=task_list.items.get(seq=2), meeting=party_day
    )
    assert [row.state for row in selectors.recipient_items(recipient)] == [
        AnswerState.DONE,
        AnswerState.PLANNED,
    ]
    assert not selectors.is_complete(selectors.recipient_list(secretary).get(pk=recipient.pk))
    hold(party_day, actor=secretary)
    assert selectors.is_complete(selectors.recipient_list(secretary).get(pk=recipient.pk))
    _recipients, districts = selectors.completion(task_list)
    assert [(d.label, d.recipients, d.complete) for d in districts] == [("福田区", 2, 1)]
    months = selectors.monthly_completion(party["users"]["party_city"], today.year)
    assert (months[-1].recipients, months[-1].complete) == (2, 1)


def test_meetings_held_before_publication_answer_the_items(party, today):
    month = today.replace(day=1)
    hold(plan(party["orgs"]["a"], today, kind=MeetingKind.COMMITTEE))
    task_list = month_list(party, month)
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    recipient = TaskRecipient.objects.get(task_list=task_list, org=party["orgs"]["a"])
    assert [row.state for row in selectors.recipient_items(recipient)] == [AnswerState.DONE, AnswerState.OPEN]


def test_an_item_not_done_is_explained_and_a_wrong_meeting_refused(party, today):
    month = today.replace(day=1)
    task_list = month_list(party, month)
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    secretary = party["users"]["secretary_a"]
    recipient = TaskRecipient.objects.get(task_list=task_list, org=party["orgs"]["a"])
    committee_item, day_item = task_list.items.order_by("seq")
    wrong = {
        "other_kind": plan(party["orgs"]["a"], today, kind=MeetingKind.LECTURE),
        "other_org": plan(party["orgs"]["joint"], today, kind=MeetingKind.COMMITTEE),
        "other_month": plan(party["orgs"]["a"], month - timedelta(days=3), kind=MeetingKind.COMMITTEE),
    }
    for code, meeting in wrong.items():
        with pytest.raises(ValidationError) as exc:
            services.task_answer(actor=secretary, recipient=recipient, item=committee_item, meeting=meeting)
        assert exc.value.error_dict["meeting"][0].code == code
    with pytest.raises(ValidationError) as exc:
        services.task_answer(
            actor=secretary, recipient=recipient, item=committee_item, meeting=wrong["other_kind"], reason="x"
        )
    assert exc.value.error_dict["reason"][0].code == "both"
    assert not TaskAnswer.objects.exists()
    with pytest.raises(PermissionDenied):
        services.task_answer(
            actor=party["users"]["secretary_j"], recipient=recipient, item=day_item, reason="x"
        )
    services.task_answer(
        actor=secretary, recipient=recipient, item=committee_item, reason="支委外出培训，顺延至下月"
    )
    services.task_answer(actor=secretary, recipient=recipient, item=day_item, reason="与联合支部共同开展")
    assert selectors.is_complete(selectors.recipient_list(secretary).get(pk=recipient.pk))


def test_organizations_behind_and_reminders(party, today):
    past = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    task_list = month_list(party, past)
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    hold(plan(party["orgs"]["a"], past.replace(day=5), kind=MeetingKind.COMMITTEE))
    hold(plan(party["orgs"]["a"], past.replace(day=6), kind=MeetingKind.PARTY_DAY))
    behind = selectors.behind(party["users"]["party_city"], today)
    assert [r.org.name for r in behind] == ["J联合支部"]
    assert not selectors.behind(party["users"]["party_nanshan"], today).exists()
    # the joint branch's secretary is reminded of its overdue items once a day
    sent = services.task_reminders_send(today=past.replace(day=26))
    assert sent == 2
    assert services.task_reminders_send(today=past.replace(day=26)) == 0
    assert set(Notification.objects.values_list("recipient__username", flat=True)) >= {"secretary_j"}


def test_the_secretary_s_todo_lists_the_open_items(party, today):
    month = today.replace(day=1)
    task_list = month_list(party, month)
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    todos = selectors.todos(party["users"]["secretary_a"], today)
    assert [t.title for t in todos] == [
        "A支部: 研究本月工作",
        "A支部: 主题党日：学习新修订的《中国共产党纪律处分条例》",
    ]
    hold(plan(party["orgs"]["a"], today, kind=MeetingKind.COMMITTEE))
    assert len(selectors.todos(party["users"]["secretary_a"], today)) == 1
    assert selectors.todos(party["users"]["party_futian"], today) == []
    assert selectors.todos(party["users"]["firm"], today) == []


def test_cancelling_a_meeting_frees_its_item(party, today):
    month = today.replace(day=1)
    task_list = month_list(party, month)
    services.tasklist_publish(actor=party["users"]["party_futian"], task_list=task_list)
    recipient = TaskRecipient.objects.get(task_list=task_list, org=party["orgs"]["a"])
    meeting = plan(party["orgs"]["a"], today + timedelta(days=1), kind=MeetingKind.COMMITTEE)
    services.task_answer(actor=None, recipient=recipient, item=task_list.items.get(seq=1), meeting=meeting)
    services.meeting_transition(
        actor=None, meeting=meeting, action="cancel", version=meeting.version, reason="改期"
    )
    assert selectors.recipient_items(recipient)[0].state == AnswerState.OPEN
    assert TaskAnswer.objects.get(recipient=recipient).meeting is None
