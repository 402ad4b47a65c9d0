"""The registry's import kinds (firms, lawyers, trainees), registered with dataio in RegistryConfig.ready."""

from .common import CREDIT_CODE_EXAMPLE, LAWYER_LICENCE_EXAMPLE, Places
from .firms import FirmImport
from .lawyers import LawyerImport
from .trainees import TraineeImport

KINDS = (FirmImport, LawyerImport, TraineeImport)

__all__ = [
    "CREDIT_CODE_EXAMPLE",
    "KINDS",
    "LAWYER_LICENCE_EXAMPLE",
    "FirmImport",
    "LawyerImport",
    "Places",
    "TraineeImport",
]
