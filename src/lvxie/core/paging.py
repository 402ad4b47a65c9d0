"""A slice of a list whose rows join related tables (`select_related`), sorted before it joins.

PostgreSQL joins every row that matches before it sorts and cuts, so the first 20 of a national search
for a common name joined thousands of lawyers to their firms and regions to keep 20 (2.4 ms of a 2.6 ms
query). Here the slice's keys are chosen in a subquery on the list's own table (sorted on its indexes
alone) and only those rows are joined, with the list's own filters, annotations and order.
"""

from typing import TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def window(rows: QuerySet[M], start: int, stop: int) -> QuerySet[M]:
    """`rows[start:stop]`: the same objects in the same order, in one query."""
    if not rows.query.select_related or rows.query.distinct:
        # (a distinct list's key subquery would select its ordering columns too: sliced as it is)
        return rows[start:stop]
    return rows.filter(pk__in=rows.values("pk")[start:stop])


def rows_between(rows: QuerySet[M], start: int, stop: int) -> list[M]:
    return list(window(rows, start, stop))


class WindowPaginator(Paginator):
    """Django's paginator whose pages are `window`s of a queryset (a list page's 25 rows are joined after
    they are chosen, not before)."""

    def page(self, number) -> Page:
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:  # as Django's: the last page takes its orphans
            top = self.count
        return Page(self.rows(self.object_list, bottom, top), number, self)

    def rows(self, queryset: QuerySet, start: int, stop: int):
        """The page's rows (a subclass may read them another way: the same rows)."""
        return window(queryset, start, stop)
