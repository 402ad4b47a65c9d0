"""The supervisor and head-office pickers (issue 18, item 9): instead of a drop-down of every lawyer or firm,
a search box whose suggestions are the practising lawyers (firms) in the user's scope, told apart by licence
number (credit code) and firm; a forged, out-of-scope or deregistered id is refused."""

import re

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from lvxie.registry.choices import FirmStatus, LawyerStatus
from lvxie.registry.models import OverseasOffice, Trainee
from tests.factories import LawyerFactory

pytestmark = pytest.mark.django_db

MATRIX_URLS = ["core:pick"]  # anonymous, in scope, out of scope: see the 404/empty test below


def _suggest(client, source: str, field: str, q: str):
    return client.get(reverse("core:pick", args=[source]) + "?" + urlencode({"field": field, "q": q}))


def _trainee_data(world, supervisor="", typed=""):
    return {
        "name": "李小红",
        "gender": "F",
        "firm": world["ft_firm"].pk,
        "supervisor": supervisor,
        "supervisor_q": typed,
        "certificate_no": "S20260001",
        "started_on": "2026-03-01",
        "status": "in_training",
        "phone": "",
        "id_number": "",
    }


@pytest.fixture
def namesakes(world):
    """Two practising 陈倩 in Futian (different firms), a deregistered one, and one in Nanshan."""
    other_firm = world["ft_firm"].__class__.objects.create(
        name="福田第二律师事务所",
        kind=world["ft_firm"].kind,
        credit_code="91440300MA5DEF0002",
        licence_no="24403200000002",
        region=world["regions"]["futian"],
        founded_on=world["ft_firm"].founded_on,
    )
    return {
        "one": LawyerFactory(name="陈倩", firm=world["ft_firm"]),
        "two": LawyerFactory(name="陈倩", firm=other_firm),
        "cancelled": LawyerFactory(name="陈倩", firm=world["ft_firm"], status=LawyerStatus.CANCELLED),
        "nanshan": LawyerFactory(name="陈倩", firm=world["ns_firm"]),
    }


def test_the_supervisor_picker_offers_practising_lawyers_in_scope_told_apart(client, world, namesakes):
    client.force_login(world["users"]["futian"])
    found = _suggest(client, "registry.practising_lawyers", "supervisor", "陈倩").content.decode()
    offered = {int(pk) for pk in re.findall(r'name="supervisor" value="(\d+)"', found)}
    assert offered == {namesakes["one"].pk, namesakes["two"].pk}
    # Two people of one name are told apart by licence number and firm.
    for lawyer in (namesakes["one"], namesakes["two"]):
        assert lawyer.licence_no in found and lawyer.firm.name in found
    # Pinyin initials find them too (the registry's search).
    assert (
        namesakes["one"].licence_no
        in _suggest(client, "registry.practising_lawyers", "supervisor", "cq").content.decode()
    )
    # The form itself renders the picker, not a drop-down of every lawyer.
    page = client.get(reverse("registry:trainee_create")).content.decode()
    assert 'name="supervisor_q"' in page and '<select name="supervisor"' not in page


def test_the_picker_says_how_many_more_there_are(client, world):
    for n in range(23):
        LawyerFactory(name=f"王{'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天'[n]}", firm=world["ft_firm"])
    client.force_login(world["users"]["futian"])
    found = _suggest(client, "registry.practising_lawyers", "supervisor", "王").content.decode()
    assert len(re.findall(r'name="supervisor" value="\d+"', found)) == 20
    assert re.search(r"\b3\b", found.split('value="')[-1])  # "3 more: keep typing"


def test_a_forged_out_of_scope_or_deregistered_supervisor_is_refused(client, world, namesakes):
    client.force_login(world["users"]["futian"])
    url = reverse("registry:trainee_create")
    for forged in (namesakes["nanshan"], namesakes["cancelled"]):
        response = client.post(url, _trainee_data(world, supervisor=forged.pk))
        assert response.status_code == 400 and "supervisor" in response.context["form"].errors
    assert not Trainee.objects.exists()
    assert client.post(url, _trainee_data(world, supervisor=namesakes["two"].pk)).status_code == 302
    assert Trainee.objects.get().supervisor == namesakes["two"]


def test_without_javascript_an_exact_licence_number_picks_the_supervisor(client, world, namesakes):
    client.force_login(world["users"]["futian"])
    url = reverse("registry:trainee_create")
    # The deregistered one's number is not taken either.
    refused = client.post(url, _trainee_data(world, typed=namesakes["cancelled"].licence_no))
    assert refused.status_code == 400 and "supervisor" in refused.context["form"].errors
    assert client.post(url, _trainee_data(world, typed=namesakes["one"].licence_no)).status_code == 302
    assert Trainee.objects.get().supervisor == namesakes["one"]


def test_suggestions_are_404_for_anonymous_and_empty_out_of_scope(client, world, namesakes):
    assert _suggest(client, "registry.practising_lawyers", "supervisor", "陈倩").status_code == 404
    client.force_login(world["users"]["nanshan"])
    found = _suggest(client, "registry.practising_lawyers", "supervisor", "陈倩").content.decode()
    assert {int(pk) for pk in re.findall(r'name="supervisor" value="(\d+)"', found)} == {
        namesakes["nanshan"].pk
    }
    assert _suggest(client, "no.such_source", "supervisor", "陈").status_code == 404


def test_the_head_office_picker_offers_practising_firms_by_credit_code(client, world):
    dissolved = world["ft_firm"].__class__.objects.create(
        name="福田旧律师事务所",
        kind=world["ft_firm"].kind,
        status=FirmStatus.DISSOLVED,
        credit_code="91440300MA5DEF0003",
        licence_no="24403200000003",
        region=world["regions"]["futian"],
        founded_on=world["ft_firm"].founded_on,
    )
    client.force_login(world["users"]["futian"])
    found = _suggest(client, "registry.practising_firms", "firm", "福田").content.decode()
    offered = {int(pk) for pk in re.findall(r'name="firm" value="(\d+)"', found)}
    assert offered == {world["ft_firm"].pk} and world["ft_firm"].credit_code in found
    url = reverse("registry:office_create")
    data = {"country": "新加坡", "city": "新加坡", "address": "", "latitude": "1.29", "longitude": "103.85"}
    for forged in (world["ns_firm"].pk, dissolved.pk):
        response = client.post(url, {**data, "firm": forged})
        assert response.status_code == 400 and "firm" in response.context["form"].errors
    assert not OverseasOffice.objects.exists()
    assert client.post(url, {**data, "firm_q": world["ft_firm"].credit_code}).status_code == 302
    assert OverseasOffice.objects.get().firm == world["ft_firm"]
