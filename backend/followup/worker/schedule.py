"""Every periodic job, in one list.

To add one: write `def do_it(context: WorkerContext, now: datetime) -> None` in its feature
package (as mail/sync.py's `sync_mailboxes`); key every effect it has by a unique constraint in
the database, claimed in a transaction before the effect and marked done after it, so that two
workers, a retry or a crash never do it twice; then append
`Job("what it does", timedelta(minutes=5), do_it)` to JOBS.
"""

from __future__ import annotations

from datetime import timedelta

from followup.digest.service import send_due_digests
from followup.mail.sync import sync_mailboxes
from followup.webhooks.delivery import deliver_pending
from followup.webhooks.service import enqueue_due_actions
from followup.worker.cleanup import remove_expired
from followup.worker.context import Job

JOBS: list[Job] = [
    Job("morning digests", timedelta(minutes=1), send_due_digests),
    Job("mailbox syncs", timedelta(minutes=1), sync_mailboxes),
    Job("webhook deliveries", timedelta(seconds=5), deliver_pending),
    Job("due actions for webhooks", timedelta(minutes=1), enqueue_due_actions),
    Job("clean-up", timedelta(hours=1), remove_expired),
]
