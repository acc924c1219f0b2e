"""Bumped whenever a rule change can change what is extracted, so stored facts can be redone."""

EXTRACTOR_VERSION = "1.1.0"
