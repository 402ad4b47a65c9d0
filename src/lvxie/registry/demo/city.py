"""`DemoCity`: the demo records generated from a seed, deterministically and without the database."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

from lvxie.core.chinese import to_simplified
from lvxie.core.validators import credit_code_check_char, id_number_check_char

from ..choices import (
    CommitteeKind,
    CommitteePosition,
    FirmKind,
    FirmStatus,
    Gender,
    LawyerKind,
    LawyerStatus,
    RegionLevel,
    TraineeStatus,
)
from ..models import BarCommittee, CommitteeMembership, LawFirm, Lawyer, OverseasOffice, Region, Trainee
from .data import (
    AREA_ORDER,
    AREAS,
    AS_OF,
    BIRTH_AREAS,
    BUILDING_SUFFIXES,
    CITY_BODIES,
    CITY_CODE,
    DEFAULT_SEED,
    DISTRICT_BODIES,
    DISTRICTS,
    FAMOUS_NAMES,
    FIRM_KIND_COUNTS,
    FIRM_LICENCE_DIGIT,
    FIRMS,
    FOREIGN_GIVEN,
    FOREIGN_GIVEN_FEMALE,
    FOREIGN_SURNAMES,
    FOUNDED,
    FUTIAN,
    GIVEN,
    HK_FIRM_PARTS,
    HK_GIVEN,
    HK_MACAU_SHARE,
    HK_SURNAMES,
    HOME_PROVINCES,
    ID_NUMBER_SHARE,
    IN_CITY_BRANCH_SHARE,
    INDUSTRIES,
    KIND_AREAS,
    LAWYERS,
    LICENCE_CATEGORY,
    LICENSED_SINCE,
    MACAU_CATEGORY,
    MACAU_SHARE,
    MOBILE_PREFIXES,
    NANSHAN,
    OFFICE_FIRMS,
    OFFICES,
    OUTSIDE_SHARES,
    OVERSEAS_CITIES,
    PART_TIME_SHARE,
    PARTY_BUILDING_SHARE,
    PROFESSIONAL_COMMITTEES,
    REAL_TRADE_NAMES,
    ROADS,
    STATUSES,
    SURNAMES,
    TERM_START,
    TRADE_CHARS,
    TRAINEES,
    Person,
    Weighted,
)


def _senior(lawyer: Lawyer) -> bool:
    return lawyer.first_licensed_year <= AS_OF.year - 15


def _practises_abroad(lawyer: Lawyer) -> bool:
    return lawyer.kind == LawyerKind.HK_MACAU or ",foreign," in lawyer.practice_areas


# Special committees, with who sits on them (None: any practising lawyer).
SPECIAL_COMMITTEES: tuple[tuple[str, Callable[[Lawyer], bool] | None], ...] = (
    ("维权委员会", None),
    ("纪律委员会", _senior),
    ("青年律师工作委员会", lambda lawyer: lawyer.first_licensed_year > AS_OF.year - 10),
    ("女律师工作委员会", lambda lawyer: lawyer.gender == Gender.FEMALE),
    ("公益法律服务委员会", None),
    ("涉外律师人才培养委员会", _practises_abroad),
    ("规章制度委员会", _senior),
    ("财务与会费管理委员会", None),
    ("会员发展委员会", None),
    ("业务指导与继续教育委员会", _senior),
    ("律师文化建设委员会", None),
    ("宣传工作委员会", None),
    ("对外交流委员会", _practises_abroad),
    ("港澳律师工作委员会", lambda lawyer: lawyer.kind == LawyerKind.HK_MACAU),
    ("公职律师工作委员会", lambda lawyer: lawyer.kind == LawyerKind.PUBLIC_SECTOR),
    ("公司律师工作委员会", lambda lawyer: lawyer.kind == LawyerKind.CORPORATE),
    ("法律援助工作委员会", lambda lawyer: lawyer.kind == LawyerKind.LEGAL_AID),
    ("申请律师执业人员考核委员会", _senior),
    ("执业纠纷调解委员会", _senior),
    ("信息化建设委员会", None),
    ("律师事务所管理指导委员会", _senior),
    ("理论研究委员会", None),
    ("粤港澳大湾区律师合作委员会", _practises_abroad),
    ("律师调解工作委员会", None),
    ("中小律师事务所发展委员会", None),
    ("文体工作委员会", None),
)


# Professional committees ("…专业委员会"), with the practice area their members work in (None: any).
def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into whole numbers proportional to `weights` (largest remainders round up)."""
    whole = sum(weights) or 1.0
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _scaled(count: float, scale: float) -> int:
    """A count at this scale, never below one (every kind of record stays present)."""
    return max(1, round(count * scale))


