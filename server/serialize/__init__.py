"""From stored rows to what clients read: JSON records, timelines, export files and CSV.

Nothing here writes to the database; server.store does, and knows nothing of JSON or CSV.
"""
