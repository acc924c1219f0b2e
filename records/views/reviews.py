"""A clinician's review of a patient's summary: check each value, correct it, sign it off."""

from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from records import review_rules
from records.access import patient_for
from records.evidence import EvidenceFinder, EvidenceLink
from records.forms import CorrectionForm
from records.models import Action, DocumentStatus, Patient
from records.services import reviews
from records.services.profiles import stored_profile
from records.summary import ReviewNote, Row, Summary, item_name, summarize, value_text
from records.views import not_allowed


@dataclass
class ReviewRow:
    """A value as the clinician reviews it, and whether it changed since she signed."""

    key: str
    label: str
    value: str
    detail: str
    evidence: list[EvidenceLink]
    review: ReviewNote | None
    signed_as: str | None = None  # what she signed, when it has changed since

    @property
    def anchor(self) -> str:
        return anchor(self.key)


def anchor(key: str) -> str:
    return "item-" + slugify(key.replace(":", "-").replace(".", "-"))


def review_url(patient: Patient, key: str = "") -> str:
    return reverse("review", args=[patient.id]) + (f"#{anchor(key)}" if key else "")


def review_sections(summary: Summary, since: reviews.SinceSignOff) -> list[tuple[str, list]]:
    """The summary's values by section, each told what she signed if it changed since."""
    signed = review_rules.items(since.signed.data) if since.signed else {}

    def row(key, label, value, detail, evidence, note) -> ReviewRow:
        signed_as = None
        if key in since.changed_keys:
            signed_as = value_text(signed[key].value) if key in signed else "not in the summary"
        return ReviewRow(key, label, value, detail, evidence, note, signed_as)

    def rows(items: list[Row]) -> list[ReviewRow]:
        return [row(r.key, r.label, r.value, r.detail, r.evidence, r.review) for r in items]

    treatments = [
        row(
            t.key,
            t.name,
            ", ".join(part for part in (t.category, t.setting) if part),
            " to ".join(part for part in (t.start, t.end) if part),
            t.evidence,
            t.review,
        )
        for t in summary.treatments
    ]
    sections = [
        ("Diagnosis", rows(summary.diagnosis)),
        ("Biomarkers", rows(summary.biomarkers)),
        (
            "Stage",
            [
                row(r.key, r.label, r.value, r.detail, summary.stage_evidence, r.review)
                for r in summary.stage
            ],
        ),
        ("Treatments", treatments),
    ]
    return [(title, entries) for title, entries in sections if entries]


@login_required
def review_profile(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.OPEN_REVIEW)
    if refused := not_allowed(request, "GET"):
        return refused
    profile = stored_profile(patient)
    context = {"patient": patient, "profile": profile, "summary": None}
    if profile is not None:
        state = reviews.reviewed(profile)
        since = reviews.since_sign_off(patient, request.user, profile)
        summary = summarize(profile.data, EvidenceFinder(patient), state.states)
        context |= {
            "summary": summary,
            "sections": review_sections(summary, since),
            "rejected": [
                (item_name(key), value_text(s.decision.value), s.decision)
                for key, s in state.states.items()
                if s.state == review_rules.State.REJECTED and s.decision
            ],
            "since": since,
        }
    documents = patient.documents.all()
    context |= {
        "reading": documents.filter(status__in=DocumentStatus.working()).count(),
        "unreadable": documents.filter(status=DocumentStatus.FAILED).count(),
    }
    return render(request, "records/review.html", context)


@login_required
def review_decide(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    """Accept or reject one value (a correction has its own form)."""
    patient = patient_for(request.user, patient_id, Action.REVIEW_VALUE)
    if refused := not_allowed(request, "POST"):
        return refused
    key = request.POST.get("key", "")
    try:
        action = review_rules.Action(request.POST.get("action", ""))
        if action == review_rules.Action.CORRECT:
            raise ValueError
    except ValueError:
        messages.error(request, "Choose accept or reject.")
        return redirect(review_url(patient))
    try:
        reviews.decide(patient, request.user, key, action, reason=request.POST.get("reason", ""))
    except reviews.ReviewError as error:
        messages.error(request, str(error))
    else:
        done = "verified" if action == review_rules.Action.ACCEPT else "rejected"
        messages.success(request, f"Saved: the value is {done}.")
    return redirect(review_url(patient, key))


@login_required
def review_correct(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.REVIEW_VALUE)
    if refused := not_allowed(request, "GET", "POST"):
        return refused
    key = request.GET.get("key", "")
    profile = stored_profile(patient)
    state = reviews.reviewed(profile).states.get(key) if profile else None
    if state is None:
        messages.error(request, "This value is no longer in the summary.")
        return redirect(review_url(patient))
    current = state.shown if state.shown is not None else state.extracted
    form = CorrectionForm(key, current, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.decide(
                patient,
                request.user,
                key,
                review_rules.Action.CORRECT,
                value=form.corrected_value(),
                reason=form.cleaned_data["reason"],
            )
        except reviews.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved: your correction now holds in the summary.")
            return redirect(review_url(patient, key))
    return render(
        request,
        "records/review_correct.html",
        {
            "patient": patient,
            "form": form,
            "name": item_name(key),
            "records_say": value_text(state.extracted),
            "key": key,
        },
    )


@login_required
def review_sign_off(request: HttpRequest, patient_id: UUID) -> HttpResponse:
    patient = patient_for(request.user, patient_id, Action.SIGN_OFF)
    if refused := not_allowed(request, "POST"):
        return refused
    try:
        signed = reviews.sign_off(patient, request.user, request.POST.get("note", ""))
    except reviews.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Signed off: version {signed.version} of the summary.")
    return redirect(review_url(patient))
