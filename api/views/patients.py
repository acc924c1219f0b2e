from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from api.serializers.patients import PatientSerializer
from api.views.base import PatientScoped
from records.access import patients_visible_to
from records.models import Action


@extend_schema(tags=["patients"], summary="Patients you can reach")
class PatientList(generics.ListAPIView):
    """A patient sees her own record; a clinician, those sharing with them now."""

    serializer_class = PatientSerializer
    read_scope = "patients:read"

    def get_queryset(self):
        return patients_visible_to(self.request.user).select_related("user").order_by("created_at")


@extend_schema(tags=["patients"], summary="One patient", responses=PatientSerializer)
class PatientDetail(PatientScoped, generics.GenericAPIView):
    serializer_class = PatientSerializer
    read_scope = "patients:read"

    def get(self, request: Request, patient_id: str) -> Response:
        patient = self.patient(Action.VIEW_RECORDS)
        return Response(PatientSerializer(patient, context={"request": request}).data)
