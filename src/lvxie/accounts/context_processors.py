from lvxie.core.scoping import scope_of


def scope(request):
    """The signed-in user's scope, for menus that show only what the user may open."""
    return {"scope": scope_of(getattr(request, "user", None))}
