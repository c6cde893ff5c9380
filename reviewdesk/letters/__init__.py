"""Letters: content built from domain data, rendered to A4 PDF, signed and verified."""
