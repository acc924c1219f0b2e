"""Guidance: topics, personalization and trial matching (issue 4). Thin for now."""
