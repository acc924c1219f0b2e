"""Views of the records app, one module per resource.

Every view that takes a patient id calls an access function from records.access *first*,
before any check of the method or form, so that anyone without access gets the same 404
whatever they send.
"""

from django.http import HttpRequest, HttpResponseNotAllowed


def not_allowed(request: HttpRequest, *methods: str) -> HttpResponseNotAllowed | None:
    """A 405 response unless the request uses one of `methods` (HEAD counts as GET)."""
    method = "GET" if request.method == "HEAD" else request.method
    return None if method in methods else HttpResponseNotAllowed(methods)
