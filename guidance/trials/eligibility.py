"""Turn ClinicalTrials.gov eligibility text into criteria a profile can be checked against.

Every bullet keeps its original words. A bullet that names several checkable things (say
"HER2-positive metastatic breast cancer") yields one criterion per kind, all with the same text;
a bullet that names nothing checkable becomes one ``other`` criterion (always unknown).
The rules only read what is written: allowed/permitted therapies, wash-out periods and brain
metastases are not turned into requirements.

The clinical words are read as records are: HER2 results by the record HER2 finder and
categorised by ``vocabulary.biomarkers.her2_status``, genes by the extractor's gene lexicon, MSI
by its MSI finder, primary sites by its site phrases, categories from ``vocabulary``. What stays
here is what only criteria say: headings, requirement or exclusion, alternatives and cohorts,
sets of admitted statuses ("HER2-low or HER2 0"), "regardless of", lines, wash-outs, age, sex.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from guidance.trials.model import Criterion
from vocabulary.biomarkers import (
    HER2,
    HER2_NEGATIVE,
    HER2_STATUSES,
    RECEPTOR_LOW_MAX,
    RECEPTOR_POSITIVE,
    RECEPTOR_STATUSES,
    RECEPTORS,
    her2_status,
)
from vocabulary.staging import (
    GROUP_LETTERS,
    NUMERAL_PATTERN,
    OPERABLE_NUMERALS,
    ROMAN_NUMERALS,
    numeral,
)
from vocabulary.treatments import DRUG_CLASSES
from workers.extraction import rule_files
from workers.extraction.finders.diagnosis import find_sites
from workers.extraction.finders.genes import find_genes, find_msi, gene_names
from workers.extraction.finders.her2 import find_her2
from workers.extraction.lexicon import load_drugs
from workers.extraction.phrases import read_phrase

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~|=^])")
_BULLET = re.compile(
    r"^\s*(?:[*\-\u2022\u25cf\u00b7]|\d{1,3}[.)]|[a-zA-Z][.)]|\([a-zA-Z0-9]{1,3}\))\s+"
)
_HEADING = re.compile(r"^\W*(?:key\s+|main\s+|[\w-]+\s+)?(inclusion|exclusion)\s+criteria\b", re.I)
# what may follow a heading's "criteria": a parenthesised qualifier or a few words saying for
# whom or when ("(1st Screening ...)", "for the second screening", "- Patients"), no sentence
_QUALIFIER = re.compile(
    r"^\s*(?:\(.*\)|(?:[-\u2013\u2014]|for|of|in|at|during|prior|before|after|all)\b[^.;]*?)"
    r"\s*:?\s*\**\s*$",
    re.I,
)

# --- sites -------------------------------------------------------------------------------------

# A trial names the organ more loosely than a record names a primary ("breast or ovarian
# cancer", "Breast Neoplasms", "adenocarcinoma of the breast"), and some of its words are trial
# notions: a basket of "solid tumours", and "colorectal" admitting both colon and rectum. These
# are read beside the records' own site phrases (``find_sites``), in a criterion that names a
# disease; the sites the record lexicon has no phrase for yet (brain, soft tissue, bile duct)
# are here too.
ORGAN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"breast", ("breast",)),
    (r"lung|nsclc|sclc|mesothelioma", ("lung",)),
    (r"colorectal|crc\b", ("colon", "rectum")),
    (r"colon", ("colon",)),
    (r"rectal|rectum", ("rectum",)),
    (r"pancrea", ("pancreas",)),
    (r"ovar|fallopian|peritoneal", ("ovary",)),
    (r"prostat", ("prostate",)),
    (r"bladder|urothelial", ("bladder",)),
    (r"melanoma", ("skin",)),
    (r"gastric|stomach|gastroesophageal", ("stomach",)),
    (r"esophag|oesophag", ("esophagus",)),
    (r"hepatocellular|liver", ("liver",)),
    (r"renal|kidney", ("kidney",)),
    (r"glioblastoma|glioma|brain tumou?r", ("brain",)),
    (r"cervical cancer|cervix", ("cervix",)),
    (r"endometri|uterine", ("uterus",)),
    (r"head and neck|oropharyn|nasopharyn", ("head and neck",)),
    (r"thyroid", ("thyroid",)),
    (r"(?<!rat )sarcoma", ("soft tissue",)),  # "Kirsten rat sarcoma" names the KRAS gene
    (r"cholangio|biliary", ("bile duct",)),
    (r"solid tumou?rs?|solid malignan|solid cancers?", ("solid tumours",)),
)
_ORGAN_RES = tuple((re.compile(rf"\b(?:{p})", re.I), s) for p, s in ORGAN_WORDS)
# sites are listed in this order, whichever words named them
_SITE_ORDER = list(dict.fromkeys(site for _, sites in ORGAN_WORDS for site in sites))
_DISEASE = re.compile(
    r"\b(cancer|carcinoma|tumou?rs?|malignan\w*|adenocarcinoma|melanoma|sarcoma|glioma|glioblastoma|mesothelioma|nsclc|tnbc|mbc)\b",
    re.I,
)
_OTHER_CANCER = re.compile(
    r"\b(other|second|prior|previous|history of|concurrent|additional)\b.{0,40}\b(malignan|cancer)",
    re.I,
)


# Diseases a criterion names only to leave them out: "(uveal melanoma is excluded)",
# "excluding uveal melanoma", "Mucosal melanoma is not eligible".
_LEFT_OUT = re.compile(
    r"\([^()]*\b(?:exclud\w*|except\w*|(?:not\s+)?eligible|ineligible)\b[^()]*\)"
    r"|\b(?:excluding|except(?:\s+for)?|other\s+than)\b(?:(?!,\s*(?:with|who|that)\b)[^.;()])*"
    r"|(?:[\w-]+\s+){1,4}(?:is|are)\s+(?:excluded|not\s+eligible|ineligible)\b",
    re.I,
)


def sites_in(text: str) -> list[str]:
    """Contract primary sites named in ``text`` (conditions or a criterion).

    The records' site phrases decide within their own words ("uveal melanoma" is the eye's, so
    its "melanoma" is not the skin's); elsewhere, and where they only narrow it ("colorectal
    cancer" is both colon and rectum), the trial's organ words count too. A site named only to
    be left out, or a record's specimen label ("Skin, ..."), is none."""
    text = _LEFT_OUT.sub(lambda m: " " * len(m.group(0)), text)
    phrases = [
        f
        for f in read_phrase(text, [find_sites])
        if text[f.start : f.end].lower() != f.value["site"] or text[f.end : f.end + 1] != ","
    ]
    found = list(dict.fromkeys(f.value["site"] for f in phrases))
    for pattern, sites in _ORGAN_RES:
        for match in pattern.finditer(text):
            if not any(
                f.start <= match.start() < f.end and f.value["site"] not in sites for f in phrases
            ):
                found += [s for s in sites if s not in found]
                break
    return sorted(
        found, key=lambda s: _SITE_ORDER.index(s) if s in _SITE_ORDER else len(_SITE_ORDER)
    )


