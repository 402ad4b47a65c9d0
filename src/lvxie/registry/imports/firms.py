"""Importing law firms: upsert by unified social credit code."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvxie.core.types import Actor
from lvxie.core.validators import normalize_credit_code
from lvxie.dataio.kinds.base import (
    Column,
    ImportKind,
    Prepared,
    RowError,
    by_key,
    changed_fields,
    choice,
    choice_lookup,
    parse_bool,
    parse_date,
    prepare_row,
)

from .. import policies, services
from ..choices import FirmKind, FirmStatus
from ..models import LawFirm
from .common import CREDIT_CODE_EXAMPLE, Places

# Made text only when a row is refused (`prepare_row`), not for every row of a file.
NOT_YOURS = gettext_lazy(
    "This credit code is registered to a firm outside your scope; ask the city administrators."
)


class FirmImport(ImportKind):
    """律师事务所: matched by 统一社会信用代码."""

    name = "firms"
    label = gettext_lazy("Law firms")
    key = "credit_code"
    unique = ("licence_no",)
    columns = (
        Column("name", "律所名称", True, ("名称", "律师事务所", "事务所名称", "name"), "福田律师事务所"),
        Column(
            "credit_code",
            "统一社会信用代码",
            True,
            ("信用代码", "社会信用代码", "credit code"),
            CREDIT_CODE_EXAMPLE,
        ),
        Column(
            "licence_no",
            "执业许可证号",
            True,
            ("许可证号", "执业证号", "licence number"),
            "34403000000000001",
        ),
        Column("kind", "组织形式", False, ("类型", "律所类型", "kind"), "合伙所"),
        Column("status", "状态", False, ("执业状态", "status"), "执业"),
        Column("region", "所在区", True, ("区", "辖区", "district"), "福田区"),
        Column("address", "地址", False, ("住所", "办公地址", "address"), ""),
        Column("head_name", "负责人", False, ("主任", "律所主任", "head"), ""),
        Column("founded_on", "成立日期", False, ("设立日期", "成立时间", "founded"), "2010-05-01"),
        Column("party_building_in_bylaws", "党建入章程", False, ("党建写入章程",), "是"),
        Column("parent_firm", "总所", False, ("总所信用代码", "head office"), ""),
    )

    def load(self, actor: Actor | None, rows):
        self.places = Places(
            actor,
            firms=[row.get("parent_firm", "") for row in rows],
            districts=[row.get("region", "") for row in rows],
        )
        self.kinds = choice_lookup(FirmKind)
        self.statuses = choice_lookup(FirmStatus)
        codes = [normalize_credit_code(row.get("credit_code", "")) for row in rows]
        self.existing = by_key(LawFirm.objects.select_related("region"), "credit_code", codes)

    def build(self, actor: Actor | None, values) -> Prepared:
        errors: list[tuple[str, str]] = []
        fields = {
            "name": values.get("name", ""),
            "credit_code": normalize_credit_code(values.get("credit_code", "")),
            "licence_no": values.get("licence_no", "").strip(),
            "address": values.get("address", ""),
            "head_name": values.get("head_name", ""),
            "parent_firm": None,
            "region": None,
            "founded_on": None,
        }
        for column, lookup, default in (
            ("kind", self.kinds, FirmKind.PARTNERSHIP),
            ("status", self.statuses, FirmStatus.ACTIVE),
        ):
            try:
                fields[column] = choice(lookup, column, values.get(column, ""), default)
            except RowError as exc:
                errors += exc.errors
        for column, resolve in (("region", self.places.district), ("parent_firm", self.places.firm)):
            if values.get(column):
                try:
                    fields[column] = resolve(column, values[column])
                except RowError as exc:
                    errors += exc.errors
        if values.get("founded_on"):
            try:
                fields["founded_on"] = parse_date(values["founded_on"])
            except ValueError:
                errors.append(("founded_on", _("Write the date as 2010-05-01.")))
        try:
            fields["party_building_in_bylaws"] = parse_bool(values.get("party_building_in_bylaws", ""))
        except ValueError:
            errors.append(("party_building_in_bylaws", _("Write 是 or 否.")))
        return prepare_row(
            LawFirm,
            self.existing.get(fields["credit_code"]),
            fields,
            validate=services.bulk_validate,
            may_edit=lambda firm: policies.allowed(actor, policies.FIRM_CHANGE, firm),
            not_yours=("credit_code", NOT_YOURS),
            outside=lambda firm: (
                None
                if firm.region_id is None or policies.allowed(actor, policies.FIRM_REGISTER, firm)
                else (
                    "region",
                    _("Outside your scope: you may not register firms in %(place)s.")
                    % {"place": firm.region},
                )
            ),
            errors=errors,
        )

    def save(self, actor: Actor | None, creates, updates):
        if creates:
            services.firms_bulk_register(actor=actor, firms=creates)
        if updates:
            changed = changed_fields(updates)
            services.firms_bulk_update(
                actor=actor, firms=[u.obj for u in updates], fields=changed or ["name"]
            )

    def summary(self, obj):
        return f"{obj.name} · {obj.credit_code}"
