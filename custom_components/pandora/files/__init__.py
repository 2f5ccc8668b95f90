"""The feature package (its face: what other packages may import)."""

from .flow import SUBENTRY_FLOWS

__all__ = ["SUBENTRY_FLOWS"]
