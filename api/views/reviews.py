from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from api.examples import CORRECT_HER2
from api.serializers.reviews import DecisionSerializer, ReviewItemSerializer, SignOffSerializer
from api.views.base import PatientScoped
from records import review_rules
from records.models import Action, ClinicianFact, SignOff
from records.services import reviews
from records.services.profiles import stored_profile


@extend_schema(
    tags=["reviews"],
    summary="Each value of the summary and where its review stands",
    responses=ReviewItemSerializer(many=True),
)
class ReviewItemList(PatientScoped, generics.GenericAPIView):
    serializer_class = ReviewItemSerializer
    read_scope = "reviews:read"
    pagination_class = None  # a summary has a few dozen values: all at once
    filter_backends: list = []

    def get(self, request: Request, patient_id: str) -> Response:
        patient = self.patient(Action.VIEW_PROFILE)
        stored = stored_profile(patient)
        if stored is None:
            return Response([])
        states = reviews.reviewed(stored).states
        changed = set()
        if request.user.is_clinician:
            changed = reviews.since_sign_off(patient, request.user, stored).changed_keys
        items = [
            {
                "key": key,
                "state": str(state.state),
                "shown": state.shown,
                "extracted": state.extracted,
                "changed_since_decision": state.changed_since_decision,
                "changed_since_my_sign_off": key in changed,
            }
            for key, state in states.items()
        ]
        return Response(ReviewItemSerializer(items, many=True).data)


@extend_schema(tags=["reviews"])
class DecisionList(PatientScoped, generics.ListCreateAPIView):
    """Clinicians' decisions on the summary's values, oldest first (the latest on a value holds)."""

    queryset = ClinicianFact.objects.none()
    serializer_class = DecisionSerializer
    read_scope, write_scope = "reviews:read", "reviews:write"
    filterset_fields = ["key", "action"]

    def get_queryset(self):
        return self.patient(Action.VIEW_PROFILE).clinician_facts.order_by("created_at", "id")

    @extend_schema(
        summary="Accept, correct or reject a value (clinicians)",
        examples=[OpenApiExample("Correct HER2", value=CORRECT_HER2, request_only=True)],
    )
    def post(self, request: Request, patient_id: str) -> Response:
        patient = self.patient(Action.REVIEW_VALUE)
        incoming = DecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            fact = reviews.decide(
                patient,
                request.user,
                data["key"],
                review_rules.Action(data["action"]),
                data.get("value"),
                data.get("reason", ""),
            )
        except reviews.ReviewError as error:
            raise ValidationError(
                {"value" if data["action"] == "correct" else "key": [str(error)]}
            ) from None
        return Response(DecisionSerializer(fact).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["reviews"])
class SignOffList(PatientScoped, generics.ListCreateAPIView):
    queryset = SignOff.objects.none()
    serializer_class = SignOffSerializer
    read_scope, write_scope = "reviews:read", "reviews:write"

    def get_queryset(self):
        return self.patient(Action.VIEW_PROFILE).sign_offs.order_by("-created_at", "-id")

    @extend_schema(summary="Sign off the summary as it is now (clinicians)")
    def post(self, request: Request, patient_id: str) -> Response:
        patient = self.patient(Action.SIGN_OFF)
        incoming = SignOffSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            signed = reviews.sign_off(
                patient, request.user, incoming.validated_data.get("note", "")
            )
        except reviews.ReviewError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from None
        return Response(SignOffSerializer(signed).data, status=status.HTTP_201_CREATED)
