"""The guidance pages: a topic's general answer for everyone, and what a patient's records add.

A topic is public. Its personal part is the patient's own data, so it is reached only through
the access door of records.access (and so audit-logged): a patient sees hers; a clinician sees
a patient's only by naming her (``?patient=<id>``) while she shares her records with them.
Nothing about the patient is logged here.
"""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from guidance.personalize import personalize
from guidance.services import load_trials
from guidance.topics import Topic, get_topic, load_topics
from records import review_rules
from records.access import patient_for, patients_visible_to
from records.evidence import EvidenceFinder, EvidenceLink
from records.models import Action, Patient, Profile
from records.services.profiles import stored_profile
from records.services.reviews import reviewed
from records.summary import ReviewNote, item_name, review_note
from records.views import not_allowed

STATUS_WORDS = {
    "met": ("✓", "Met"),
    "not met": ("✗", "Not met"),
    "unknown": ("?", "Not known from your records"),
}
# For an exclusion ("not for people with ..."), "met" means the records show she has not got it.
EXCLUSION_WORDS = {
    "met": ("✓", "Does not rule you out"),
    "not met": ("✗", "Rules you out"),
    "unknown": ("?", "Not known from your records"),
}
SEVERITY = ["not met", "unknown", "met"]
FIELD_WORDS = {
    "diagnosis.primary_site": "where the cancer started",
    "diagnosis.histology": "type of cancer cells",
    "treatments": "treatments so far",
}
FIT_WORDS = {
    "likely": "May be a fit",
    "possible": "Might be a fit: some things are not known yet",
    "unlikely": "Probably not a fit",
}


@dataclass
class Section:
    """A "For you" section with links to the pages it was read from."""

    heading: str
    text: str
    evidence: list[EvidenceLink] = field(default_factory=list)
    # what her clinician verified or corrected among the values the section rests on
    reviews: list[tuple[str, ReviewNote]] = field(default_factory=list)


@dataclass
class Check:
    """One thing a criterion asks, checked against one part of the records."""

    about: str
    symbol: str
    words: str


@dataclass
class Criterion:
    """One criterion as the trial words it, with how the records answer each part of it.

    The matcher may split one sentence ("HER2-positive, advanced solid tumour") into several
    checks; the patient reads the sentence once, with the worst answer first: one part not met
    makes it not met, one part unknown makes it unknown.
    """

    text: str
    status: str
    symbol: str
    words: str
    checks: list[Check] = field(default_factory=list)
    evidence: list[EvidenceLink] = field(default_factory=list)
    exclusion: bool = False


@dataclass
class TrialMatch:
    nct_id: str
    title: str
    phase: str
    status: str
    target: str
    fit: str
    fit_words: str
    criteria: list[Criterion]

    @property
    def counts(self) -> dict[str, int]:
        """How many criteria are met, not met and unknown (keys usable in a template)."""
        statuses = [c.status.replace(" ", "_") for c in self.criteria]
        return {key: statuses.count(key) for key in ("met", "not_met", "unknown")}

    @property
    def inclusions(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.exclusion]

    @property
    def exclusions(self) -> list[Criterion]:
        return [c for c in self.criteria if c.exclusion]

    @property
    def url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"


