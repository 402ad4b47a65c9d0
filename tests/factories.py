"""Test data: a small city (深圳 with 福田 and 南山) and factories that make valid records.
Factories write with the ORM on purpose: they set up state for tests, they are not the system."""

import itertools
from datetime import date

import factory
from faker import Faker

from lvxie.access.models import RoleAssignment
from lvxie.accounts.models import User
from lvxie.core.validators import credit_code_check_char, id_number_check_char
from lvxie.registry.choices import CommitteeKind, FirmKind, Gender, LawyerKind
from lvxie.registry.models import BarCommittee, LawFirm, Lawyer, OverseasOffice, Region, Trainee

fake = Faker("zh_CN")
_seq = itertools.count(1)


def credit_code(n: int, region_code: str = "440300") -> str:
    """A valid unified social credit code for a law firm (registered by justice administration: 31)."""
    body = f"31{region_code}{n:09d}"[:17]
    return body + credit_code_check_char(body)


def id_number(n: int, birth: str = "19850312", region_code: str = "440304") -> str:
    body = f"{region_code}{birth}{n % 1000:03d}"
    return body + id_number_check_char(body)


def lawyer_licence(n: int, year: int = 2015, category: int = 1, gender: int = 1, region: str = "4403") -> str:
    return f"{region}{year}{category}{gender}{n:07d}"


def firm_licence(n: int, region: str = "4403") -> str:
    return f"3{region}{n:012d}"


def region_tree() -> dict[str, Region]:
    """country → 广东 → 深圳 → 福田, 南山; and 广州 → 天河 for a second city."""

    def make(code, name, level, parent=None):
        path = (parent.path if parent else "") + f"{code}/"
        return Region.objects.create(code=code, name=name, level=level, parent=parent, path=path)

    cn = make("86", "中国", "country")
    gd = make("44", "广东省", "province", cn)
    sz = make("4403", "深圳市", "city", gd)
    ft = make("440304", "福田区", "district", sz)
    ns = make("440305", "南山区", "district", sz)
    gz = make("4401", "广州市", "city", gd)
    th = make("440106", "天河区", "district", gz)
    return {
        "country": cn,
        "province": gd,
        "city": sz,
        "futian": ft,
        "nanshan": ns,
        "guangzhou": gz,
        "tianhe": th,
    }


class KeyedFactory(factory.django.DjangoModelFactory):
    """Fills the name search keys, as the services do, before saving."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.refresh_search_keys()
        obj.save()
        return obj


class LawFirmFactory(KeyedFactory):
    class Meta:
        model = LawFirm

    name = factory.LazyFunction(lambda: f"{fake.company_prefix()}律师事务所")
    kind = FirmKind.PARTNERSHIP
    credit_code = factory.LazyFunction(lambda: credit_code(next(_seq)))
    licence_no = factory.LazyFunction(lambda: firm_licence(next(_seq)))
    address = factory.LazyFunction(fake.street_address)
    head_name = factory.LazyFunction(fake.name)
    founded_on = date(2010, 5, 1)


class LawyerFactory(KeyedFactory):
    class Meta:
        model = Lawyer

    name = factory.LazyFunction(fake.name)
    gender = Gender.MALE
    kind = LawyerKind.FULL_TIME
    licence_no = factory.LazyFunction(lambda: lawyer_licence(next(_seq)))
    firm = factory.SubFactory(LawFirmFactory)
    region = factory.LazyAttribute(lambda o: o.firm.region if o.firm else None)
    first_licensed_year = factory.LazyAttribute(lambda o: int(o.licence_no[4:8]))
    phone = "13800138000"
    id_number = factory.LazyFunction(lambda: id_number(next(_seq)))


class TraineeFactory(KeyedFactory):
    class Meta:
        model = Trainee

    name = factory.LazyFunction(fake.name)
    gender = Gender.FEMALE
    firm = factory.SubFactory(LawFirmFactory)
    certificate_no = factory.LazyFunction(lambda: f"S{next(_seq):08d}")
    started_on = date(2026, 3, 1)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarCommittee

    name = factory.Sequence(lambda n: f"专业委员会{n}")
    kind = CommitteeKind.PROFESSIONAL


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OverseasOffice

    country = "新加坡"
    city = "新加坡"
    latitude = 1.29
    longitude = 103.85


def make_user(
    role: str | None = None, *, region=None, firm=None, lawyer=None, username=None, password="pw-Test-12345"
) -> User:
    """A user with one role bound to its scope (and a known password for log-in tests)."""
    user = User.objects.create_user(
        username=username or f"user{next(_seq)}", password=password, display_name="测试用户", lawyer=lawyer
    )
    if role:
        RoleAssignment.objects.create(user=user, role=role, region=region, firm=firm)
    return user
