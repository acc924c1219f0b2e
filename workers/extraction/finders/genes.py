"""Gene results (pathogenic / VUS / negative, variant, germline or somatic), PD-L1, MSI, TMB."""

from __future__ import annotations

import re
from functools import cache

from workers.extraction import rules
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, compile_words, number, trim
from workers.extraction.finders.her2 import ERBB2_AS_HER2

_NEGATIVE = re.compile(
    r"\b(?:no\s+(?:pathogenic|deleterious|reportable|clinically\s+significant|known|actionable|detectable)?\s*(?:or\s+likely\s+pathogenic\s+)?(?:mutations?|variants?|alterations?|amplification|fusions?|rearrangements?)"
    r"|negative(?!\s+for\s+(?:carcinoma|malignancy|metasta))|wild[\s-]?type|\bWT\b|not\s+detected|none\s+detected|not\s+identified|no\s+\w+\s+detected|not\s+amplified"
    r"|rearrangement\s+not\s+(?:detected|identified)|no\s+fusion|no\s+rearrangement|unmutated|non-?mutated)",
    re.IGNORECASE,
)
_NEG_BEFORE = re.compile(
    r"(?:negative\s+for|no\s+(?:[\w-]+\s+){0,4}?(?:in|of|for)|without\s+(?:[\w-]+\s+){0,4}?in|not\s+detected\s+in|none\s+detected\s+in|wild[\s-]?type\s+(?:for\s+)?)\s*(?:the\s+)?(?:genes?\s+)?$",
    re.IGNORECASE,
)
_VUS = re.compile(
    r"\b(?:variants?\s+of\s+(?:uncertain|unknown|undetermined)\s+(?:clinical\s+)?significance|VUS|uncertain\s+significance)\b",
    re.IGNORECASE,
)
_PATHOGENIC = re.compile(
    r"\b(?:likely\s+pathogenic|pathogenic|deleterious|mutation\s+(?:was\s+|is\s+)?(?:detected|identified|present|positive)|mutated|mutations?|mutant|positive|carrier|amplification|amplified|fusion|rearrangement|rearranged|alteration|variant|detected)\b",
    re.IGNORECASE,
)
_VARIANT = re.compile(
    r"(?P<c>c\.\s?[0-9*+_-]+(?:[ACGT]>[ACGT]|del[ACGT]*(?:ins[ACGT]+)?|dup[ACGT]*|ins[ACGT]+)?)"
    r"|(?P<p>p\.\(?(?:[A-Z][a-z]{2}|[A-Z])\d+(?:[A-Z][a-z]{2}|[A-Z*]|fs\*?\d*|del|dup|ins[A-Za-z]*|_\w+)*\)?)"
    r"|(?P<short>(?<![\w.])[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY*]|fs\*?\d*|del)(?![\w]))"
    r"|(?P<exon>exon\s*\d+\s*(?:deletion|insertion|del|ins|skipping|mutation|duplication))"
    r"|(?P<fusion>(?<![\w-])[A-Z][A-Z0-9]{1,7}[-:](?:ALK|ROS1|RET|NTRK[1-3]|FGFR[1-3])(?![\w])(?:\s+fusion)?)",
)


@cache
def _gene_words() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    data = rules.table("genes.json")
    names: dict[str, list[str]] = {gene: [gene] for gene in data["genes"]}
    for alias, gene in data["aliases"].items():
        names[alias] = [gene]
    for phrase in data["both_brca"]:
        names[phrase] = ["BRCA1", "BRCA2"]
    alternatives = "|".join(re.escape(word) for word in sorted(names, key=len, reverse=True))
    # a fusion partner's hyphen may precede the gene: "EML4-ALK"
    return re.compile(rf"(?<![\w])(?:(?<=[A-Z0-9]-)|(?<![-]))(?:{alternatives})(?![\w])"), names


@cache
def _origin_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = rules.table("genes.json")
    return (
        compile_words(data["germline_words"]),
        compile_words(data["somatic_words"]),
    )


def document_origin(text: str) -> str | None:
    """germline or somatic when the document as a whole says which kind of test it is."""
    germline, somatic = _origin_words()
    germ, soma = len(germline.findall(text)), len(somatic.findall(text))
    if germ > soma:
        return "germline"
    if soma > germ:
        return "somatic"
    return None


