"""The morning email: what is due today, with snooze and unsubscribe links that need no login."""
