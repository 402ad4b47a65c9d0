"""The public app stores nothing of its own; migration 0001 creates the shared cache table that holds
the look-up's rate-limit counters (one table every worker process sees)."""
