"""The national data set for the benchmark: 31 provinces, ~340 cities, ~2,800 districts, 39,000 law
firms and 677,000 lawyers (China, 2023), deterministic from a seed, loaded into PostgreSQL with COPY.

Rows are generated as plain tuples and streamed: building 677,000 model instances would cost minutes
and gigabytes. Every identifier is valid by construction (check characters computed); the importer's
validated path is measured separately by the benchmark.
"""

import random
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from functools import lru_cache

from django.apps import apps
from django.db import connection, transaction
from django.utils.module_loading import import_string

from lvxie.audit.services import audit_record
from lvxie.core.chinese import name_search_keys
from lvxie.core.validators import credit_code_check_char, id_number_check_char

from .choices import FirmKind, FirmStatus, Gender, LawyerKind, RegionLevel
from .demo.city import apportion
from .demo.data import AREAS, GIVEN, LICENCE_CATEGORY, STATUSES, SURNAMES, TRADE_CHARS
from .models import LawFirm, Lawyer, Region
from .services import regions_bulk_create

FIRMS, LAWYERS, CITIES, DISTRICTS = 39_000, 677_000, 340, 2_800
NATIONAL_SEED = 677

# The 31 provincial-level divisions of the mainland, with their GB/T 2260 codes.
PROVINCES = (
    ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
    ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"), ("31", "上海市"), ("32", "江苏省"),
    ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"), ("37", "山东省"),
    ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
    ("46", "海南省"), ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"),
    ("54", "西藏自治区"), ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
)  # fmt: skip
# Lawyers are concentrated where the economy is: relative weights of provinces (roughly 2023's shares).
PROVINCE_WEIGHTS = {"11": 8, "31": 7, "44": 12, "32": 7, "33": 6, "37": 6, "51": 5, "41": 4, "42": 4}
# Firm kinds nationally: partnerships dominate; about a quarter of firms are sole practitioners.
KINDS = {FirmKind.PARTNERSHIP: 68, FirmKind.SOLE: 24, FirmKind.STATE_FUNDED: 2, FirmKind.BRANCH: 5.7,
         FirmKind.FOREIGN_REP: 0.2, FirmKind.GBA_PARTNERSHIP: 0.05, FirmKind.JOINT_OFFICE: 0.05}  # fmt: skip
OUTSIDE_KINDS = {LawyerKind.CORPORATE: 0.06, LawyerKind.PUBLIC_SECTOR: 0.07, LawyerKind.LEGAL_AID: 0.01}

FIRM_COLUMNS = ("name", "name_simplified", "name_pinyin", "name_initials", "kind", "status", "credit_code",
                "licence_no", "region_id", "address", "head_name", "founded_on", "party_building_in_bylaws",
                "updated_at")  # fmt: skip
LAWYER_COLUMNS = ("name", "name_simplified", "name_pinyin", "name_initials", "gender", "kind", "status",
                  "licence_no", "firm_id", "employer", "region_id", "first_licensed_year", "practice_areas",
                  "phone", "id_number", "updated_at")  # fmt: skip

keys = lru_cache(maxsize=None)(name_search_keys)  # names repeat: pinyin once per distinct name


