from django import template

from lvxie.core import policy
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
