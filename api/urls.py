"""``/api/v1/``: every endpoint is named ``api-…`` so the access matrix can classify it."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from api.views import documents, guidance, patients, profiles, reviews, webhooks

patient = "v1/patients/<uuid:patient_id>/"
document = patient + "documents/<uuid:document_id>/"
webhook = "v1/webhooks/<int:webhook_id>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("v1/patients/", patients.PatientList.as_view(), name="api-patients"),
    path(patient, patients.PatientDetail.as_view(), name="api-patient"),
    path(patient + "documents/", documents.DocumentList.as_view(), name="api-documents"),
    path(document, documents.DocumentDetail.as_view(), name="api-document"),
    path(document + "pages/", documents.DocumentPages.as_view(), name="api-document-pages"),
    path(
        document + "reprocess/",
        documents.DocumentReprocess.as_view(),
        name="api-document-reprocess",
    ),
    path(patient + "profile/", profiles.ProfileView.as_view(), name="api-profile"),
    path(patient + "facts/", profiles.FactList.as_view(), name="api-facts"),
    path(patient + "history/", profiles.HistoryList.as_view(), name="api-history"),
    path(patient + "fhir", profiles.FhirView.as_view(), name="api-fhir"),
    path(patient + "review-items/", reviews.ReviewItemList.as_view(), name="api-review-items"),
    path(patient + "reviews/", reviews.DecisionList.as_view(), name="api-reviews"),
    path(patient + "sign-offs/", reviews.SignOffList.as_view(), name="api-sign-offs"),
    path(patient + "guidance/<slug:slug>/", guidance.GuidanceView.as_view(), name="api-guidance"),
    path(patient + "trial-matches/", guidance.TrialMatchList.as_view(), name="api-trial-matches"),
    path("v1/topics/", guidance.TopicList.as_view(), name="api-topics"),
    path("v1/trials/", guidance.TrialList.as_view(), name="api-trials"),
    path("v1/trials/<str:nct_id>/", guidance.TrialDetail.as_view(), name="api-trial"),
    path("v1/webhooks/", webhooks.WebhookList.as_view(), name="api-webhooks"),
    path(webhook, webhooks.WebhookDetail.as_view(), name="api-webhook"),
    path(
        webhook + "deliveries/", webhooks.WebhookDeliveries.as_view(), name="api-webhook-deliveries"
    ),
]
