import pytest

from tests.party.world import build_party_world


@pytest.fixture
def party(world):
    """The hand-built Party world with known coverage answers (see tests/party/world.py)."""
    return build_party_world(world)
