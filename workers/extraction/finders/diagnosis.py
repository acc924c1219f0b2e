"""Diagnosis: histology (ICD-O-3), grade, primary site, laterality and date of diagnosis."""

from __future__ import annotations

import re
from functools import cache

from vocabulary.diagnosis import GRADE_NUMERAL_PATTERN, ROMAN_GRADES, grade_from_nottingham
from workers.extraction import rule_files
from workers.extraction.dates import find_dates
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, compile_words, trim
from workers.extraction.lexicon import load_histologies


@cache
def _histology_words() -> tuple[re.Pattern[str], dict[str, list[tuple[str, str, tuple[str, ...]]]]]:
    """Patterns to (code, label, sites) meanings, in the rule file's order of priority."""
    lookup: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for histology in load_histologies():
        for pattern in histology.patterns:
            lookup.setdefault(pattern.lower(), []).append(
                (histology.code, histology.label, tuple(histology.sites))
            )
    return compile_words(list(lookup)), lookup


def _meaning(
    meanings: list[tuple[str, str, tuple[str, ...]]], site: str | None
) -> tuple[str, str] | None:
    """The site-specific meaning for the document's site, else one that applies anywhere."""
    for code, label, sites in meanings:
        if sites and site in sites:
            return code, label
    for code, label, sites in meanings:
        if not sites:
            return code, label
    if site is None:
        return meanings[0][0], meanings[0][1]
    return None


def find_histology(page: PageView) -> list[Finding]:
    """Histology phrases of the lexicon, then the breast forms it cannot list word for word
    (``_flexible_histology``), read on the text with OCR-damaged key words repaired."""
    pattern, lookup = _histology_words()
    text = repair_ocr(page.text)
    findings = []
    for match in pattern.finditer(text):
        phrase = re.sub(r"\s+", " ", match.group(0).lower())
        if phrase not in lookup or _empty_form_label(text, match.end()):
            continue
        chosen = _meaning(lookup[phrase], page.site_hint)
        if chosen is None:
            continue
        code, label = chosen
        findings.append(
            Finding(
                "histology",
                Field.HISTOLOGY,
                "",
                {"code": code, "label": label},
                match.start(),
                match.end(),
            )
        )
    if page.site_hint in (None, "breast"):
        # the longest reading wins: "mixed grade 3 lobular and invasive ductal carcinoma" is
        # one mixed carcinoma, not also the invasive ductal carcinoma inside it
        for finding in _flexible_histology(text):
            inside = [f for f in findings if finding.start <= f.start and f.end <= finding.end]
            if any(
                f.start < finding.end and finding.start < f.end for f in findings if f not in inside
            ):
                continue
            findings = [f for f in findings if f not in inside] + [finding]
    return findings


# OCR misreads a letter or two of the long words that name a histology ("INELLTRATING DUCTAL
# CARCINOMA", "MEDULLARY CARCINCIA"). A word of the same length that differs from one of these
# in at most two letters (one for shorter words), starting with the same two, is read as it;
# same length keeps every offset into the page. Real words that are that close are left alone.
_OCR_WORDS = ("carcinoma", "adenocarcinoma", "infiltrating", "lobular", "ductal")
_NOT_OCR = frozenset({"carcinoid", "infiltrative", "infiltration", "infiltrated", "lobules"})
_WORD_TOKEN = re.compile(r"[A-Za-z]{6,}")


def repair_ocr(text: str) -> str:
    """The text with OCR-damaged histology words spelled right, same length, same offsets."""
    by_length: dict[int, list[str]] = {}
    for word in _OCR_WORDS:
        by_length.setdefault(len(word), []).append(word)

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        lower = token.lower()
        if lower in _NOT_OCR:
            return token
        for word in by_length.get(len(token), []):
            if lower == word or lower[:2] != word[:2]:
                continue
            allowed = 2 if len(word) >= 9 else 1
            if sum(a != b for a, b in zip(lower, word, strict=True)) <= allowed:
                return word.upper() if token.isupper() else word
        return token

    return _WORD_TOKEN.sub(fix, text)


# "PAGET'S DISEASE OF NIPPLE: LYMPH NODES POSITIVE: 0": a phrase that is only a form's label,
# its value empty (the next label follows) or absent, is not a diagnosis.
_EMPTY_VALUE = re.compile(
    r"\s*:\s*(?:$|[A-Z][A-Z' ()/-]{2,40}:|(?i:not\s+identified|not\s+present|absent|none|no|n/a)\b)"
)


