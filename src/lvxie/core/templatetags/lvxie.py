import html

from django import template
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lvxie.core import policy
from lvxie.core.links import fixed_url
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


@register.simple_tag
def link(name: str, *args: str) -> str:
    """`{% link "home" %}`: `{% url "home" %}` for a link whose arguments are constants (core.links)."""
    return fixed_url(name, *args)


@register.simple_tag(takes_context=True, name="allowed")
def allowed_tag(context, action: str, obj=None, **ctx) -> bool:
    """`{% allowed "notice.publish" object as can_publish %}`: may the signed-in user do this action on
    this object (the app's policy that owns the action answers)? Only offers a button: the service
    refuses again."""
    request = context.get("request")
    actor = getattr(request, "user", None) or context.get("user")
    if actor is None:  # no user in the page at all: a visitor, never the system
        return False
    return policy.allowed(actor, action, obj, **ctx)


@register.simple_tag(takes_context=True)
def list_cells(context, obj, cells) -> str:
    """One row's cells of core/list_table.html: each value as `{{ value }}` shows it (localized, escaped),
    a blank one as a muted dash, a linked column's as a link to the row's page. Written here, not in the
    template: a page's 150 cells of template logic cost more than the rest of the page."""
    parts: list[str] = []
    for column, value in cells:
        if value == "" or value is None:
            cell = '<span class="muted">—</span>'
        else:  # the value localized and escaped as `{{ value }}` would be (localizing leaves a str alone)
            plain = type(value) is str and context.autoescape
            cell = html.escape(value) if plain else render_value_in_context(value, context)
            if column.link:
                cell = f'<a href="{escape(obj.get_absolute_url())}">{cell}</a>'
        parts.append(f'<td class="{escape(column.css)}">{cell}</td>' if column.css else f"<td>{cell}</td>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
