"""Workflows declared as data, and the one service that moves an object along one.

A workflow is its states (a `TextChoices`), its transitions (`Transition`: name, from-states, to-state,
the policy action that decides who may, and what must be present: a reason, files, a decision) and a
few hooks (`Workflow`). `perform` is the only way an object changes state: it checks the declared
rules and the policy, claims the optimistic-lock version (or locks the row), applies the change, saves,
stores the files, and writes the history row and the audit event in one transaction, then tells the
people the workflow's `tell` hook names. See docs/workflows.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lvxie.audit.services import audit_record, changed_fields
from lvxie.core import policy
from lvxie.core.bulk import save_row
from lvxie.core.services import snapshot, validate
from lvxie.core.types import Actor, signed_in
from lvxie.core.uploads import CheckedUpload, StoredFile
from lvxie.notifications.services import Text, notify

from .models import TransitionRecord

M = TypeVar("M", bound=models.Model)

STALE = _(
    "Someone else changed this after you opened it. Your change was not saved: reload the page to see "
    "the current version, then make your change again."
)

WRONG_STATE = _("This cannot be %(action)s while it is %(status)s.")
FILES_MISSING = _("Attach the files this step needs.")


@dataclass(frozen=True)
class Transition:
    """One step of a workflow. `action` is the dotted policy action asked (`require`) before anything
    else (default: the workflow's `policy_actions[name]`); `label` names it (default: the label of
    `name` in the workflow's `steps` choices); `refusal` replaces the generic "cannot be …" message
    (and its code) for a wrong from-state."""

    name: str
    sources: tuple[str, ...]
    target: str
    action: str = ""
    label: str | Promise = ""
    needs_reason: bool = False
    needs_files: bool = False
    decisions: tuple[str, ...] = ()
    refusal: tuple[Any, str] | None = None


@dataclass(frozen=True)
class Message:
    """Whom to tell of a transition, and what (a `notify` call)."""

    users: Iterable[Any]
    title: Text | str
    body: Text | str = ""
    url: str = ""
    key: str = ""


@dataclass
class Change(Generic[M]):
    """One transition under way, as the workflow's hooks see it."""

    workflow: Workflow[M]
    transition: Transition
    obj: M
    actor: Actor | None
    source: str
    reason: str = ""
    decision: str = ""
    files: list[CheckedUpload] = field(default_factory=list)
    file_names: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


Hook = Callable[[Change[M]], None]


@dataclass(frozen=True)
class Workflow(Generic[M]):
    """A workflow of one model.

    - `states` are the workflow's states (their labels name them in messages); `wrong_state` is the
      refusal of a step the state does not allow ("%(status)s", "%(action)s" filled in).
    - `state_field` holds the state; or `state_of` derives it (receipts: from their dates), and then
      `apply` must write what makes the new state true.
    - `version_field`: the optimistic lock (a change names the version it was made on; a stale one is
      refused, nothing changed). Without one, the row is locked (`select_for_update`) and re-read.
    - Hooks, all optional: `check` refuses with a ValidationError before anything is written; `apply`
      sets the other fields and does the side effects (it may refuse too: the whole transaction is
      rolled back); `store_files` saves the uploads and returns their
      names; `has_files` says whether the object already holds the files a `needs_files` step asks for;
      `history` writes the history row (default: the shared `TransitionRecord`); `tell` returns whom to
      notify.
    """

    name: str
    model: type[M]
    states: type[models.TextChoices]
    transitions: Sequence[Transition]
    audit_prefix: str
    steps: type[models.TextChoices] | None = None
    policy_actions: Mapping[str, str] = field(default_factory=dict)
    wrong_state: Any = WRONG_STATE
    state_field: str = "status"
    state_of: Callable[[M], str] | None = None
    version_field: str | None = None
    lock_related: tuple[str, ...] = ()
    check: Hook[M] | None = None
    apply: Hook[M] | None = None
    store_files: Callable[[Change[M]], list[str]] | None = None
    has_files: Callable[[M], bool] | None = None
    files_missing: tuple[Any, str] = (FILES_MISSING, "no_files")
    history: Hook[M] | None = None
    tell: Callable[[Change[M]], Message | None] | None = None
    stale_message: Any = STALE

    def __post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"workflow {self.name}: a transition name is declared twice")

    @property
    def by_name(self) -> dict[str, Transition]:
        return {t.name: t for t in self.transitions}

    def policy_action(self, transition: Transition) -> str:
        return transition.action or self.policy_actions[transition.name]

    def label(self, transition: Transition) -> str | Promise:
        if transition.label or self.steps is None:
            return transition.label or transition.name
        return self.steps(transition.name).label

    def get(self, name: str) -> Transition:
        """The transition called `name`; an unknown one is refused as bad input (it comes from URLs)."""
        found = self.by_name.get(name)
        if found is None:
            raise ValidationError(_("Unknown action."), code="unknown_action")
        return found

    def state(self, obj: M) -> str:
        return self.state_of(obj) if self.state_of is not None else str(getattr(obj, self.state_field))

    def possible(self, obj: M) -> list[Transition]:
        """The transitions the object's state allows (whoever asks)."""
        state = self.state(obj)
        return [t for t in self.transitions if state in t.sources]

    def available(self, actor: Actor | None, obj: M) -> list[Transition]:
        """The transitions this actor may take now: the buttons to offer."""
        return [t for t in self.possible(obj) if policy.allowed(actor, self.policy_action(t), obj)]

    def audit_action(self, transition: Transition) -> str:
        return f"{self.audit_prefix}{transition.name}"


