"""The account pages' forms: a new account, and a role to give it (only what the actor may give)."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.core.forms import ActorForm
from lvxie.core.scoping import path_q
from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm, Lawyer, Region

from . import policies


class UserCreateForm(ActorForm):
    username = forms.RegexField(label=_("Username"), max_length=150, regex=r"^[\w.@+-]+$")
    display_name = forms.CharField(label=_("Display name"), max_length=50, required=False)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, strip=False)
    lawyer_licence_no = forms.CharField(
        label=_("Lawyer's licence number"),
        max_length=17,
        required=False,
        help_text=_("Only for accounts of lawyers."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."), code="taken")
        return username

    def clean_lawyer_licence_no(self):
        number = self.cleaned_data["lawyer_licence_no"].strip()
        if not number:
            return None
        lawyer = Lawyer.objects.filter(licence_no=number).first()
        if lawyer is None:
            raise forms.ValidationError(_("No lawyer with this licence number."), code="unknown")
        return lawyer

    def clean(self):
        data = super().clean() or self.cleaned_data
        if data.get("password"):
            try:
                validate_password(data["password"], User(username=data.get("username", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class RoleAssignForm(ActorForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.filter(level__in=["city", "district"]), required=False
    )
    firm_credit_code = forms.CharField(label=_("Law firm's credit code"), max_length=18, required=False)
    party_org = forms.ModelChoiceField(
        label=_("Party organization"),
        queryset=PartyOrg.objects.filter(status=OrgStatus.ACTIVE),
        required=False,
        help_text=_("For a Party organization secretary."),
    )

    def __init__(self, *args, account: User, **kwargs):
        """Offers only the roles the actor may give this account, and for an owner-side administrator only
        the regions and organizations inside their own scope (the service checks again)."""
        super().__init__(*args, **kwargs)
        grantable = set(policies.grantable_roles(self.actor, account))
        # Only these are offered; any role still validates, so a forged one is refused by the service
        # with its reason rather than as "not a valid choice".
        self.fields["role"].widget.choices = [(v, label) for v, label in Role.choices if v in grantable]
        self.owned = policies.grant_scope(self.actor)
        if self.owned is None:
            return
        region = self.fields["region"]
        region.queryset = region.queryset.filter(path_q("path", self.owned))
        org = self.fields["party_org"]
        org.queryset = org.queryset.filter(path_q("region_path", self.owned))

    def clean_firm_credit_code(self):
        code = self.cleaned_data["firm_credit_code"].strip().upper()
        if not code:
            return None
        firms = LawFirm.objects.filter(credit_code=code)
        if self.owned is not None:
            # A firm outside one's scope is reported like one that does not exist.
            firms = firms.filter(path_q("region__path", self.owned))
        firm = firms.first()
        if firm is None:
            raise forms.ValidationError(_("No law firm with this credit code."), code="unknown")
        return firm