# --- biomarkers --------------------------------------------------------------------------------

# HER2 as trials write it, spelled as records do, so the record HER2 finder reads it: a written
# requirement ("HER2 overexpression", "amplification of HER2", "HER2-positivity") where a
# record would write a result, and "HER negative" beside ER and PR.
_HER2_IDIOMS = (
    (re.compile(r"\b(?:over-?expression|amplification)\s+of\s+(?:the\s+)?(HER-?2)", re.I), r"\1+"),
    (
        re.compile(
            r"\b(HER-?2(?:/neu)?)[\s-]*(?:gene\s+)?(?:over-?expression|over-?expressing"
            r"|amplification)\b",
            re.I,
        ),
        r"\1 positive",
    ),
    (re.compile(r"\b(HER-?2(?:/neu)?[\s-]*)positivity\b", re.I), r"\1positive"),
    (re.compile(r"\bHER(?=\s+negative\b)", re.I), "HER2"),
    # a range of HER2 scores ("HER2 1-3+ expression") admits each score in it
    (
        re.compile(r"\bHER-?2[\s-]+(?:IHC\s*)?([0-3])\+?\s*(?:-|to)\s*([0-3])\+", re.I),
        lambda m: " or ".join(
            f"HER2 IHC {n}{'+' if n else ''}" for n in range(int(m[1]), int(m[2]) + 1)
        ),
    ),
)
_HER2_NAME = r"(?:her-?2|erbb2)(?:/neu)?"
# Definitions that follow a written category ("HER2-negative (IHC 0 or 1+) ...", "defined as
# IHC 3+"): the category asks, the scores only say what it means.
_DEFINITION = re.compile(
    r"\([^()]*\)"
    r"|\b(?:is\s+|as\s+)?(?:defined|considered)\b[^.;]*"
    r"|\bwith\s+an?\s+(?:IHC|immunohisto\w*)\b[^.;]*"
    r"|(?<!\w)(?:i\.e\.|e\.g\.)[^.;]*",
    re.I,
)
_HER2_IN = re.compile(rf"\b{_HER2_NAME}", re.I)
_TNBC = re.compile(r"\btriple[\s-]*negative\b|\bTNBC\b", re.I)
# a negation just before a marker's status: "was never previously HER2-positive"
# ("non-metastatic HER2-positive" negates the spread, not the marker)
_NEGATED_BEFORE = re.compile(r"(?:\b(?:never|not|no)\s+(?:[\w-]+\s+){0,2}|\bnon[\s-]+)$", re.I)
# What trials join to a HER2 status as its alternatives: "HER2 positive or negative", "HER2
# LOW/ULTRA LOW"; each alternative word is read as "HER2 <word>" by the record finder.
_HER2_WORD = re.compile(r"(?:ultra[\s-]?low|low|zero|negative|positive)\b", re.I)
_HER2_OR = re.compile(
    r"\s*(?:/|\bor\b|\band/or\b)\s*(?:HER-?2)?[\s-]*(?=" + _HER2_WORD.pattern + ")", re.I
)
# the order requirements are written in: "negative" first, then the finer categories
_HER2_ORDER = ("negative", *HER2_STATUSES)


def _head(text: str) -> str:
    """``text`` with its definitions blanked (same length): a parenthesis that names HER2
    ("(HER2) negative", "(HER2-low)") is the wording itself and stays."""

    def blank(match: re.Match[str]) -> str:
        if match.group(0).startswith("(") and _HER2_IN.search(match.group(0)):
            return match.group(0)
        return " " * len(match.group(0))

    return _DEFINITION.sub(blank, text)


def _her2_category(value: dict[str, Any]) -> str | None:
    """The ASCO/CAP category of one HER2 reading, as the records' profile would hold it."""
    return her2_status(
        value.get("ihc"),
        value.get("ish"),
        word=value.get("word"),
        ultralow=bool(value.get("ultralow")),
    )


def _alternatives(head: str, start: int, end: int) -> list[str]:
    """ "HER2 <word>" for each status word joined by "or" or "/" to the HER2 result read from
    head[start:end]: after it ("HER2 positive or negative") or inside it ("LOW/ULTRA LOW")."""
    words = [
        w.group(0) for w in _HER2_WORD.finditer(head, start, end) if _HER2_OR.match(head, w.end())
    ]
    while joined := _HER2_OR.match(head, end):
        word = _HER2_WORD.match(head, joined.end())
        words.append(word.group(0))
        end = word.end()
    return [f"HER2 {word}" for word in words]


