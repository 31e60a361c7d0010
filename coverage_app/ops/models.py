from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReaderCount(models.Model):
    """How many reader sockets one server process holds for an event, as it last said.

    Every process with readers rewrites its rows every few seconds; the desk adds up the fresh
    ones, so a process that died stops counting once its rows are stale (and they are removed later).
    The event is a plain id, not a foreign key: a count is written every few seconds by every
    process and must never wait on (or lock) the events table."""

    process = models.CharField(max_length=120)  # host:pid:start, unique per server process
    event_id = models.PositiveBigIntegerField()
    readers = models.PositiveIntegerField()
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("process", "event_id"), name="one_count_per_process_and_event"),)
        verbose_name = _("reader count")
        verbose_name_plural = _("reader counts")

    def __str__(self) -> str:
        return f"{self.readers} on {self.process}"
