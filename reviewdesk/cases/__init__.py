"""The domain: the case workflow, coverage, opinions, findings, meetings and the assessment engine."""
