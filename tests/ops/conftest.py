import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """These tests read the English wording of messages; the Chinese is checked where pages are."""
    with translation.override("en"):
        yield
