"""Staff use the Django admin; record text and files are not shown there."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from records.models import AccessEvent, Document, Patient, Share, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "role", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "role"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "role", "password1", "password2"]})]


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "created_at"]
    search_fields = ["user__email"]


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ["patient", "email", "state", "created_at", "accepted_at", "revoked_at"]
    exclude = ["token_hash"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Processing state for support staff; the file and its text stay out of the admin."""

    list_display = [
        "id",
        "patient",
        "status",
        "failure_code",
        "page_count",
        "attempts",
        "created_at",
    ]
    list_filter = ["status", "failure_code"]
    fields = [
        "patient",
        "status",
        "failure_code",
        "page_count",
        "ocr_pages",
        "attempts",
        "crashes",
        "media_type",
        "size",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "patient", "action", "target_type"]
    list_filter = ["action"]
    readonly_fields = [
        "at",
        "actor",
        "actor_label",
        "patient",
        "action",
        "target_type",
        "target_id",
    ]
