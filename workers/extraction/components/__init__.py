"""Reading one page, plain functions over its text: sentences, sections, findings, context."""
