"""Who may move a person along the way into the Party (the shared form, lvxie.core.policy).

- The branch's decisions (an application recorded, an activist or development target named, an
  admission or the end of a probation resolved, a person no longer pursued) are recorded by the
  secretary of the organization or of one above it (Role ORG_SECRETARY);
- the approvals (an admission, a conversion, an extension, a cancellation) are the Party committee's
  above it: its staff for the organization's region (Role PARTY_ADMIN). Whoever approves does not
  record the branch's decision, and the other way round.

Visibility is not decided here: what the actor cannot see is a 404 before any of this is asked.
"""

from django.utils.translation import gettext_lazy as _

from lvxie.core.paths import under
from lvxie.core.policy import Policy, register
from lvxie.core.scoping import scope_of
from lvxie.core.types import Actor
from lvxie.party.models import PartyOrg

from .choices import Step
from .models import Recruit

RECORD = "recruitment.record"
APPROVE = "recruitment.approve"

BRANCH_STEPS = (Step.ACTIVIST, Step.TARGET, Step.ADMIT, Step.CONVERT, Step.EXTEND, Step.CANCEL, Step.STOP)
COMMITTEE_STEPS = (
    Step.APPROVE_ADMISSION,
    Step.REFUSE_ADMISSION,
    Step.APPROVE_CONVERSION,
    Step.APPROVE_EXTENSION,
    Step.APPROVE_CANCELLATION,
    Step.REFUSE_END,
)
# A step of `services.RECRUIT_WORKFLOW` → its policy action.
STEPS: dict[str, str] = {
    **{step: RECORD for step in BRANCH_STEPS},
    **{step: APPROVE for step in COMMITTEE_STEPS},
}


def _org(obj: Recruit | PartyOrg) -> PartyOrg:
    return obj.org if isinstance(obj, Recruit) else obj


def _record(actor: Actor, obj: Recruit | PartyOrg | None, **ctx) -> bool:
    # Without an object: do they record any branch's decisions (to offer the form)?
    paths = scope_of(actor).party_org_paths
    return bool(paths) if obj is None else under(_org(obj).path, paths)


def _approve(actor: Actor, obj: Recruit | PartyOrg | None, **ctx) -> bool:
    paths = scope_of(actor).party_region_paths
    return bool(paths) if obj is None else under(_org(obj).region_path, paths)


POLICY = register(
    Policy(
        {RECORD: _record, APPROVE: _approve},
        reasons={
            RECORD: _("Only the organization's secretary records the branch's decisions."),
            APPROVE: _("Only the Party committee above the organization approves."),
        },
    )
)
allowed, require = POLICY.allowed, POLICY.require
