from django.urls import include, path

from lvxie.core.views import healthz
from lvxie.home.views import HomeView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("lvxie.accounts.urls")),
    path("accounts/", include("lvxie.access.urls")),
    path("audit/", include("lvxie.audit.urls")),
    path("api/v1/", include("lvxie.config.api_urls")),
    path("data/", include("lvxie.dataio.urls")),
    path("public/", include("lvxie.public.urls")),
    path("pick/", include("lvxie.core.urls")),
    path("party/", include("lvxie.party.urls")),
    path("notices/", include("lvxie.notices.urls")),
    path("ledgers/", include("lvxie.ledgers.urls")),
    path("notifications/", include("lvxie.notifications.urls")),
    path("workflow/", include("lvxie.workflow.urls")),
    path("calls/", include("lvxie.calls.urls")),
    path("discipline/", include("lvxie.discipline.urls")),
    path("complaints/", include("lvxie.complaints.urls")),
    path("orglife/", include("lvxie.orglife.urls")),
    path("recruitment/", include("lvxie.recruitment.urls")),
    path("secretary-reports/", include("lvxie.secretary_reports.urls")),
    path("commendations/", include("lvxie.commendations.urls")),
    path("", HomeView.as_view(), name="home"),
    path("", include("lvxie.registry.urls")),
]

# Error pages in the user's language that say where to go instead (JSON under /api/): lvxie.core.errors.
handler400 = "lvxie.core.errors.bad_request"
handler403 = "lvxie.core.errors.permission_denied"
handler404 = "lvxie.core.errors.page_not_found"
handler500 = "lvxie.core.errors.server_error"
