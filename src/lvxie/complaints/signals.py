"""What complaints announce to the apps above (discipline opens a case from a complex complaint).
Both are sent inside the transaction of the step, after the complaint is saved, with `complaint=` the
Complaint and `actor=` who took the step (None: the system): a receiver that fails rolls the step back."""

from django.dispatch import Signal

# A complaint was triaged complex (Track.INVESTIGATION): a disciplinary case is to be opened from it.
complaint_triaged_complex = Signal()
# A complaint was closed (its outcome set).
complaint_closed = Signal()
