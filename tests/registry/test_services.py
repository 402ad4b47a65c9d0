"""Registry writes: validated, scoped, audited, and all-or-nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lvxie.audit.models import AuditEvent
from lvxie.registry.models import LawFirm, Lawyer
from lvxie.registry.services import firm_register, lawyer_register, lawyer_update, trainee_register
from tests.factories import credit_code, firm_licence, id_number, lawyer_licence


def _firm_fields(regions, n=900, **extra):
    return {
        "name": "测试律师事务所",
        "kind": "partnership",
        "credit_code": credit_code(n),
        "licence_no": firm_licence(n),
        "region": regions["futian"],
        **extra,
    }


def test_wrong_credit_code_check_character_is_refused_in_chinese_and_nothing_saved(world):
    good = credit_code(901)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        firm_register(actor=world["users"]["futian"], **_firm_fields(world["regions"], credit_code=wrong))
    message = " ".join(str(m) for m in exc.value.messages)
    assert "校验" in message  # the check character, in Chinese
    assert not LawFirm.objects.filter(credit_code=wrong).exists()
    assert not AuditEvent.objects.filter(action="firm.create").exists()


def test_wrong_id_number_check_character_is_refused(world):
    good = id_number(7)
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], id_number=wrong)
    assert "校验" in " ".join(str(m) for m in exc.value.messages)
    assert Lawyer.objects.get(pk=world["ft_lawyer"].pk).id_number != wrong


def test_district_admin_cannot_register_in_another_district(world):
    with pytest.raises(PermissionDenied):
        firm_register(
            actor=world["users"]["futian"],
            **_firm_fields(world["regions"], region=world["regions"]["nanshan"]),
        )
    assert not LawFirm.objects.filter(name="测试律师事务所").exists()


def test_moving_a_lawyer_out_of_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        lawyer_update(actor=world["users"]["futian"], lawyer=world["ft_lawyer"], firm=world["ns_firm"])


def test_lawyer_in_firm_takes_the_firms_district_and_search_keys(world):
    lawyer = lawyer_register(
        actor=world["users"]["city"],
        name="歐陽明",
        gender="M",
        kind="full_time",
        licence_no=lawyer_licence(555, year=2018),
        firm=world["ns_firm"],
        region=world["regions"]["futian"],
        first_licensed_year=2018,
    )
    assert lawyer.region == world["regions"]["nanshan"]
    assert (lawyer.name_simplified, lawyer.name_pinyin, lawyer.name_initials) == (
        "欧阳明",
        "ouyangming",
        "oym",
    )
    assert AuditEvent.objects.get(action="lawyer.create").object_id == str(lawyer.pk)


def test_firm_admin_registers_own_trainee_but_not_a_lawyer(world):
    firm_admin = world["users"]["firm"]
    trainee = trainee_register(
        actor=firm_admin,
        name="李四",
        gender="F",
        firm=world["ft_firm"],
        certificate_no="S99",
        started_on="2026-01-05",
    )
    assert trainee.pk
    with pytest.raises(PermissionDenied):
        trainee_register(
            actor=firm_admin,
            name="王五",
            gender="F",
            firm=world["ns_firm"],
            certificate_no="S98",
            started_on="2026-01-05",
        )
    with pytest.raises(PermissionDenied):
        lawyer_register(
            actor=firm_admin,
            name="赵六",
            gender="M",
            kind="full_time",
            licence_no=lawyer_licence(556),
            firm=world["ft_firm"],
            region=world["regions"]["futian"],
            first_licensed_year=2015,
        )


def test_the_region_path_on_firm_and_lawyer_rows_follows_their_district(world):
    """Scope reads `region_path` on the row itself (no join): every way a row is saved keeps it."""
    from lvxie.registry.services import firm_update, lawyers_bulk_update

    futian, nanshan = world["regions"]["futian"], world["regions"]["nanshan"]
    firm = LawFirm.objects.get(pk=world["ft_firm"].pk)
    assert firm.region_path == futian.path and world["ft_lawyer"].region_path == futian.path
    firm_update(actor=None, firm=firm, region=nanshan)
    assert LawFirm.objects.get(pk=firm.pk).region_path == nanshan.path
    lawyer = Lawyer.objects.get(pk=world["ns_lawyer"].pk)
    lawyer.region_id = futian.pk  # a key alone, no object: the path is looked up
    lawyer.save(update_fields=["region"])
    assert Lawyer.objects.get(pk=lawyer.pk).region_path == futian.path
    lawyer = Lawyer.objects.get(pk=lawyer.pk)
    lawyer.kind, lawyer.firm, lawyer.region = "corporate", None, nanshan
    lawyers_bulk_update(actor=None, lawyers=[lawyer], fields=["kind", "firm"])
    assert Lawyer.objects.get(pk=lawyer.pk).region_path == nanshan.path
