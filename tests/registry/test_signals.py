"""The registry announces changed firms and lawyers (lvxie.registry.signals) inside the change's own
transaction, naming the firms concerned: what the Party side's coverage listens to."""

import pytest
from django.db import connection

from lvxie.registry import signals
from lvxie.registry.services import firm_update, lawyer_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """What each signal carried, and whether the service's own transaction was open when it came: the test
    runs in a transaction of its own, so the service's shows as one more savepoint than the test's."""
    got: list[tuple[str, set, bool]] = []
    depth = len(connection.savepoint_ids)

    def listen(name):
        def receiver(sender, *, firm_ids, **kwargs):
            got.append((name, set(firm_ids), len(connection.savepoint_ids) > depth))

        return receiver

    firms, lawyers = listen("firms"), listen("lawyers")
    signals.firms_changed.connect(firms)
    signals.lawyers_changed.connect(lawyers)
    yield got
    signals.firms_changed.disconnect(firms)
    signals.lawyers_changed.disconnect(lawyers)


def test_a_firm_change_names_the_firm_inside_the_transaction(world, heard):
    firm = world["ft_firm"]
    firm_update(actor=world["users"]["city"], firm=firm, phone="0755-12345678")
    assert heard == [("firms", {firm.pk}, True)]


def test_a_lawyer_moving_firm_names_the_firm_left_and_the_firm_joined(world, heard):
    lawyer, joined = world["ft_lawyer"], world["ns_firm"]
    left = lawyer.firm_id
    lawyer_update(actor=world["users"]["city"], lawyer=lawyer, firm=joined)
    assert heard == [("lawyers", {left, joined.pk}, True)]
