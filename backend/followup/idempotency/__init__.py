"""Idempotency-Key: a retried creating POST replays its first answer instead of acting twice."""
