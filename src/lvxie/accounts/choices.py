from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    JUDICIAL_OFFICER = "judicial_officer", _("Judicial bureau officer")
    DISCIPLINE_OFFICER = "discipline_officer", _("Discipline officer")
    FIRM_ADMIN = "firm_admin", _("Firm administrator")
    LAWYER = "lawyer", _("Lawyer")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDITOR = "auditor", _("Auditor")
    PARTY_ADMIN = "party_admin", _("Party committee staff")
    ORG_SECRETARY = "org_secretary", _("Party organization secretary")


# What each role is bound to. Region roles see a subtree; firm roles one firm; a lawyer only themself.
REGION_ROLES = {
    Role.CITY_ADMIN,
    Role.DISTRICT_ADMIN,
    Role.JUDICIAL_OFFICER,
    Role.DISCIPLINE_OFFICER,
    Role.PARTY_ADMIN,
}
FIRM_ROLES = {Role.FIRM_ADMIN}
PARTY_ORG_ROLES = {Role.ORG_SECRETARY}
SELF_ROLES = {Role.LAWYER}
UNSCOPED_ROLES = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}

# Who may change registry records in their scope, and who may unmask ID numbers and phones there.
REGISTRY_EDITORS = {Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.JUDICIAL_OFFICER, Role.FIRM_ADMIN}
SENSITIVE_READERS = {Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.JUDICIAL_OFFICER, Role.DISCIPLINE_OFFICER}

# Separation of duties (三权分立): accounts and settings, roles and policies, the audit log. No account holds
# two of them; these are also the administrator roles that need a one-time code and a shorter idle time.
DUTY_ROLES = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}

# The Party side: they see organizations and who is a member. Coverage figures (counts and rates, never
# names) are also shown to the region administrators who answer for the industry.
PARTY_REGION_ROLES = {Role.PARTY_ADMIN}
COVERAGE_READERS = {Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.PARTY_ADMIN}
