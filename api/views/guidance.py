from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from api.serializers.guidance import TopicSerializer, TrialSerializer
from api.views.base import PatientScoped
from guidance.matching import match_trials
from guidance.personalize import personalize
from guidance.services import load_trials
from guidance.topics import Topic, get_topic, load_topics
from records.models import Action
from records.services.profiles import shown_profile


def topic_named(slug: str) -> Topic:
    try:
        return get_topic(slug)
    except KeyError:
        raise Http404("No such topic.") from None


@extend_schema(
    tags=["guidance"], summary="The guidance topics", responses=TopicSerializer(many=True)
)
class TopicList(generics.GenericAPIView):
    serializer_class = TopicSerializer
    read_scope = "guidance:read"
    pagination_class = None
    filter_backends: list = []

    def get(self, request: Request) -> Response:
        topics = [
            {"slug": t.slug, "title": t.title, "reviewed": t.reviewed}
            for t in load_topics().values()
        ]
        return Response(TopicSerializer(topics, many=True).data)


@extend_schema(
    tags=["guidance"],
    summary="A topic personalised to the patient (navis.guidance.v1)",
    responses={200: {"type": "object", "description": "A guidance document, navis.guidance.v1"}},
)
class GuidanceView(PatientScoped, generics.GenericAPIView):
    read_scope = "guidance:read"

    def get(self, request: Request, patient_id: str, slug: str) -> Response:
        patient = self.patient(Action.VIEW_GUIDANCE)
        topic = topic_named(slug)
        return Response(personalize(topic, shown_profile(patient), load_trials()))


@extend_schema(
    tags=["guidance"],
    summary="Trials of a topic matched against the patient, criterion by criterion",
    parameters=[
        OpenApiParameter("topic", OpenApiTypes.STR, required=True, description="A topic slug")
    ],
    responses={200: {"type": "array", "items": {"type": "object"}}},
)
class TrialMatchList(PatientScoped, generics.GenericAPIView):
    read_scope = "guidance:read"
    pagination_class = None
    filter_backends: list = []

    def get(self, request: Request, patient_id: str) -> Response:
        patient = self.patient(Action.VIEW_GUIDANCE)
        slug = request.query_params.get("topic")
        if not slug:
            raise ValidationError({"topic": ["Name a topic: see /api/v1/topics/."]})
        return Response(match_trials(load_trials(), shown_profile(patient), topic_named(slug)))


def trial_matches(trial: dict, condition: str, target: str, status: str, is_open: str) -> bool:
    if condition and not any(condition in c.casefold() for c in trial["conditions"]):
        return False
    if target and (trial["target"] or "").casefold() != target:
        return False
    if status and trial["status"].casefold() != status:
        return False
    return not is_open or trial["open"] == (is_open == "true")


@extend_schema(
    tags=["trials"],
    summary="Search the trial catalog",
    parameters=[
        OpenApiParameter(
            "condition", OpenApiTypes.STR, description="Words in a condition, e.g. breast"
        ),
        OpenApiParameter(
            "target", OpenApiTypes.STR, description="Target antigen or gene, e.g. HER2"
        ),
        OpenApiParameter("status", OpenApiTypes.STR, description="e.g. RECRUITING"),
        OpenApiParameter(
            "open", OpenApiTypes.STR, enum=["true", "false"], description="Enrolling now"
        ),
    ],
)
class TrialList(generics.ListAPIView):
    serializer_class = TrialSerializer
    read_scope = "trials:read"
    filter_backends: list = []  # the catalog is a list, filtered below by its own words

    def get_queryset(self) -> list[dict]:
        if getattr(self, "swagger_fake_view", False):
            return []  # the schema is being generated: no database needed
        query = self.request.query_params
        wanted = [
            query.get(k, "").strip().casefold() for k in ("condition", "target", "status", "open")
        ]
        if wanted[3] not in ("", "true", "false"):
            raise ValidationError({"open": ["Use true or false."]})
        return [
            t for t in (trial.to_dict() for trial in load_trials()) if trial_matches(t, *wanted)
        ]


@extend_schema(tags=["trials"], summary="One trial of the catalog", responses=TrialSerializer)
class TrialDetail(generics.GenericAPIView):
    serializer_class = TrialSerializer
    read_scope = "trials:read"

    def get(self, request: Request, nct_id: str) -> Response:
        for trial in load_trials():
            if trial.nct_id == nct_id.upper():
                return Response(TrialSerializer(trial.to_dict()).data)
        raise Http404("No such trial.")
