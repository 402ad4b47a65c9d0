"""`QuickSelect` and `QuickInput` write the drop-downs and inputs Django's `Select`, `TextInput` and
`HiddenInput` write (the same HTML, attribute order aside)."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from lvxie.core.forms import QuickInput, QuickSelect

CHOICES = [
    (None, "全部"),
    ("a&b", "<b>甲</b> & 乙"),
    ("区", [("440304", "福田区"), ("440305", "南山区")]),
    (3, "三"),
    ("3", "again 3: never selected beside the first"),
    ("safe", mark_safe("<i>kept</i>")),
    ("", [("x", "a group without a name")]),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "440305", 3, ["3"], '"><script>'])
def test_the_quick_drop_down_writes_what_django_writes(value):
    attrs = {"id": "id_f", "aria-invalid": "true", "required": True, "disabled": False}
    quick = QuickSelect(choices=CHOICES).render("f", value, attrs)
    django = forms.Select(choices=CHOICES).render("f", value, attrs)
    assert parse_html(quick) == parse_html(django)


@pytest.mark.parametrize("kind", [forms.TextInput, forms.HiddenInput])
@pytest.mark.parametrize("value", [None, "", "律师", 'a"b<c>&d', mark_safe("<b>"), 42])
def test_the_quick_input_writes_what_django_writes(kind, value):
    widget = kind(attrs={"placeholder": 'Name "or" <number>', "maxlength": 60})
    quick = QuickInput.replacing(widget)
    attrs = {"id": "id_q", "aria-invalid": "true", "required": True}
    assert quick.is_hidden == widget.is_hidden
    assert parse_html(quick.render("q", value, attrs)) == parse_html(widget.render("q", value, attrs))


def test_a_list_filter_form_draws_its_widgets_quickly():
    from lvxie.core.lists import FilterForm, choice, search
    from lvxie.registry.choices import FirmKind

    form = FilterForm(
        None, actor=None, filters=(choice("kind", "Kind", FirmKind), search(None, description=""))
    )
    assert type(form.fields["kind"].widget) is QuickSelect
    assert type(form.fields["q"].widget) is QuickInput
    assert 'maxlength="60"' in str(form["q"])  # the field's own attributes are kept
