from django.contrib import admin
from django.urls import include, path

from navis.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("guidance/", include("guidance.urls")),
    path("", include("records.urls")),
]
