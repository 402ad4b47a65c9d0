"""The registry's exports (registry/exports.py, from the lists' definitions in registry/lists.py): given a
filtered list, when it is downloaded, then the file holds exactly the rows the user may see, formula-like
text is defused, ID numbers and phones appear only for those who may unmask them and masked unless the
export is an unmasked one (then only inside the sensitive scope), and the cost in queries does not grow
with the rows."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lvxie.access.models import RoleAssignment
from lvxie.accounts.choices import Role
from lvxie.audit.models import AuditEvent
from lvxie.core.validators import mask_id_number, mask_phone
from tests.downloads import content_of, rows_of
from tests.factories import LawyerFactory


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_lawyer_export_is_scoped_and_audited(client, world, fmt):
    client.force_login(world["users"]["futian"])
    response = client.get(reverse("dataio:export", args=["lawyers"]), {"format": fmt})
    rows = rows_of(response)
    assert [r[0] for r in rows[1:]] == ["張斌"]
    event = AuditEvent.objects.filter(action="export.download").get()
    assert event.after["rows"] == 1 and event.after["format"] == fmt and event.object_type == "lawyers"


def test_filters_apply_to_the_export(client, world):
    client.force_login(world["users"]["city"])
    rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"q": "liu", "format": "csv"}))
    assert [r[0] for r in rows[1:]] == ["刘伟东"]
    assert AuditEvent.objects.get(action="export.download").after["filters"] == {"q": "liu"}


def test_formula_like_text_is_not_a_formula(client, world):
    LawyerFactory(name="=HYPERLINK(1)", firm=world["ft_firm"], employer="")
    client.force_login(world["users"]["city"])
    csv_rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"format": "csv"}))
    assert [r[0] for r in csv_rows if "HYPERLINK" in r[0]] == ["'=HYPERLINK(1)"]
    response = client.get(reverse("dataio:export", args=["lawyers"]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    cell = next(c for c in sheet["A"] if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.quotePrefix


def test_sensitive_columns_only_for_those_who_may_unmask_and_masked_by_default(client, world):
    # Given a lawyer in Futian, when the firm administrator exports, there are no ID or phone columns
    lawyer = world["ft_lawyer"]
    client.force_login(world["users"]["firm"])
    rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"format": "csv"}))
    assert len(rows[0]) == 8 and all(lawyer.id_number not in r for r in rows)
    # When the Futian administrator (who may unmask Futian) exports, the columns are there, masked
    client.force_login(world["users"]["futian"])
    rows = rows_of(client.get(reverse("dataio:export", args=["lawyers"]), {"format": "csv"}))
    assert rows[1][-2:] == [mask_id_number(lawyer.id_number), mask_phone(lawyer.phone)]
    assert all(lawyer.id_number not in cell for r in rows for cell in r)
    event = AuditEvent.objects.filter(action="export.download").latest("id")
    assert event.after["unmasked"] is False and "reason" not in event.after
    page = client.get(reverse("registry:lawyer_list")).content.decode()
    assert reverse("dataio:export", args=["lawyers"]) in page and 'class="muted"' in page
    # Without the permission the page offers no unmasked export
    assert reverse("dataio:export_unmasked", args=["lawyers"]) not in page


# Unmasked exports ---------------------------------------------------------------------------------


def test_unmasked_export_leaves_lawyers_outside_the_sensitive_scope_masked(client, world, exporter):
    # Given the Futian administrator, who also keeps the Nanshan firm (seen, but not theirs to unmask)
    RoleAssignment.objects.create(user=exporter, role=Role.FIRM_ADMIN, firm=world["ns_firm"])
    client.force_login(exporter)
    url = reverse("dataio:export_unmasked", args=["lawyers"])
    rows = {r[0]: r[-2:] for r in rows_of(client.post(url, {"format": "csv", "reason": "核查"}))[1:]}
    # Then Futian's lawyer is unmasked and Nanshan's stays masked
    ft, ns = world["ft_lawyer"], world["ns_lawyer"]
    assert rows == {
        "張斌": [ft.id_number, ft.phone],
        "刘伟东": [mask_id_number(ns.id_number), mask_phone(ns.phone)],
    }


def _export_queries(client, n: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dataio:export", args=["lawyers"]), {"format": "xlsx"})
        rows = rows_of(response)
    assert len(rows) == n + 1
    return len(queries)


def test_a_lawyer_export_costs_the_same_queries_for_few_rows_or_many(client, world):
    # Given the city administrator, when exporting 2 lawyers and then 60 more (in other firms)
    client.force_login(world["users"]["city"])
    few = _export_queries(client, 2)
    for firm in (world["ft_firm"], world["ns_firm"]):
        LawyerFactory.create_batch(30, firm=firm)
    LawyerFactory.create_batch(3, firm=None, region=world["regions"]["futian"], employer="法律援助中心")
    # Then the count of queries is the same: no query per row, per firm or per region
    assert _export_queries(client, 65) == few