def claim_version(
    obj: models.Model, version: int, *, field_name: str = "version", message: Any = STALE
) -> None:
    """Claim the next version of `obj`, or refuse: someone changed it since `version` was read. One
    conditional UPDATE, so two people saving at once cannot both succeed."""
    manager = type(obj)._default_manager
    claimed = manager.filter(pk=obj.pk, **{field_name: version}).update(**{field_name: F(field_name) + 1})
    if not claimed:
        raise ValidationError(message, code="stale")
    setattr(obj, field_name, version + 1)


def store_uploads(
    model: type[StoredFile], uploads: Iterable[CheckedUpload], *, actor: Actor | None, **owner: Any
) -> list[str]:
    """Save each upload as a `model` row attached to `owner` (validated); returns their names."""
    names = []
    for upload in uploads:
        stored = model.from_upload(upload, uploaded_by=actor, **owner)
        validate(stored)
        stored.save()
        names.append(stored.name)
    return names


def files_into(model: type[StoredFile], owner_field: str) -> Callable[[Change[Any]], list[str]]:
    """A `store_files` hook: the transition's files become `model` rows whose `owner_field` is the
    object."""
    return lambda change: store_uploads(model, change.files, actor=change.actor, **{owner_field: change.obj})


def actor_name(actor: Actor | None) -> str:
    """The name kept beside the actor in history rows (it outlives the account)."""
    if actor is None or not actor.is_authenticated:
        return ""
    return (getattr(actor, "display_name", "") or actor.get_username())[:150]


def _refuse_state(workflow: Workflow[Any], transition: Transition, state: str) -> ValidationError:
    if transition.refusal is not None:
        message, code = transition.refusal
        return ValidationError(message, code=code)
    labels = dict(workflow.states.choices)
    return ValidationError(
        workflow.wrong_state,
        code="transition",
        params={"status": labels.get(state, state), "action": workflow.label(transition)},
    )


def _record(change: Change[Any]) -> None:
    obj = change.obj
    record = TransitionRecord(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        workflow=change.workflow.name,
        transition=change.transition.name,
        from_state=change.source,
        to_state=change.workflow.state(obj),
        actor=signed_in(change.actor),
        actor_name=actor_name(change.actor),
        reason=change.reason,
        decision=change.decision,
        files=change.file_names,
    )
    save_row(record)


