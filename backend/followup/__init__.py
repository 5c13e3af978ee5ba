"""Followup: interview follow-up tracker and policy engine."""

__version__ = "0.1.0"
