"""Forms for signing up, uploading and inviting a clinician."""

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm

from records.models import Role, User
from records.models.accounts import normalize_email


class SignUpForm(BaseUserCreationForm):
    role = forms.ChoiceField(
        label="I am",
        choices=[(Role.PATIENT, "A patient"), (Role.CLINICIAN, "A clinician")],
        widget=forms.RadioSelect,
        initial=Role.PATIENT,
    )

    class Meta:
        model = User
        fields = ("first_name", "email", "role")
        labels = {"first_name": "Your name", "email": "E-mail address"}

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError("An account with this e-mail address already exists.")
        return email


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadForm(forms.Form):
    files = forms.FileField(
        label="Choose PDF files or photos of pages",
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        required=False,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label="Your clinician's e-mail address")
