"""Password log-in with the lockout policy: an account name that failed too often in a row is refused, even
with the right password, until its lock runs out or the security administrator unlocks it; a client
address with many failures must wait a few seconds between tries (it is never locked: an office may share
one). A right password is not yet a success where a one-time code must follow (signals.py resets the
count once the log-in is complete)."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from lvxie.core.middleware import client_ip

from . import selectors, services

# Where the backend leaves the block that refused a log-in, for the form to say why (forms.LoginForm).
LOGIN_BLOCK = "lvxie_login_block"


def client_address(request) -> str | None:
    return client_ip(request) if request is not None else None


class LockoutBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        ip = client_address(request)
        block = selectors.login_block(username=username, ip=ip)
        if block is not None:
            services.login_refused_record(username=username, reason=block.kind)
            if request is not None:
                setattr(request, LOGIN_BLOCK, block)
            # PermissionDenied stops Django trying other backends; it still sends user_login_failed.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            services.login_failure_record(username=username, ip=ip)
            # This failure may have locked the account or made the address wait: say so at once.
            if request is not None:
                setattr(request, LOGIN_BLOCK, selectors.login_block(username=username, ip=ip))
        return user

    def user_can_authenticate(self, user) -> bool:
        # A superuser passes every permission check; production has none that can log in (三权分立).
        if user.is_superuser and not settings.LVXIE_ALLOW_SUPERUSER_LOGIN:
            return False
        return super().user_can_authenticate(user)
