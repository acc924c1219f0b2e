"""What every patient-scoped API view shares: the one door, taken once per request."""

from rest_framework.views import APIView

from records.access import document_for, patient_for
from records.models import Action, Document, Patient


class PatientScoped(APIView):
    """A view under ``/patients/{patient_id}/``."""

    def patient(self, action: Action) -> Patient:
        if not hasattr(self, "_patient"):
            self._patient = patient_for(self.request.user, self.kwargs["patient_id"], action)
        return self._patient

    def document(self, action: Action) -> Document:
        return document_for(
            self.request.user, self.kwargs["patient_id"], self.kwargs["document_id"], action
        )
