"""A firm administrator keeps the firm's lawyers' contact details current from a spreadsheet (issue 18):
rows of the firm's own registered lawyers only, changing only what a firm may change; registering a
lawyer stays the judicial bureau's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lvxie.dataio.models import ImportJob
from lvxie.registry.models import Lawyer
from lvxie.registry.services import lawyers_bulk_update
from tests.dataio import files
from tests.dataio.test_import import upload
from tests.factories import LawyerFactory, lawyer_licence

PHONE_HEADERS = ["姓名", "性别", "执业证号", "首次执业年份", "手机号码"]


def row(lawyer: Lawyer, phone: str) -> list:
    return [lawyer.name, "男", lawyer.licence_no, lawyer.first_licensed_year, phone]


@pytest.fixture
def firm_client(client, world):
    client.force_login(world["users"]["firm"])
    return client


def checked(client, headers, rows) -> ImportJob:
    upload(client, "lawyers", files.xlsx(headers, rows))
    return ImportJob.objects.get()


def test_firm_admin_may_choose_the_lawyers_kind(firm_client):
    choices = dict(firm_client.get(reverse("dataio:import_list")).context["form"].fields["kind"].choices)
    assert "lawyers" in choices and "firms" not in choices


def test_firm_admin_imports_a_sheet_of_their_lawyers_phones(firm_client, world):
    # given two registered lawyers of the firm, one suspended with an ID number on record
    first = world["ft_lawyer"]
    second = LawyerFactory(firm=world["ft_firm"], status="suspended")
    # when the firm's administrator imports a sheet with only their phones (no status, ID or firm column)
    job = checked(firm_client, PHONE_HEADERS, [row(first, "13911110001"), row(second, "13911110002")])
    assert (job.report["update"], job.report["refused"]) == (2, 0), job.report
    firm_client.post(reverse("dataio:import_commit", args=[job.pk]))
    # then the phones change and nothing the sheet left out is reset
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.phone, second.phone) == ("13911110001", "13911110002")
    assert second.status == "suspended" and second.id_number and second.firm == world["ft_firm"]


def test_a_row_changing_status_is_refused_naming_the_field(firm_client, world):
    lawyer = world["ft_lawyer"]
    headers = [*PHONE_HEADERS, "执业状态"]
    job = checked(firm_client, headers, [[*row(lawyer, "13911110003"), "suspended"]])
    # then the row is refused on the status column, with a message naming it, and nothing is saved
    assert job.report["refused"] == 1
    [error] = job.report["errors"]
    assert error["column"] == "执业状态" and "状态" in error["message"]
    lawyer.refresh_from_db()
    assert (lawyer.status, lawyer.phone) == ("practising", "13800138000")


def test_rows_of_another_firms_lawyer_and_new_lawyers_are_refused(firm_client, world):
    other = world["ns_lawyer"]
    new = ["新律师", "男", lawyer_licence(9501), 2015, "13911110004"]
    rows = [[*row(other, "13911110005"), ""], [*new, world["ft_firm"].credit_code]]
    job = checked(firm_client, [*PHONE_HEADERS, "律师事务所"], rows)
    assert job.report["refused"] == 2 and job.report["update"] == job.report["create"] == 0
    messages = {e["row"]: e for e in job.report["errors"]}
    assert messages[2]["column"] == "执业证号"  # registered to a lawyer outside the firm
    assert "司法局" in messages[3]["message"]  # registering is the judicial bureau's
    assert not Lawyer.objects.filter(licence_no=lawyer_licence(9501)).exists()
    assert Lawyer.objects.get(pk=other.pk).phone != "13911110005"


def test_the_bulk_service_itself_refuses_a_firm_admins_forbidden_change(world):
    # Backstop: the service compares each row with the registered record, whatever the caller says.
    lawyer = Lawyer.objects.get(pk=world["ft_lawyer"].pk)
    lawyer.status = "revoked"
    with pytest.raises(PermissionDenied):
        lawyers_bulk_update(actor=world["users"]["firm"], lawyers=[lawyer], fields=["phone", "status"])
    assert Lawyer.objects.get(pk=lawyer.pk).status == "practising"
