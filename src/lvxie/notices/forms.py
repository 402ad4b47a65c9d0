from django import forms
from django.utils.translation import gettext_lazy as _

from lvxie.core.forms import ActorForm, UploadsField
from lvxie.core.scoping import path_q, scope_of
from lvxie.party.choices import OrgStatus
from lvxie.party.models import PartyOrg
from lvxie.registry.fields import RegionChoiceField
from lvxie.registry.models import Region

from .choices import AudienceKind, NoticeStatus
from .fields import AUDIENCE_FIELDS, AudienceForm


class NoticeFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *NoticeStatus.choices], required=False
    )


class InboxFilter(ActorForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    state = forms.ChoiceField(
        label=_("Show"), choices=[("", _("All")), ("pending", _("Waiting for us"))], required=False
    )


class NoticeForm(AudienceForm):
    """A notice and its recipients. Listed firms are written one per line, by credit code or full name;
    Party organizations are chosen from those the actor sees. Region staff write to firms, Party
    committee staff to Party organizations: each is offered only their kinds of recipient."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Blank lines separate paragraphs; a line starting with “# ” is a heading, “- ” a list item."
        ),
    )
    sender_region = RegionChoiceField(label=_("Issued by"), queryset=Region.objects.none())
    reply_required = forms.BooleanField(label=_("Reply required"), required=False)
    reply_hint = forms.CharField(label=_("What to reply"), max_length=200, required=False)
    reply_due = forms.DateField(
        label=_("Reply due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    late_replies_allowed = forms.BooleanField(label=_("Accept late replies"), required=False)
    attachments = UploadsField(label=_("Attachments"))

    field_order = ("title", "body", "sender_region", *AUDIENCE_FIELDS)

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs["initial"] = {
                "title": instance.title,
                "body": instance.body,
                "sender_region": instance.sender_region_id,
                **self.audience_initial(instance),
                "reply_required": instance.reply_required,
                "reply_hint": instance.reply_hint,
                "reply_due": instance.reply_due,
                "late_replies_allowed": instance.late_replies_allowed,
            }
        super().__init__(*args, **kwargs)
        scope = scope_of(self.actor)
        firm_paths, party_paths = scope.edits().region_paths, scope.party_region_paths
        paths = firm_paths + party_paths
        kinds = [(k, label) for k, label in AudienceKind.choices if k != AudienceKind.PARTY_ORGS]
        self.fields["audience_kind"].choices = (kinds if firm_paths else []) + (
            [(AudienceKind.PARTY_ORGS.value, AudienceKind.PARTY_ORGS.label)] if party_paths else []
        )
        self.fields["audience_kind"].initial = self.fields["audience_kind"].choices[0][0] if paths else None
        # Only the fields of the kinds offered.
        if party_paths:
            self.fields["audience_party_orgs"].queryset = PartyOrg.objects.visible_to(self.actor).filter(
                status=OrgStatus.ACTIVE
            )
        else:
            del self.fields["audience_party_orgs"]
        if not firm_paths:
            del self.fields["audience_firm_kinds"], self.fields["audience_firms"]
        self.fields["sender_region"].queryset = Region.objects.filter(path__in=paths)
        self.fields["sender_region"].initial = self.fields["sender_region"].initial or (
            self.fields["sender_region"].queryset.first()
        )
        self.fields["audience_region"].queryset = (
            Region.objects.filter(path_q("path", paths)) if paths else Region.objects.none()
        )


class ReplyForm(ActorForm):
    text = forms.CharField(label=_("Reply"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    files = UploadsField(label=_("Files"))  # type: ignore[assignment]  # a declared field, not BaseForm.files: the metaclass moves it to base_fields
