from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.examples import DOCUMENT_EXAMPLE, UPLOAD_EXAMPLE
from api.serializers.documents import (
    DocumentSerializer,
    PageSerializer,
    UploadResultSerializer,
    UploadSerializer,
)
from api.serializers.errors import ErrorSerializer
from api.views.base import PatientScoped
from records.models import Action, Document, Page
from records.services.documents import reprocess
from records.services.uploads import accept_upload, rejected
from workers.pipeline.errors import FailureCode


@extend_schema(tags=["documents"])
class DocumentList(PatientScoped, generics.ListAPIView):
    """The patient's documents, newest first, with their reading progress."""

    queryset = Document.objects.none()  # for the schema; the real one is the patient's
    serializer_class = DocumentSerializer
    read_scope, write_scope = "documents:read", "documents:write"
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        return self.patient(Action.VIEW_RECORDS).documents.order_by("-created_at", "id")

    @extend_schema(
        summary="Upload one or many files",
        request={"multipart/form-data": UploadSerializer},
        responses={
            201: UploadResultSerializer,
            400: OpenApiResponse(ErrorSerializer, "No file was accepted: each one's reason."),
        },
        examples=[
            OpenApiExample("One accepted, one refused", value=UPLOAD_EXAMPLE, response_only=True)
        ],
    )
    def post(self, request: Request, patient_id: str) -> Response:
        """Each file is accepted and queued for reading, or rejected with the reason."""
        patient = self.patient(Action.UPLOAD)
        files = request.FILES.getlist("files")
        # the upload handler stops a file past the size limit and names it on Django's request
        oversized = getattr(request._request, "oversized_uploads", [])
        if not files and not oversized:
            UploadSerializer(data={}).is_valid(raise_exception=True)
        outcomes = [accept_upload(patient, request.user, upload) for upload in files]
        outcomes += [rejected(name, FailureCode.TOO_LARGE) for name in oversized]
        body = [
            {
                "file_name": outcome.name,
                "accepted": outcome.accepted,
                "document": DocumentSerializer(outcome.document).data if outcome.document else None,
                "reason": outcome.rejection.message if outcome.rejection else "",
            }
            for outcome in outcomes
        ]
        if not any(outcome.accepted for outcome in outcomes):
            reasons = [f"{item['file_name']}: {item['reason']}" for item in body]
            raise ValidationError({"files": reasons})
        return Response({"results": body}, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["documents"],
    summary="One document and its progress",
    examples=[OpenApiExample("Being read", value=DOCUMENT_EXAMPLE)],
)
class DocumentDetail(PatientScoped, generics.GenericAPIView):
    serializer_class = DocumentSerializer
    read_scope = "documents:read"

    def get(self, request: Request, patient_id: str, document_id: str) -> Response:
        return Response(DocumentSerializer(self.document(Action.VIEW_STATUS)).data)


@extend_schema(tags=["documents"], summary="The text of each page")
class DocumentPages(PatientScoped, generics.ListAPIView):
    queryset = Page.objects.none()
    serializer_class = PageSerializer
    read_scope = "documents:read"

    def get_queryset(self):
        return self.document(Action.VIEW_DOCUMENT).pages.order_by("number")


@extend_schema(
    tags=["documents"],
    summary="Read a document again",
    request=None,
    responses={202: DocumentSerializer, 409: OpenApiResponse(ErrorSerializer, "Still being read.")},
)
class DocumentReprocess(PatientScoped, generics.GenericAPIView):
    serializer_class = DocumentSerializer
    write_scope = "documents:write"

    def post(self, request: Request, patient_id: str, document_id: str) -> Response:
        document = self.document(Action.REPROCESS)
        if not reprocess(document):
            body = {
                "status": 409,
                "code": "conflict",
                "message": "The document is still being read.",
            }
            return Response({"error": body}, status=status.HTTP_409_CONFLICT)
        document.refresh_from_db()
        return Response(DocumentSerializer(document).data, status=status.HTTP_202_ACCEPTED)
