"""Tests of the reviewdesk command line."""
