"""What the registry announces, so that summaries kept by the apps above it (the Party side's coverage)
stay current without the registry knowing them. Each is sent by the service, inside the transaction of
the change, after the rows are saved: a receiver's writes commit or fail with it. A receiver must not
swallow errors (`send`, not `send_robust`).

- `firms_changed(sender=LawFirm, firm_ids=...)`: these firms were registered or changed (their district,
  status, kind or bylaws may differ now).
- `lawyers_changed(sender=Lawyer, firm_ids=..., fields=...)`: lawyers were registered or changed;
  `firm_ids` are the firms they were in before and are in now (None in it: a lawyer outside any firm);
  `fields`, when given, names the only fields that changed (a receiver may skip what it does not count).
"""

from django.dispatch import Signal

firms_changed = Signal()
lawyers_changed = Signal()
