"""The reader protocol's shared parts (docs/protocol.md), for the socket and the plain HTTP views alike.

Kept apart from consumers.py so that the reader's HTTP views and the API import no socket code.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import parse_qs


class Resumable(Protocol):
    """An event as far as resuming needs it: an Event, or what the hub knows of one."""

    locale_seq: int


def since_param(query_string: bytes) -> int:
    """The `since` query parameter; anything malformed reads as 0 (replay from the start)."""
    values = parse_qs(query_string.decode("latin-1")).get("since", [])
    try:
        since = int(values[0])
    except (IndexError, ValueError):
        return 0
    return max(since, 0)


def resume_after(event: Resumable, since: int) -> int:
    """Where a reader that has seen up to `since` resumes. Not across a change of the event's language
    or time zone: the frames before it speak the old one, so the reader resumes just before it and
    its first frame is the `reset` stored there, which reloads the page (docs/protocol.md)."""
    if event.locale_seq and since < event.locale_seq:
        return event.locale_seq - 1
    return since
