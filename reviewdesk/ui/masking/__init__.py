"""The masking view: the secretariat hides the patient's identifiers in one document."""
