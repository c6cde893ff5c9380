"""The dashboard screen: the board's figures as numbers and charts."""
