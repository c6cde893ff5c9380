"""Tests of the domain: cases, coverage, the assessment engine."""
