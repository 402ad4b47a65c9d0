"""Who is acting, from where, under which request id: read by the audit log without passing requests
through every service signature."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


_current: ContextVar[RequestContext] = ContextVar("lvxie_request_context", default=RequestContext())  # noqa: B039 (frozen)


def current() -> RequestContext:
    return _current.get()


def bind(ctx: RequestContext):
    """Bind a context; returns the token to pass to `reset`."""
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
