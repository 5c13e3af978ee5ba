"""Scheduled work: the job registry (schedule.py), the scheduler that runs it (runner.py)."""
