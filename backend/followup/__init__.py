"""Followup: interview follow-up tracker and policy engine."""