def her2_statuses_in(text: str) -> list[str]:
    """The HER2 statuses a criterion admits, read by the record HER2 finder and categorised by
    ``her2_status``: every HER2 result it writes is one it admits ("HER2-low or HER2 0"), a
    plain "HER2-negative" admits every HER2-negative status, and "never HER2-positive" asks for
    HER2-negative. Empty when the text asks for no HER2 status."""
    for pattern, spelling in _HER2_IDIOMS:
        text = pattern.sub(spelling, text)
    head = _head(text)
    wanted: list[str] = []
    for finding in read_phrase(head, [find_her2]):
        categories = [_her2_category(finding.value)]
        for word in _alternatives(head, finding.start, finding.end):
            categories += [_her2_category(f.value) for f in read_phrase(word, [find_her2])]
        if categories == ["positive"] and _NEGATED_BEFORE.search(head[: finding.start]):
            categories = ["negative"]  # "never HER2-positive": IHC 0, 1+ or 2+/ISH-
        for category in categories:
            admitted = HER2_NEGATIVE if category == "negative" else {category}
            wanted += [s for s in admitted if s and s not in wanted and s != "equivocal"]
    if "zero" in wanted and "low" in wanted and "ultralow" not in wanted:
        wanted.append("ultralow")  # IHC 0 and 1+ both admitted: the faint staining between too
    return sorted(wanted, key=_HER2_ORDER.index)


_POS = r"[\s-]*(?:\(\s*\w+\s*\)\s*)?(?:positive|\+|pos\b)"
_NEG = r"[\s-]*(?:\(\s*\w+\s*\)\s*)?(?:negative|neg\b|-(?=\s|$|[,;.)/]))"
_BOTH_BELOW_10 = re.compile(
    rf"(?<![\w-])ER\s*(?:/|and|,)\s*(?:PR|PgR)\s*(?:<|less\s+than)\s*{RECEPTOR_LOW_MAX}\s*%"
)


def _receptor_criteria(text: str) -> list[dict[str, Any]]:
    """ER, PR and HR (ER and/or PR) requirements; acronyms count only in capitals."""
    hr_pos = re.search(rf"hormone[\s-]*receptor{_POS}", text, re.I) or re.search(
        rf"(?<![\w-])(?:HR|ER\s*(?:/|and/or|or)\s*(?:PR|PgR)){_POS}", text
    )
    if hr_pos and re.search(rf"hormone[\s-]*receptor{_NEG}|(?<![\w-])HR{_NEG}", text, re.I):
        # "hormone receptor-negative or -positive": either is fine, once it is known
        return [{"name": "HR", "statuses": list(RECEPTOR_STATUSES)}]
    if hr_pos:
        return [{"name": "HR", "statuses": list(RECEPTOR_POSITIVE)}]
    out: list[dict[str, Any]] = []
    if _BOTH_BELOW_10.search(text):
        # "ER/PR <10%": negative or low for each, as the contract's 1-10 % "low" reads it
        return [{"name": name, "statuses": ["negative", "low"]} for name in RECEPTORS]
    both_neg = re.search(rf"(?<![\w-])ER\s*(?:/|and|,)\s*(?:PR|PgR){_NEG}", text)
    for name, long, acr in (
        ("ER", r"o?estrogen[\s-]*receptor", r"ER"),
        ("PR", r"progesterone[\s-]*receptor", r"(?:PR|PgR)"),
    ):
        if re.search(rf"{long}{_POS}", text, re.I) or re.search(rf"(?<![\w-]){acr}{_POS}", text):
            out.append({"name": name, "statuses": list(RECEPTOR_POSITIVE)})
        elif (
            both_neg
            or re.search(rf"{long}{_NEG}", text, re.I)
            or re.search(rf"(?<![\w-]){acr}{_NEG}", text)
        ):
            out.append({"name": name, "statuses": ["negative"]})
    if re.search(rf"hormone[\s-]*receptor{_NEG}", text, re.I) or re.search(
        rf"(?<![\w-])HR{_NEG}", text
    ):
        out = [{"name": name, "statuses": ["negative"]} for name in RECEPTORS]
    return out


# Trial shorthand for gene names, spelled as the gene lexicon has them: "gBRCAm" (a germline
# BRCA mutation), "sBRCA", "BRCA 1", "BRCA 1 or 2", "NTRK1/2/3".
_GENE_SHORTHAND = (
    (re.compile(r"\b[gst]?BRCA\s*1?\s*(?:/|or|and)\s*(?:BRCA\s*)?2\b", re.I), "BRCA1/2"),
    (re.compile(r"\b[gst]?BRCA(?:m|mut)?\b(?!\s*[12])", re.I), "BRCA"),
    (re.compile(r"\bBRCA\s*([12])\b", re.I), r"BRCA\1"),
    (
        re.compile(r"\b(NTRK|FGFR|IDH)([1-3])((?:\s*/\s*[1-3])+)\b"),
        lambda m: "/".join(m[1] + n for n in re.findall(r"[1-3]", m[2] + m[3])),
    ),
)
# "CDK4/6" names the targets of a drug class, not a gene's variant
_NOT_A_GENE = re.compile(r"\s*/\s*6")
# "TP53 mutation status", "BRCA testing": what is to be tested, not a result asked for
_TESTED_FOR = re.compile(
    r"[\s-]*(?:gene\s+)?(?:(?:mutation|mutational|alteration|variant)\s+)?(?:status|testing)\b",
    re.I,
)
_GENE_EVENT = re.compile(
    r"mutat|variant|alteration|pathogenic|deleterious|amplif|fusion|rearrang|carrier"
    r"|\bg?BRCAm(?:ut)?\b",  # "gBRCAm": a germline BRCA mutation
    re.I,
)
_UNCERTAIN = re.compile(r"\buncertain\s+significance\b|\bVUS\b", re.I)
# "Germline mutation carriers" with no gene named: any germline pathogenic variant will do
_GERMLINE_CARRIER = re.compile(
    r"^\W*(?:(?:known|documented|confirmed)\s+)?(?:"
    r"germline\s+(?:(?:pathogenic|deleterious)\s+)?(?:mutation|variant)\s+carriers?"
    r"|carriers?\s+of\s+(?:an?\s+)?(?:(?:known|pathogenic|deleterious)\s+)*germline\s+"
    r"(?:(?:pathogenic|deleterious)\s+)?(?:mutations?|variants?))\W*$",
    re.I,
)


