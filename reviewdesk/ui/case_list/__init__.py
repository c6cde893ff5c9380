"""The case list screen: its lazily paged table model and its panel of filters."""
