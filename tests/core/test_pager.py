"""The shared list pager (issue 18, item 9): the total, first and last page, a window of numbered pages
around this one, on every list that includes core/pager.html (here the firm list, 25 a page)."""

import re

import pytest
from django.urls import reverse

from tests.factories import LawFirmFactory

pytestmark = pytest.mark.django_db


def _pager(html: str) -> str:
    return re.search(r'<nav class="pager".*?</nav>', html, re.S).group(0)


def test_the_pager_numbers_pages_around_this_one_with_first_last_and_total(client, world):
    LawFirmFactory.create_batch(298, region=world["regions"]["futian"])  # 300 with the world's two: 12 pages
    client.force_login(world["users"]["city"])
    pager = _pager(client.get(reverse("registry:firm_list") + "?page=6").content.decode())
    assert "300" in pager  # the total count
    assert re.search(r'aria-current="page">6<', pager)
    linked = {int(n) for n in re.findall(r'page=\d+">(\d+)<', pager)}
    assert linked == {1, 4, 5, 7, 8, 12}  # first, last and two either side
    assert "…" in pager
    # The filters are kept in every page link.
    filtered = _pager(client.get(reverse("registry:firm_list") + "?status=active&page=2").content.decode())
    assert "300" in filtered and "status=active&page=12" in filtered
