"""Cohort-selection engine: LEXIMIN/MAXIMIN with open-source solvers (HiGHS). No web or database imports."""

from .api import ALGORITHMS, run
from .model import Instance, InvalidInstance, Person, Quota, Relaxation, Result

__all__ = [
    "ALGORITHMS",
    "Instance",
    "InvalidInstance",
    "Person",
    "Quota",
    "Relaxation",
    "Result",
    "run",
]
