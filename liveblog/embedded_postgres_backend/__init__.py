"""Django's PostgreSQL backend, pointed at the embedded server, which it starts on first connect."""
