"""Personal information (PIPL): a register kept complete by this test, masking of sensitive fields by role,
and a person's copy of their own data (art. 45)."""

import csv
import io
import json

import pytest
from django.apps import apps
from django.urls import reverse

from lvxie.accounts.choices import SENSITIVE_READERS, Role
from lvxie.audit.models import AuditEvent
from lvxie.core.personal_data import NOT_PERSONAL_FIELDS, NOT_PERSONAL_MODELS, REGISTER
from tests.factories import make_user

MATRIX_URLS = ["accounts:my_data"]


def _fields(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete or (f.many_to_many and not f.auto_created)}


def _models():
    return [m for m in apps.get_models() if m.__module__.startswith("lvxie.")]


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label_lower)
def test_every_field_of_every_model_is_classed_in_the_register(model):
    label = model._meta.label_lower
    if label in NOT_PERSONAL_MODELS:
        assert label not in REGISTER
        return
    assert label in REGISTER, (
        f"{label}: add it to lvxie/core/personal_data.py (REGISTER or NOT_PERSONAL_MODELS)"
    )
    personal, other = set(REGISTER[label]), NOT_PERSONAL_FIELDS.get(label, set())
    assert not personal & other, f"{label}: both personal and not: {personal & other}"
    missing = _fields(model) - personal - other
    assert not missing, f"{label}: class these fields in lvxie/core/personal_data.py: {sorted(missing)}"
    stale = (personal | other) - _fields(model)
    assert not stale, f"{label}: no such fields: {sorted(stale)}"


def test_register_names_no_model_that_does_not_exist():
    labels = {m._meta.label_lower for m in _models()}
    assert set(REGISTER) | set(NOT_PERSONAL_MODELS) | set(NOT_PERSONAL_FIELDS) <= labels


def test_every_entry_states_purpose_basis_retention():
    for label, fields in REGISTER.items():
        for name, entry in fields.items():
            assert entry.purpose and entry.basis and entry.retention, f"{label}.{name}"


def test_sensitive_fields_in_the_register_are_those_the_models_mask():
    for label, fields in REGISTER.items():
        model = apps.get_model(label)
        masked = set(getattr(model, "SENSITIVE_FIELDS", ()))
        if not masked:
            continue
        assert {n for n, e in fields.items() if e.sensitive} == masked
        for name in masked:
            assert fields[name].roles == SENSITIVE_READERS | {Role.LAWYER}


@pytest.mark.parametrize(
    ("user", "unmasked"),
    [("city", True), ("futian", True), ("lawyer", True), ("firm", False), ("nanshan", False)],
)
def test_id_numbers_and_phones_are_unmasked_only_for_the_roles_in_the_register(client, world, user, unmasked):
    lawyer = world["ft_lawyer"]
    client.force_login(world["users"][user])
    detail = client.get(reverse("registry:lawyer_detail", args=[lawyer.pk]))
    reveal = client.get(reverse("registry:lawyer_sensitive", args=[lawyer.pk]))
    assert lawyer.id_number not in detail.content.decode()
    assert reveal.status_code == (200 if unmasked else 404)
    if unmasked:
        assert lawyer.id_number in reveal.content.decode() and lawyer.phone in reveal.content.decode()


def test_a_lawyer_downloads_their_own_data_as_json(client, world):
    url = reverse("accounts:my_data", args=["json"])
    # Anonymous: sent to log in
    assert reverse("accounts:login") in client.get(url)["Location"]
    # The lawyer: their account, role and full record (unmasked: it is theirs)
    client.force_login(world["users"]["lawyer"])
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    lawyer = world["ft_lawyer"]
    assert data["account"][0]["username"] == "lawyer"
    assert data["lawyer"][0]["id_number"] == lawyer.id_number and data["lawyer"][0]["phone"] == lawyer.phone
    assert data["roles"][0]["role"] == Role.LAWYER
    assert "password" not in data["account"][0] and "totp_secret" not in data["account"][0]
    assert world["ns_lawyer"].id_number not in response.content.decode()
    assert AuditEvent.objects.filter(
        action="personal_data.export", actor_id=world["users"]["lawyer"].pk
    ).exists()


def test_a_lawyer_downloads_their_own_data_as_csv(client, world):
    client.force_login(world["users"]["lawyer"])
    response = client.get(reverse("accounts:my_data", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "row", "field", "value"]
    assert ["lawyer", "1", "id_number", world["ft_lawyer"].id_number] in rows


def test_data_download_of_another_user_holds_only_their_own(client, world):
    # A user who is not a lawyer gets their account only: nobody's registry record
    client.force_login(world["users"]["futian"])
    data = json.loads(client.get(reverse("accounts:my_data", args=["json"])).content)
    assert set(data) == {"account", "roles"}
    assert client.get(reverse("accounts:my_data", args=["xml"])).status_code == 404


def test_csv_cells_that_look_like_formulas_are_neutralised(client, db):
    make_user(username="x", password="pw-Test-12345").__class__.objects.filter(username="x").update(
        display_name="=HYPERLINK(1)"
    )
    client.login(username="x", password="pw-Test-12345")
    body = client.get(reverse("accounts:my_data", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
