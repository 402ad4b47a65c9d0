"""`validate`: full_clean's checks and messages, without looking up keys that hold saved objects."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lvxie.core.services import validate
from lvxie.registry.models import CommitteeMembership, Lawyer
from tests.factories import CommitteeFactory, LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lawyer(regions) -> Lawyer:
    """A lawyer loaded as a service has it: firm and district as objects."""
    saved = LawyerFactory(firm=LawFirmFactory(region=regions["futian"]))
    return Lawyer.objects.select_related("firm", "region").get(pk=saved.pk)


def _queries(fn) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return [query["sql"] for query in captured.captured_queries]


def test_a_key_holding_a_saved_object_is_not_looked_up_again(lawyer):
    sql = _queries(lambda: validate(lawyer))
    assert not any('FROM "registry_lawfirm"' in q or 'FROM "registry_region"' in q for q in sql)
    assert any('FROM "registry_lawyer"' in q for q in sql)  # the licence number is still checked as unique


def test_a_bare_key_is_looked_up_and_refused_when_missing(lawyer):
    lawyer = Lawyer.objects.get(pk=lawyer.pk)  # firm_id only, no object
    lawyer.firm_id = 999_999
    with pytest.raises(ValidationError) as refused:
        validate(lawyer)
    assert "firm" in refused.value.message_dict


def test_uniqueness_over_saved_keys_keeps_its_message(lawyer, regions):
    committee = CommitteeFactory(region=regions["futian"])
    CommitteeMembership.objects.create(committee=committee, lawyer=lawyer)
    again = CommitteeMembership(committee=committee, lawyer=lawyer)
    with pytest.raises(ValidationError) as refused:
        validate(again)
    assert "already exists" in str(refused.value)


def test_fields_limits_the_checks_to_what_changed(lawyer):
    Lawyer.objects.filter(pk=lawyer.pk).update(licence_no="bad")  # legacy data in an unchanged field
    lawyer.licence_no = "bad"
    lawyer.phone = "13900000000"
    validate(lawyer, fields=("phone",))
    with pytest.raises(ValidationError) as refused:
        validate(lawyer)
    assert "licence_no" in refused.value.message_dict
