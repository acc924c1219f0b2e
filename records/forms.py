"""Forms for signing up, uploading, inviting a clinician and correcting a value."""

from typing import Any

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm

from records.models import Role, User
from records.models.accounts import normalize_email
from vocabulary import biomarkers, diagnosis, staging, treatments


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


# --- a clinician's correction of one value ----------------------------------------------------

MARKER_STATUS = {name: list(values) for name, values in biomarkers.STATUSES.items() if values}
GENE_STATUS = list(biomarkers.GENE_STATUSES)
# Which parts of a biomarker a clinician may set, by marker (genes: the last entry).
MARKER_PARTS = {
    "ER": ["status", "percent"],
    "PR": ["status", "percent"],
    "AR": ["status", "percent"],
    "HER2": ["status", "ihc", "ish", "ratio", "copy_number"],
    "Ki-67": ["percent"],
    "PD-L1": ["status", "value", "unit"],
    "MSI": ["status"],
    "TMB": ["status", "value", "unit"],
    "MMR": ["status", "variant"],
}
GENE_PARTS = ["status", "variant", "origin"]
TREATMENT_PARTS = ["category", "start", "end", "setting", "line"]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DATE_HELP = "YYYY-MM-DD, or YYYY-MM / YYYY when that is all that is known."
METASTATIC_SITES = list(staging.METASTATIC_SITES)
TREATMENT_CATEGORIES = list(treatments.TREATMENT_CATEGORIES)


def optional_choice(label: str, values: list[str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=[("", "not stated"), *[(v, v) for v in values]]
    )


def date_field(label: str) -> forms.RegexField:
    return forms.RegexField(label=label, regex=DATE_PATTERN, required=False, help_text=DATE_HELP)


def number_field(label: str, low: float | None = None, high: float | None = None) -> forms.Field:
    return forms.FloatField(label=label, required=False, min_value=low, max_value=high)


PART_FIELDS = {
    "percent": lambda: number_field("Percent of cells", 0, 100),
    "ihc": lambda: optional_choice("IHC score", list(biomarkers.IHC_SCORES)),
    "ish": lambda: optional_choice("ISH result", list(biomarkers.ISH_RESULTS)),
    "ratio": lambda: number_field("HER2/CEP17 ratio", 0),
    "copy_number": lambda: number_field("HER2 copy number", 0),
    "value": lambda: number_field("Score", 0),
    "unit": lambda: forms.CharField(label="Unit (CPS, TPS, mut/Mb…)", required=False),
    "variant": lambda: forms.CharField(label="Variant (HGVS)", required=False),
    "origin": lambda: optional_choice("Origin", list(biomarkers.ORIGINS)),
    "category": lambda: forms.ChoiceField(
        label="Kind of treatment", choices=[(c, c) for c in TREATMENT_CATEGORIES]
    ),
    "start": lambda: date_field("Started"),
    "end": lambda: date_field("Ended"),
    "setting": lambda: optional_choice("Setting", list(treatments.SETTINGS)),
    "line": lambda: forms.IntegerField(
        label="Line of treatment (for cancer that has spread)",
        required=False,
        min_value=1,
        help_text="1 for the first treatment after it spread, 2 for the next, …",
    ),
}
SCALAR_FIELDS = {
    "diagnosis.primary_site": lambda: forms.CharField(label="Primary site (lower-case organ)"),
    "diagnosis.laterality": lambda: forms.ChoiceField(
        label="Side", choices=[(v, v) for v in diagnosis.LATERALITIES]
    ),
    "diagnosis.grade": lambda: forms.TypedChoiceField(
        label="Grade", choices=[(str(g), str(g)) for g in diagnosis.GRADES], coerce=int
    ),
    "diagnosis.diagnosis_date": lambda: forms.RegexField(
        label="Date of diagnosis", regex=DATE_PATTERN, help_text=DATE_HELP
    ),
    "stage.T": lambda: forms.CharField(label="T, with its prefix (cT2, pT1c, ypT0)"),
    "stage.N": lambda: forms.CharField(label="N, with its prefix (pN1a, cN0)"),
    "stage.M": lambda: forms.CharField(label="M, with its prefix (cM0, pM1)"),
    "stage.group": lambda: forms.CharField(label="AJCC stage group (0, IA … IV)"),
    "stage.metastatic": lambda: forms.TypedChoiceField(
        label="Distant metastasis documented",
        choices=[("yes", "yes"), ("no", "no")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    ),
    "stage.metastatic_sites": lambda: forms.MultipleChoiceField(
        label="Sites of distant metastasis",
        choices=[(s, s) for s in METASTATIC_SITES],
        widget=forms.CheckboxSelectMultiple,
    ),
}


def parts_of(key: str) -> list[str]:
    """The parts of a biomarker or treatment a clinician may set; [] for a single value."""
    kind, _, name = key.partition(":")
    if kind == "biomarker":
        return MARKER_PARTS.get(name, GENE_PARTS)
    if kind == "treatment":
        return TREATMENT_PARTS
    return []


class CorrectionForm(forms.Form):
    """The corrected value of one profile item, with why; fields follow the contract."""

    def __init__(self, key: str, current: Any, *args: Any, **kwargs: Any) -> None:
        self.key, self.current = key, current
        initial = self.initial_from(current)
        super().__init__(*args, initial=initial, **kwargs)
        parts = parts_of(key)
        if parts:
            for part in parts:
                self.fields[part] = self.part_field(part)
        elif key == "diagnosis.histology":
            self.fields["code"] = forms.RegexField(
                label="ICD-O-3 code (8500/3)", regex=r"^\d{4}/\d$", required=False
            )
            self.fields["label"] = forms.CharField(label="Histology")
        elif key in SCALAR_FIELDS:
            self.fields["value"] = SCALAR_FIELDS[key]()
        else:
            raise KeyError(key)
        self.fields["reason"] = forms.CharField(
            label="Why (optional)",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Kept in the summary's history, with your name and the time.",
        )

    def part_field(self, part: str) -> forms.Field:
        if part == "status":
            name = self.key.partition(":")[2]
            return optional_choice("Result", MARKER_STATUS.get(name, GENE_STATUS))
        return PART_FIELDS[part]()

    def initial_from(self, current: Any) -> dict[str, Any]:
        if isinstance(current, dict):
            return {k: ("" if v is None else v) for k, v in current.items()}
        if isinstance(current, bool):
            return {"value": "yes" if current else "no"}
        return {"value": current}

    def corrected_value(self) -> Any:
        """The value as the contract writes it: blank parts are null, the rest kept."""
        data = self.cleaned_data
        if self.key == "diagnosis.histology":
            return {"code": data["code"] or None, "label": data["label"]}
        parts = parts_of(self.key)
        if not parts:
            return data["value"]
        value = dict(self.current) if isinstance(self.current, dict) else {}
        for part in parts:
            given = data.get(part)
            if isinstance(given, float) and given.is_integer():
                given = int(given)  # 95, as reports write it, not 95.0
            value[part] = None if given in ("", None) else given
        return value
