"""Importing Party members (Party-side roles only): upsert by the lawyer's licence number.

A lawyer without a current membership gets one; a current member of the same organization has their
kind, dates and note corrected; a current member of another organization is refused: moving a member is
a transfer (组织关系转接), recorded on its own page, never a side effect of a spreadsheet."""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvxie.core.chinese import name_search_keys, to_simplified
from lvxie.core.scoping import NOTHING, path_q
from lvxie.core.types import Actor
from lvxie.dataio.kinds.base import (
    Column,
    ImportKind,
    Prepared,
    RowError,
    apply_changes,
    by_key,
    changed_fields,
    choice,
    choice_lookup,
    errors_of,
    fold_header,
    parse_date,
    visible,
)
from lvxie.registry.imports import LAWYER_LICENCE_EXAMPLE
from lvxie.registry.models import Lawyer

from . import policies, services
from .choices import MemberKind, MemberStatus
from .models import PartyMembership, PartyOrg


class MemberImport(ImportKind):
    """党员: matched by the lawyer's 执业证号, placed in a 党组织 the importer keeps."""

    name = "members"
    label = gettext_lazy("Party members")
    key = "lawyer"
    party_side = True
    columns = (
        Column("name", "姓名", True, ("党员姓名", "律师姓名", "name"), "欧阳明"),
        Column(
            "lawyer",
            "执业证号",
            True,
            ("律师执业证号", "执业证号码", "执业证书号", "licence number"),
            LAWYER_LICENCE_EXAMPLE,
        ),
        Column(
            "org",
            "党组织",
            True,
            ("所在党组织", "党组织名称", "所在支部", "党支部", "Party organization"),
            "A支部",
        ),
        Column("kind", "党员类别", True, ("党员类型", "类别", "kind"), "正式党员"),
        Column("joined_party_on", "入党日期", True, ("入党时间", "joined the Party"), "2010-07-01"),
        Column(
            "joined_on",
            "转入本组织日期",
            True,
            ("加入本组织日期", "转入日期", "joined this organization"),
            "2020-01-01",
        ),
        Column("note", "备注", False, ("note",), ""),
    )

    def load(self, actor: Actor | None, rows):
        orgs = list(visible(PartyOrg, actor))
        # By number any organization in scope (an inactive one gets a clear refusal); by name only the
        # active ones, and a name two of them share is ambiguous (None).
        self.orgs_by_id = {str(org.pk): org for org in orgs}
        self.orgs_by_name: dict[str, PartyOrg | None] = {}
        for org in orgs:
            if org.is_active:
                folded = _fold_name(org.name)
                self.orgs_by_name[folded] = None if folded in self.orgs_by_name else org
        self.kinds = choice_lookup(MemberKind)
        self.kinds.update(
            {fold_header("正式"): MemberKind.FULL, fold_header("预备"): MemberKind.PROBATIONARY}
        )
        # A lawyer is in the importer's reach when they practise in the region of an organization the
        # importer keeps: the lawyers who could join it (the same rule as adding one member by hand).
        lawyers = Lawyer.objects.select_related("region", "firm")
        if actor is not None:
            lawyers = lawyers.filter(
                path_q("region__path", tuple({org.region_path for org in orgs})) or NOTHING
            )
        self.lawyers = by_key(lawyers, "licence_no", [row.get("lawyer", "").strip() for row in rows])
        self.current = by_key(
            PartyMembership.objects.filter(status=MemberStatus.ACTIVE).select_related("org"),
            "lawyer_id",
            [lawyer.pk for lawyer in self.lawyers.values()],
        )

    def _org(self, text: str) -> PartyOrg:
        org = self.orgs_by_id.get(text) if text.isdigit() else self.orgs_by_name.get(_fold_name(text), False)
        if org is None and not text.isdigit():
            raise RowError(
                [
                    (
                        "org",
                        _("Several organizations are called “%(value)s”: write its number.")
                        % {"value": text},
                    )
                ]
            )
        if not org:
            raise RowError(
                [
                    (
                        "org",
                        _(
                            "Unknown Party organization “%(value)s”: write its exact name or number, "
                            "as listed on the organizations page."
                        )
                        % {"value": text},
                    )
                ]
            )
        return org

    def build(self, actor: Actor | None, values) -> Prepared:
        errors: list[tuple[str, str]] = []
        lawyer = self.lawyers.get(values.get("lawyer", "").strip())
        if lawyer is None:
            errors.append(("lawyer", _("No lawyer with this licence number in your scope.")))
        elif name_search_keys(values.get("name", ""))["simplified"] != lawyer.name_simplified:
            errors.append(
                (
                    "name",
                    _("The name does not match the lawyer with this licence number (%(name)s).")
                    % {"name": lawyer.name},
                )
            )
        fields: dict[str, Any] = {}
        try:
            fields["org"] = self._org(values.get("org", "").strip())
        except RowError as exc:
            errors += exc.errors
        try:
            fields["kind"] = choice(self.kinds, "kind", values.get("kind", ""))
        except RowError as exc:
            errors += exc.errors
        for column in ("joined_party_on", "joined_on"):
            try:
                fields[column] = parse_date(values.get(column, ""))
            except ValueError:
                errors.append((column, _("Write the date as 2024-07-01.")))
        if values.get("note"):
            fields["note"] = values["note"]
        if lawyer is None or "org" not in fields:
            raise RowError(errors)  # no membership to check without its lawyer and organization
        current = self.current.get(lawyer.pk)
        if current is not None and current.org_id != fields["org"].pk:
            raise RowError([*errors, ("org", _moved_elsewhere(actor, current))])
        if current is not None:
            current.lawyer = lawyer  # the one loaded with its region: no query per row
            prepared = Prepared(current, created=False, changed=apply_changes(current, fields))
        else:
            prepared = Prepared(PartyMembership(lawyer=lawyer, **fields), created=True)
        try:
            services.membership_validate(prepared.obj)
        except ValidationError as exc:
            # Every problem of the row at once; the errors not about a field are about the organization
            # (no longer active); a field already refused is not reported twice.
            refused = {key for key, _m in errors}
            errors += [(key or "org", message) for key, message in errors_of(exc) if key not in refused]
        if errors:
            raise RowError(errors)
        return prepared

    def save(self, actor: Actor | None, creates, updates):
        if creates:
            services.memberships_bulk_add(actor=actor, members=creates)
        changed = [item for item in updates if item.changed]
        if changed:
            services.memberships_bulk_update(
                actor=actor,
                members=[item.obj for item in changed],
                fields=changed_fields(changed),
            )

    def summary(self, obj):
        return f"{obj.lawyer.name} · {obj.lawyer.licence_no} · {obj.org.name}"


def _fold_name(text: str) -> str:
    return "".join(to_simplified(text).split())


def _moved_elsewhere(actor: Actor | None, current: PartyMembership) -> str:
    """A current member of another organization: point to the transfer, with its page when in scope."""
    if policies.allowed(actor, policies.ORG_KEEP, current.org):
        return _(
            "This lawyer is a current member of %(org)s. Moving a member is a transfer: use the transfer "
            "page, %(url)s"
        ) % {"org": current.org.name, "url": reverse("party:member_transfer", args=[current.pk])}
    return _(
        "This lawyer is a current member of another organization. Moving a member is a transfer, made "
        "by the organizations concerned on the transfer page."
    )