@cache
def _negation_before() -> re.Pattern[str]:
    """The records' negation words (ConText's forward triggers), a few words before a name."""
    phrases = [
        phrase
        for trigger in rule_files.context()["triggers"]
        if trigger["category"] == "negated" and trigger["direction"] == "forward"
        for phrase in trigger["phrases"]
    ]
    words = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    # up to eight words of the same sentence between ("i.e." is a word, "mutations." an end)
    return re.compile(rf"\b(?:{words})\s+(?:(?:[^\s.;]|\.(?=\S))+\s+){{0,8}}$", re.I)


def _origin_in(text: str) -> str | None:
    """germline or somatic when the criterion says which kind of variant it asks for."""
    if re.search(r"\bgermline\b|\bgBRCA", text, re.I):
        return "germline"
    if re.search(r"\bsomatic\b|\btumou?r[\s-]+(?:only|tissue)\b", text, re.I):
        return "somatic"
    return None


def _gene_rows(text: str) -> tuple[list[dict[str, Any]], bool]:
    """Pathogenic-variant requirements for the genes of the extractor's lexicon named in
    ``text``, one row for an "or" list ("BRCA1, BRCA2 or PALB2 variant": one is enough); and
    whether a gene is named that the criterion wants absent or uncertain ("no KRAS mutation",
    "RAS wild-type", a variant of uncertain significance): that part stays unread."""
    spelled = text
    for pattern, spelling in _GENE_SHORTHAND:
        spelled = pattern.sub(spelling, spelled)
    mentions = [
        (start, end, genes)
        for start, end, genes in gene_names(spelled)
        if not (genes == ("CDK4",) and _NOT_A_GENE.match(spelled, end))
    ]
    if not mentions:
        return [], False
    # the record gene finder's own reading says which names are written as absent
    absent = {
        f.name for f in read_phrase(spelled, [find_genes]) if f.value["status"] != "pathogenic"
    }
    first = mentions[0][0]
    if (
        _UNCERTAIN.search(spelled)
        or _negation_before().search(spelled[:first])
        or any(set(genes) & absent for _, _, genes in mentions)
        or any(_TESTED_FOR.match(spelled, end) for _, end, _ in mentions)
    ):
        return [], True
    if not _GENE_EVENT.search(text):
        return [], False
    origin = _origin_in(text)
    found: list[dict[str, Any]] = []
    for start, end, genes in mentions:
        if any(genes == tuple(d.get("genes") or [d["name"]]) for d in found):
            continue
        # a name for several genes is written without the numbers that part them ("BRCA1/2")
        name = genes[0] if len(genes) == 1 else re.sub(r"[\d/\s]+$", "", spelled[start:end])
        detail: dict[str, Any] = {"name": name, "statuses": ["pathogenic"]}
        if len(genes) > 1:
            detail["genes"] = list(genes)
        if origin:
            detail["origin"] = origin
        found.append(detail)
    if len(found) > 1 and re.search(r"\bor\b|/", spelled[first : mentions[-1][1]], re.I):
        merged: dict[str, Any] = {
            "name": "/".join(d["name"] for d in found),
            "statuses": ["pathogenic"],
            "genes": list(dict.fromkeys(g for d in found for g in d.get("genes") or [d["name"]])),
        }
        if origin:
            merged["origin"] = origin
        return [merged], False
    return found, False


_REGARDLESS = re.compile(r"\b(?:regardless|irrespective)\s+of\b[^.;]*", re.I)


def _biomarkers(text: str) -> tuple[list[dict[str, Any]], bool]:
    """Biomarker requirements written in ``text``, and whether it names a marker it cannot turn
    into one (a gene wanted absent, MSI-high beside MSS)."""
    text = _REGARDLESS.sub(" ", text)  # "regardless of HER2 status" asks for nothing
    out: list[dict[str, Any]] = []
    if _TNBC.search(text):
        out.append({"name": "TNBC"})
    else:
        her2 = her2_statuses_in(text)
        out += [{"name": HER2, "statuses": her2}] if her2 else []
        out += _receptor_criteria(text)
    genes, unread = _gene_rows(text)
    if not genes and not unread and _GERMLINE_CARRIER.match(text):
        genes = [{"name": "germline", "statuses": ["pathogenic"], "origin": "germline"}]
    out += genes
    msi = list(dict.fromkeys(f.value["status"] for f in read_phrase(text, [find_msi])))
    if len(msi) == 1:
        out.append({"name": "MSI", "statuses": msi})
    return out, unread or len(msi) > 1


def biomarkers_in(text: str) -> list[dict[str, Any]]:
    """Biomarker requirements written in ``text`` as profile vocabulary details."""
    return _biomarkers(text)[0]


# --- stage -------------------------------------------------------------------------------------

