"""The registry: regions, law firms, lawyers, trainees, bar committees and firms' overseas offices."""

from typing import cast

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lvxie.core.chinese import name_search_keys
from lvxie.core.links import object_url
from lvxie.core.paths import under
from lvxie.core.scoping import NOTHING, ScopedQuerySet, ScopeView, combine, path_q
from lvxie.core.validators import (
    NAME_VALIDATORS,
    lawyer_licence_year,
    validate_credit_code,
    validate_firm_licence_no,
    validate_founding_date,
    validate_id_number,
    validate_lawyer_licence_no,
    validate_multiline_text,
    validate_not_future_year,
    validate_plain_text,
)

from .choices import (
    CommitteeKind,
    CommitteePosition,
    FirmKind,
    FirmStatus,
    Gender,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
    RegionLevel,
    TraineeStatus,
)


class Region(models.Model):
    """An administrative division. `path` is the chain of codes from the country down
    ("86/44/4403/440304/"), so a subtree is one indexed prefix match on any database."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=64, validators=NAME_VALIDATORS)
    level = models.CharField(_("level"), max_length=12, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("registry:region_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.path

    @property
    def depth(self) -> int:
        return self.path.count("/")

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        # A region is visible when it lies in a granted subtree, or is an ancestor of one
        # (so a district administrator can see the name of the city above them).
        if not view.region_paths:
            return NOTHING
        inside = path_q("path", view.region_paths)
        ancestors = Q(path__in=[p[: i + 1] for p in view.region_paths for i, ch in enumerate(p) if ch == "/"])
        return inside | ancestors


class SearchKeysMixin(models.Model):
    """Simplified name, pinyin and initials kept beside a name, so 張斌, 张斌, zhangbin and zb all match."""

    name_simplified = models.CharField(max_length=100, editable=False, db_index=True)
    name_pinyin = models.CharField(max_length=200, editable=False, db_index=True)
    name_initials = models.CharField(max_length=50, editable=False, db_index=True)

    class Meta:
        abstract = True

    name: str  # each model that mixes this in has its own `name` field

    def refresh_search_keys(self) -> None:
        keys = name_search_keys(self.name)
        self.name_simplified = keys["simplified"]
        self.name_pinyin = keys["pinyin"][:200]
        self.name_initials = keys["initials"][:50]


class RegionPathMixin(models.Model):
    """The district's path copied onto the row, so a scope's subtree is one indexed prefix match on the
    row itself (no join to regions) and a district's searches read only its rows. Kept by `save()` and,
    for the bulk services (which validate every row), by `clean()`."""

    region_path = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        abstract = True

    region_id: int | None  # each model that mixes this in has its own `region`

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "region" in update_fields:
            self.refresh_region_path()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "region_path"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._region_path_of = obj.__dict__.get("region_id")  # the region the stored path is of
        return obj

    def refresh_region_path(self) -> None:
        """The path of the row's region: the cached region's, else one query when the region changed."""
        field = cast(models.ForeignKey, self._meta.get_field("region"))
        if field.is_cached(self) and self.region is not None:  # type: ignore[attr-defined]
            self.region_path = self.region.path  # type: ignore[attr-defined]
        elif self.region_id is None:
            self.region_path = ""
        elif not self.region_path or getattr(self, "_region_path_of", None) != self.region_id:
            self.region_path = Region.objects.values_list("path", flat=True).get(pk=self.region_id)
        self._region_path_of = self.region_id

    def clean(self) -> None:
        super().clean()
        if self.region_id is not None:
            self.refresh_region_path()


class LawFirm(RegionPathMixin, SearchKeysMixin):
    """A law firm (or branch, representative office, joint office), sitting in one district."""

    name = models.CharField(_("name"), max_length=100, validators=NAME_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=20, choices=FirmKind.choices, default=FirmKind.PARTNERSHIP)
    status = models.CharField(
        _("status"), max_length=12, choices=FirmStatus.choices, default=FirmStatus.ACTIVE
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    licence_no = models.CharField(
        _("practice licence number"), max_length=17, unique=True, validators=[validate_firm_licence_no]
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="firms", verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[validate_plain_text])
    head_name = models.CharField(_("head of firm"), max_length=50, blank=True, validators=NAME_VALIDATORS)
    founded_on = models.DateField(_("founded"), null=True, blank=True, validators=[validate_founding_date])
    party_building_in_bylaws = models.BooleanField(_("Party building in the bylaws"), default=False)
    parent_firm = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="branches",
        verbose_name=_("head office"),
        help_text=_("For a branch office: the firm it belongs to."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        # Pattern ops: LIKE 'prefix%' under a non-C collation (PostgreSQL; ignored elsewhere).
        indexes = [
            models.Index(
                fields=["region_path"], name="lawfirm_region_path", opclasses=["varchar_pattern_ops"]
            )
        ]
        verbose_name = _("law firm")
        verbose_name_plural = _("law firms")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("registry:firm_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return combine(
            path_q("region_path", view.region_paths),
            Q(pk__in=view.firm_ids) if view.firm_ids else Q(),
            # A lawyer sees their own firm. A subquery, not a join: a join would repeat each firm per lawyer.
            Q(pk__in=Lawyer.objects.filter(pk__in=view.lawyer_ids).values("firm_id"))
            if view.lawyer_ids
            else Q(),
        )


class Lawyer(RegionPathMixin, SearchKeysMixin):
    """A licensed lawyer. `region` is where they practise; `firm` is empty for corporate,
    public-sector and legal-aid lawyers who work outside a firm."""

    name = models.CharField(_("name"), max_length=50, validators=NAME_VALIDATORS)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    kind = models.CharField(
        _("kind"), max_length=16, choices=LawyerKind.choices, default=LawyerKind.FULL_TIME
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LawyerStatus.choices, default=LawyerStatus.PRACTISING
    )
    licence_no = models.CharField(
        _("licence number"), max_length=17, unique=True, validators=[validate_lawyer_licence_no]
    )
    firm = models.ForeignKey(
        LawFirm,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lawyers",
        verbose_name=_("law firm"),
    )
    employer = models.CharField(
        _("employer"),
        max_length=100,
        blank=True,
        validators=NAME_VALIDATORS,
        help_text=_("For corporate, public-sector and legal-aid lawyers: the body they work for."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="lawyers", verbose_name=_("district")
    )
    first_licensed_year = models.PositiveSmallIntegerField(
        _("first licensed"), validators=[MinValueValidator(1979), validate_not_future_year]
    )
    # Codes of PracticeArea, stored ",ip,civil," so one portable LIKE finds a code on either database.
    practice_areas = models.CharField(_("practice areas"), max_length=200, blank=True, default="")
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_plain_text])
    id_number = models.CharField(_("ID number"), max_length=18, blank=True, validators=[validate_id_number])
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    SENSITIVE_FIELDS = ("phone", "id_number")

    class Meta:
        ordering = ["name_pinyin", "id"]
        indexes = [
            models.Index(fields=["region_path"], name="lawyer_region_path", opclasses=["varchar_pattern_ops"])
        ]
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("registry:lawyer_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region.path

    def practice_area_labels(self) -> list[str]:
        labels = dict(PracticeArea.choices)
        return [str(labels.get(code, code)) for code in self.practice_area_codes]

    @property
    def practice_area_codes(self) -> list[str]:
        return [code for code in self.practice_areas.split(",") if code]

    def clean(self) -> None:
        # Digits 5 to 8 of the licence number are the year the licence was first granted: no one practised
        # on it before then (the field's own validator refuses a year still to come).
        super().clean()
        try:
            licence_year = lawyer_licence_year(self.licence_no)
        except ValueError:
            return  # the licence number's own validator says what is wrong with it
        if self.first_licensed_year is not None and self.first_licensed_year < licence_year:
            raise ValidationError(
                {
                    "first_licensed_year": ValidationError(
                        _(
                            "The year first licensed cannot be earlier than the year in digits 5 to 8 "
                            "of the licence number (%(year)s)."
                        ),
                        code="before_licence",
                        params={"year": licence_year},
                    )
                }
            )

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return combine(
            path_q("region_path", view.region_paths),
            Q(firm_id__in=view.firm_ids) if view.firm_ids else Q(),
            Q(pk__in=view.lawyer_ids) if view.lawyer_ids else Q(),
        )

    def lies_in(self, view: ScopeView) -> bool:
        """`scope_q` read off this loaded lawyer, without a query (a lawyer's page asks it of every view)."""
        return (
            under(self.region_path, view.region_paths)
            or self.firm_id in view.firm_ids
            or (self.pk in view.lawyer_ids)
        )


class Trainee(SearchKeysMixin):
    """A trainee (实习人员): a year of supervised practice in a firm before licensing."""

    name = models.CharField(_("name"), max_length=50, validators=NAME_VALIDATORS)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    firm = models.ForeignKey(
        LawFirm, on_delete=models.PROTECT, related_name="trainees", verbose_name=_("law firm")
    )
    supervisor = models.ForeignKey(
        Lawyer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainees",
        verbose_name=_("supervising lawyer"),
    )
    certificate_no = models.CharField(
        _("trainee certificate number"), max_length=20, unique=True, validators=[validate_plain_text]
    )
    started_on = models.DateField(_("training started"))
    status = models.CharField(
        _("status"), max_length=12, choices=TraineeStatus.choices, default=TraineeStatus.IN_TRAINING
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_plain_text])
    id_number = models.CharField(_("ID number"), max_length=18, blank=True, validators=[validate_id_number])

    objects = ScopedQuerySet.as_manager()

    SENSITIVE_FIELDS = ("phone", "id_number")

    class Meta:
        ordering = ["-started_on", "id"]
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("registry:trainee_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.firm.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return combine(
            path_q("firm__region_path", view.region_paths),
            Q(firm_id__in=view.firm_ids) if view.firm_ids else Q(),
        )


