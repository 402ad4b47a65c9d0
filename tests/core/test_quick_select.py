"""`QuickSelect` writes the drop-down Django's `Select` writes (the same HTML, attribute order aside)."""

import pytest
from django import forms
from django.test.html import parse_html

from lvxie.core.forms import QuickSelect

CHOICES = [
    ("", "全部"),
    ("a&b", "<b>甲</b> & 乙"),
    ("区", [("440304", "福田区"), ("440305", "南山区")]),
    (3, "三"),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "440305", 3, ["3"]])
def test_the_quick_drop_down_writes_what_django_writes(value):
    attrs = {"id": "id_f", "aria-invalid": "true"}
    quick = QuickSelect(choices=CHOICES).render("f", value, attrs)
    django = forms.Select(choices=CHOICES).render("f", value, attrs)
    assert parse_html(quick) == parse_html(django)


def test_a_list_filter_form_draws_its_drop_downs_quickly():
    from lvxie.core.lists import FilterForm, choice
    from lvxie.registry.choices import FirmKind

    form = FilterForm(None, actor=None, filters=(choice("kind", "Kind", FirmKind),))
    assert type(form.fields["kind"].widget) is QuickSelect