_BRAIN = re.compile(
    r"\b(brain|cns|central nervous system|leptomeningeal|spinal cord)\b[^.;]{0,40}metasta"
    r"|metasta\w*\s+(?:to|in)\s+the\s+(?:brain|cns)",
    re.I,
)
_NON_METASTATIC = re.compile(
    r"\bnon[\s-]*metastatic\b"
    # "No clinical suspicion of metastasis", "without evidence of distant metastases"
    r"|\b(?:no|without|absence\s+of|free\s+of)\s+(?:\w+\s+){0,4}?(?:of\s+)?(?:distant\s+)?metasta"
    r"|\bearly[\s-]*(?:stage)?\s*breast\b|\bstages?\s+I{1,3}[ABC]?\s*(?:-|to|through)\s*III[ABC]?\b",
    re.I,
)
_METASTATIC = re.compile(r"\bmetasta(?:tic|sis|ses|sized)\b|\bstage\s+IV\b|\bM1\b|\bMBC\b", re.I)
_ADVANCED = re.compile(
    r"\b(?:locally[\s-]+advanced|advanced|unresectable|inoperable|recurrent)\b", re.I
)
_NUMERAL = rf"(?:{NUMERAL_PATTERN})[{GROUP_LETTERS}]?"
_STAGE_GROUPS = re.compile(
    rf"\b(?i:stages?)\s+({_NUMERAL}(?:\s*(?:-|to|through|,(?:\s*(?:or|and))?|or|and)\s*{_NUMERAL})*)\b"
    r"(?!\s*(?:-|to|through)\s*\d)"  # "stage 0-3" is written in other numerals
)
# advanced disease: the stage groups that are not operable without doubt (III may be, IV not)
_ADVANCED_NUMERALS = [n for n in ROMAN_NUMERALS if n not in OPERABLE_NUMERALS]
# "Disease that is not amenable to curative therapy": past the point of cure, whatever the stage
_INCURABLE = re.compile(
    r"\bnot\s+(?:\w+\s+)?amenable\s+to\s+(?:\w+\s+){0,2}?curative\b|\bincurable\b"
    r"|\bno\s+(?:\w+\s+)?curative\s+(?:\w+\s+)?options?\b",
    re.I,
)
# "Stage IV disease at presentation", "de novo metastatic": the stage when first diagnosed
_AT_DIAGNOSIS = re.compile(
    r"\bde[\s-]*novo\b|\bat\s+(?:the\s+time\s+of\s+)?(?:initial\s+|first\s+)?(?:presentation|diagnosis)\b"
    r"|\binitial(?:ly)?\s+(?:presentation|present\w*|diagnos\w*)\b",
    re.I,
)


def stage_in(text: str) -> dict[str, Any] | None:
    """The disease setting a criterion asks for, or None (brain-metastasis rules are not stage)."""
    if _BRAIN.search(text) and not re.search(r"\b(?:breast|solid)\b", text, re.I):
        return None
    if _NON_METASTATIC.search(text):
        groups = _groups(text)
        return {"metastatic": False, **({"groups": groups} if groups else {})}
    groups = _groups(text)
    metastatic = bool(_METASTATIC.search(text)) and not _BRAIN.search(text)
    advanced = bool(_ADVANCED.search(text))
    if metastatic and advanced:
        return {"groups": _in_order(set(groups) | set(_ADVANCED_NUMERALS))}
    if metastatic:
        if _AT_DIAGNOSIS.search(text) and not re.search(r"recurr|relaps", text, re.I):
            return {"metastatic": True, "at_diagnosis": True}
        return {"metastatic": True}
    if groups:
        return {"groups": groups}
    if (advanced and _DISEASE.search(text)) or re.search(
        r"\badvanced (?:or|and/or) metasta", text, re.I
    ):
        return {"groups": list(_ADVANCED_NUMERALS)}
    if _INCURABLE.search(text):
        return {"incurable": True}
    return None


def _in_order(numerals: set[str]) -> list[str]:
    return sorted(numerals, key=ROMAN_NUMERALS.index)


def _groups(text: str) -> list[str]:
    """The stage numerals a criterion names, a range ("stage I-III") spelled out."""
    found: list[str] = []
    for m in _STAGE_GROUPS.finditer(text):
        base = [numeral(part) for part in re.findall(NUMERAL_PATTERN, m.group(1))]
        if re.search(r"-|to|through", m.group(1)) and len(base) >= 2:
            low, high = ROMAN_NUMERALS.index(base[0]), ROMAN_NUMERALS.index(base[-1])
            base = list(ROMAN_NUMERALS[low : high + 1])
        found += [g for g in base if g and g not in found]
    return _in_order(set(found))


# --- prior therapy -----------------------------------------------------------------------------

_PRIOR = re.compile(
    r"\b(prior|previous(?:ly)?|received|receipt|progress\w*\s+(?:on|after|following|during)|refractory|"
    r"pre-?treated|treated with|lines?\s+of|failed|failure|exposure|exposed|naive|naïve|"
    r"resistan\w*|relapsed)\b",
    re.I,
)
_ALLOWED = re.compile(
    r"\b(allowed|permitted|eligible|acceptable|may have|is not required|are not required)\b", re.I
)
_WASHOUT = re.compile(
    r"\bwithin\s+(?:the\s+)?(?:last\s+|past\s+)?\d+\s*(?:hours?|days?|weeks?|months?|half[\s-]*lives)|\b\d+\s*(?:days?|weeks?)\s+(?:prior|before)\b",
    re.I,
)
_CATEGORY_WORDS = (
    (
        r"endocrine|hormon(?:e|al)[\s-]+therap|anti-?estrogen|aromatase inhibitor",
        "endocrine therapy",
    ),
    (r"chemotherap|cytotoxic", "chemotherapy"),
    (r"immunotherap|checkpoint inhibitor|anti-?PD-?L?1|anti-?CTLA", "immunotherapy"),
    (
        r"\bCAR[\s-]?T\b|\bCAR[\s-]?NK\b|chimeric antigen|adoptive cell|cell(?:ular)? therap"
        r"|\bTCR-?T\b|\bTIL\b",
        "cell therapy",
    ),
    (r"\bCDK\s*4\s*/\s*6", "CDK4/6 inhibitor"),
    (r"\bPARP\b", "PARP inhibitor"),
    (r"\bADC\b|antibody[\s-]+drug conjugate", "antibody-drug conjugate"),
)
_HER2_DIRECTED = re.compile(
    rf"\b(?:anti-?{_HER2_NAME}|{_HER2_NAME}[\s-]*(?:directed|targeted|targeting|based))", re.I
)
_LINES = re.compile(
    r"(?:at least|≥|>=|minimum of|min\.?)\s*(\d+|one|two|three|four)\s+(?:or more\s+)?"
    r"(?:prior\s+|previous\s+)?"
    r"(?:[\w-]+\s+){0,8}?(?:lines?|regimens?)"
    r"|\b(\d+|one|two|three|four)\s+or\s+more\s+(?:prior\s+|previous\s+)?(?:\w+\s+){0,3}?(?:lines?|regimens?)"
    r"|\bafter\s+(?:\w+\s+){0,3}?(first|second|third)[\s-]+line",
    re.I,
)
_LINE_WORDS = r"(?:prior\s+|previous\s+)?(?:[\w-]+\s+){0,4}?(?:lines?|regimens?)"
_MORE_THAN = re.compile(rf"\bmore than\s+(\d+|one|two|three|four)\s+{_LINE_WORDS}", re.I)
_MAX_LINES = re.compile(
    r"(?:no more than|not more than|up to|at most|≤|<=|maximum of)\s*(\d+|one|two|three|four)\s+"
    + _LINE_WORDS,
    re.I,
)
# "0-3 prior lines of chemotherapy": a floor (none when 0) and a ceiling
_LINE_RANGE = re.compile(
    rf"\b(\d|zero|one|two|three)\s*(?:-|\u2013|to)\s*(\d|one|two|three|four)\s+{_LINE_WORDS}", re.I
)
_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "first": 1,
    "second": 2,
    "third": 3,
}
_HER2_DRUGS = DRUG_CLASSES["her2-directed therapy"]


