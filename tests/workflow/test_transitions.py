"""The one transition service: its refusals change nothing; a step writes the history row and the audit
event and tells the people the workflow names. A workflow declared here, over rectification items (a
model with a status and a version), with the ledgers' policy actions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lvxie.audit.models import AuditEvent
from lvxie.ledgers.choices import ItemStatus
from lvxie.ledgers.models import Evidence, RectificationItem
from lvxie.ledgers.policies import ITEM_CLOSE, ITEM_START
from lvxie.ledgers.services import ledger_create
from lvxie.notifications.models import Notification
from lvxie.workflow.models import TransitionRecord
from lvxie.workflow.transitions import (
    STALE,
    Message,
    Transition,
    Workflow,
    files_into,
    history,
    perform,
)
from tests import uploads
from tests.ledgers.conftest import add_item

TOLD: list[str] = []


def _tell(change):
    TOLD.append(change.transition.name)
    users = [change.extra["tell"]] if change.extra.get("tell") else []
    return Message(users=users, title=f"{change.obj.number}: {change.transition.name}", url="/x/")


IN_PROGRESS, SUBMITTED = (ItemStatus.IN_PROGRESS,), ItemStatus.SUBMITTED


def workflow(version_field="version"):
    return Workflow(
        name="test.item",
        model=RectificationItem,
        states=ItemStatus,
        transitions=(
            Transition("begin", (ItemStatus.OPEN,), ItemStatus.IN_PROGRESS, ITEM_START, needs_reason=True),
            Transition("decide", IN_PROGRESS, SUBMITTED, ITEM_START, decisions=("yes",)),
            Transition("attach", IN_PROGRESS, SUBMITTED, ITEM_START, needs_files=True),
            Transition("approve", (ItemStatus.SUBMITTED,), ItemStatus.CLOSED, ITEM_CLOSE),
        ),
        audit_prefix="test.item.",
        version_field=version_field,
        store_files=files_into(Evidence, "item"),
        tell=_tell,
    )


@pytest.fixture
def item(world):
    ledger = ledger_create(actor=world["users"]["firm"], firm=world["ft_firm"], title="台账", year=2023)
    TOLD.clear()
    return add_item(world["users"]["firm"], ledger)


def _unchanged(item, status=ItemStatus.OPEN, version=1):
    item.refresh_from_db()
    assert (item.status, item.version) == (status, version)
    assert not history(item).exists()
    assert not AuditEvent.objects.filter(action__startswith="test.item.").exists()
    assert TOLD == []


def test_a_step_writes_history_and_audit_and_tells_the_people_named(world, item):
    firm, futian = world["users"]["firm"], world["users"]["futian"]
    perform(workflow(), actor=firm, obj=item, name="begin", version=1, reason="  开始整改 ", tell=futian)
    item.refresh_from_db()
    assert (item.status, item.version) == (ItemStatus.IN_PROGRESS, 2)
    (row,) = history(item)
    assert (row.workflow, row.transition, row.from_state, row.to_state) == (
        "test.item",
        "begin",
        ItemStatus.OPEN,
        ItemStatus.IN_PROGRESS,
    )
    assert (row.actor, row.actor_name, row.reason) == (firm, firm.display_name or firm.username, "开始整改")
    event = AuditEvent.objects.get(action="test.item.begin")
    assert event.object_id == str(item.pk) and event.actor_id == firm.pk
    assert event.after["status"] == ItemStatus.IN_PROGRESS
    assert TOLD == ["begin"]
    told = Notification.objects.filter(title=f"{item.number}: begin")
    assert [n.recipient for n in told] == [futian]


def test_a_step_from_the_wrong_state_is_refused_and_changes_nothing(world, item):
    with pytest.raises(ValidationError) as error:
        perform(workflow(), actor=world["users"]["firm"], obj=item, name="decide", version=1, decision="yes")
    assert error.value.code == "transition"
    assert str(ItemStatus.OPEN.label) in error.value.messages[0]
    _unchanged(item)


def test_a_missing_reason_or_decision_or_file_is_refused(world, item):
    firm = world["users"]["firm"]
    with pytest.raises(ValidationError) as error:
        perform(workflow(), actor=firm, obj=item, name="begin", version=1, reason="   ")
    assert error.value.error_dict["reason"][0].code == "reason_required"
    _unchanged(item)
    perform(workflow(), actor=firm, obj=item, name="begin", version=1, reason="开始")
    TOLD.clear()
    with pytest.raises(ValidationError) as error:
        perform(workflow(), actor=firm, obj=item, name="decide", version=2, decision="maybe")
    assert error.value.error_dict["decision"][0].code == "decision_required"
    with pytest.raises(ValidationError) as error:
        perform(workflow(), actor=firm, obj=item, name="attach", version=2)
    assert error.value.code == "no_files"
    item.refresh_from_db()
    assert (item.status, item.version, history(item).count(), TOLD) == (ItemStatus.IN_PROGRESS, 2, 1, [])


def test_files_given_with_a_step_are_stored_and_named_in_the_history(world, item):
    firm = world["users"]["firm"]
    perform(workflow(), actor=firm, obj=item, name="begin", version=1, reason="开始")
    perform(
        workflow(),
        actor=firm,
        obj=item,
        name="attach",
        version=2,
        files=[uploads.checked(uploads.pdf("签到表.pdf"))],
    )
    assert list(item.evidence.values_list("name", flat=True)) == ["签到表.pdf"]
    assert history(item).last().files == ["签到表.pdf"]
    assert AuditEvent.objects.get(action="test.item.attach").after["files"] == ["签到表.pdf"]


def test_a_stale_version_is_refused_with_a_clear_message_and_changes_nothing(world, item):
    with pytest.raises(ValidationError) as error:
        perform(workflow(), actor=world["users"]["firm"], obj=item, name="begin", version=7, reason="开始")
    assert error.value.code == "stale"
    assert error.value.messages == [str(STALE)]
    _unchanged(item)


def test_without_a_version_the_row_is_locked_and_reread(world, item):
    # Two copies of one item read before either acts: the second sees the state the first left.
    firm = world["users"]["firm"]
    other_copy = RectificationItem.objects.get(pk=item.pk)
    perform(workflow(None), actor=firm, obj=item, name="begin", reason="开始")
    with pytest.raises(ValidationError) as error:
        perform(workflow(None), actor=firm, obj=other_copy, name="begin", reason="又开始")
    assert error.value.code == "transition"
    assert history(item).count() == 1


def test_the_policy_decides_who_may_before_anything_else(world, item):
    # The firm keeps the item but may not approve it; a district in another district may not start it.
    with pytest.raises(PermissionDenied):
        perform(workflow(), actor=world["users"]["nanshan"], obj=item, name="begin", version=1, reason="x")
    _unchanged(item)
    assert [t.name for t in workflow().available(world["users"]["firm"], item)] == ["begin"]
    assert workflow().available(world["users"]["nanshan"], item) == []


def test_an_unknown_step_is_bad_input(world, item):
    with pytest.raises(ValidationError) as error:
        perform(workflow(), actor=world["users"]["firm"], obj=item, name="explode", version=1)
    assert error.value.code == "unknown_action"
    _unchanged(item)


def test_a_workflow_declaring_a_step_twice_is_a_programming_error():
    with pytest.raises(ValueError):
        Workflow(
            name="twice",
            model=RectificationItem,
            states=ItemStatus,
            transitions=(
                Transition("a", (ItemStatus.OPEN,), ItemStatus.CLOSED, ITEM_START),
                Transition("a", (ItemStatus.OPEN,), ItemStatus.CLOSED, ITEM_START),
            ),
            audit_prefix="twice.",
        )


def test_moved_workflows_write_their_history(world):
    """Notice receipts keep theirs in the shared table (the ledgers keep ItemEvent)."""
    from lvxie.notices.services import notice_create, notice_publish, receipt_acknowledge

    futian = world["users"]["futian"]
    region = world["regions"]["futian"]
    notice = notice_create(actor=futian, title="学习通知", body="请学习", sender_region=region)
    notice_publish(actor=futian, notice=notice)
    receipt = notice.receipts.get(firm=world["ft_firm"])
    receipt_acknowledge(actor=world["users"]["firm"], receipt=receipt)
    row = TransitionRecord.objects.get(workflow="notice.receipt")
    assert (row.transition, row.from_state, row.to_state, row.actor) == (
        "acknowledge",
        "unread",
        "acknowledged",
        world["users"]["firm"],
    )
