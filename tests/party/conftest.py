from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.party.world import build_party_world

DEMO_SCALE = 0.1


@pytest.fixture
def party(world):
    """The hand-built Party world with known coverage answers (see tests/party/world.py)."""
    return build_party_world(world)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city (`lvxie seed demo`) at a small scale, once per module, rolled back at the end."""
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=tmp_path_factory.mktemp("var")),
        transaction.atomic(),
    ):
        call_command("seed", "demo", "--scale", str(DEMO_SCALE), stdout=StringIO())
        yield
        transaction.set_rollback(True)