class NationalData:
    """The generator: regions as models (a few thousand), firms and lawyers as COPY rows."""

    def __init__(self, *, seed: int = NATIONAL_SEED, scale: float = 1.0) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.now = datetime(2024, 12, 31, tzinfo=UTC)

    def regions(self) -> list[Region]:
        rng = self.rng
        country = Region(code="86", name="中国", level=RegionLevel.COUNTRY)
        regions = [country]
        weights = [PROVINCE_WEIGHTS.get(code, 2.5) for code, _ in PROVINCES]
        city_counts = apportion(CITIES, [1.0] * len(PROVINCES))
        district_counts = apportion(DISTRICTS, [1.0] * CITIES)
        city_index = 0
        self.district_weights: dict[str, float] = {}
        for (code, name), cities, weight in zip(PROVINCES, city_counts, weights, strict=True):
            province = Region(code=code, name=name, level=RegionLevel.PROVINCE, parent=country)
            regions.append(province)
            for c in range(1, cities + 1):
                city_code = f"{code}{c:02d}"
                city = Region(code=city_code, name=self._place_name() + "市", level=RegionLevel.CITY,
                              parent=province)  # fmt: skip
                regions.append(city)
                # The first city of a province is its capital: more firms there.
                city_weight = weight * (4.0 if c == 1 else rng.uniform(0.3, 1.2))
                for d in range(1, district_counts[city_index] + 1):
                    district_code = f"{city_code}{d:02d}"
                    regions.append(Region(code=district_code, name=self._place_name() + "区",
                                          level=RegionLevel.DISTRICT, parent=city))  # fmt: skip
                    self.district_weights[district_code] = city_weight * rng.uniform(0.2, 1.8)
                city_index += 1
        return regions

    def _place_name(self) -> str:
        return "".join(self.rng.choice(TRADE_CHARS) for _ in range(2))

    def _name(self) -> tuple[str, str]:
        gender = Gender.MALE if self.rng.random() < 0.55 else Gender.FEMALE
        length = 1 if self.rng.random() < 0.25 else 2
        return SURNAMES.pick(self.rng) + "".join(
            self.rng.choice(GIVEN[gender]) for _ in range(length)
        ), gender

    def firm_rows(self, district_ids: dict[str, int]) -> Iterator[tuple]:
        """One COPY row per firm; `self.firm_places` keeps (district code, size weight) per firm."""
        rng = self.rng
        codes = list(self.district_weights)
        kinds, kind_weights = list(KINDS), list(KINDS.values())
        total = round(FIRMS * self.scale)
        places = rng.choices(codes, weights=[self.district_weights[c] for c in codes], k=total)
        self.firm_places: list[tuple[str, float]] = []
        for n, district in enumerate(places, start=1):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            trade = "".join(rng.choice(TRADE_CHARS) for _ in range(2))
            name = f"{trade}{n}律师事务所" if kind != FirmKind.BRANCH else f"{trade}律师事务所第{n}分所"
            body = f"31{district}{n:09d}"
            founded = date(rng.randint(1993, 2024), rng.randint(1, 12), rng.randint(1, 28))
            head, _ = self._name()
            k = keys(name)
            # Sizes: most firms are small, a few are large (sole firms: one to three lawyers).
            size = rng.uniform(1, 3) if kind == FirmKind.SOLE else rng.lognormvariate(2.3, 1.0)
            self.firm_places.append((district, size))
            yield (name, k["simplified"], k["pinyin"][:200], k["initials"][:50], kind,
                   FirmStatus.ACTIVE if rng.random() < 0.98 else FirmStatus.SUSPENDED,
                   body + credit_code_check_char(body), f"3{district[:4]}{n:012d}", district_ids[district],
                   f"{self._place_name()}路{rng.randint(1, 999)}号", head, founded, rng.random() < 0.36,
                   self.now)  # fmt: skip

    def lawyer_rows(self, firm_ids: list[int], district_ids: dict[str, int]) -> Iterator[tuple]:
        rng = self.rng
        total = round(LAWYERS * self.scale)
        outside = {kind: round(total * share) for kind, share in OUTSIDE_KINDS.items()}
        in_firms = total - sum(outside.values())
        sizes = [size for _, size in self.firm_places]
        slots = rng.choices(range(len(firm_ids)), weights=sizes, k=in_firms)
        codes = list(self.district_weights)
        seq = 0
        for kind, count in [(LawyerKind.FULL_TIME, in_firms), *outside.items()]:
            for i in range(count):
                seq += 1
                if kind == LawyerKind.FULL_TIME:
                    firm_index = slots[i]
                    district = self.firm_places[firm_index][0]
                    firm_id = firm_ids[firm_index]
                    this_kind = LawyerKind.PART_TIME if rng.random() < 0.03 else kind
                else:
                    district, firm_id, this_kind = rng.choice(codes), None, kind
                name, gender = self._name()
                year = rng.randint(1990, 2024)
                male = gender == Gender.MALE
                licence = f"{district[:4]}{year}{LICENCE_CATEGORY[this_kind]}{int(male)}{seq:07d}"
                born = rng.randint(max(1950, year - 45), year - 22)
                birth = f"{born}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                id_body = f"{district}{birth}{rng.randrange(500) * 2 + male:03d}"
                k = keys(name)
                id_number = id_body + id_number_check_char(id_body)
                phone = f"13{rng.randrange(10**9):09d}"
                yield (name, k["simplified"], k["pinyin"], k["initials"], gender, this_kind,
                       STATUSES.pick(rng), licence, firm_id, "" if firm_id else "某单位",
                       district_ids[district], year, f",{AREAS.pick(rng)},", phone, id_number,
                       self.now)  # fmt: skip


def _copy(
    table: str,
    columns: tuple[str, ...],
    rows: Iterator[tuple],
    report: Callable[[str, int], None],
    step: str,
    every: int = 100_000,
) -> int:
    """COPY rows into a table on the current connection (inside the caller's transaction)."""
    count = 0
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
            if count % every == 0:
                report(step, count)
    return count


def with_path(rows: Iterable[tuple], columns: tuple[str, ...], paths: dict[int, str]) -> Iterator[tuple]:
    """Each COPY row with its district's path appended (the rows' region_path, as save() keeps it)."""
    at = columns.index("region_id")
    for row in rows:
        yield (*row, paths[row[at]])


def seed_national(
    *,
    seed: int = NATIONAL_SEED,
    scale: float = 1.0,
    report: Callable[[str, int], None] = lambda step, count: None,
) -> dict[str, int]:
    """Load the national data set into an empty PostgreSQL registry in one transaction; one audit event."""
    if connection.vendor != "postgresql":
        raise RuntimeError(
            "The national data set is loaded with COPY: it needs PostgreSQL (set DATABASE_URL)."
        )
    data = NationalData(seed=seed, scale=scale)
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts["regions"] = regions_bulk_create(actor=None, regions=data.regions())
        report("regions", counts["regions"])
        district_ids = dict(Region.objects.filter(level=RegionLevel.DISTRICT).values_list("code", "id"))
        paths = dict(Region.objects.filter(level=RegionLevel.DISTRICT).values_list("id", "path"))
        counts["firms"] = _copy(
            "registry_lawfirm", (*FIRM_COLUMNS, "region_path"),
            with_path(data.firm_rows(district_ids), FIRM_COLUMNS, paths), report, "law firms",
        )  # fmt: skip
        report("law firms", counts["firms"])
        firm_ids = list(LawFirm.objects.order_by("id").values_list("id", flat=True))
        counts["lawyers"] = _copy("registry_lawyer", (*LAWYER_COLUMNS, "region_path"),
                                  with_path(data.lawyer_rows(firm_ids, district_ids), LAWYER_COLUMNS, paths),
                                  report, "lawyers")  # fmt: skip
        report("lawyers", counts["lawyers"])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registry_lawfirm; ANALYZE registry_lawyer; ANALYZE registry_region")
        audit_record(actor=None, action="seed.national", object_type=Lawyer._meta.label_lower, after=counts)
        for app in apps.get_app_configs():
            # Other capabilities add their national data after the registry's (AppConfig.national_seeder).
            seeder = getattr(app, "national_seeder", None)
            if seeder:
                counts |= import_string(seeder)(report=report)
    return counts
