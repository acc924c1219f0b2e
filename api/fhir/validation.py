"""Check an exported Bundle against the FHIR models of ``fhir.resources``."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.bundle import Bundle


def validate_bundle(bundle: dict[str, Any]) -> None:
    """Parse the bundle with the R4B Bundle model; raises ``pydantic.ValidationError`` if invalid.

    fhir.resources 8 ships R5 (default), R4B and STU3 models but no R4; R4B is the closest to
    R4 and every element this export uses is the same in both.
    """
    Bundle.model_validate(bundle)
