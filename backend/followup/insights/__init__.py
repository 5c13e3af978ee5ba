"""Insights: what got answers, how long things took, and what is still waiting."""
