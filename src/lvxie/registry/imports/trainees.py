"""Importing trainees: upsert by trainee certificate number; firm administrators may import their own."""

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
    parse_date,
    prepare_row,
    visible,
)

from .. import policies, services
from ..choices import Gender, TraineeStatus
from ..models import Lawyer, Trainee
from .common import Places

# Made text only when a row is refused (`prepare_row`), not for every row of a file.
NOT_YOURS = gettext_lazy("This certificate number is registered to a trainee outside your scope.")


class TraineeImport(ImportKind):
    """实习人员: matched by 实习证号."""

    name = "trainees"
    label = gettext_lazy("Trainees")
    key = "certificate_no"
    firm_roles = True
    columns = (
        Column("name", "姓名", True, ("实习人员姓名", "name"), "单晓"),
        Column("gender", "性别", True, ("gender",), "女"),
        Column(
            "certificate_no",
            "实习证号",
            True,
            ("实习证编号", "实习人员证号", "certificate number"),
            "S4403202400001",
        ),
        Column("firm", "律师事务所", True, ("实习律所", "律所", "law firm"), "福田律师事务所"),
        Column("supervisor", "指导律师执业证号", False, ("指导律师", "supervisor"), ""),
        Column("started_on", "实习开始日期", True, ("开始日期", "started"), "2024-07-01"),
        Column("status", "状态", False, ("实习状态", "status"), ""),
        Column("phone", "手机号码", False, ("手机", "电话", "phone"), ""),
        Column("id_number", "身份证号", False, ("身份证号码", "ID number"), ""),
    )

    def load(self, actor: Actor | None, rows):
        self.places = Places(actor, firms=[row.get("firm", "") for row in rows], districts=())
        self.genders = choice_lookup(Gender)
        self.statuses = choice_lookup(TraineeStatus)
        numbers = [row.get("certificate_no", "") for row in rows]
        supervisors = [row.get("supervisor", "") for row in rows if row.get("supervisor")]
        self.existing = by_key(Trainee.objects.select_related("firm__region"), "certificate_no", numbers)
        self.supervisors = by_key(visible(Lawyer, actor), "licence_no", supervisors)

    def build(self, actor: Actor | None, values) -> Prepared:
        errors: list[tuple[str, str]] = []
        fields = {
            "name": values.get("name", ""),
            "certificate_no": values.get("certificate_no", "").strip(),
            "phone": values.get("phone", ""),
            "id_number": normalize_id_number(values.get("id_number", "")),
            "supervisor": None,
            "firm": None,
        }
        for column, lookup, default in (
            ("gender", self.genders, None),
            ("status", self.statuses, TraineeStatus.IN_TRAINING),
        ):
            try:
                fields[column] = choice(lookup, column, values.get(column, ""), default)
            except RowError as exc:
                errors += exc.errors
        try:
            fields["firm"] = self.places.firm("firm", values.get("firm", ""))
        except RowError as exc:
            errors += exc.errors
        if values.get("supervisor"):
            fields["supervisor"] = self.supervisors.get(values["supervisor"].strip())
            if fields["supervisor"] is None:
                errors.append(("supervisor", _("No lawyer with this licence number in your scope.")))
        try:
            fields["started_on"] = parse_date(values.get("started_on", ""))
        except ValueError:
            errors.append(("started_on", _("Write the date as 2024-07-01.")))
        return prepare_row(
            Trainee,
            self.existing.get(fields["certificate_no"]),
            fields,
            validate=services.bulk_validate,
            may_edit=lambda trainee: policies.allowed(actor, policies.TRAINEE_CHANGE, trainee),
            not_yours=("certificate_no", NOT_YOURS),
            outside=lambda trainee: (
                None
                if trainee.firm_id is None or policies.allowed(actor, policies.TRAINEE_REGISTER, trainee)
                else (
                    "firm",
                    _("Outside your scope: you may not register trainees in %(place)s.")
                    % {"place": trainee.firm},
                )
            ),
            errors=errors,
        )

    def save(self, actor: Actor | None, creates, updates):
        if creates:
            services.trainees_bulk_register(actor=actor, trainees=creates)
        if updates:
            changed = changed_fields(updates)
            services.trainees_bulk_update(
                actor=actor, trainees=[u.obj for u in updates], fields=changed or ["name"]
            )

    def summary(self, obj):
        return f"{obj.name} · {obj.certificate_no}"
