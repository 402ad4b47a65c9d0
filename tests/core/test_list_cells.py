"""`{% list_cells %}` writes a list row's cells as the template loop it replaced did, byte for byte."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy

from lvxie.core.lists import Column

# The cells of core/list_table.html before the tag.
TEMPLATE_LOOP = Template(
    '{% for c, value in cells %}<td{% if c.css %} class="{{ c.css }}"{% endif %}>{% if value == "" or value '
    'is None %}<span class="muted">—</span>{% elif c.link %}<a href="{{ obj.get_absolute_url }}">{{ value }}'
    "</a>{% else %}{{ value }}{% endif %}</td>{% endfor %}"
)
TAG = Template("{% load lvxie %}{% list_cells obj cells %}")


class Row:
    def get_absolute_url(self) -> str:
        return '/firms/7/?a=1&b="2"'


VALUES = [
    "",
    None,
    0,
    12345,
    Decimal("95.50"),
    dt.date(2024, 5, 1),
    "<b>张斌</b> & co",
    gettext_lazy("All"),
    True,
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "column", [Column("a", "A"), Column("b", "B", css="num"), Column("c", "C", link=True)]
)
def test_the_tag_writes_what_the_template_loop_wrote(column, language):
    cells = [(column, value) for value in VALUES]
    context = {"obj": Row(), "cells": cells}
    with translation.override(language):
        assert TAG.render(Context(context)) == TEMPLATE_LOOP.render(Context(context))


class PlainRow:
    def get_absolute_url(self) -> str:
        return "/firms/7/"


def test_without_autoescape_a_value_is_shown_as_the_loop_showed_it():
    cells = [(Column("a", "A"), "<b>张斌</b> & co"), (Column("c", "C", link=True), "<i>")]
    context = {"obj": PlainRow(), "cells": cells}
    off = "{% autoescape off %}{}{% endautoescape %}"
    tag = Template(off.replace("{}", "{% load lvxie %}{% list_cells obj cells %}"))
    loop = Template(off.replace("{}", TEMPLATE_LOOP.source))
    assert tag.render(Context(context)) == loop.render(Context(context))
