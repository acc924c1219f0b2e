"""Business actions of the records app, as plain functions named by their verb."""