@cache
def _drug_patterns() -> tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...]:
    out = []
    for drug in load_drugs():
        terms = sorted((t for t in drug.terms if len(t) >= 4), key=len, reverse=True)
        if not terms:
            continue
        alt = "|".join(re.escape(t) for t in terms)
        out.append((re.compile(rf"(?<![\w-])(?:{alt})(?!\w)", re.I), drug.reported, drug.category))
    return tuple(out)


def drugs_in(text: str) -> list[str]:
    """Drug names (profile vocabulary) in ``text``; the longest spelling wins, so "trastuzumab
    deruxtecan" is not also "trastuzumab"."""
    hits: list[tuple[int, int, tuple[str, ...]]] = []
    for pattern, reported, _category in _drug_patterns():
        hits += [(m.start(), m.end(), reported) for m in pattern.finditer(text)]
    names: list[str] = []
    taken: list[tuple[int, int]] = []
    for start, end, reported in sorted(hits, key=lambda h: h[0] - h[1]):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        names += [n for n in reported if n not in names]
    return names


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


# an organ's failure is a condition, not a treatment that failed
_ORGAN_FAILURE = re.compile(
    r"\b(?:organ|heart|cardiac|renal|kidney|liver|hepatic|respiratory|bone marrow|ovarian)"
    r"\s+failure\b",
    re.I,
)
_PRIOR_TO = re.compile(r"\bprior\s+to\b", re.I)
# a treatment given for advanced or metastatic disease only ("in the metastatic setting")
_ADVANCED_SETTING = re.compile(
    r"\b(?:in|for) the (?:[\w-]+[\s/]+){0,3}?(?:advanced|metastatic)"
    r"(?:[\s/]+[\w-]+){0,3}? setting\b"
    r"|\bfor (?:(?:locally )?advanced (?:or|and/or) )?(?:metastatic|advanced) (?:disease|cancer)\b",
    re.I,
)


def _advanced_setting(text: str) -> str | None:
    """The setting ("metastatic" or "advanced") a therapy asked about is limited to, if any."""
    m = _ADVANCED_SETTING.search(text)
    if not m or re.search(r"adjuvant|early|curative|any setting", m.group(0), re.I):
        return None
    return "advanced" if re.search(r"advanced", m.group(0), re.I) else "metastatic"


def prior_therapy_in(text: str) -> tuple[dict[str, Any], bool] | None:
    """(detail, negated) for a prior-therapy requirement, or None when the text sets none."""
    if (
        # "prior to lymphodepletion" is a time, "organ failure" a condition: neither a history
        not _PRIOR.search(_PRIOR_TO.sub(" ", _ORGAN_FAILURE.sub(" ", text)))
        or _ALLOWED.search(text)
        or _WASHOUT.search(text)
    ):
        return None
    names = drugs_in(text)
    categories = [cat for words, cat in _CATEGORY_WORDS if re.search(words, text, re.I)]
    detail: dict[str, Any] = {}
    if _HER2_DIRECTED.search(text):
        detail["target"] = "HER2"
        if "cell therapy" not in categories and not names:
            names = sorted(_HER2_DRUGS)
    m = _LINES.search(text)
    if r := _LINE_RANGE.search(text):
        low, high = _number(r.group(1)), _number(r.group(2))
        detail.update({"min_lines": low} if low else {})
        detail["max_lines"] = high
    elif m:
        detail["min_lines"] = _number(next(g for g in m.groups() if g))
    elif (m := _MORE_THAN.search(text)) and not re.search(r"\bno\s+more than", text, re.I):
        detail["min_lines"] = _number(m.group(1)) + 1  # "more than one line" = at least two
    m = _MAX_LINES.search(text)
    if m and "max_lines" not in detail:
        detail["max_lines"] = _number(m.group(1))
    if names:
        detail["names"] = names
    if categories:
        detail["categories"] = categories
    if not names and not categories and "min_lines" not in detail and "max_lines" not in detail:
        return None
    setting = _advanced_setting(text)
    if setting:
        detail["setting"] = setting
    negated = bool(
        re.search(
            r"\b(?:no|not|never|without)\b(?!\s+more\b)[^.;]{0,30}\b(?:prior|previous|received|treated|had)\b"
            r"|\bnaive\b|\bnaïve\b",
            text,
            re.I,
        )
    )
    return detail, negated


# --- age and sex -------------------------------------------------------------------------------

