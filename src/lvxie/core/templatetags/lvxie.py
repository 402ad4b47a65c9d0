from django import template

from lvxie.core.validators import mask_id_number, mask_phone

register = template.Library()


@register.filter
def mask_id(value: str) -> str:
    return mask_id_number(value or "")


@register.filter(name="mask_phone")
def mask_phone_filter(value: str) -> str:
    return mask_phone(value or "")


@register.filter
def page_window(page) -> list:
    """The pager's page numbers: the first, the last and two either side of this one, '…' between."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
