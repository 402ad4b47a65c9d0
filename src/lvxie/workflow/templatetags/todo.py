from django import template

from lvxie.workflow.todo import Todo, todos_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def todos(context) -> list[Todo]:
    """The signed-in user's to-do list (computed once per request), for the top bar and the home page."""
    request = context.get("request")
    return todos_for_request(request) if request is not None else []
