from django.urls import include, path

from lvxie.core.views import healthz
from lvxie.registry.views import HomeView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("lvxie.accounts.urls")),
    path("audit/", include("lvxie.audit.urls")),
    path("api/v1/", include("lvxie.config.api_urls")),
    path("data/", include("lvxie.dataio.urls")),
    path("public/", include("lvxie.public.urls")),
    path("party/", include("lvxie.party.urls")),
    path("notices/", include("lvxie.notices.urls")),
    path("ledgers/", include("lvxie.ledgers.urls")),
    path("notifications/", include("lvxie.notifications.urls")),
    path("", HomeView.as_view(), name="home"),
    path("", include("lvxie.registry.urls")),
]
