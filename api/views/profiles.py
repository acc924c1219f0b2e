from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from api.examples import PROFILE_EXAMPLE
from api.fhir import PatientInfo, profile_bundle
from api.openapi import profile_schema
from api.serializers.profiles import ChangeSerializer, FactSerializer
from api.views.base import PatientScoped
from records import review_rules
from records.models import Action, Fact, ProfileChange
from records.services.profiles import shown_profile, stored_profile
from records.services.reviews import reviewed


@extend_schema(
    tags=["profile"],
    summary="The cancer summary, in the profile contract",
    responses={
        200: OpenApiResponse(
            profile_schema(),
            "The profile contract navis.profile.v1 (revision 2); never a guessed value.",
        )
    },
    examples=[OpenApiExample("A HER2-low early breast cancer", value=PROFILE_EXAMPLE)],
)
class ProfileView(PatientScoped, generics.GenericAPIView):
    """Exactly ``navis.profile.v1``, with her clinicians' corrections applied."""

    read_scope = "profile:read"

    def get(self, request: Request, patient_id: str) -> Response:
        return Response(shown_profile(self.patient(Action.VIEW_PROFILE)))


class FactFilter(filters.FilterSet):
    state = filters.ChoiceFilter(
        choices=[(s.value, s.value) for s in review_rules.State],
        method="filter_state",
        help_text="Where the values the fact feeds stand after review.",
    )
    document = filters.UUIDFilter(field_name="document_id")

    class Meta:
        model = Fact
        fields = ["field", "name", "document", "state"]

    def filter_state(self, queryset, name: str, value: str):
        wanted = [
            fact.id
            for fact in queryset
            if self.request.parser_context["view"].state_of(fact) == value
        ]
        return queryset.filter(id__in=wanted)


@extend_schema(tags=["profile"], summary="Facts read from the documents, with evidence")
class FactList(PatientScoped, generics.ListAPIView):
    queryset = Fact.objects.none()
    serializer_class = FactSerializer
    read_scope = "profile:read"
    filterset_class = FactFilter

    def get_queryset(self):
        patient = self.patient(Action.VIEW_PROFILE)
        return Fact.objects.filter(document__patient=patient).order_by("document__created_at", "id")

    def state_of(self, fact: Fact) -> review_rules.State:
        if not hasattr(self, "_states"):
            stored = stored_profile(self.patient(Action.VIEW_PROFILE))
            self._states = reviewed(stored).states if stored else {}
        return review_rules.fact_state(review_rules.fact_keys(fact.field, fact.name), self._states)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "fact_states": self.state_of}


@extend_schema(tags=["profile"], summary="Every change to the summary: who, what, when, why")
class HistoryList(PatientScoped, generics.ListAPIView):
    queryset = ProfileChange.objects.none()
    serializer_class = ChangeSerializer
    read_scope = "profile:read"
    filterset_fields = ["key", "version"]

    def get_queryset(self):
        return self.patient(Action.VIEW_HISTORY).profile_changes.order_by("-at", "-id")


@extend_schema(
    tags=["profile"],
    summary="The summary as a FHIR R4 Bundle following mCODE",
    responses={(200, "application/fhir+json"): {"type": "object"}},
)
class FhirView(PatientScoped, generics.GenericAPIView):
    read_scope = "profile:read"

    def get(self, request: Request, patient_id: str) -> Response:
        patient = self.patient(Action.VIEW_PROFILE)
        info = PatientInfo(id=str(patient.id), display_name=patient.user.display_name)
        bundle = profile_bundle(shown_profile(patient), info, generated_at=timezone.now())
        return Response(bundle, content_type="application/fhir+json")
