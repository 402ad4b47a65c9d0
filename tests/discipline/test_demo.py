"""The demo's cases: every stage, some past their clock, the demo lawyer's own waiting for an answer, a
few sanctions in the public look-up now, and data for every page."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from lvxie.discipline import selectors
from lvxie.discipline.choices import CaseStatus
from lvxie.discipline.models import DisciplinaryCase
from tests.registry.test_demo_seed import demo, seeded  # noqa: F401 - the module's seeded city


def test_the_demo_has_cases_at_every_stage_some_late_and_sanctions_published(demo):  # noqa: F811
    stages = set(DisciplinaryCase.objects.values_list("status", flat=True))
    assert stages == set(CaseStatus.values)
    officer = get_user_model().objects.get(username="discipline")
    figures = selectors.oversight(selectors.oversight_regions(officer).first())
    assert figures.past_clock >= 3
    assert sum(n for *_x, n in figures.ageing) == figures.open
    assert any(m for *_x, m in figures.median_days)
    published = selectors.published_sanctions()
    assert 2 <= len(published) <= 4
    assert "disciplinary cases" in demo


def test_the_demo_lawyer_sees_their_case_waiting_for_an_answer(client, demo):  # noqa: F811
    lawyer = get_user_model().objects.get(username="lawyer")
    client.force_login(lawyer)
    mine = DisciplinaryCase.objects.get(lawyer=lawyer.lawyer)
    assert mine.status == CaseStatus.NOTIFIED
    page = client.get(reverse("discipline:detail", args=[mine.pk])).content.decode()
    assert 'id="step-answer"' in page and 'id="step-ask_hearing"' in page
    assert mine.number in client.get(reverse("home")).content.decode()


def test_the_demo_officer_has_data_on_every_page(client, demo):  # noqa: F811
    officer = get_user_model().objects.get(username="discipline")
    client.force_login(officer)
    listed = client.get(reverse("discipline:list")).content.decode()
    assert listed.count("JC") >= 20
    oversight = client.get(reverse("discipline:oversight")).content.decode()
    assert 'id="late"' in oversight and "JC" in oversight
    final = DisciplinaryCase.objects.filter(status=CaseStatus.FINAL, reviewed_on__isnull=False).first()
    page = client.get(reverse("discipline:detail", args=[final.pk]))
    assert page.status_code == 200 and 'id="documents"' in page.content.decode()
    assert client.get(reverse("discipline:document", args=[final.pk, "review"])).content.startswith(b"%PDF")
    assert client.get(reverse("public:sanctions")).content.decode().count("<tr>") >= 3