def find_genes(page: PageView, default_origin: str | None = None) -> list[Finding]:
    pattern, names = _gene_words()
    germline, somatic = _origin_words()
    text = page.text
    matches = list(pattern.finditer(text))
    findings = []
    for index, match in enumerate(matches):
        if page.section(match.start()) == "methods":
            continue  # "genes analyzed: BRCA1, BRCA2, ..." is a list, not a result
        if _is_her2_name(text, match):
            continue
        sentence_start, sentence_end = page.sentence_bounds(match.start())
        after_limit = sentence_end
        if index + 1 < len(matches) and matches[index + 1].start() < after_limit:
            after_limit = matches[index + 1].start()
            between = text[match.end() : after_limit]
            if re.fullmatch(r"\s*(?:,|/|and|or|&)\s*", between):
                after_limit = _group_end(text, matches, index, sentence_end)
        after = text[match.end() : min(after_limit, match.end() + 120)]
        before_start = max(
            sentence_start,
            matches[index - 1].end()
            if index and matches[index - 1].end() <= match.start()
            else sentence_start,
        )
        before = text[max(before_start, match.start() - 80) : match.start()]
        first = index
        while first > 0 and re.fullmatch(
            r"\s*(?:,|/|and|or|&)\s*", text[matches[first - 1].end() : matches[first].start()]
        ):
            first -= 1
        lead = text[max(sentence_start, matches[first].start() - 80) : matches[first].start()]
        negated = _NEG_BEFORE.search(lead)
        if negated:
            value, reach_after, reach_before = (
                {"status": "negative", "variant": None},
                0,
                match.start() - (matches[first].start() - len(lead) + negated.start()),
            )
        else:
            value, reach_after, reach_before = _read_result(after, before)
        if value is None:
            continue
        sentence = text[sentence_start:sentence_end]
        if (
            re.search(
                r"\b(?:panel|genes?\s+(?:tested|analyzed|included|evaluated))\b", sentence, re.I
            )
            and value["status"] != "negative"
            and not value.get("variant")
        ):
            continue
        origin = None
        if germline.search(sentence):
            origin = "germline"
        elif somatic.search(sentence):
            origin = "somatic"
        value["origin"] = origin or default_origin
        start, end = trim(text, match.start() - reach_before, match.end() + reach_after)
        for gene in names[match.group(0)]:
            if len(names[match.group(0)]) > 1 and value["status"] != "negative":
                continue  # "BRCA mutation": which gene is not said
            findings.append(
                Finding(
                    "biomarker",
                    Field.BIOMARKER,
                    gene,
                    dict(value),
                    start,
                    end,
                    anchor=match.start(),
                )
            )
    return findings


def _is_her2_name(text: str, match: re.Match[str]) -> bool:
    return match.group(0) == "ERBB2" and bool(re.match(ERBB2_AS_HER2, text[match.end() :]))


def _group_end(text: str, matches: list[re.Match[str]], index: int, sentence_end: int) -> int:
    """'BRCA1 and BRCA2 negative': the words after the last gene of a list belong to all."""
    position = index
    while position + 1 < len(matches) and re.fullmatch(
        r"\s*(?:,|/|and|or|&)\s*", text[matches[position].end() : matches[position + 1].start()]
    ):
        position += 1
    following = matches[position + 1].start() if position + 1 < len(matches) else sentence_end
    return min(sentence_end, following)


def _read_result(after: str, before: str) -> tuple[dict | None, int, int]:
    """Status and variant from the words after (or, failing that, before) a gene name."""
    for words, reach_before in ((after, 0), (before, len(before))):
        if not words.strip():
            continue
        status, end = _status(words)
        variant = _VARIANT.search(after)
        if status is None and variant is None:
            continue
        if status is None:
            status = "pathogenic"
        ends = [end if reach_before == 0 else 0]
        result = {"status": status, "variant": None}
        if variant and status != "negative":
            result["variant"] = variant.group(0).strip()
            ends.append(variant.end())
        return result, max(ends), reach_before - _first_word(before) if reach_before else 0
    return None, 0, 0


def _first_word(before: str) -> int:
    """Where the result words before a gene name begin (so the evidence starts there)."""
    found = [
        m.start()
        for m in (_NEGATIVE.search(before), _VUS.search(before), _PATHOGENIC.search(before))
        if m
    ]
    return min(found) if found else len(before)


def _status(words: str) -> tuple[str | None, int]:
    for pattern, status in ((_NEGATIVE, "negative"), (_VUS, "vus"), (_PATHOGENIC, "pathogenic")):
        match = pattern.search(words)
        if match:
            return status, match.end()
    return None, 0