_AGE_MIN = re.compile(
    r"(?:age[ds]?\s*(?:of\s*)?(?:≥|>=|>|at least|above|over)\s*(\d{1,2}))"
    r"|(?:(?:≥|>=|at least)\s*(\d{1,2})\s*(?:years?|yrs?))"
    r"|(?:(\d{1,2})\s*(?:years?|yrs?)(?:\s*(?:of age|old))?\s*(?:or|and)\s*(?:older|above|over))",
    re.I,
)
_AGE_RANGE = re.compile(
    r"(?:age[ds]?|between)\s*(?:of\s*)?(\d{1,2})\s*(?:-|\u2013|to|and)\s*(\d{2,3})\s*(?:years?|yrs?)",
    re.I,
)
_AGE_MAX = re.compile(r"(?:≤|<=|<|under|younger than|up to)\s*(\d{2,3})\s*(?:years?|yrs?)", re.I)
_AGE_WORD = re.compile(r"\bage\b|\baged\b|years? (?:of age|old)|\byears?\b", re.I)
_FEMALE = re.compile(r"\b(female|women|woman)\b", re.I)
_MALE = re.compile(r"\b(male|men|man)\b", re.I)
_NOT_SEX = re.compile(
    r"childbearing|pregnan|contracept|breast[\s-]*feed|lactat|nursing|partner|post-?menopaus|pre-?menopaus|sterile|fertile",
    re.I,
)


def age_in(text: str) -> dict[str, int] | None:
    """Age limits, only when the text is about the participant's age (not durations)."""
    if not _AGE_WORD.search(text) or re.search(
        r"life expectancy|since|ago|within|survival|follow", text, re.I
    ):
        return None
    m = _AGE_RANGE.search(text)
    if m:
        return {"min": int(m.group(1)), "max": int(m.group(2))}
    out: dict[str, int] = {}
    m = _AGE_MIN.search(text)
    if m:
        out["min"] = int(next(g for g in m.groups() if g))
    m = _AGE_MAX.search(text)
    if m and re.search(r"\bage", text, re.I):
        out["max"] = int(m.group(1))
    return out or None


_SEX_ITEM = re.compile(
    r"^\W*(?:(?:patients?|participants?|subjects?)\s+must\s+be\s+)?(?:adult\s+)?(female|male|women|men|woman|man)"
    r"(?:\s+(?:patients?|participants?|subjects?|only))?\b",
    re.I,
)


def sex_in(text: str) -> dict[str, list[str]] | None:
    """Sexes an item restricts to, only when the item starts by naming them ("Female patients
    aged 18 or older"); women's pregnancy or consent rules are not sex limits."""
    m = _SEX_ITEM.match(text)
    if not m or _NOT_SEX.search(text) or re.search(r"\b(agree|with|who|must not)\b", text, re.I):
        return None
    if _FEMALE.search(text) and _MALE.search(text):
        return None
    return {"sexes": ["female" if m.group(1).lower() in {"female", "women", "woman"} else "male"]}


# --- the parser --------------------------------------------------------------------------------


def unescape(text: str) -> str:
    """Undo ClinicalTrials.gov Markdown escapes (``\\>``, ``\\<``, ``\\*``, ``\\_``)."""
    return _ESCAPE.sub(r"\1", text)


