"""An account's roles over HTTP: list, give (or, in two-person mode, propose) and revoke, through the same
services and `policies` as the account pages, for the same people. An account the caller may not open is
404; a role the caller may not give or revoke on an account they may open is 403."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from lvxie.accounts.choices import Role
from lvxie.accounts.models import User
from lvxie.core.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    UPDATE_ERRORS,
    Id,
    IdOrCode,
    RegionRef,
    pick,
    register_error_codes,
)
from lvxie.core.scoping import NOTHING, path_q
from lvxie.core.types import Actor
from lvxie.party.models import PartyOrg
from lvxie.registry.models import LawFirm, Region

from . import policies, services
from .models import RoleAssignment, RoleGrantProposal

router = Router(tags=["accounts"])

register_error_codes(
    "accounts",
    (
        "locked",
        "needs_firm",
        "needs_lawyer",
        "needs_party_org",
        "needs_region",
        "not_locked",
        "password_contains_username",
        "password_reused",
        "password_too_few_classes",
        "proposal_pending",
        "role_held",
        "self",
        "separation_of_duties",
        "taken",
        "too_long",
        "too_short",
        "unbound_role",
        "unknown",
        "does_not_exist",
    ),
)


class BindingOut(Schema):
    """A role and what it is bound to: what an assignment holds and what a proposal would give."""

    id: int
    role: Role
    role_label: str
    region: RegionRef | None
    firm_id: int | None
    party_org_id: int | None

    @staticmethod
    def resolve_role_label(obj: RoleAssignment | RoleGrantProposal) -> str:
        return str(obj.get_role_display())


class RoleOut(BindingOut):
    created_at: datetime


class ProposalOut(BindingOut):
    status: RoleGrantProposal.Status
    proposed_by: str
    proposed_at: datetime

    @staticmethod
    def resolve_proposed_by(obj: RoleGrantProposal) -> str:
        return obj.proposed_by.username


class AccountRolesOut(Schema):
    user_id: int
    username: str
    roles: list[RoleOut]
    pending: list[ProposalOut]


class RoleIn(Schema):
    role: Role
    region: IdOrCode | None = None
    firm: IdOrCode | None = None
    party_org: Id | None = None


def _account(actor: Actor, user_id: int) -> User:
    return get_object_or_404(policies.accounts_visible_to(actor), pk=user_id)


def _binding(actor: Actor, payload: RoleIn) -> dict:
    """The region, firm and Party organization the body names, among those the caller may bind roles to
    (one outside their scope is reported like one that does not exist)."""
    owned = policies.grant_scope(actor)
    regions, firms, orgs = Region.objects.all(), LawFirm.objects.all(), PartyOrg.objects.all()
    if owned is not None:
        regions = regions.filter(path_q("path", owned) or NOTHING)
        firms = firms.filter(path_q("region__path", owned) or NOTHING)
        orgs = orgs.filter(path_q("region_path", owned) or NOTHING)
    found: dict = {"role": payload.role, "region": None, "firm": None, "party_org": None}
    if payload.region is not None:
        found["region"] = pick(
            regions, payload.region, code_field="code", field="region", message=_("There is no such region.")
        )
    if payload.firm is not None:
        found["firm"] = pick(
            firms,
            payload.firm,
            code_field="credit_code",
            field="firm",
            message=_("There is no such law firm."),
        )
    if payload.party_org is not None:
        found["party_org"] = pick(
            orgs,
            payload.party_org,
            code_field="pk",
            field="party_org",
            message=_("There is no such Party organization."),
        )
    return found


@router.get(
    "/accounts/{user_id}/roles",
    response={200: AccountRolesOut, **DETAIL_ERRORS},
    summary="List an account's roles",
    url_name="account_roles",
)
def account_roles(request: HttpRequest, user_id: Id) -> dict:
    user = _account(request.user, user_id)
    return {
        "user_id": user.pk,
        "username": user.username,
        "roles": list(user.roles.select_related("region").order_by("pk")),
        "pending": list(user.role_proposals.pending().select_related("region", "proposed_by")),
    }


@router.post(
    "/accounts/{user_id}/roles",
    response={201: RoleOut, 202: ProposalOut, **CREATE_ERRORS, 404: DETAIL_ERRORS[404]},
    summary="Give an account a role (202: proposed, waiting for a second person's approval)",
    url_name="account_role_grant",
)
def account_role_grant(request: HttpRequest, user_id: Id, payload: RoleIn) -> Status:
    user = _account(request.user, user_id)
    given = services.role_grant(actor=request.user, user=user, **_binding(request.user, payload))
    return Status(202 if isinstance(given, RoleGrantProposal) else 201, given)


@router.delete(
    "/accounts/{user_id}/roles/{assignment_id}",
    response={204: None, **UPDATE_ERRORS},
    summary="Revoke one of an account's roles (its sessions end)",
    url_name="account_role_revoke",
)
def account_role_revoke(request: HttpRequest, user_id: Id, assignment_id: Id) -> Status:
    user = _account(request.user, user_id)
    assignment = get_object_or_404(
        user.roles.select_related("region", "firm__region", "party_org"), pk=assignment_id
    )
    services.role_revoke(actor=request.user, assignment=assignment)
    return Status(204, None)
