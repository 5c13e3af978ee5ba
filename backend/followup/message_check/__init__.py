"""Message check: catch the mistakes the guides warn about before a message is sent ."""
