"""Home, sign-up; log in/out and passwords come from django.contrib.auth."""

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from records.access import patients_visible_to
from records.forms import SignUpForm
from records.models import Role
from records.services.accounts import sign_up
from records.services.reviews import queue


def home(request: HttpRequest) -> HttpResponse:
    """Anonymous: what Navis is. Patient: her records. Clinician: the patients sharing."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "records/landing.html")
    if user.is_patient:
        return redirect("patient", patient_id=user.patient.id)
    patients = patients_visible_to(user).select_related("user").order_by("user__first_name")
    return render(request, "records/clinician_home.html", {"queue": queue(user, list(patients))})


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    # Someone following an invitation link is the invited clinician.
    invited = is_invitation(next_url)
    form = SignUpForm(request.POST or None, initial={"role": Role.CLINICIAN} if invited else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = sign_up(data["email"], data["password1"], Role(data["role"]), data["first_name"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_url or "home")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def is_invitation(path: str) -> bool:
    try:
        return resolve(path.split("?", 1)[0]).url_name == "invitation"
    except Resolver404:
        return False