def topic_list(request: HttpRequest) -> HttpResponse:
    """Every topic, by title; open to all, it holds no patient data."""
    if refused := not_allowed(request, "GET"):
        return refused
    topics = sorted(load_topics().values(), key=lambda topic: topic.title)
    return render(request, "guidance/topic_list.html", {"topics": topics})


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The general answer first; then, for a patient with a profile, what it means for her."""
    topic = topic_or_404(slug)
    wanted = request.GET.get("patient")
    if wanted is not None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    patient = reader_patient(request, wanted)
    if refused := not_allowed(request, "GET"):
        return refused
    context: dict[str, Any] = {"topic": topic, "patient": patient}
    if patient is not None:
        context["is_owner"] = patient.user_id == request.user.id
        stored = stored_profile(patient)
        if stored is not None:
            context["guidance"] = personal_guidance(topic, stored, EvidenceFinder(patient))
    elif request.user.is_authenticated and request.user.is_clinician:
        context["shared_patients"] = (
            patients_visible_to(request.user).select_related("user").order_by("user__first_name")
        )
    return render(request, "guidance/topic_detail.html", context)


def topic_or_404(slug: str) -> Topic:
    try:
        return get_topic(slug)
    except KeyError:
        raise Http404("No such topic.") from None


def reader_patient(request: HttpRequest, wanted: str | None) -> Patient | None:
    """Whose guidance to show: the named patient through the access door, else the reader's own.

    A clinician sees no one's unless she names a patient who shares with her now; a malformed
    or forbidden id is the same 404 as the records pages give.
    """
    user = request.user
    if wanted is not None:
        try:
            patient_id = UUID(wanted)
        except ValueError:
            raise Http404("No such patient.") from None
        return patient_for(user, patient_id, Action.VIEW_GUIDANCE)
    if user.is_authenticated and user.is_patient:
        return patient_for(user, user.patient.id, Action.VIEW_GUIDANCE)
    return None


def personal_guidance(topic: Topic, stored: Profile, finder: EvidenceFinder) -> dict[str, Any]:
    """The guidance document for her profile, each piece of evidence linked to its page."""
    trials = load_trials()
    document = personalize(topic, stored.data, trials)
    states = reviewed(stored).states
    exclusions = {
        trial.nct_id: frozenset(c.text for c in trial.criteria if not c.inclusion)
        for trial in trials
    }
    return {
        "personal": [
            Section(
                s["heading"],
                s["text"],
                finder.links(s.get("evidence")),
                checked_by_clinician(s.get("because", []), states),
            )
            for s in document.get("personal", [])
        ],
        "trials": [
            trial_match(trial, finder, exclusions.get(trial["nct_id"], frozenset()))
            for trial in document.get("trials", [])
        ],
        "questions": document.get("questions", []),
        "missing": document.get("missing", []),
        "disclaimer": document.get("disclaimer", ""),
    }


def item_key(path: str) -> str:
    """The reviewed item a guidance field rests on: ``HER2.status`` → ``biomarker:HER2``."""
    head = path.split(".", 1)[0]
    if head in ("stage", "diagnosis"):
        return path
    if head == "treatments":
        return head
    return f"biomarker:{head}"


def checked_by_clinician(
    because: list[str], states: dict[str, review_rules.ItemState]
) -> list[tuple[str, ReviewNote]]:
    """Of the values a section rests on, those her clinician verified or corrected."""
    notes = []
    for key in dict.fromkeys(item_key(path) for path in because):
        note = review_note(states.get(key))
        if note is not None and note.checked:
            notes.append((item_name(key), note))
    return notes


def trial_match(
    trial: dict[str, Any], finder: EvidenceFinder, exclusions: frozenset[str] = frozenset()
) -> TrialMatch:
    """A trial of the guidance document, its criteria grouped by their words, for the page.

    The contract's criterion does not say whether it is an exclusion; `exclusions` (the texts
    of the trial's exclusion criteria, from the catalog) lets the page say it in words.
    """
    return TrialMatch(
        nct_id=trial["nct_id"],
        title=trial["title"],
        phase=trial.get("phase") or "",
        status=trial.get("status") or "",
        target=trial.get("target") or "",
        fit=trial["fit"],
        fit_words=FIT_WORDS.get(trial["fit"], trial["fit"]),
        criteria=grouped_criteria(trial.get("criteria", []), finder, exclusions),
    )


def grouped_criteria(
    criteria: list[dict[str, Any]], finder: EvidenceFinder, exclusions: frozenset[str]
) -> list[Criterion]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for criterion in criteria:
        groups.setdefault(criterion["text"], []).append(criterion)
    lines = []
    for text, parts in groups.items():
        statuses = [p["status"] if p["status"] in STATUS_WORDS else "unknown" for p in parts]
        status = min(statuses, key=SEVERITY.index)
        checks = [
            Check(plain_fields(p.get("because") or []), *STATUS_WORDS[part_status])
            for p, part_status in zip(parts, statuses, strict=True)
        ]
        evidence = finder.links(e for p in parts for e in p.get("evidence") or [])
        excluded = text in exclusions
        symbol, words = (EXCLUSION_WORDS if excluded else STATUS_WORDS)[status]
        several = checks if len(parts) > 1 else []
        lines.append(Criterion(text, status, symbol, words, several, evidence, excluded))
    return lines


def plain_fields(paths: list[str]) -> str:
    """The profile fields a check rests on, in words ("HER2.status" is "HER2 result")."""
    words = []
    for path in paths:
        if path in FIELD_WORDS:
            word = FIELD_WORDS[path]
        elif path.startswith("stage."):
            word = "stage"
        elif path.endswith(".status"):
            word = f"{path.removesuffix('.status')} result"
        else:
            word = path.rsplit(".", 1)[-1].replace("_", " ")
        if word not in words:
            words.append(word)
    return ", ".join(words) or "other details"
