from datetime import timedelta

import pytest
from django.utils import timezone

from lvxie.ledgers.services import item_add, ledger_create
from tests.party.world import build_party_world


def add_item(actor, ledger, **fields):
    defaults = {
        "problem": "政治理论学习不够系统",
        "goal": "每月集中学习一次",
        "measures": "制定学习计划，建立签到台账",
        "responsible": "王主任",
        "deadline": timezone.localdate() + timedelta(days=30),
    }
    return item_add(actor=actor, ledger=ledger, **{**defaults, **fields})


@pytest.fixture
def ledger(world):
    """The Futian firm's 2023 ledger, kept by its administrator."""
    return ledger_create(
        actor=world["users"]["firm"], firm=world["ft_firm"], title="2023年整改台账", year=2023
    )


@pytest.fixture
def item(world, ledger):
    return add_item(world["users"]["firm"], ledger)


@pytest.fixture
def party(world):
    """The hand-built Party world (see tests/party/world.py), for Party organizations' ledgers."""
    return build_party_world(world)
