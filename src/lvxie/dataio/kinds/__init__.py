"""The kinds of record that can be imported. Adding one is a module with an ImportKind subclass and a
line here."""

from .base import ImportKind
from .firms import FirmImport
from .lawyers import LawyerImport
from .members import MemberImport
from .trainees import TraineeImport

KINDS: dict[str, type[ImportKind]] = {
    kind.name: kind for kind in (FirmImport, LawyerImport, TraineeImport, MemberImport)
}


def get_kind(name: str) -> ImportKind:
    return KINDS[name]()
