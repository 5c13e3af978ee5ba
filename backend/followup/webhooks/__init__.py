"""Webhooks: events posted to the user's endpoints, signed per Standard Webhooks, retried a day."""
