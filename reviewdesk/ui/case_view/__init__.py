"""The case view: one tab per aspect of a case (overview, documents, history)."""
