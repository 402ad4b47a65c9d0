"""What each role sees and may change of the registry (issue 18): figures "of the firm" are the firm's,
whoever looks; each role's home page fits the role; a lawyer keeps their own contact details, a firm
administrator those of the firm's lawyers, and the rest of the record stays the bureau's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from lvxie.audit.models import AuditEvent
from lvxie.registry import policies
from lvxie.registry.choices import LawyerKind
from lvxie.registry.models import Lawyer
from lvxie.registry.services import lawyer_update
from tests.conftest import page

# Figures of the firm --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["lawyer", "firm", "futian"])
def test_firm_page_gives_the_firms_own_figures_to_everyone_who_may_see_it(client, world, big_firm, who):
    # given a firm of 4 lawyers, 2 trainees and 3 overseas offices
    # when its lawyer, its administrator or the district opens the firm's page
    body = page(client, world["users"][who], "registry:firm_detail", big_firm.pk)
    context = client.get(reverse("registry:firm_detail", args=[big_firm.pk])).context
    # then the figures are the firm's, not the viewer's slice of it
    assert context["figures"]["lawyers"] == 4
    assert context["figures"]["trainees"] == 2
    assert context["figures"]["offices"] == 3
    assert "律师（4 人）" in body


def test_lawyer_sees_the_firms_figures_but_the_list_holds_only_themself(client, world, big_firm):
    # given the firm's lawyer
    body = page(client, world["users"]["lawyer"], "registry:firm_detail", big_firm.pk)
    listed = client.get(reverse("registry:firm_detail", args=[big_firm.pk])).context["lawyers"]
    # then the list behind the figure stays scoped: their own record, and a note that it is a part
    assert [lawyer.pk for lawyer in listed] == [world["ft_lawyer"].pk]
    assert "你可以打开其中 1 位。" in body  # the interface's default language is Chinese


# A lawyer's own record --------------------------------------------------------------------------------


def test_lawyer_edits_own_phone_on_the_page_and_sees_the_rest_read_only(client, world):
    lawyer = world["ft_lawyer"]
    url = reverse("registry:lawyer_update", args=[lawyer.pk])
    # given the lawyer on their own edit page
    client.force_login(world["users"]["lawyer"])
    form = client.get(url).context["form"]
    # then only their contact details are inputs; the licence and the rest are shown, not editable
    assert set(form.fields) == {"phone", "practice_areas"}
    body = client.get(url).content.decode()
    assert lawyer.licence_no in body and 'name="licence_no"' not in body
    # when they save a new phone (and a forged licence number with it)
    response = client.post(
        url, {"phone": "13912340000", "practice_areas": ["ip"], "licence_no": "44032015110000999"}
    )
    # then the phone and areas are saved and audited, the licence number is not touched
    assert response.status_code == 302
    lawyer.refresh_from_db()
    assert (lawyer.phone, lawyer.practice_areas) == ("13912340000", ",ip,")
    assert lawyer.licence_no != "44032015110000999"
    event = AuditEvent.objects.get(action="lawyer.update")
    assert event.actor_id == world["users"]["lawyer"].pk and set(event.after) == {"phone", "practice_areas"}


def test_lawyer_may_not_edit_another_lawyer(client, world):
    client.force_login(world["users"]["lawyer"])
    assert client.get(reverse("registry:lawyer_update", args=[world["ns_lawyer"].pk])).status_code == 404


def test_service_refuses_a_lawyers_change_of_own_licence_number_naming_the_field(world):
    lawyer = world["ft_lawyer"]
    old = lawyer.licence_no
    with translation.override("zh-hans"), pytest.raises(PermissionDenied) as refused:
        lawyer_update(actor=world["users"]["lawyer"], lawyer=lawyer, licence_no="44032015110000999")
    assert "执业证号" in str(refused.value)
    assert Lawyer.objects.get(pk=lawyer.pk).licence_no == old
    assert not AuditEvent.objects.filter(action="lawyer.update").exists()


# A firm administrator and the firm's lawyers ---------------------------------------------------------------


def test_firm_admin_edits_own_firms_lawyer_contact_fields_without_seeing_the_phone(client, world, big_firm):
    lawyer = world["ft_lawyer"]
    url = reverse("registry:lawyer_update", args=[lawyer.pk])
    client.force_login(world["users"]["firm"])
    response = client.get(url)
    # then the form has the contact fields; the registered phone is not put in the page (they may not
    # read it), only its mask; the sensitive reveal stays closed
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"phone", "practice_areas"}
    assert lawyer.phone not in response.content.decode()
    assert client.get(reverse("registry:lawyer_sensitive", args=[lawyer.pk])).status_code == 404
    # when they leave the phone empty and change the practice areas, the phone is kept
    assert client.post(url, {"phone": "", "practice_areas": ["labour"]}).status_code == 302
    lawyer.refresh_from_db()
    assert (lawyer.phone, lawyer.practice_areas) == ("13800138000", ",labour,")
    # and a part-time lawyer's employer is theirs to keep current too
    part_timer = Lawyer.objects.get(firm=big_firm, kind=LawyerKind.PART_TIME)
    form = client.get(reverse("registry:lawyer_update", args=[part_timer.pk])).context["form"]
    assert set(form.fields) == {"phone", "practice_areas", "employer"}


def test_firm_admin_gets_404_for_another_firms_lawyer(client, world):
    client.force_login(world["users"]["firm"])
    assert client.get(reverse("registry:lawyer_update", args=[world["ns_lawyer"].pk])).status_code == 404
    assert client.post(reverse("registry:lawyer_update", args=[world["ns_lawyer"].pk]), {}).status_code == 404


# The policy ---------------------------------------------------------------------------------------------


def test_policy_fields_per_role(world, big_firm):
    lawyer, users = world["ft_lawyer"], world["users"]
    assert policies.lawyer_fields(users["futian"], lawyer) == policies.LAWYER_FIELDS
    assert policies.lawyer_fields(users["firm"], lawyer) == {"phone", "practice_areas"}
    assert policies.lawyer_fields(users["lawyer"], lawyer) == {"phone", "practice_areas"}
    assert policies.lawyer_fields(users["lawyer"], world["ns_lawyer"]) == frozenset()
    assert policies.lawyer_fields(users["nanshan"], lawyer) == frozenset()
    # a firm may not register a lawyer: that is the bureau's, on licensing
    new = Lawyer(firm=big_firm, region=big_firm.region)
    assert not policies.allowed(users["firm"], policies.LAWYER_REGISTER, new)
    assert policies.allowed(users["futian"], policies.LAWYER_REGISTER, new)
    # an Edit button only for someone who may change something; a change of nothing needs that too
    assert policies.allowed(users["lawyer"], policies.LAWYER_CHANGE, lawyer)
    assert not policies.allowed(users["auditor"], policies.LAWYER_CHANGE, lawyer, fields=[])
    for field in ("licence_no", "status", "firm", "region", "kind", "id_number", "first_licensed_year"):
        assert not policies.allowed(users["firm"], policies.LAWYER_CHANGE, lawyer, fields=[field])
