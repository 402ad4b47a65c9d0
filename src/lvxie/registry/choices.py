from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")


class FirmKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership firm")
    SOLE = "sole", _("Sole-practitioner firm")
    STATE_FUNDED = "state_funded", _("State-funded firm")
    BRANCH = "branch", _("Branch office")
    FOREIGN_REP = "foreign_rep", _("Foreign firm representative office")
    GBA_PARTNERSHIP = "gba_partnership", _("Guangdong–Hong Kong–Macau partnership")
    JOINT_OFFICE = "joint_office", _("Sino-foreign joint office")


class FirmStatus(models.TextChoices):
    ACTIVE = "active", _("Practising")
    SUSPENDED = "suspended", _("Suspended")
    DISSOLVED = "dissolved", _("Dissolved")


class LawyerKind(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time lawyer")
    PART_TIME = "part_time", _("Part-time lawyer")
    CORPORATE = "corporate", _("Corporate lawyer")
    PUBLIC_SECTOR = "public_sector", _("Public-sector lawyer")
    LEGAL_AID = "legal_aid", _("Legal-aid lawyer")
    HK_MACAU = "hk_macau", _("Hong Kong / Macau lawyer")


# Kinds that practise inside a law firm; the others work for a company, a public body or a legal-aid centre.
FIRM_KINDS = {LawyerKind.FULL_TIME, LawyerKind.PART_TIME, LawyerKind.HK_MACAU}


class LawyerStatus(models.TextChoices):
    PRACTISING = "practising", _("Practising")
    SUSPENDED = "suspended", _("Practice suspended")
    CANCELLED = "cancelled", _("Licence cancelled")
    REVOKED = "revoked", _("Licence revoked")


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class TraineeStatus(models.TextChoices):
    IN_TRAINING = "in_training", _("In training")
    COMPLETED = "completed", _("Completed")
    LICENSED = "licensed", _("Licensed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CommitteeKind(models.TextChoices):
    DISTRICT = "district", _("District working committee")
    SPECIAL = "special", _("Special committee")
    PROFESSIONAL = "professional", _("Professional committee")


class CommitteePosition(models.TextChoices):
    DIRECTOR = "director", _("Director")
    DEPUTY = "deputy", _("Deputy director")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-general")
    MEMBER = "member", _("Member")


class PracticeArea(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal defence")
    CIVIL = "civil", _("Civil and commercial")
    CORPORATE = "corporate", _("Corporate and M&A")
    FINANCE = "finance", _("Finance and securities")
    IP = "ip", _("Intellectual property")
    LABOUR = "labour", _("Labour and employment")
    REAL_ESTATE = "real_estate", _("Real estate and construction")
    FAMILY = "family", _("Marriage and family")
    ADMINISTRATIVE = "administrative", _("Administrative law")
    MARITIME = "maritime", _("Maritime and trade")
    FOREIGN = "foreign", _("Foreign-related")
    DATA = "data", _("Data and internet")
    BANKRUPTCY = "bankruptcy", _("Bankruptcy and restructuring")
    TAX = "tax", _("Tax")
