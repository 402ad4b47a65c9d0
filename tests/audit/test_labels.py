"""Every action code that the code records has a translated label, so the auditor reads words, not codes."""

import ast
from pathlib import Path

from django.utils import translation

import lvxie
from lvxie.audit.labels import ACTION_LABELS, action_label, change_rows
from lvxie.audit.models import AuditEvent
from lvxie.calls.services import SUBMISSION_WORKFLOW
from lvxie.ledgers.services import ITEM_WORKFLOW
from lvxie.notices.services import RECEIPT_WORKFLOW
from lvxie.party.services import TRANSFER_WORKFLOW
from lvxie.registry.models import Lawyer, Trainee

SRC = Path(lvxie.__file__).parent

# The codes built at run time, spelled out (a new f-string code must be added here and labelled).
BUILT_CODES = {
    "f'{obj._meta.model_name}.reveal'": {f"{m._meta.model_name}.reveal" for m in (Lawyer, Trainee)},
}
# The codes `lvxie.workflow.transitions.perform` records: one per step of each declared workflow.
WORKFLOW_CODES = {
    workflow.audit_action(step)
    for workflow in (ITEM_WORKFLOW, RECEIPT_WORKFLOW, TRANSFER_WORKFLOW, SUBMISSION_WORKFLOW)
    for step in workflow.transitions
}


def recorded_codes() -> set[str]:
    """Every string given as `action=` in a call anywhere in src/lvxie (argparse's aside), and every
    workflow step's."""
    codes: set[str] = set(WORKFLOW_CODES)
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument":
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                built = [part for part in ast.walk(keyword.value) if isinstance(part, ast.JoinedStr)]
                for part in built:
                    source = ast.unparse(part)
                    assert source in BUILT_CODES, f"{path}: a built action code {source} has no expansion"
                    codes |= BUILT_CODES[source]
                # The pieces of an f-string are constants too: only whole codes count.
                pieces = {id(node) for part in built for node in ast.walk(part)}
                # A key looked up to pass an action along (form.cleaned_data["action"]) is not a code.
                pieces |= {
                    id(node)
                    for part in ast.walk(keyword.value)
                    if isinstance(part, ast.Subscript)
                    for node in ast.walk(part.slice)
                }
                codes |= {
                    part.value
                    for part in ast.walk(keyword.value)
                    if isinstance(part, ast.Constant)
                    and isinstance(part.value, str)
                    and id(part) not in pieces
                }
    return codes


def test_every_recorded_action_code_has_a_label():
    codes = recorded_codes()
    # Given the codes the scan finds (it does find them: these are recorded on every log-in and search)
    assert {"auth.login", "audit.search", "party.members_read", "user.disable", "ledger.item_close"} <= codes
    # Then each has a label
    assert sorted(codes - ACTION_LABELS.keys()) == []


def test_the_audit_chains_own_codes_have_labels():
    # Recorded through constants rather than a literal action=: the key's start and a restore's gap
    from lvxie.audit.chain import KEY_START_ACTION
    from lvxie.audit.checkpoint import GAP_ACTION

    assert {KEY_START_ACTION, GAP_ACTION} <= ACTION_LABELS.keys()


def test_action_labels_are_english_and_chinese():
    with translation.override("en"):
        assert action_label("party.members_read") == "Party member list read"
    with translation.override("zh-hans"):
        assert action_label("party.members_read") == "查看党员名册"
    # A code without a label (an event older than the label list) shows as itself
    assert action_label("old.code") == "old.code"


def test_change_rows_name_fields_and_choices_in_words():
    event = AuditEvent(
        action="lawyer.update",
        object_type="registry.lawyer",
        before={"status": "practising", "name": "張斌"},
        after={"status": "suspended", "name": "张斌", "unknown_key": [1, 2]},
    )
    with translation.override("zh-hans"):
        rows = change_rows(event)
    status = Lawyer._meta.get_field("status")
    with translation.override("zh-hans"):
        labels = dict(status.flatchoices)
        assert rows[0] == (str(status.verbose_name), str(labels["practising"]), str(labels["suspended"]))
    assert rows[-1] == ("unknown_key", "", "1, 2")


def test_keys_that_are_not_model_fields_read_in_words():
    # Given an event whose after holds figures that are not fields of the object (a count, files)
    event = AuditEvent(object_type="registry.lawyer", after={"count": 3, "files": ["a.pdf"]})
    # Then the auditor reads them in words, in either language
    with translation.override("zh-hans"):
        assert [row[0] for row in change_rows(event)] == ["数量", "文件"]
    with translation.override("en"):
        assert [row[0] for row in change_rows(event)] == ["count", "files"]


def test_events_naming_a_moved_model_by_its_old_label_still_read_in_words():
    # Given an event written when role assignments belonged to accounts (before lvxie.access)
    old = AuditEvent(
        object_type="accounts.roleassignment", before={"role": "auditor"}, after={"role": "lawyer"}
    )
    new = AuditEvent(
        object_type="access.roleassignment", before={"role": "auditor"}, after={"role": "lawyer"}
    )
    # Then it reads like one written now: the field's name and the roles' labels, not the stored codes
    with translation.override("zh-hans"):
        assert change_rows(old) == change_rows(new)
        assert change_rows(old)[0][1] != "auditor"