def _empty_form_label(text: str, end: int) -> bool:
    return bool(_EMPTY_VALUE.match(text, end))


_INVASIVE = r"(?:invasive|infiltrating|infiltrative)"
# Words that may stand between "invasive" and the type: differentiation, grade, extent.
_MODIFIER = (
    r"(?:(?:well|moderately|poorly|un)[\s-]*differentiated|multifocal|multicentric|unifocal"
    r"|(?:high|low|intermediate)[\s-]+grade|grade\s+(?:[1-3]|" + GRADE_NUMERAL_PATTERN + r")|,)"
)
_TYPE_NOUN = r"\W{0,2}\s*(?:(?:breast|mammary)\s+)?(?:carcinoma|adenocarcinoma|cancer)\b"
_FLEXIBLE = [
    # "mixed infiltrating lobular and grade I ductal carcinoma", "mixed ductal and invasive
    # lobular", "invasive lobular and ductal carcinoma"
    (
        "8522/3",
        "Mixed invasive ductal and lobular carcinoma",
        re.compile(
            rf"\b(?:mixed|{_INVASIVE})\s+(?:(?:{_INVASIVE}|{_MODIFIER})\s+){{0,3}}"
            rf"(?:ductal\s+and\s+(?:(?:{_INVASIVE}|{_MODIFIER})\s+){{0,3}}lobular"
            rf"|lobular\s+and\s+(?:(?:{_INVASIVE}|{_MODIFIER})\s+){{0,3}}ductal)"
            rf"(?:{_TYPE_NOUN})?(?!\s+in\s+situ)",
            re.IGNORECASE,
        ),
    ),
    # "invasive poorly differentiated ductal carcinoma", "invasive ductal breast carcinoma",
    # OCR's "invasive ductal. carcinoma"
    (
        "8500/3",
        "Invasive ductal carcinoma",
        re.compile(
            rf"\b{_INVASIVE}\s+(?:{_MODIFIER}\s+){{0,3}}duct(?:al)?{_TYPE_NOUN}(?!\s+in\s+situ)",
            re.IGNORECASE,
        ),
    ),
    (
        "8520/3",
        "Invasive lobular carcinoma",
        re.compile(
            rf"\b{_INVASIVE}\s+(?:{_MODIFIER}\s+){{0,3}}lobular{_TYPE_NOUN}(?!\s+in\s+situ)",
            re.IGNORECASE,
        ),
    ),
    # A synoptic type field of the invasive tumour: "Histologic type: Invasive lobular",
    # "INVASIVE TUMOR: Histologic type: ductal", "TUMOR TYPE (invasive component): Ductal"
    (
        "type field",
        "",
        re.compile(
            r"(?P<head>\b(?:histologic(?:al)?|tumou?r)\s+type(?:\s+of\s+invasive\s+carcinoma)?"
            r"(?:\s*\([^)]{0,30}\))?\s*:\s*)"
            rf"(?P<invasive>{_INVASIVE}\s+)?(?P<type>ductal|lobular)\b(?![^.;]{{0,30}}in\s+situ)",
            re.IGNORECASE,
        ),
    ),
]
_TYPE_FIELD_CODES = {
    "ductal": ("8500/3", "Invasive ductal carcinoma"),
    "lobular": ("8520/3", "Invasive lobular carcinoma"),
}


