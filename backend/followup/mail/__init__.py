"""Mail: mailboxes over IMAP, imported files, and the matching that logs replies."""
