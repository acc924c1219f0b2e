"""spaCy components of the extraction pipeline, registered with ``@Language.factory``."""
