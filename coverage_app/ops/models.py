from __future__ import annotations

from django.db import models

from coverage_app.models import Event


class ReaderCount(models.Model):
    """How many reader sockets one server process holds for an event, as it last said.

    Every process with readers rewrites its rows every few seconds; the desk adds up the fresh
    ones, so a process that died stops counting once its rows are stale."""

    process = models.CharField(max_length=120)  # host:pid:start, unique per server process
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    readers = models.PositiveIntegerField()
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("process", "event"), name="one_count_per_process_and_event"),)

    def __str__(self) -> str:
        return f"{self.readers} on {self.process}"
