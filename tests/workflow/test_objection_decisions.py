"""Decisions on the public's objections (`services.objection_decide`): once, with a reason, audited;
`publication.upheld` / `undecided` / `windows_of` tell the capability that published the item."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from lvxie.audit.models import AuditEvent
from lvxie.workflow import publication, services
from lvxie.workflow.choices import ObjectionDecision
from tests.workflow.test_publication import START, published_call  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_an_objection_is_decided_once_with_a_reason(cw, published_call):  # noqa: F811
    window = publication.windows_of(published_call)[0]
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        first = services.objection_submit(window=window, text="评分有误")
        second = services.objection_submit(window=window, text="另一条")
    assert publication.undecided(published_call) == 2 and not publication.upheld(published_call)
    with pytest.raises(ValidationError) as no_reason:
        services.objection_decide(actor=cw["issuer"], objection=first, upheld=True, reason=" ")
    assert no_reason.value.error_dict["reason"][0].code == "required"
    decided = services.objection_decide(
        actor=cw["issuer"], objection=first, upheld=False, reason="经复核无误"
    )
    assert decided.decision == ObjectionDecision.DISMISSED and decided.decided_by == cw["issuer"]
    assert not publication.upheld(published_call) and publication.undecided(published_call) == 1
    with pytest.raises(ValidationError) as twice:
        services.objection_decide(actor=cw["issuer"], objection=first, upheld=True, reason="改判")
    assert twice.value.code == "decided"
    services.objection_decide(actor=cw["issuer"], objection=second, upheld=True, reason="属实")
    assert publication.upheld(published_call) and publication.undecided(published_call) == 0
    assert AuditEvent.objects.filter(action="publication.objection_decide").count() == 2


def test_objections_to_other_items_do_not_count(cw, published_call):  # noqa: F811
    assert publication.objections_to(cw["firms"]["a"]).count() == 0
    assert publication.windows_of(cw["firms"]["a"]) == []