class DemoCity:
    """Generates the demo city's records, deterministically from `seed`, at `scale` (1.0: the size of
    Shenzhen in 2023). Objects are unsaved; each stage's objects refer to those of earlier stages."""

    def __init__(self, *, scale: float = 1.0, seed: int = DEFAULT_SEED) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.districts: dict[str, Region] = {}
        self.district_weights: Weighted | None = None
        self.city: Region | None = None
        self.firm_list: list[LawFirm] = []
        self.lawyer_list: list[Lawyer] = []
        self.firm_lawyers: dict[int, list[Lawyer]] = defaultdict(list)  # by id() of the firm object
        self.demo_firm: LawFirm | None = None
        self.demo_lawyer: Lawyer | None = None
        self._sizes: list[int] = []
        self._heads: list[Person] = []
        self._serials: Iterator[int] = iter(())  # unique sequence numbers of lawyers' licences
        self._branched: set[int] = set()  # head offices (by id()) that already have a branch here
        self._names: set[str] = set()
        self._trades: set[str] = set(REAL_TRADE_NAMES)
        self._lawyer_years: dict[
            str, Weighted
        ] = {  # about 10% more lawyers licensed each year than the year before
            kind: Weighted({year: 1.1 ** (year - 1986) for year in range(since, AS_OF.year + 1)})
            for kind, since in LICENSED_SINCE.items()
        }

    # Regions

    def regions(self) -> list[Region]:
        """中国 → 广东省 → 深圳市 → its 10 districts, parents first."""
        country = Region(code="86", name="中国", level=RegionLevel.COUNTRY)
        province = Region(code="44", name="广东省", level=RegionLevel.PROVINCE, parent=country)
        self.city = Region(code=CITY_CODE, name="深圳市", level=RegionLevel.CITY, parent=province)
        for code, name, _short, _weight in DISTRICTS:
            self.districts[code] = Region(code=code, name=name, level=RegionLevel.DISTRICT, parent=self.city)
        self.district_weights = Weighted({code: weight for code, _name, _short, weight in DISTRICTS})
        return [country, province, self.city, *self.districts.values()]

    # Law firms

    def firms(self) -> list[LawFirm]:
        """About 1,200 firms of every kind, head offices before the branches that belong to them."""
        rng = self.rng
        kinds = [kind for kind, count in FIRM_KIND_COUNTS.items() for _ in range(_scaled(count, self.scale))]
        partnerships = max(1, round(FIRMS * self.scale) - len(kinds))
        # Branches last, so that a head office here is there before its branch.
        kinds = [FirmKind.PARTNERSHIP] * partnerships + sorted(kinds, key=lambda k: k == FirmKind.BRANCH)
        statuses = [self._firm_status(kind) for kind in kinds]
        self._sizes = self._firm_sizes(kinds, statuses)
        biggest = max(range(len(kinds)), key=lambda i: (kinds[i] == FirmKind.PARTNERSHIP, self._sizes[i]))
        serials = rng.sample(range(10**7), len(kinds))
        for i, (kind, status) in enumerate(zip(kinds, statuses, strict=True)):
            parent = self._head_office() if kind == FirmKind.BRANCH else None
            code = FUTIAN if i == biggest else self._firm_district(kind, parent)
            first_year, last_year = FOUNDED[kind]
            if parent is not None:
                first_year = max(first_year, parent.founded_on.year)  # type: ignore[union-attr]  # the demo's firms have founding dates
            founded = self._date_in(first_year, last_year)
            head = self._foreign_person() if kind == FirmKind.FOREIGN_REP else self._person()
            self._heads.append(head)
            body = f"31{code}MD{serials[i]:07d}"
            self.firm_list.append(
                LawFirm(
                    name=self._firm_name(kind, code, head, parent),
                    kind=kind,
                    status=status,
                    credit_code=body + credit_code_check_char(body),
                    licence_no=f"3{CITY_CODE}{founded.year}{FIRM_LICENCE_DIGIT[kind]}{serials[i]:07d}",
                    region=self.districts[code],
                    address=self._address(code),
                    head_name=head.name,
                    founded_on=founded,
                    party_building_in_bylaws=self._party_building(kind),
                    parent_firm=parent,
                )
            )
        self.demo_firm = self.firm_list[biggest]
        return self.firm_list

    def _firm_status(self, kind: str) -> str:
        if kind not in (FirmKind.PARTNERSHIP, FirmKind.SOLE):
            return FirmStatus.ACTIVE
        draw = self.rng.random()
        if draw < 0.02:
            return FirmStatus.SUSPENDED
        return FirmStatus.DISSOLVED if draw < 0.035 else FirmStatus.ACTIVE

    def _firm_sizes(self, kinds: Sequence[str], statuses: list[str]) -> list[int]:
        """Lawyers per firm: fixed small ranges for some kinds, a long tail for partnerships and branches
        (a few firms of several hundred lawyers); none in dissolved firms and representative offices."""
        rng = self.rng
        in_firms = round(LAWYERS * self.scale) - sum(self._outside_counts().values())
        fixed: dict[str, Callable[[], int]] = {
            FirmKind.SOLE: lambda: rng.choice((1, 1, 1, 2, 2, 3, 4)),
            FirmKind.STATE_FUNDED: lambda: rng.randint(4, 15),
            FirmKind.GBA_PARTNERSHIP: lambda: rng.randint(12, 45),
            FirmKind.FOREIGN_REP: lambda: 0,
            FirmKind.JOINT_OFFICE: lambda: 0,
        }
        minimum: dict[str, int] = {
            FirmKind.PARTNERSHIP: 3,
            FirmKind.BRANCH: 2,
        }  # a partnership needs three partners
        sizes, weights = [], []
        for kind, status in zip(kinds, statuses, strict=True):
            if status == FirmStatus.DISSOLVED:
                sizes.append(0)
                weights.append(0.0)
            elif kind in fixed:
                sizes.append(fixed[kind]())
                weights.append(0.0)
            else:
                sizes.append(minimum[kind])
                weights.append(min(rng.paretovariate(1.16), 300 if kind == FirmKind.PARTNERSHIP else 60))
        extra = apportion(max(0, in_firms - sum(sizes)), weights)
        return [size + more for size, more in zip(sizes, extra, strict=True)]

    def _head_office(self) -> LawFirm | None:
        """The head office of a branch: a partnership here (with no other branch here), or None for a
        firm elsewhere."""
        candidates = [
            firm
            for firm in self.firm_list
            if firm.kind == FirmKind.PARTNERSHIP
            and firm.status == FirmStatus.ACTIVE
            and id(firm) not in self._branched
        ]
        if self.rng.random() >= IN_CITY_BRANCH_SHARE or not candidates:
            return None
        parent = self.rng.choice(candidates)
        self._branched.add(id(parent))
        return parent

    def _firm_district(self, kind: str, parent: LawFirm | None) -> str:
        rng = self.rng
        if kind in (FirmKind.FOREIGN_REP, FirmKind.JOINT_OFFICE):  # the CBD and 前海
            return FUTIAN if rng.random() < 0.6 else NANSHAN
        if kind == FirmKind.GBA_PARTNERSHIP:  # mostly 前海
            return NANSHAN if rng.random() < 0.7 else FUTIAN
        while True:
            code = self.district_weights.pick(rng)  # type: ignore[union-attr]  # set in an earlier step of the seeding
            if parent is None or code != parent.region.code:  # a branch here sits in another district
                return code

    def _date_in(self, first_year: int, last_year: int) -> date:
        """A date in these years, later years likelier (the industry keeps growing)."""
        year = min(last_year, int(self.rng.triangular(first_year, last_year + 1, last_year + 1)))
        return min(AS_OF, date(year, 1, 1) + timedelta(days=self.rng.randrange(365)))

    def _party_building(self, kind: str) -> bool:
        if kind in (FirmKind.FOREIGN_REP, FirmKind.JOINT_OFFICE):
            return False
        return kind == FirmKind.STATE_FUNDED or self.rng.random() < PARTY_BUILDING_SHARE

    def _trade_name(self) -> str:
        """An unused trade name (字号) that is not a well-known real firm's: two characters, or three once
        two-character names grow scarce (large scales)."""
        attempts = 0
        while True:
            trade = "".join(self.rng.sample(TRADE_CHARS, 2 if attempts < 50 else 3))
            if trade not in self._trades:
                self._trades.add(trade)
                return trade
            attempts += 1

    def _firm_name(self, kind: str, code: str, head: Person, parent: LawFirm | None) -> str:
        rng = self.rng
        short = next(short for district, _name, short, _weight in DISTRICTS if district == code)
        while True:
            trade = self._trade_name()
            if kind == FirmKind.SOLE:
                name = f"广东{head.name if rng.random() < 0.5 else trade}律师事务所"
            elif kind == FirmKind.STATE_FUNDED:
                name = f"深圳市{self.districts[code].name}{trade}律师事务所"
            elif kind == FirmKind.BRANCH and parent is not None:
                name = f"{parent.name.removesuffix('律师事务所')}（{short}）律师事务所"
            elif kind == FirmKind.BRANCH:
                suffix = "（深圳）律师事务所" if rng.random() < 0.5 else "律师事务所深圳分所"
                name = f"{rng.choice(HOME_PROVINCES)}{trade}{suffix}"
            elif kind == FirmKind.FOREIGN_REP:
                name = f"{self._foreign_firm()}律师事务所驻深圳代表处"
            elif kind == FirmKind.GBA_PARTNERSHIP:
                partners = "".join(rng.sample(HK_FIRM_PARTS, rng.randint(2, 3)))
                name = f"{trade}{partners}（{'前海' if code == NANSHAN else '河套'}）联营律师事务所"
            elif kind == FirmKind.JOINT_OFFICE:
                name = f"广东{trade}律师事务所与{self._foreign_firm()}律师事务所（前海）联营办公室"
            else:
                name = f"广东{trade}律师事务所"
            if name not in self._names:
                self._names.add(name)
                return name

    def _foreign_firm(self) -> str:
        first, second = self.rng.sample(FOREIGN_SURNAMES, 2)
        return f"{first}·{second}{'国际' if self.rng.random() < 0.3 else ''}"

    def _address(self, code: str) -> str:
        rng = self.rng
        building = "".join(rng.sample(TRADE_CHARS, 2)) + rng.choice(BUILDING_SUFFIXES)
        return (
            f"深圳市{self.districts[code].name}{rng.choice(ROADS[code])}{rng.randint(1, 9000)}号"
            f"{building}{rng.randint(2, 58)}楼"
        )

    # People

    def _person(self, gender: str | None = None, *, traditional: bool = False) -> Person:
        """An invented name (traditional characters for HK/Macau), never a well-known person's."""
        rng = self.rng
        gender = gender or (Gender.MALE if rng.random() < 0.55 else Gender.FEMALE)
        surnames, given = (HK_SURNAMES, HK_GIVEN) if traditional else (SURNAMES, GIVEN)
        while True:
            length = 1 if rng.random() < 0.25 else 2
            name = surnames.pick(rng) + "".join(rng.choice(given[gender]) for _ in range(length))
            simplified = to_simplified(name) if traditional else name
            if simplified not in FAMOUS_NAMES and (simplified != name) == traditional:
                return Person(name, gender)

    def _foreign_person(self) -> Person:
        given = self.rng.choice(FOREIGN_GIVEN)
        gender = Gender.FEMALE if given in FOREIGN_GIVEN_FEMALE else Gender.MALE
        return Person(f"{given}·{self.rng.choice(FOREIGN_SURNAMES)}", gender)

    def _id_number(self, area: str, born: int, gender: str) -> str:
        """A GB 11643 number; the 17th digit is odd for men."""
        birth = date(born, 1, 1) + timedelta(days=self.rng.randrange(365))
        order = self.rng.randrange(500) * 2 + (gender == Gender.MALE)
        body = f"{area}{birth:%Y%m%d}{order:03d}"
        return body + id_number_check_char(body)

    def _phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    # Lawyers

    def lawyers(self) -> list[Lawyer]:
        """About 22,000 lawyers: each firm's head first, then its other lawyers (full-time, part-time,
        HK/Macau, most of the latter in Greater Bay Area partnerships); then corporate, public-sector and
        legal-aid lawyers, who work outside firms."""
        rng = self.rng
        outside = self._outside_counts()
        self._serials = iter(rng.sample(range(10**7), sum(self._sizes) + sum(outside.values())))
        sized = zip(self.firm_list, self._sizes, strict=True)
        slots = [firm for firm, size in sized for _ in range(size - 1)]  # seats besides the head
        slot_kinds = self._slot_kinds(slots)
        for firm, size, head in zip(self.firm_list, self._sizes, self._heads, strict=True):
            if size:
                since = firm.founded_on.year - rng.randint(3, 12)  # type: ignore[union-attr]  # the demo's firms have founding dates
                self._add_lawyer(
                    LawyerKind.FULL_TIME,
                    head,
                    firm=firm,
                    region=firm.region,
                    year=max(LICENSED_SINCE[LawyerKind.FULL_TIME], since),
                    status=LawyerStatus.PRACTISING,
                )
        for firm, kind in zip(slots, slot_kinds, strict=True):
            macau = kind == LawyerKind.HK_MACAU and rng.random() < MACAU_SHARE
            self._add_lawyer(
                kind,
                self._person(traditional=kind == LawyerKind.HK_MACAU),
                firm=firm,
                region=firm.region,
                macau=macau,
            )
        for kind, count in outside.items():
            employers = self._employers(kind, max(1, count // 4))
            for _ in range(count):
                employer, code = rng.choice(employers)
                self._add_lawyer(kind, self._person(), region=self.districts[code], employer=employer)
        practising = [
            lawyer
            for lawyer in self.firm_lawyers[id(self.demo_firm)][1:]
            if lawyer.kind == LawyerKind.FULL_TIME and lawyer.status == LawyerStatus.PRACTISING
        ]
        self.demo_lawyer = practising[0] if practising else self.firm_lawyers[id(self.demo_firm)][0]
        return self.lawyer_list

    def _outside_counts(self) -> dict[str, int]:
        return {kind: _scaled(LAWYERS * share, self.scale) for kind, share in OUTSIDE_SHARES.items()}

    def _slot_kinds(self, slots: list[LawFirm]) -> list[str]:
        """The kind of lawyer in each non-head seat of a firm: HK/Macau lawyers fill up to 40% of the Greater
        Bay Area partnerships' seats (the rest go to other partnerships), part-timers sit in partnerships."""
        rng = self.rng
        kinds: list[str] = [LawyerKind.FULL_TIME] * len(slots)
        gba = [i for i, firm in enumerate(slots) if firm.kind == FirmKind.GBA_PARTNERSHIP]
        ordinary = [i for i, firm in enumerate(slots) if firm.kind == FirmKind.PARTNERSHIP]
        hk_total = _scaled(LAWYERS * HK_MACAU_SHARE, self.scale)
        hk = rng.sample(gba, min(len(gba) * 2 // 5, hk_total))
        hk += rng.sample(ordinary, min(len(ordinary), hk_total - len(hk)))
        taken = set(hk)
        free = [i for i in ordinary if i not in taken]
        part_time = rng.sample(free, min(len(free), _scaled(LAWYERS * PART_TIME_SHARE, self.scale)))
        for i in hk:
            kinds[i] = LawyerKind.HK_MACAU
        for i in part_time:
            kinds[i] = LawyerKind.PART_TIME
        return kinds

    def _employers(self, kind: str, count: int) -> list[tuple[str, str]]:
        """Bodies that employ lawyers outside firms, with the district they sit in: the legal-aid centres
        and public bodies of the city and its districts, or `count` invented companies."""
        rng = self.rng
        if kind == LawyerKind.LEGAL_AID:
            districts = [(f"深圳市{d.name}法律援助处", code) for code, d in self.districts.items()]
            return [("深圳市法律援助处", FUTIAN), *districts]
        if kind == LawyerKind.PUBLIC_SECTOR:
            districts = [
                (f"深圳市{d.name}{body}", code)
                for code, d in self.districts.items()
                for body in DISTRICT_BODIES
            ]
            return [(body, FUTIAN) for body in CITY_BODIES] + districts
        companies = []
        for _ in range(count):
            trade, industry = self._trade_name(), rng.choice(INDUSTRIES)
            group = rng.random() < 0.3
            name = f"深圳{trade}{industry}集团有限公司" if group else f"深圳市{trade}{industry}有限公司"
            companies.append((name, self.district_weights.pick(rng)))  # type: ignore[union-attr]  # set in an earlier step of the seeding
        return companies

    def _add_lawyer(
        self,
        kind: str,
        person: Person,
        *,
        region: Region,
        firm: LawFirm | None = None,
        employer: str = "",
        year: int | None = None,
        status: str | None = None,
        macau: bool = False,
    ) -> None:
        rng = self.rng
        year = year or self._lawyer_years[kind].pick(rng)
        category = MACAU_CATEGORY if macau else LICENCE_CATEGORY[kind]
        male = person.gender == Gender.MALE
        area = "820000" if macau else "810000" if kind == LawyerKind.HK_MACAU else BIRTH_AREAS.pick(rng)
        born = max(1940, year - rng.randint(23, 33))
        lawyer = Lawyer(
            name=person.name,
            gender=person.gender,
            kind=kind,
            status=status or STATUSES.pick(rng),
            licence_no=f"{CITY_CODE}{year}{category}{int(male)}{next(self._serials):07d}",
            firm=firm,
            employer=employer,
            region=region,
            first_licensed_year=year,
            practice_areas=self._areas(kind),
            phone=self._phone(),
            id_number=self._id_number(area, born, person.gender) if rng.random() < ID_NUMBER_SHARE else "",
        )
        self.lawyer_list.append(lawyer)
        if firm is not None:
            self.firm_lawyers[id(firm)].append(lawyer)

    def _areas(self, kind: str) -> str:
        """1 to 3 practice-area codes, stored ",a,b," in PracticeArea order."""
        rng = self.rng
        if kind in KIND_AREAS:
            codes = set(rng.sample(KIND_AREAS[kind], rng.randint(1, 3)))
        else:
            codes = {AREAS.pick(rng) for _ in range(rng.randint(1, 3))}
        return "," + ",".join(sorted(codes, key=AREA_ORDER.__getitem__)) + ","

    # Trainees

    def trainees(self) -> list[Trainee]:
        """About 1,500 trainees in active firms, each supervised by a full-time lawyer of the same firm
        with at least five years of practice; larger firms take more."""
        rng = self.rng
        seniors = {
            id(firm): [
                lawyer
                for lawyer in self.firm_lawyers[id(firm)]
                if lawyer.kind == LawyerKind.FULL_TIME
                and lawyer.status == LawyerStatus.PRACTISING
                and lawyer.first_licensed_year <= AS_OF.year - 5
            ]
            for firm in self.firm_list
            if firm.status == FirmStatus.ACTIVE
        }
        firms = [firm for firm in self.firm_list if seniors.get(id(firm))]
        weights = list(itertools.accumulate(len(self.firm_lawyers[id(firm)]) for firm in firms))
        count = _scaled(TRAINEES, self.scale)
        first_day = date(AS_OF.year - 1, 9, 1)
        trainees = []
        for serial in rng.sample(range(10**6), count):
            firm = rng.choices(firms, cum_weights=weights)[0]
            person = self._person(Gender.FEMALE if rng.random() < 0.52 else Gender.MALE)
            started = first_day + timedelta(days=rng.randrange((AS_OF - first_day).days + 1))
            trainees.append(
                Trainee(
                    name=person.name,
                    gender=person.gender,
                    firm=firm,
                    supervisor=rng.choice(seniors[id(firm)]),
                    certificate_no=f"{CITY_CODE}{started.year}{serial:06d}",
                    started_on=started,
                    status=self._trainee_status(started),
                    phone=self._phone(),
                    id_number=self._id_number(BIRTH_AREAS.pick(rng), rng.randint(1995, 2001), person.gender),
                )
            )
        return trainees

    def _trainee_status(self, started: date) -> str:
        if started > AS_OF - timedelta(days=365):
            return TraineeStatus.IN_TRAINING
        draw = self.rng.random()
        if draw < 0.6:
            return TraineeStatus.LICENSED
        return TraineeStatus.COMPLETED if draw < 0.9 else TraineeStatus.WITHDRAWN

    # Bar committees

    def committees(self) -> tuple[list[BarCommittee], list[CommitteeMembership]]:
        """10 district working committees (members practise in the district), 26 special and 80
        professional committees (the city); each with a director, 1-3 deputies and 10-30 members, the most
        senior lawyers drawn taking the chairs."""
        practising = [lawyer for lawyer in self.lawyer_list if lawyer.status == LawyerStatus.PRACTISING]
        by_district, by_area = defaultdict(list), defaultdict(list)
        for lawyer in practising:
            by_district[lawyer.region.code].append(lawyer)
            for code in lawyer.practice_area_codes:
                by_area[code].append(lawyer)
        committees, seats = [], []

        def add(name: str, kind: str, region: Region, pool: list[Lawyer]) -> None:
            committee = BarCommittee(name=name, kind=kind, region=region)
            committees.append(committee)
            seats.extend(self._seats(committee, pool))

        for code, district in self.districts.items():
            add(f"{district.name}工作委员会", CommitteeKind.DISTRICT, district, by_district[code])
        for name, sits in SPECIAL_COMMITTEES:
            pool = [lawyer for lawyer in practising if sits is None or sits(lawyer)]
            add(name, CommitteeKind.SPECIAL, self.city, pool)  # type: ignore[arg-type]  # set in an earlier step of the seeding
        for topic, area in PROFESSIONAL_COMMITTEES:
            pool = by_area[area] if area else practising
            add(f"{topic}专业委员会", CommitteeKind.PROFESSIONAL, self.city, pool)  # type: ignore[arg-type]  # set in an earlier step of the seeding
        return committees, seats

    def _seats(self, committee: BarCommittee, pool: list[Lawyer]) -> list[CommitteeMembership]:
        rng = self.rng
        deputies = rng.randint(1, 3)
        drawn = rng.sample(pool, min(len(pool), 1 + deputies + rng.randint(10, 30)))
        drawn.sort(key=lambda lawyer: (lawyer.first_licensed_year, lawyer.licence_no))
        positions = [CommitteePosition.DIRECTOR] + [CommitteePosition.DEPUTY] * deputies
        return [
            CommitteeMembership(
                committee=committee,
                lawyer=lawyer,
                term_start=TERM_START,
                position=positions[i] if i < len(positions) else CommitteePosition.MEMBER,
            )
            for i, lawyer in enumerate(drawn)
        ]

    # Offices abroad

    def offices(self) -> list[OverseasOffice]:
        """About 120 offices abroad of about 60 of the largest firms, the largest having the most."""
        rng = self.rng
        ranked = sorted(
            (
                i
                for i, firm in enumerate(self.firm_list)
                if firm.status == FirmStatus.ACTIVE
                and firm.kind in (FirmKind.PARTNERSHIP, FirmKind.BRANCH, FirmKind.GBA_PARTNERSHIP)
            ),
            key=lambda i: -self._sizes[i],
        )
        firms = [self.firm_list[i] for i in ranked[: _scaled(OFFICE_FIRMS, self.scale)]]
        counts = [1] * len(firms)
        by_rank = [1 / (rank + 1) for rank in range(len(firms))]
        for _ in range(max(0, _scaled(OFFICES, self.scale) - len(firms))):
            counts[rng.choices(range(len(firms)), weights=by_rank)[0]] += 1
        cities = Weighted({city: city[-1] for city in OVERSEAS_CITIES})
        offices = []
        for firm, count in zip(firms, counts, strict=True):
            chosen: list[tuple] = []
            while len(chosen) < min(count, len(OVERSEAS_CITIES)):
                city = cities.pick(rng)
                if city not in chosen:
                    chosen.append(city)
            for name, country, latitude, longitude, street, _weight in chosen:
                offices.append(
                    OverseasOffice(
                        firm=firm,
                        country=country,
                        city=name,
                        address=f"Level {rng.randint(2, 45)}, {rng.randint(1, 300)} {street}",
                        latitude=Decimal(f"{latitude + rng.uniform(-0.01, 0.01):.5f}"),
                        longitude=Decimal(f"{longitude + rng.uniform(-0.01, 0.01):.5f}"),
                        opened_on=self._date_in(max(2012, firm.founded_on.year), AS_OF.year),  # type: ignore[union-attr]  # the demo's firms have founding dates
                    )
                )
        return offices
