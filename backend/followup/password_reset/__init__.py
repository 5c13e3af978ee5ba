"""Forgot your password: a single-use link by email, or `followup reset-password` without one."""
