"""Dialogs: vault chooser, login, case registration."""
