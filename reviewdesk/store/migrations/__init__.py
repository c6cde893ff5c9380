"""Alembic migrations of the vault schema, applied when a vault is opened."""
