"""Importing lawyers: upsert by licence number."""

import itertools
from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvxie.core.types import Actor
from lvxie.core.validators import normalize_id_number
from lvxie.dataio.kinds.base import (
    Column,
    ImportKind,
    Prepared,
    RowError,
    by_key,
    changed_fields,
    choice,
    choice_lookup,
    prepare_row,
)

from .. import policies, services
from ..choices import Gender, LawyerKind, LawyerStatus
from ..models import Lawyer
from .common import LAWYER_LICENCE_EXAMPLE, Places

FK_FIELDS = ["firm", "region"]


# Made text only when a row is refused (`prepare_row`), not for every row of a file.
NOT_YOURS = gettext_lazy(
    "This licence number is registered to a lawyer outside your scope; ask the city administrators."
)


class LawyerImport(ImportKind):
    """律师: matched by 执业证号; a lawyer in a firm practises in the firm's district."""

    name = "lawyers"
    label = gettext_lazy("Lawyers")
    key = "licence_no"
    # A firm administrator updates the contact fields of the firm's registered lawyers (see `policies`).
    firm_roles = True
    columns = (
        Column("name", "姓名", True, ("律师姓名", "名字", "name"), "欧阳明"),
        Column("gender", "性别", True, ("gender",), "男"),
        Column(
            "licence_no",
            "执业证号",
            True,
            ("律师执业证号", "执业证号码", "执业证书号", "licence number"),
            LAWYER_LICENCE_EXAMPLE,
        ),
        Column("kind", "执业类别", False, ("律师类别", "类别", "kind"), "专职律师"),
        Column("status", "执业状态", False, ("状态", "status"), "执业"),
        Column(
            "firm",
            "律师事务所",
            False,
            ("所在律所", "执业机构", "律所", "事务所", "law firm"),
            "福田律师事务所",
        ),
        Column("employer", "工作单位", False, ("employer",), ""),
        Column("region", "所在区", False, ("执业区域", "区", "辖区", "district"), "福田区"),
        Column(
            "first_licensed_year",
            "首次执业年份",
            True,
            ("首次执业年度", "执业年份", "first licensed"),
            "2015",
        ),
        Column("phone", "手机号码", False, ("手机", "电话", "联系电话", "phone"), ""),
        Column("id_number", "身份证号", False, ("身份证号码", "公民身份号码", "ID number"), ""),
    )

    def load(self, actor: Actor | None, rows):
        self.places = Places(
            actor,
            firms=[row.get("firm", "") for row in rows],
            districts=[row.get("region", "") for row in rows],
        )
        self.genders = choice_lookup(Gender)
        self.kinds = choice_lookup(LawyerKind)
        self.statuses = choice_lookup(LawyerStatus)
        numbers = [row.get("licence_no", "") for row in rows]
        self.existing = by_key(Lawyer.objects.select_related("firm__region", "region"), "licence_no", numbers)

    def build(self, actor: Actor | None, values) -> Prepared:
        errors: list[tuple[str, str]] = []
        licence_no = values.get("licence_no", "")
        existing = self.existing.get(licence_no)
        # A column the sheet leaves out keeps a registered lawyer's value: a sheet of phone numbers does
        # not reset everyone's status, firm or ID number. A new lawyer gets the defaults.
        given = (lambda column: column in values) if existing is not None else (lambda column: True)
        fields = {"name": values.get("name", ""), "licence_no": licence_no}
        for column, lookup, default in (
            ("gender", self.genders, None),
            ("kind", self.kinds, LawyerKind.FULL_TIME),
            ("status", self.statuses, LawyerStatus.PRACTISING),
        ):
            if not given(column):
                continue
            try:
                fields[column] = choice(lookup, column, values.get(column, ""), default)
            except RowError as exc:
                errors += exc.errors
        for column, resolve in (("firm", self.places.firm), ("region", self.places.district)):
            if not given(column):
                continue
            text = values.get(column, "")
            fields[column] = None
            if text:
                try:
                    fields[column] = resolve(column, text)
                except RowError as exc:
                    errors += exc.errors
        if "firm" in fields or "region" in fields:
            # A new lawyer (existing None) has both columns in `fields`: `given` is always true for it.
            firm = fields["firm"] if existing is None or "firm" in fields else existing.firm
            region = fields["region"] if existing is None or "region" in fields else existing.region
            if region is None and firm is not None:
                fields["region"] = region = firm.region
            if region is None and not any(c in ("firm", "region") for c, _m in errors):
                errors.append(
                    ("region", _("Give the law firm or, for a lawyer outside firms, the district."))
                )
        year = values.get("first_licensed_year", "")
        try:
            fields["first_licensed_year"] = int(year)
        except ValueError:
            errors.append(("first_licensed_year", _("Write the year as four digits, e.g. 2015.")))
        for column in ("employer", "phone"):
            if given(column):
                fields[column] = values.get(column, "")
        if given("id_number"):
            fields["id_number"] = normalize_id_number(values.get("id_number", ""))
        if existing is not None:
            errors += self._refused_fields(actor, existing, fields, already={c for c, _m in errors})
        return prepare_row(
            Lawyer,
            existing,
            fields,
            validate=services.bulk_validate,
            may_edit=lambda lawyer: policies.allowed(actor, policies.LAWYER_CHANGE, lawyer),
            not_yours=("licence_no", NOT_YOURS),
            outside=lambda lawyer: self._placed_outside(actor, lawyer, created=existing is None),
            errors=errors,
            # No district to check when the firm or district named could not be found.
            unknown=["region"] if fields.get("region", getattr(existing, "region", None)) is None else [],
        )

    @staticmethod
    def _refused_fields(actor: Actor | None, existing: Lawyer, fields: dict, *, already: set[str]) -> list:
        """A row may change only what the actor may change of this lawyer (a firm administrator: the
        contact fields of the firm's own lawyers); each other changed value is refused, by column (a column
        refused for its own cell already is not named twice)."""
        may = policies.lawyer_fields(actor, existing)
        if not may:
            return []  # not the actor's lawyer at all: prepare_row says so, on the licence number
        refused = [
            name
            for name, value in fields.items()
            if name not in may and name not in already and getattr(existing, name) != value
        ]
        return [(name, policies.refusal_message([name])) for name in refused]

    @staticmethod
    def _placed_outside(actor: Actor | None, lawyer: Lawyer, *, created: bool) -> tuple[str, str] | None:
        """Place the lawyer in their firm's district, then say whether the actor may register them there
        (a new lawyer) or have them there (a change); nothing to say without a district: the row is refused
        for that already."""
        services.place_lawyer(lawyer)
        if lawyer.region_id is None or policies.allowed(
            actor, policies.LAWYER_REGISTER if created else policies.LAWYER_CHANGE, lawyer
        ):
            return None
        own_firm = lawyer.firm is not None and policies.allowed(actor, policies.FIRM_KEEP, lawyer.firm)
        if created and own_firm:
            # The firm's own administrator: registering a lawyer is the judicial bureau's, on licensing.
            return (
                "licence_no",
                _(
                    "A firm cannot register a lawyer: a lawyer enters the register when the judicial "
                    "bureau grants the licence. Your firm may update its registered lawyers' contact "
                    "details."
                ),
            )
        return (
            "region" if lawyer.firm is None else "firm",
            _("Outside your scope: you may not register lawyers in %(place)s.")
            % {"place": lawyer.firm or lawyer.region},
        )

    def warnings(self, prepared: Iterable[tuple[int, Prepared]]):
        """The same simplified name twice in one firm (in the file or already registered)."""
        by_key: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
        rows = list(prepared)
        for number, item in rows:
            lawyer = item.obj
            if lawyer.firm_id:
                by_key[(lawyer.firm_id, lawyer.name_simplified)].append((number, lawyer.licence_no))
        if not by_key:
            return []
        names = {name for _f, name in by_key}
        firms = {firm for firm, _n in by_key}
        for firm_id, name, licence_no in Lawyer.objects.filter(
            firm_id__in=firms, name_simplified__any_of=names
        ).values_list("firm_id", "name_simplified", "licence_no"):
            by_key[(firm_id, name)].append((0, licence_no))
        found = []
        for (_firm, _name), hits in by_key.items():
            numbers = {licence for _row, licence in hits}
            if len(numbers) < 2:
                continue
            for row, licence in hits:
                if row:
                    others = sorted(numbers - {licence})
                    found.append(
                        {
                            "row": row,
                            "column": "name",
                            "message": _(
                                "Likely duplicate: the same name in the same firm as "
                                "licence number %(others)s."
                            )
                            % {"others": "、".join(others)},
                        }
                    )
        return found

    streams = True  # the national register's files: 100,000 rows and more

    def save(self, actor: Actor | None, creates, updates):
        if creates:
            services.lawyers_bulk_register(actor=actor, lawyers=creates)
        self._update(actor, updates)

    def save_checking(self, actor: Actor | None, creates, updates, *, most: int):
        first = next(creates, None)  # (no new record at all: nothing registered, no event)
        if first is not None:
            services.lawyers_bulk_register(actor=actor, lawyers=itertools.chain([first], creates), most=most)
        self._update(actor, updates)

    def _update(self, actor: Actor | None, updates) -> None:
        changed = [name for name in changed_fields(updates) if name not in FK_FIELDS]
        if updates:
            services.lawyers_bulk_update(actor=actor, lawyers=[u.obj for u in updates], fields=changed)

    def summary(self, obj):
        return f"{obj.name} · {obj.licence_no}"