_PDL1 = re.compile(
    r"PD-?L1(?:\s*\((?:22C3|SP142|SP263|28-8|73-10)\))?(?:\s+(?:IHC|expression|status))?",
    re.IGNORECASE,
)
_PDL1_VALUE = re.compile(
    r"(?P<unit1>CPS|combined\s+positive\s+score|TPS|tumou?r\s+proportion\s+score|TC|IC|immune\s+cell(?:\s+score)?)\s*(?:score\s*)?(?:of|:|=|is|was)?\s*(?P<cmp1>[<>]=?\s*)?(?P<v1>\d{1,3}(?:\.\d+)?)\s*%?"
    r"|(?P<cmp2>[<>]=?\s*)?(?P<v2>\d{1,3}(?:\.\d+)?)\s*(?P<pct>%)?\s*\(?(?P<unit2>CPS|TPS|tumou?r\s+proportion\s+score|combined\s+positive\s+score)?",
    re.IGNORECASE,
)
_PDL1_WORD = re.compile(
    r"\b(?P<w>positive|negative|high|low|not\s+expressed|no\s+expression|expressed)\b",
    re.IGNORECASE,
)
_UNITS = {
    "cps": "CPS",
    "combined positive score": "CPS",
    "tps": "TPS",
    "tumor proportion score": "TPS",
    "tumour proportion score": "TPS",
    "tc": "TPS",
    "ic": "IC",
    "immune cell": "IC",
    "immune cell score": "IC",
}


def find_pdl1(page: PageView) -> list[Finding]:
    findings = []
    for match in _PDL1.finditer(page.text):
        _, sentence_end = page.sentence_bounds(match.start())
        window = page.text[match.end() : min(sentence_end, match.end() + 90)]
        if re.match(r"\s*(?:inhibitor|therapy|blockade|antibod)", window, re.I):
            continue
        value: dict = {"status": None, "value": None, "unit": None}
        ends = [0]
        found = _PDL1_VALUE.search(window)
        if found and (found.group("v1") or found.group("unit2") or found.group("pct")):
            raw_unit = (found.group("unit1") or found.group("unit2") or "").lower()
            raw_unit = re.sub(r"\s+", " ", raw_unit)
            below = (found.group("cmp1") or found.group("cmp2") or "").startswith("<")
            value["value"] = None if below else number(found.group("v1") or found.group("v2"))
            value["unit"] = _UNITS.get(raw_unit, "%" if found.group("pct") else None)
            ends.append(found.end())
        word = _PDL1_WORD.search(window)
        if word:
            raw = word.group("w").lower()
            value["status"] = {"high": "positive", "expressed": "positive", "low": "positive"}.get(
                raw, "negative" if raw.startswith(("not", "no ")) else raw
            )
            if raw == "low":
                value["status"] = None
            ends.append(word.end())
        if value["value"] is None and value["status"] is None:
            continue
        start, end = trim(page.text, match.start(), match.end() + max(ends))
        findings.append(Finding("biomarker", Field.BIOMARKER, "PD-L1", value, start, end))
    return findings


_MSI = re.compile(
    r"(?P<high>\bMSI[\s-]?(?:H|high)\b|microsatellite\s+instability[\s-]+high|high\s+(?:level\s+)?microsatellite\s+instability|\bdMMR\b|mismatch\s+repair[\s-]+deficien\w*|deficient\s+mismatch\s+repair|MMR[\s-]+deficien\w*)"
    r"|(?P<stable>\bMSS\b|microsatellite[\s-]+stable|\bMSI[\s-]?stable\b|\bpMMR\b|mismatch\s+repair[\s-]+proficient|proficient\s+mismatch\s+repair|MMR[\s-]+(?:proficient|intact))"
    r"|(?P<low>\bMSI[\s-]?L(?:ow)?\b)",
    re.IGNORECASE,
)


def find_msi(page: PageView) -> list[Finding]:
    """MSI-high / stable; mismatch-repair deficiency counts as MSI-high (how reports use it)."""
    findings = []
    for match in _MSI.finditer(page.text):
        status = match.lastgroup
        findings.append(
            Finding(
                "biomarker", Field.BIOMARKER, "MSI", {"status": status}, match.start(), match.end()
            )
        )
    return findings


_TMB = re.compile(
    r"(?:TMB|tumou?r\s+mutation(?:al)?\s+burden)(?:\s*\(TMB\))?\s*(?:[:=-]|is|of|was)?\s*(?:(?P<word>high|low|intermediate)\s*)?(?:\(?\s*(?P<value>\d{1,3}(?:\.\d+)?)\s*(?P<unit>mut(?:ation)?s?\s*/\s*Mb|mutations\s+per\s+megabase|muts/Mb)\)?)?(?:\s*[,;(]?\s*(?P<word2>high|low|intermediate))?",
    re.IGNORECASE,
)


def find_tmb(page: PageView) -> list[Finding]:
    findings = []
    for match in _TMB.finditer(page.text):
        word = (match.group("word") or match.group("word2") or "").lower()
        if not match.group("value") and not word:
            continue
        value = {
            "status": {"high": "high", "low": "low"}.get(word),
            "value": number(match.group("value")) if match.group("value") else None,
            "unit": "mut/Mb" if match.group("value") else None,
        }
        start, end = trim(page.text, match.start(), match.end())
        findings.append(Finding("biomarker", Field.BIOMARKER, "TMB", value, start, end))
    return findings