class BarCommittee(models.Model):
    """A committee of the bar association: a district working committee (scoped to its district) or a
    special or professional committee (scoped to the city)."""

    name = models.CharField(_("name"), max_length=100, validators=NAME_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=16, choices=CommitteeKind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="committees", verbose_name=_("region")
    )
    description = models.TextField(_("description"), blank=True, validators=[validate_multiline_text])
    members: "models.ManyToManyField[Lawyer, CommitteeMembership]" = models.ManyToManyField(
        Lawyer, through="CommitteeMembership", related_name="committees"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("bar committee")
        verbose_name_plural = _("bar committees")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="committee_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("registry:committee_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return path_q("region__path", view.region_paths) or NOTHING


class CommitteeMembership(models.Model):
    """A lawyer's seat on a bar committee."""

    committee = models.ForeignKey(BarCommittee, on_delete=models.CASCADE, related_name="memberships")
    lawyer = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="committee_memberships")
    position = models.CharField(
        _("position"), max_length=20, choices=CommitteePosition.choices, default=CommitteePosition.MEMBER
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["committee", "lawyer"], name="committee_member_once")]

    def __str__(self) -> str:
        return f"{self.committee} · {self.lawyer}"


class OverseasOffice(models.Model):
    """A firm's office abroad (海外服务网点), for the directory and the world map."""

    firm = models.ForeignKey(
        LawFirm, on_delete=models.CASCADE, related_name="overseas_offices", verbose_name=_("law firm")
    )
    country = models.CharField(_("country"), max_length=60, validators=NAME_VALIDATORS)
    city = models.CharField(_("city"), max_length=60, validators=NAME_VALIDATORS)
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[validate_plain_text])
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    opened_on = models.DateField(_("opened"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["country", "city", "id"]
        verbose_name = _("overseas office")
        verbose_name_plural = _("overseas offices")

    def __str__(self) -> str:
        return f"{self.firm} · {self.city}"

    def get_absolute_url(self) -> str:
        return object_url("registry:office_detail", self.pk)

    @property
    def scope_path(self) -> str:
        return self.firm.region.path

    @classmethod
    def scope_q(cls, view: ScopeView) -> Q:
        return combine(
            path_q("firm__region_path", view.region_paths),
            Q(firm_id__in=view.firm_ids) if view.firm_ids else Q(),
        )