def _flexible_histology(text: str) -> list[Finding]:
    """Breast histologies written with words between the lexicon's (grade, "breast", an OCR
    full stop), a ductal-lobular mix with modifiers, and the type field of a synoptic report
    (only where it speaks of the invasive tumour)."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for code, label, pattern in _FLEXIBLE:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if code == "type field":
                context = text[max(0, start - 60) : start] + match.group("head")
                if not match.group("invasive") and not re.search(
                    r"(?<![\w-])invasive", context, re.I
                ):
                    continue
                code_, label_ = _TYPE_FIELD_CODES[match.group("type").lower()]
                start = match.start("head")
            else:
                code_, label_ = code, label
            taken.append((start, end))
            findings.append(
                Finding(
                    "histology",
                    Field.HISTOLOGY,
                    "",
                    {"code": code_, "label": label_},
                    start,
                    end,
                    anchor=match.start("type") if code == "type field" else start,
                )
            )
    return findings


_GRADE = re.compile(
    r"(?:(?:nottingham|histologic|histological|overall|combined|elston|tumou?r|sbr|bloom[\s-]+richardson)[\s-]+grade|(?<![\w])grade)\s*(?:is|of|:|=)?\s*\(?(?P<g>[1-3]|"
    + GRADE_NUMERAL_PATTERN
    + r")(?![\w+])(?:\s*(?:/|of|out\s+of)\s*3)?\)?"
    r"|(?<![\w])(?P<word>well|moderately|poorly)[\s-]+differentiated"
    r"|\bG(?P<gx>[1-3])\b(?!\s*[/:-]?\s*\d)"
    r"|nottingham\s+(?:combined\s+)?(?:histologic\s+)?score\s*(?:of|:|=|is)?\s*(?P<score>[3-9])(?:\s*(?:/|of|out\s+of)\s*9)?",
    re.IGNORECASE,
)
_NOT_HISTOLOGIC = re.compile(
    r"(?:nuclear|dcis|in\s+situ|gleason|who|isup|fuhrman|tumou?r\s+budding|dysplasia)[\s,(-]*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# A neuroendocrine tumour's differentiation is not a grade: a well-differentiated NET may be
# WHO G1, G2 or G3 (by Ki-67 and mitoses).
_NEUROENDOCRINE = re.compile(
    r"[\s,-]*(?:(?!with\b|and\b)\w+\s+)?(?:neuroendocrine|carcinoid|NET\b|NEC\b)", re.I
)


def find_grade(page: PageView) -> list[Finding]:
    """The histologic grade (Nottingham, G1-G3, differentiation), not Gleason or WHO grades."""
    findings = []
    for match in _GRADE.finditer(page.text):
        before = page.text[max(0, match.start() - 25) : match.start()]
        if _NOT_HISTOLOGIC.search(before) or re.match(r"\s*grade\s+group", match.group(0), re.I):
            continue
        if match.group("word") and _NEUROENDOCRINE.match(page.text, match.end()):
            continue
        if re.search(r"\bgrade\s+group\b", page.text[match.start() : match.end() + 8], re.I):
            continue
        grade = None
        if match.group("g"):
            raw = match.group("g").upper()
            grade = ROMAN_GRADES.get(raw) or int(raw)
        elif match.group("gx"):
            grade = int(match.group("gx"))
        elif match.group("word"):
            grade = {"well": 1, "moderately": 2, "poorly": 3}[match.group("word").lower()]
        elif match.group("score"):
            grade = grade_from_nottingham(int(match.group("score")))
        if grade:
            start, end = trim(page.text, match.start(), match.end())
            findings.append(Finding("grade", Field.GRADE, "", {"grade": grade}, start, end))
    return findings


@cache
def _site_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """Site phrases to their site; a ``not_primary`` phrase maps to "" (matched, reports none)."""
    data = rule_files.table("sites.json")
    lookup = {phrase.strip().lower(): "" for phrase in data.get("not_primary", [])}
    for site, phrases in data["primary_sites"].items():
        for phrase in phrases:
            lookup[phrase.strip().lower()] = site
    alternatives = "|".join(
        re.escape(p.strip()).replace(r"\ ", r"\s+") for p in sorted(lookup, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])", re.IGNORECASE), lookup


# A phrase that names the cancer ("colorectal adenocarcinoma metastatic to the liver") is the
# primary whatever follows; a bare organ followed by "metastases" is where the metastases are.
_NAMES_CANCER = re.compile(
    r"cancer|carcinoma|melanoma|malignan|sarcoma|\b(?:n?sclc|m?crc|pdac|tnbc|m?crpc|m[ch]spc|ca)\b",
    re.IGNORECASE,
)


_METASTATIC_TO = re.compile(
    r"(?:metasta\w*|mets|spread|involvement|involving|lesions?|nodules?|deposits?)\s+(?:\w+\s+){0,2}(?:to|in|of|within)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)


def find_sites(page: PageView) -> list[Finding]:
    """Primary-site mentions (a metastasis *to* an organ does not make it the primary)."""
    pattern, lookup = _site_words()
    findings = []
    for match in pattern.finditer(page.text):
        site = lookup[re.sub(r"\s+", " ", match.group(0).strip().lower())]
        if not site:
            continue  # "mucosal melanoma": no skin primary
        before = page.text[max(0, match.start() - 40) : match.start()]
        after = page.text[match.end() : match.end() + 25]
        if _METASTATIC_TO.search(before) or (
            not _NAMES_CANCER.search(match.group(0))
            and re.match(r"\s*(?:metasta|mets|nodules?\b|lesions?\b)", after, re.I)
        ):
            continue
        start, end = trim(page.text, match.start(), match.end())
        findings.append(Finding("site", Field.PRIMARY_SITE, "", {"site": site}, start, end))
    return findings


_LATERALITY = re.compile(
    r"(?P<side>left|right|bilateral|L|R)(?:[\s-]+sided)?\s+(?P<organ>breast|lung|ovary|kidney|(?:upper|lower|middle)\s+lobe)"
    r"|(?P<organ2>breast|lung|ovary|kidney)\s*,\s*(?P<side2>left|right|bilateral)\b"
    r"|(?P<organ3>breast|lung)\s*\(\s*(?P<side3>left|right)\s*\)",
    re.IGNORECASE,
)


# Skin has laterality on the limbs and trunk (as cancer registries code it): "Skin, left upper
# back", "melanoma of the right forearm". Only where the words speak of the lesion or its
# specimen, so "pain in the left leg" or "port in the right arm" says nothing of the primary.
_SKIN_LATERALITY = re.compile(
    r"(?:\bskin\s*,\s*|\b(?:melanoma|carcinoma|lesion|mole|nevus|primary|excision|biopsy)\s+(?:\w+\s+)?(?:of|on|from|at|over)\s+(?:the\s+)?)"
    r"(?P<side>left|right)\s+(?:(?:upper|lower|mid|anterior|posterior|medial|lateral|proximal|distal|inner|outer)\s+){0,2}"
    r"(?:arm|forearm|elbow|wrist|hand|finger|thumb|shoulder|leg|thigh|knee|calf|shin|ankle|foot|heel|toe|"
    r"back|flank|chest(?:\s+wall)?|abdomen|buttock|hip|axilla|groin|neck|cheek|temple|ear|eyelid|forehead|scalp)\b",
    re.IGNORECASE,
)
# A synoptic report's "Specimen Laterality: Right" is the side of the document's primary site.
_SPECIMEN_LATERALITY = re.compile(
    r"\b(?:specimen|tumou?r)\s+laterality\s*:\s*(?P<side>left|right|bilateral)\b", re.IGNORECASE
)


def _skin_and_specimen_laterality(page: PageView) -> list[Finding]:
    paired = set(rule_files.table("sites.json")["paired"])
    findings = [
        Finding(
            "laterality",
            Field.LATERALITY,
            "skin",
            {"laterality": m.group("side").lower()},
            m.start(),
            m.end(),
        )
        for m in _SKIN_LATERALITY.finditer(page.text)
    ]
    if page.site_hint in paired or page.site_hint == "skin":
        findings.extend(
            Finding(
                "laterality",
                Field.LATERALITY,
                page.site_hint,
                {"laterality": m.group("side").lower()},
                m.start(),
                m.end(),
            )
            for m in _SPECIMEN_LATERALITY.finditer(page.text)
        )
    return findings


def find_laterality(page: PageView) -> list[Finding]:
    """The side of the primary, named with its organ (or, for skin, the body part)."""
    findings = _skin_and_specimen_laterality(page)
    for match in _LATERALITY.finditer(page.text):
        raw = (match.group("side") or match.group("side2") or match.group("side3")).lower()
        if raw in {"l", "r"} and not match.group(0)[0].isupper():
            continue
        side = {"l": "left", "r": "right"}.get(raw, raw)
        organ = (match.group("organ") or match.group("organ2") or match.group("organ3")).lower()
        organ = "lung" if "lobe" in organ else organ
        findings.append(
            Finding(
                "laterality",
                Field.LATERALITY,
                organ,
                {"laterality": side},
                match.start(),
                match.end(),
            )
        )
    return findings


_DIAGNOSED = re.compile(
    r"(?:(?:was\s+|were\s+|initially\s+|first\s+|originally\s+)?diagnosed|date\s+of\s+(?:initial\s+)?diagnosis|initial\s+diagnosis|diagnosis\s+date|dx)\b",
    re.IGNORECASE,
)


def find_diagnosis_date(page: PageView) -> list[Finding]:
    findings = []
    for match in _DIAGNOSED.finditer(page.text):
        _, sentence_end = page.sentence_bounds(match.start())
        window = page.text[match.end() : min(sentence_end, match.end() + 80)]
        dates = find_dates(window, years=True)
        if not dates:
            continue
        found = dates[0]
        start, end = trim(page.text, match.start(), match.end() + found.end)
        findings.append(
            Finding(
                "date",
                Field.DIAGNOSIS_DATE,
                "",
                {"date": found.value},
                start,
                end,
                date=found.value,
            )
        )
    return findings