def split_items(text: str) -> list[tuple[bool, str, bool]]:
    """(inclusion, item, nested) for every bullet or paragraph, following the Inclusion and
    Exclusion headings; ``nested`` marks an indented sub-bullet."""
    inclusion = True
    items: list[tuple[bool, str, bool]] = []
    for raw in unescape(text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading and len(line) < 80:
            inclusion = heading.group(1).lower() == "inclusion"
            rest = line[heading.end() :].lstrip(" :*")
            if not rest or (
                # "Exclusion criteria for the second screening": says when, asks nothing
                not line[heading.end() :].lstrip(" *").startswith(":")
                and re.match(r"[(]|(?:for|of|in|at|during|prior|before|after)\b", rest, re.I)
                and _QUALIFIER.match(rest)
            ):
                continue
            line = rest
        elif heading and _QUALIFIER.match(line[heading.end() :]):
            # a long qualified heading switches the list too; its qualifier ("1st Screening prior
            # to Tumor Resection - See below ...") is kept as the text of a lead-in
            inclusion = heading.group(1).lower() == "inclusion"
        item = _BULLET.sub("", line).strip()
        if item:
            nested = len(raw) - len(raw.lstrip()) >= 2 and bool(_BULLET.match(raw))
            items.append((inclusion, item, nested))
    return items


# conditional, optional or cohort-specific wording: not a rule for every participant
_CONDITIONAL = re.compile(
    r"^\W*(?:if|for|cohorts?|arms?|parts?|modules?|group|in)\b|\bnote\b"
    r"|\b(?:if|unless|except|exception|other than|may|should|allowed|permitted|acceptable|"
    r"eligible|optional|preferably|recommended|shouldn't)\b"
    r"|\bfor (?:patients|participants|subjects) (?:who|with)\b",
    re.I,
)
# organ metastases and labs are not the disease stage
_ORGAN_METS = re.compile(
    r"\b(?:brain|cns|central nervous system|leptomeningeal|spinal|liver|hepatic|bone|lung|"
    r"visceral)\b[^.;]{0,40}metasta|metasta\w*\s+(?:to|in)\s+(?:the\s+)?(?:brain|cns|liver|bone)",
    re.I,
)
# the setting of a past treatment ("anti-HER2 therapy in the metastatic setting") is not a stage
_SETTING = re.compile(
    r"\b(?:in|for) the (?:\w+[\s/-]+){0,4}setting\b|\bfor (?:metastatic|advanced) disease\b", re.I
)
_NO_STAGE = re.compile(
    _ORGAN_METS.pattern
    + r"|\b(?:must not|not be|enrolled|participate|plan to|proof|site|lesions?)\b"
    + r"|\bbiops(?!y[\s-]+(?:proven|confirmed))\w*",  # "biopsy-proven stage I-III" is a stage
    re.I,
)
# an exclusion sets a stage only when it names the stage itself ("Stage IV disease")
_EXCLUDED_STAGE = re.compile(
    r"^\W*(?:(?:evidence|presence|diagnosis) of\s+|known\s+|de novo\s+|distant\s+"
    r"|(?:inoperable|unresectable)\s+(?:locally\s+advanced\s+)?(?:or|and/or)\s+)*"
    r"(?:stage\s+I|metasta)",
    re.I,
)
_EXAMPLES = re.compile(r"\be\.g\.|\bsuch as\b|\bincluding but not limited\b|\bfor example\b", re.I)
_NOT_PRIOR = re.compile(r"\bconcurrent|\bconcomitant|pregnan|contracept|\bhours?\b", re.I)


# An exclusion excludes a marker only when it says the patient has it ("Known HER2-positive
# breast cancer"); one about a treatment for it, a test or a cohort says something else
# ("Any prior therapy for HER2-positive disease", "Inability to confirm biomarker eligibility").
_NOT_A_MARKER_EXCLUSION = re.compile(
    r"\b(?:treat\w*|therap\w*|use\s+of|prior|previous\w*|inability|unable|test\w*|did\s+not|"
    r"without|primed|follow-up|demonstrat\w*|median|families|family|confirm\w*|"
    r"within|years?\s+of\s+diagnosis)\b"
    # "For affected BRCA1 and BRCA2 mutation carriers, ...": a cohort, not an exclusion
    r"|\bfor\b[^.;]*\bcarriers?\b",
    re.IGNORECASE,
)


# a marker's expression level the profile vocabulary has no name for ("AR expression of >= 10%")
_EXPRESSION_LEVEL = re.compile(
    r"([\w-]+)\s+(?:expression|staining|positivity)\s*(?:level\s*)?(?:of\s*)?"
    r"(?:≥|>=|>|at least)\s*\d",
    re.I,
)
_READ_MARKERS = re.compile(r"(?:ER|PR|PgR|HR|HER-?2|ERBB2)$", re.I)
_SENTENCES = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


def parse_item(text: str, inclusion: bool = True) -> list[Criterion]:
    """Criteria for one bullet: every checkable kind it names, else one ``other``.

    A bullet whose first sentence states a treatment history and whose later sentences add an
    allowance or a note ("... in the advanced setting. One additional line of ET is allowed.")
    has that history read from its first sentence alone, plus one ``other`` for the rest: it can
    then be not met, or unknown, never met on half of its words."""
    if _CONDITIONAL.search(text):
        first, *later = _SENTENCES.split(text)
        if later and not _CONDITIONAL.search(first) and ":" not in first:
            rows = [
                Criterion(text, c.inclusion, c.kind, c.detail)
                for c in _parse(first, inclusion)
                if c.kind == "prior_therapy"
            ]
            if rows:
                return rows + _unread(text, rows)
        return [Criterion(text, inclusion, "other", {})]
    out = _parse(text, inclusion)
    if any(c.kind != "other" for c in out) and any(
        not _READ_MARKERS.match(m.group(1)) for m in _EXPRESSION_LEVEL.finditer(text)
    ):
        out += _unread(text, out)  # a marker level it cannot check
    return out


def _unread(text: str, rows: list[Criterion]) -> list[Criterion]:
    """One ``other`` beside the rows read from ``text``, in each of their groups (a negated
    prior therapy is read under the other heading), so no group is met on half its words."""
    flags = dict.fromkeys(c.inclusion for c in rows if c.kind != "other")
    return [Criterion(text, flag, "other", {}) for flag in flags]


def _parse(text: str, inclusion: bool) -> list[Criterion]:
    out: list[Criterion] = []
    if (
        inclusion
        and _DISEASE.search(text)
        and not _OTHER_CANCER.search(text)
        and not _EXAMPLES.search(text)
    ):
        sites = sites_in(text)
        if sites:
            out.append(Criterion(text, inclusion, "site", {"sites": sites}))
    unread = False
    if inclusion or not _NOT_A_MARKER_EXCLUSION.search(text):
        markers, unread = _biomarkers(text)
        out += [
            Criterion(text, inclusion, "biomarker", d)
            for d in markers
            if not (_EXAMPLES.search(text) and d.get("statuses") == ["pathogenic"])
        ]
    stage = (
        None
        if _NO_STAGE.search(text) or _OTHER_CANCER.search(text)
        else stage_in(_SETTING.sub("", text))
    )
    if stage and (inclusion or _EXCLUDED_STAGE.match(text)):
        out.append(Criterion(text, inclusion, "stage", stage))
    prior = None if _NOT_PRIOR.search(text) else prior_therapy_in(text)
    if prior:
        detail, negated = prior
        out.append(Criterion(text, inclusion != negated, "prior_therapy", detail))
    age = age_in(text)
    if age:
        out.append(Criterion(text, inclusion, "age", age))
    sex = sex_in(text)
    if sex and inclusion:
        out.append(Criterion(text, inclusion, "sex", sex))
    if unread and any(c.kind != "other" for c in out):
        out += _unread(text, out)  # a marker it reads but cannot check: never met on half
    return out or [Criterion(text, inclusion, "other", {})]


# a lead-in whose bullets are alternatives ("any of the following:") or exceptions to a rule
# ("no other prior malignancy is allowed with the following exceptions:")
_ALTERNATIVES = re.compile(
    r"\b(?:one|any|either)\b(?:\s+or\s+more)?(?:\s+of)?\b|\bexceptions?\b", re.I
)


def parse_eligibility(text: str) -> list[Criterion]:
    """All criteria of a ClinicalTrials.gov eligibility text, in the trial's own order.

    Sub-bullets under "any of the following:" are alternatives, and those under "the following
    exceptions:" are exceptions, so none of them is required on its own: they become ``other``."""
    out: list[Criterion] = []
    alternatives = False
    for inclusion, item, nested in split_items(text):
        if not nested:
            alternatives = item.endswith(":") and bool(_ALTERNATIVES.search(item))
        if item.endswith(
            ":"
        ):  # a lead-in ("Patients must meet the following:"), its bullets follow
            if len(item) >= 60:
                out.append(Criterion(item, inclusion, "other", {}))
            continue
        if nested and alternatives:
            out.append(Criterion(item, inclusion, "other", {}))
        else:
            out += parse_item(item, inclusion)
    return out
