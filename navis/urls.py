from django.contrib import admin
from django.urls import include, path

from api.views import tokens
from navis.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("guidance/", include("guidance.urls")),
    path("api/", include("api.urls")),
    path("settings/tokens/", tokens.tokens, name="api-tokens"),
    path("settings/tokens/<int:token_id>/revoke/", tokens.revoke, name="api-token-revoke"),
    path("", include("records.urls")),
]
