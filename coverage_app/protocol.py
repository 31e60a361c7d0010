"""The reader protocol's shared parts (docs/protocol.md), for the socket and the plain HTTP views alike.

Kept apart from consumers.py so that the reader's HTTP views and the API import no socket code.
"""

from __future__ import annotations

from urllib.parse import parse_qs


def since_param(query_string: bytes) -> int:
    """The `since` query parameter; anything malformed reads as 0 (replay from the start)."""
    values = parse_qs(query_string.decode("latin-1")).get("since", [])
    try:
        since = int(values[0])
    except (IndexError, ValueError):
        return 0
    return max(since, 0)
