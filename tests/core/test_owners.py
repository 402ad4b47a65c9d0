"""One definition of 'owned by exactly one firm or Party organization', used by ledgers and receipts."""

from django.db.models import Q

from lvxie.core.owners import ONE_OWNER, one_owner_constraint, owner_scope_q
from lvxie.core.scoping import NOTHING, ScopeView
from lvxie.ledgers.models import Ledger
from lvxie.notices.models import Receipt


def test_both_models_use_the_one_constraint_under_their_existing_names():
    for model, name in ((Ledger, "ledger_has_one_owner"), (Receipt, "receipt_has_one_recipient")):
        (constraint,) = [c for c in model._meta.constraints if c.name == name]
        assert constraint == one_owner_constraint(name)
        assert constraint.condition == ONE_OWNER


def test_who_sees_an_owned_record():
    assert owner_scope_q(ScopeView((), frozenset(), frozenset())) == NOTHING
    firms = owner_scope_q(ScopeView((), frozenset({7}), frozenset()))
    assert firms == Q(firm_id__in=frozenset({7}))
    prefixed = owner_scope_q(ScopeView((), frozenset({7}), frozenset()), "ledger__")
    assert prefixed == Q(ledger__firm_id__in=frozenset({7}))
    # Region staff see only firm-owned records; committee staff only organization-owned ones
    staff = owner_scope_q(ScopeView(("1/",), frozenset(), frozenset()))
    assert staff == Q(region__path__startswith="1/") & Q(party_org__isnull=True)
    party = owner_scope_q(ScopeView((), frozenset(), frozenset(), party_region_paths=("1/",)))
    assert party == Q(region__path__startswith="1/") & Q(party_org__isnull=False)