def _reload_locked(obj: models.Model, related: tuple[str, ...]) -> None:
    """Lock the object's row and take its current values (someone may have moved it since it was read).
    The related objects already loaded stay, unless their key changed; `related` are fetched with it."""
    # (of="self": the object's row only; FOR UPDATE of a join would lock every related row too, the
    # member's lawyer, region and organizations, and make unrelated changes to them wait)
    locked = (
        type(obj)._default_manager.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)
    )
    for f in obj._meta.concrete_fields:
        value = getattr(locked, f.attname)
        if getattr(obj, f.attname) != value:
            setattr(obj, f.attname, value)
            if isinstance(f, models.ForeignObject) and f.is_cached(obj):
                f.delete_cached_value(obj)
    for name in related:
        head = obj._meta.get_field(name.split("__")[0])
        if isinstance(head, models.ForeignObject) and not head.is_cached(obj):
            head.set_cached_value(obj, getattr(locked, head.name))


def perform(
    workflow: Workflow[M],
    *,
    actor: Actor | None,
    obj: M,
    name: str,
    version: int | None = None,
    reason: str = "",
    decision: str = "",
    files: Iterable[CheckedUpload] = (),
    created_now: bool = False,
    **extra: Any,
) -> M:
    """Take the transition `name` of `obj` in `workflow`, as `actor`. Checks, in this order: the
    transition exists, the policy allows it (PermissionDenied), the state allows it, the reason,
    decision and files it needs are there, the workflow's own `check`; then the version (a stale one:
    ValidationError code "stale"). Nothing is written unless all pass. Returns the object, changed.
    `created_now`: the caller inserted the row in this same transaction, so no one else can have changed
    or locked it: it is not read again; and an error here fails the caller's work too (nothing between
    catches it), so no savepoint of its own is taken (two round trips fewer)."""
    with transaction.atomic(savepoint=not created_now):
        transition = workflow.get(name)
        policy.require(actor, workflow.policy_action(transition), obj)
        if workflow.version_field is None and obj.pk is not None and not created_now:
            _reload_locked(obj, workflow.lock_related)
        source = workflow.state(obj)
        if source not in transition.sources:
            raise _refuse_state(workflow, transition, source)
        reason = reason.strip()
        if transition.needs_reason and not reason:
            raise ValidationError({"reason": ValidationError(_("Give the reason."), code="reason_required")})
        if transition.decisions and decision not in transition.decisions:
            raise ValidationError(
                {"decision": ValidationError(_("Choose a decision."), code="decision_required")}
            )
        uploads = list(files)
        if transition.needs_files and not uploads and not (workflow.has_files and workflow.has_files(obj)):
            raise ValidationError(workflow.files_missing[0], code=workflow.files_missing[1])
        change = Change(
            workflow=workflow,
            transition=transition,
            obj=obj,
            actor=actor,
            source=source,
            reason=reason,
            decision=decision,
            files=uploads,
            extra=extra,
        )
        if workflow.check is not None:
            workflow.check(change)
        before = snapshot(obj)
        if workflow.version_field is not None:
            if version is None:
                raise ValidationError(workflow.stale_message, code="stale")
            claim_version(obj, version, field_name=workflow.version_field, message=workflow.stale_message)
        if workflow.state_of is None:
            setattr(obj, workflow.state_field, transition.target)
        if workflow.apply is not None:
            workflow.apply(change)
        validate(obj)
        save_row(obj)
        if workflow.store_files is not None and uploads:
            change.file_names = workflow.store_files(change)
        old, new = changed_fields(before, snapshot(obj))
        if change.file_names:
            new = {**new, "files": change.file_names}
        audit_record(actor=actor, action=workflow.audit_action(transition), obj=obj, before=old, after=new)
        (workflow.history or _record)(change)
        told = workflow.tell(change) if workflow.tell is not None else None
        if told is not None:
            notify(users=told.users, title=told.title, body=told.body, url=told.url, key=told.key)
        return obj


def history(obj: models.Model) -> models.QuerySet[TransitionRecord]:
    """The shared history rows of one object, oldest first (for workflows that keep no table of their
    own)."""
    return TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).order_by("at", "id")
