"""The demo vault: realistic, fictitious sample data in Japanese for every part of the workflow."""
