"""Bulk insertion (core/bulk.py): given many validated lawyers, when the registry's bulk service saves them,
then on PostgreSQL they go in by COPY and on SQLite by bulk_create, with the same outcome: every row saved
with its key, its search keys, its region path and its auto_now date; and a refused row (a licence number
taken meanwhile) raises IntegrityError and, with the caller's transaction, saves nothing."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from lvxie.core.bulk import COPY_FROM_ROWS
from lvxie.registry.models import Lawyer
from lvxie.registry.services import lawyers_bulk_register
from tests.factories import LawyerFactory

ROWS = COPY_FROM_ROWS + 20


def _new_lawyers(firm, count):
    return [LawyerFactory.build(firm=firm, region=firm.region) for _ in range(count)]


def test_many_rows_are_saved_with_their_keys_and_computed_fields(world):
    firm = world["ft_firm"]
    before = Lawyer.objects.count()
    rows = _new_lawyers(firm, ROWS)
    with CaptureQueriesContext(connection) as queries:
        assert lawyers_bulk_register(actor=None, lawyers=rows) == ROWS
    assert Lawyer.objects.count() == before + ROWS
    # Every object has its key, and the row under that key is the object's
    saved = Lawyer.objects.in_bulk([row.pk for row in rows])
    assert len(saved) == ROWS
    for row in rows[:: ROWS // 10]:
        stored = saved[row.pk]
        assert (stored.name, stored.licence_no, stored.firm_id) == (row.name, row.licence_no, firm.pk)
        assert stored.name_pinyin and stored.region_path == firm.region.path and stored.updated_at is not None
    if connection.vendor == "postgresql":
        assert any(q["sql"].startswith("COPY ") or "nextval" in q["sql"] for q in queries.captured_queries)


def test_a_refused_row_raises_integrity_error_and_the_transaction_saves_nothing(world):
    firm = world["ft_firm"]
    before = Lawyer.objects.count()
    rows = _new_lawyers(firm, ROWS)
    rows[-1].licence_no = world["ft_lawyer"].licence_no  # registered meanwhile
    with pytest.raises(IntegrityError), transaction.atomic():
        lawyers_bulk_register(actor=None, lawyers=rows)
    assert Lawyer.objects.count() == before


def test_a_few_rows_take_the_plain_path(world):
    rows = _new_lawyers(world["ft_firm"], 3)
    with CaptureQueriesContext(connection) as queries:
        lawyers_bulk_register(actor=None, lawyers=rows)
    assert all(row.pk for row in rows)
    assert not any("nextval" in q["sql"] for q in queries.captured_queries)


def _state(obj) -> tuple:
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    cached = {f.name: f.get_cached_value(obj, None) for f in obj._meta.concrete_fields if f.is_relation}
    return fields, cached, obj._state.adding, obj._state.db


@pytest.mark.parametrize("firm", [True, False])
def test_a_new_object_is_the_object_the_model_makes(world, firm):
    from lvxie.core.bulk import new_object

    given = {"name": "歐陽明", "licence_no": "44032015110000001", "first_licensed_year": 2015}
    given |= {"firm": world["ft_firm"], "region": world["ft_firm"].region} if firm else {"firm": None}
    made, expected = new_object(Lawyer, dict(given)), Lawyer(**given)
    assert _state(made)[0] | {"updated_at": None} == _state(expected)[0] | {"updated_at": None}
    assert _state(made)[1:] == _state(expected)[1:]
    assert made.firm is given["firm"] and made.pk is None


def test_a_name_the_fields_do_not_hold_is_left_to_the_model(world):
    from lvxie.core.bulk import new_object

    with pytest.raises(TypeError):
        new_object(Lawyer, {"name": "x", "no_such_field": 1})


def test_one_row_inserted_as_save_would_in_one_statement(world):
    """`insert_one` writes what `save(force_insert=True)` writes (auto_now_add stamped, JSON stored as
    JSON, the key set on the object) in one INSERT … RETURNING, with its SQL made once per model."""
    from django.forms.models import model_to_dict

    from lvxie.core.bulk import insert_one
    from lvxie.notifications.models import Notification

    fields = {
        "recipient": world["users"]["futian"],
        "title": "标题",
        "body": "正文",
        "message": {"a": [1, "二"]},
    }
    saved, inserted = Notification(**fields), Notification(**fields)
    saved.save(force_insert=True)
    with CaptureQueriesContext(connection) as queries:
        insert_one(inserted)
    assert len(queries.captured_queries) == 1 and "RETURNING" in queries.captured_queries[0]["sql"]
    assert inserted.pk and inserted.pk != saved.pk and not inserted._state.adding
    first, second = (Notification.objects.get(pk=row.pk) for row in (saved, inserted))
    assert model_to_dict(first, exclude=["id"]) == model_to_dict(second, exclude=["id"])
    assert second.created_at == inserted.created_at and second.message == {"a": [1, "二"]}


def _job(user, **fields):
    from lvxie.dataio.models import ExportJob

    return ExportJob(what="lawyers", fmt="csv", language="zh-hans", created_by=user, **fields)


def test_a_new_row_is_saved_by_one_insert_and_a_loaded_one_by_one_update_as_save_would(world):
    """`save_row` writes what `save()` writes: a new row with its key and auto_now dates, in one INSERT;
    a loaded row changed in place, every column, its auto_now date stamped anew, in one UPDATE."""
    from django.forms.models import model_to_dict

    from lvxie.core.bulk import save_row
    from lvxie.dataio.models import ExportJob

    user = world["users"]["futian"]
    saved, row = _job(user, query="q=1"), _job(user, query="q=1")
    saved.save()
    with CaptureQueriesContext(connection) as queries:
        save_row(row)
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT"]
    assert row.pk and row.pk != saved.pk and not row._state.adding
    assert model_to_dict(ExportJob.objects.get(pk=row.pk), exclude=["id"]) == model_to_dict(
        ExportJob.objects.get(pk=saved.pk), exclude=["id"]
    )
    loaded = ExportJob.objects.get(pk=row.pk)
    stamped = loaded.updated_at
    loaded.status, loaded.processed_rows, loaded.error = "failed", 7, "坏了"
    with CaptureQueriesContext(connection) as queries:
        save_row(loaded)
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    stored = ExportJob.objects.get(pk=row.pk)
    assert (stored.status, stored.processed_rows, stored.error) == ("failed", 7, "坏了")
    assert stored.updated_at == loaded.updated_at and stored.updated_at >= stamped
    assert stored.created_at == saved.created_at or stored.created_at == loaded.created_at


def test_what_save_does_beyond_plain_rows_is_left_to_save(world):
    """A model with its own save (a lawyer keeps its region path), one with signal receivers, a row
    loaded with deferred fields (save writes only the loaded ones), a row gone from the table (save
    inserts it again) and an unsaved related object (refused, as by save)."""
    from lvxie.core.bulk import save_row
    from lvxie.dataio.models import ExportJob

    lawyer = Lawyer.objects.get(pk=world["ft_lawyer"].pk)
    lawyer.region_path = ""
    save_row(lawyer)  # Lawyer.save sets it from the region
    assert Lawyer.objects.get(pk=lawyer.pk).region_path == world["ft_lawyer"].region.path

    user = world["users"]["futian"]
    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.query, created))

    post_save.connect(receiver, sender=ExportJob)
    try:
        save_row(_job(user, query="heard"))
    finally:
        post_save.disconnect(receiver, sender=ExportJob)
    assert heard == [("heard", True)]
    job = _job(user, query="kept")
    job.save()
    partial = ExportJob.objects.only("id", "status").get(pk=job.pk)
    partial.status = "failed"
    save_row(partial)
    stored = ExportJob.objects.get(pk=job.pk)
    assert (stored.status, stored.query) == ("failed", "kept")

    gone = ExportJob.objects.get(pk=job.pk)
    ExportJob.objects.filter(pk=job.pk).delete()
    save_row(gone)
    assert ExportJob.objects.filter(pk=job.pk, query="kept").exists()

    from lvxie.accounts.models import User

    orphan = _job(User(username="nobody-yet"))
    with pytest.raises(ValueError, match="unsaved related object"):
        save_row(orphan)
