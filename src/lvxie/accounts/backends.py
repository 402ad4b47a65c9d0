"""Password log-in with the lockout policy: an account name or a client address that failed too often in
a row is refused, even with the right password, until its lock runs out."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from lvxie.core.middleware import client_ip

from . import selectors, services


def client_address(request) -> str | None:
    return client_ip(request) if request is not None else None


class LockoutBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        ip = client_address(request)
        if username is not None and selectors.login_locked(username=username, ip=ip):
            services.login_refused_record(username=username, ip=ip)
            # PermissionDenied stops Django trying other backends; it still sends user_login_failed.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if username is not None and user is None:
            services.login_failure_record(username=username, ip=ip)
        elif user is not None:
            services.login_success_record(username=username, ip=ip)
        return user

    def user_can_authenticate(self, user) -> bool:
        # A superuser passes every permission check; production has none that can log in (三权分立).
        if user.is_superuser and not settings.LVXIE_ALLOW_SUPERUSER_LOGIN:
            return False
        return super().user_can_authenticate(user)
