"""Input rules on the registry's models (issue 17, item 7), so the pages' forms, the API and imports all
refuse the same values: names of only spaces, control and text-direction characters, founding dates
before 1979 or to come, and a first-licensed year before the licence number's or to come."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from lvxie.registry.forms import FirmForm, LawyerForm
from lvxie.registry.models import LawFirm, Lawyer
from tests.factories import CommitteeFactory, credit_code, firm_licence

THIS_YEAR = date.today().year

BAD_NAMES = [
    ("   ", "blank"),
    ("\u3000\u3000", "blank"),  # full-width spaces
    ("张\u202e斌", "control_char"),  # right-to-left override
    ("\u2066张斌\u2069", "control_char"),  # isolates
    ("张\x07斌", "control_char"),  # C0 (bell)
    ("张\x85斌", "control_char"),  # C1 (next line)
    ("张\n斌", "control_char"),  # no line break in a name
]


def codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


def firm(regions, **fields) -> LawFirm:
    valid = {
        "name": "规则律师事务所",
        "credit_code": credit_code(7100),
        "licence_no": firm_licence(7100),
        "region": regions["futian"],
    }
    return LawFirm(**{**valid, **fields})


# Model ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "code"), BAD_NAMES)
def test_model_refuses_bad_names(world, name, code):
    lawyer = world["ft_lawyer"]
    lawyer.name = name
    with pytest.raises(ValidationError) as refused:
        lawyer.full_clean()
    assert codes(refused.value, "name") == [code]
    candidate = firm(world["regions"], name=name)
    with pytest.raises(ValidationError) as refused:
        candidate.full_clean()
    assert code in codes(refused.value, "name")


def test_control_characters_are_named_in_a_translated_message(world):
    lawyer = world["ft_lawyer"]
    lawyer.name = "张\u202e斌"
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        lawyer.full_clean()
    [message] = refused.value.message_dict["name"]
    assert "U+202E" in message and "控制" in message


def test_a_description_may_have_line_breaks_but_no_other_controls(world):
    committee = CommitteeFactory(region=world["regions"]["city"], description="第一行\n第二行\t完")
    committee.full_clean()
    committee.description = "第一行\u202e"
    with pytest.raises(ValidationError) as refused:
        committee.full_clean()
    assert codes(refused.value, "description") == ["control_char"]


@pytest.mark.parametrize("founded", [date(1800, 1, 1), date(1978, 12, 31), date(2999, 1, 1)])
def test_model_refuses_founding_dates_outside_1979_to_today(world, founded):
    with pytest.raises(ValidationError) as refused:
        firm(world["regions"], founded_on=founded).full_clean()
    assert codes(refused.value, "founded_on") == ["founded_range"]


@pytest.mark.parametrize("founded", [date(1979, 1, 1), date.today()])
def test_model_accepts_founding_dates_at_the_bounds(world, founded):
    firm(world["regions"], founded_on=founded).full_clean()


def test_model_refuses_first_licensed_year_before_the_licence_number_or_to_come(world):
    lawyer = world["ft_lawyer"]  # licence number of 2015
    lawyer.first_licensed_year = 2014
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        lawyer.full_clean()
    assert codes(refused.value, "first_licensed_year") == ["before_licence"]
    assert "2015" in refused.value.message_dict["first_licensed_year"][0]
    lawyer.first_licensed_year = THIS_YEAR + 1
    with pytest.raises(ValidationError) as refused:
        lawyer.full_clean()
    assert codes(refused.value, "first_licensed_year") == ["future_year"]
    lawyer.first_licensed_year = 2015
    lawyer.full_clean()


# Forms ------------------------------------------------------------------------------------------------


def lawyer_form_data(lawyer: Lawyer, **changes) -> dict:
    data = {
        "name": lawyer.name,
        "gender": lawyer.gender,
        "kind": lawyer.kind,
        "status": lawyer.status,
        "licence_no": lawyer.licence_no,
        "firm": lawyer.firm_id,
        "region": lawyer.region_id,
        "first_licensed_year": lawyer.first_licensed_year,
        "phone": lawyer.phone,
        "id_number": lawyer.id_number,
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": "张\u202e斌"}, "name", "control_char"),
        ({"employer": "某\u2067公司"}, "employer", "control_char"),
        ({"first_licensed_year": 2010}, "first_licensed_year", "before_licence"),
        ({"first_licensed_year": THIS_YEAR + 1}, "first_licensed_year", "future_year"),
    ],
)
def test_lawyer_form_refuses_bad_input(world, changes, field, code):
    actor = world["users"]["futian"]
    lawyer = world["ft_lawyer"]
    instance = Lawyer.objects.get(pk=lawyer.pk)
    form = LawyerForm(lawyer_form_data(lawyer, **changes), instance=instance, actor=actor)
    assert not form.is_valid()
    assert code in [e.code for e in form.errors.as_data()[field]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "\u3000 "}, "name"),
        ({"head_name": "王\u202d五"}, "head_name"),
        ({"founded_on": "1800-01-01"}, "founded_on"),
        ({"founded_on": "2999-01-01"}, "founded_on"),
    ],
)
def test_firm_form_refuses_bad_input(world, changes, field):
    data = {
        "name": "规则律师事务所",
        "kind": "partnership",
        "status": "active",
        "credit_code": credit_code(7200),
        "licence_no": firm_licence(7200),
        "region": world["regions"]["futian"].pk,
        **changes,
    }
    form = FirmForm(data, actor=world["users"]["futian"])
    assert not form.is_valid()
    assert field in form.errors


def test_page_refuses_a_bidi_override_in_a_name_and_changes_nothing(client, world):
    lawyer = world["ft_lawyer"]
    client.force_login(world["users"]["futian"])
    response = client.post(
        reverse("registry:lawyer_update", args=[lawyer.pk]), lawyer_form_data(lawyer, name="张\u202e斌")
    )
    assert response.status_code == 400 and "U+202E" in response.content.decode()
    assert Lawyer.objects.get(pk=lawyer.pk).name == lawyer.name
