"""One error format for every API response that is not a success:

    {"error": {"status": 404, "code": "not_found", "message": "…", "fields": {…}}}

``fields`` appears only for invalid input, keyed by field name. A server error says nothing
about its cause: the cause could quote a record.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


def api_exception_handler(error: Exception, context: dict[str, Any]) -> Response:
    if isinstance(error, Http404):
        error = exceptions.NotFound()
    elif isinstance(error, PermissionDenied):
        error = exceptions.PermissionDenied()
    response = exception_handler(error, context)
    if response is None:
        logger.error("API error: %s", type(error).__name__)
        body = {
            "status": 500,
            "code": "server_error",
            "message": "Something went wrong on our side.",
        }
        return Response({"error": body}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    detail = response.data
    body: dict[str, Any] = {"status": response.status_code}
    if isinstance(error, exceptions.ValidationError):
        body |= {"code": "invalid", "message": "Some of what was sent is not valid."}
        body["fields"] = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    else:
        codes = error.get_codes() if isinstance(error, exceptions.APIException) else "error"
        body["code"] = codes if isinstance(codes, str) else "error"
        body["message"] = str(detail.get("detail", "")) if isinstance(detail, dict) else str(detail)
    response.data = {"error": body}
    return response
