from django.urls import include, path

from records.views import (
    accounts,
    audit,
    documents,
    pages,
    patients,
    profiles,
    reviews,
    sharing,
    uploads,
)

patient = "patients/<uuid:patient_id>/"
document = patient + "documents/<uuid:document_id>/"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("signup/", accounts.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("invitations/<str:token>/", sharing.invitation, name="invitation"),
    path(patient, patients.patient_detail, name="patient"),
    path(patient + "profile/", profiles.profile, name="profile"),
    path(patient + "profile/history/", profiles.history, name="profile-history"),
    path(patient + "profile/summary.pdf", profiles.summary_pdf, name="profile-pdf"),
    path(patient + "review/", reviews.review_profile, name="review"),
    path(patient + "review/decide/", reviews.review_decide, name="review-decide"),
    path(patient + "review/correct/", reviews.review_correct, name="review-correct"),
    path(patient + "review/sign-off/", reviews.review_sign_off, name="review-sign-off"),
    path(patient + "upload/", uploads.upload, name="upload"),
    path(patient + "documents/status/", documents.documents_status, name="documents-status"),
    path(document, documents.document_detail, name="document"),
    path(document + "status/", documents.document_status, name="document-status"),
    path(document + "file/", documents.document_file, name="document-file"),
    path(document + "reprocess/", documents.document_reprocess, name="document-reprocess"),
    path(document + "pages/<int:number>/", pages.document_page, name="document-page"),
    path(
        document + "pages/<int:number>/image.png",
        pages.document_page_image,
        name="document-page-image",
    ),
    path(patient + "sharing/", sharing.sharing, name="sharing"),
    path(patient + "sharing/<uuid:share_id>/revoke/", sharing.revoke, name="share-revoke"),
    path(patient + "access-log/", audit.access_log, name="access-log"),
]
