"""Stage: TNM categories with their prefixes, the AJCC stage group, distant metastases."""

from __future__ import annotations

import re
from functools import cache

from vocabulary.staging import NUMERAL_PATTERN, stage_group
from workers.extraction import rule_files
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, trim

_PRE = r"(?:yp|yc|rp|p|c|r|a)"
# A space may part the axis letter from its digit after a prefix ("pT 1c N 0", typed forms;
# not "pT is", which reads as words), OCR's letter O stands for zero only when glued to the N
# ("pNO", "pT2NO"), and its l or I for one only after a prefix ("pTlc", "cMla").
_T = rf"(?P<tpre>{_PRE})?T(?:(?<=[a-z]T)\s(?=[0-4xX]))?(?P<t>is|[0-4]|[xX]|(?<=[a-z]T)[lI])(?P<tsub>mi|[a-d])?(?:\s?\((?:m|mult|\d+|is|DCIS|LCIS|Paget)\)|m(?![a-z]))?"
_N = rf"(?P<npre>{_PRE})?N(?:\s(?=[0-3xX]))?(?P<n>[0-3O]|[xX]|(?<=[a-z]N)[lI])(?P<nsub>mi|[a-c])?(?P<nmod>\s?\((?:i\+|i-|mol\+|mol-|sn|f|\d+\s*/\s*\d+)\))?"
_M = rf"(?P<mpre>{_PRE})?M(?P<m>[01]|[xX]|(?<=[a-z]M)[lI])(?P<msub>[a-d])?(?P<mmod>\s?\((?:i\+)\))?"
# The descriptors a TNM string may run on into, written glued: lymphatic and venous invasion,
# residual tumour, grade ("pT2N0L0V0R0", OCR'd as "pT2NOLOVORO").
_DESCRIPTORS = r"(?:(?:L|V|Pn|R|G)[0-4OxX])*"
_TNM = re.compile(
    rf"(?<![A-Za-z0-9]){_T}(?:[\s,/]*{_N})?(?:[\s,/]*{_M})?{_DESCRIPTORS}(?![A-Za-z0-9])"
)
_N_ALONE = re.compile(rf"(?<![A-Za-z0-9]){_N}(?![A-Za-z0-9])")
_M_ALONE = re.compile(rf"(?<![A-Za-z0-9]){_M}(?![A-Za-z0-9])")
_STAGE_CONTEXT = re.compile(
    r"(?:stage|staging|tnm|ajcc|classification|category|categories|pathologic|clinical"
    r"|tumou?r\s+extent|primary\s+tumou?r|regional\s+lymph\s+nodes|distant\s+metastas[ie]s)"
    r"[^.\n]{0,25}$",
    re.IGNORECASE,
)
_NOT_TNM_AFTER = re.compile(
    r"\s*[-]?\s*(?:weighted|signal|hyperintens|hypointens|vertebra|spine|level)", re.IGNORECASE
)


def _part(match: re.Match[str], key: str, inherited: str | None) -> str | None:
    """One category as reported. TX and NX ("cannot be assessed") are AJCC categories and are
    kept as written; MX is not (AJCC dropped it in the 7th edition: M is cM0 unless
    metastasis is shown), so it states nothing and gives no M."""
    raw = match.group(key)
    if raw is None or (raw.lower() == "x" and key == "m"):
        return None
    raw = raw.upper() if raw.lower() == "x" else raw
    # OCR reads a zero as the letter O ("pNO") and, after a prefix, a one as l or I ("cMla")
    raw = raw.replace("O", "0").replace("l", "1").replace("I", "1")
    prefix = match.group(f"{key}pre") or inherited or ""
    letter = key.upper()
    sub = match.groupdict().get(f"{key}sub") or ""
    mod = (match.groupdict().get(f"{key}mod") or "").replace(" ", "")
    return f"{prefix}{letter}{raw}{sub}{mod}"


def _word_no(match: re.Match[str]) -> bool:
    """An unprefixed "NO" set apart from the T ("pT2 NO LYMPH NODES") is the word, not N0."""
    if match.group("n") != "O" or match.group("npre"):
        return False
    t_end = max(match.end("t"), match.end("tsub"))
    return any(char.isspace() for char in match.string[t_end : match.start("n")])


def find_tnm(page: PageView) -> list[Finding]:
    """T, N and M as reported; a prefix written once ("pT2N1") carries to N."""
    text = page.text
    findings = []
    taken: list[tuple[int, int]] = []
    for match in _TNM.finditer(text):
        prefixed = bool(match.group("tpre"))
        combined = match.group("n") is not None
        if not (
            prefixed
            or combined
            or _STAGE_CONTEXT.search(text[max(0, match.start() - 40) : match.start()])
        ):
            continue
        if _NOT_TNM_AFTER.match(text, match.end()):
            continue
        value = {"T": _part(match, "t", None)}
        end = match.end()
        if match.group("n") is not None and _word_no(match):
            end = match.start("n") - 1  # the T alone; "NO ..." is the next words
        elif match.group("n") is not None:
            value["N"] = _part(match, "n", match.group("tpre"))
        if match.group("m") is not None and end == match.end():
            value["M"] = _part(match, "m", None)
            if match.group("m").lower() == "x":
                value.pop("M")
        value = {key: item for key, item in value.items() if item}
        if value:
            start, end = trim(text, match.start(), end)
            findings.append(Finding("stage", Field.STAGE, "", value, start, end))
        taken.append(match.span())
    for pattern, key in ((_N_ALONE, "n"), (_M_ALONE, "m")):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            if not match.group(f"{key}pre") and not _STAGE_CONTEXT.search(
                text[max(0, match.start() - 40) : match.start()]
            ):
                continue
            part = _part(match, key, None)
            if part:
                findings.append(
                    Finding(
                        "stage", Field.STAGE, "", {key.upper(): part}, match.start(), match.end()
                    )
                )
    return findings


_GROUP = re.compile(
    r"(?<![\w-])(?:(?:AJCC|TNM|overall|anatomic|anatomical|pathologic|pathological|clinical|prognostic|final|8th\s+edition)\s+)*(?:stage|stg)(?:\s+group(?:ing)?)?\s*(?:is|of|was|:|=|-)?\s*(?P<g>"
    + NUMERAL_PATTERN
    + r"|[1-4])(?P<sub>[ABCabc])?(?![\w+])",
    re.IGNORECASE,
)


_LABELLED = re.compile(
    r"(?<![\w])(?:(?P<key>[TNM])\s+(?:stage|category|classification)\s*(?:,\s*(?P<kind>pathologic|clinical))?\s*:"
    r"|(?P<kind2>pathologic|clinical)(?:al)?\s+(?P<key2>[TNM])\s*[.:])"
    r"\s*(?P<pre>yp|p|c)?(?P<axis>[TNM])?(?P<v>is|[0-4]|[xX])(?P<sub>mi|[a-d])?(?![\w])",
    re.IGNORECASE,
)


def find_labelled_tnm(page: PageView) -> list[Finding]:
    """Synoptic lines: "T Stage: 2  N Stage: 2a  M Stage: 0", "T STAGE, PATHOLOGIC: pT1b",
    and form fields whose line breaks OCR turned into full stops ("Pathological N. N1a").

    A value that names its own axis keeps it: when OCR shifts a form's columns ("M STAGE,
    PATHOLOGIC: pN1a") the value is the N, read where it stands by ``find_tnm``.
    """
    findings = []
    for match in _LABELLED.finditer(page.text):
        key = (match.group("key") or match.group("key2")).upper()
        if match.group("v").lower() == "x" and key == "M":
            continue
        axis = match.group("axis")
        if axis and axis.upper() != key:
            continue
        kind = (match.group("kind") or match.group("kind2") or "").lower()
        prefix = match.group("pre") or {"pathologic": "p", "clinical": "c"}.get(kind, "")
        value = f"{prefix}{key}{match.group('v').replace('x', 'X')}{match.group('sub') or ''}"
        findings.append(Finding("stage", Field.STAGE, "", {key: value}, match.start(), match.end()))
    return findings


def find_stage_group(page: PageView) -> list[Finding]:
    findings = []
    for match in _GROUP.finditer(page.text):
        before = page.text[max(0, match.start() - 8) : match.start()].lower()
        if before.rstrip().endswith(("early", "end", "early-", "end-", "late")):
            continue
        raw = match.group("g")
        if raw in {"i", "ii", "iii", "iv"}:
            continue  # "stage i" in lower case is rarely a stage group
        group = stage_group(raw + (match.group("sub") or ""))
        if group is None:
            continue
        findings.append(
            Finding("stage", Field.STAGE, "", {"group": group}, match.start(), match.end())
        )
    return findings


@cache
def _metastatic_sites() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup = {}
    for site, words in rule_files.table("sites.json")["metastatic_sites"].items():
        for word in words:
            lookup[word.lower()] = site
    alternatives = "|".join(re.escape(w) for w in sorted(lookup, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), lookup


_TO_SITES = re.compile(
    r"(?:metasta\w*|mets|spread|disease|recurrence)\s+(?:disease\s+)?(?:to|in|involving|within|of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_SITE_THEN_MET = r"\s+(?:and\s+\w+\s+)?(?:metastas[ie]s|metastatic\s+(?:disease|lesions?|deposits?|involvement)|mets|lesions?\s+(?:consistent\s+with|compatible\s+with|representing)\s+metasta\w*|involvement\s+by\s+(?:metastatic\s+)?(?:carcinoma|disease))"
_GENERAL = re.compile(
    r"(?:metastatic\s+(?:\w+\s+){0,2}?(?:cancer|carcinoma|disease|adenocarcinoma|melanoma|malignancy)|distant\s+metasta\w+|stage\s+iv\b|widely\s+metastatic|de\s+novo\s+metastatic|metastatic\s+recurrence)",
    re.IGNORECASE,
)
_REGIONAL = re.compile(
    r"^[^.;\n]{0,40}?(?:lymph\s+nodes?|nodes?\b|axilla|axillary|sentinel|nodal)", re.IGNORECASE
)

# "Lymph nodes: 3 of 18 positive for metastatic carcinoma" is regional disease, not distant
_REGIONAL_BEFORE = re.compile(
    r"(?:lymph\s+nodes?|\bnodes?\b|sentinel|axillary|nodal)[^.;]{0,40}$", re.IGNORECASE
)
# a synoptic "Distant Metastasis (pM): Not applicable" states nothing about distant disease
_NO_DISTANT = re.compile(
    r"[^\n:]{0,20}:\s*(?:not\s+applicable|n/?a\b|not\s+assessed|cannot\s+be\s+assessed|none|"
    r"absent|not\s+identified|pmx|mx|cm0|m0|pm0)",
    re.IGNORECASE,
)


def find_metastases(page: PageView) -> list[Finding]:
    """Distant metastases, with their site when the words name one."""
    pattern, lookup = _metastatic_sites()
    text = page.text
    findings = []
    for match in _TO_SITES.finditer(text):
        _, sentence_end = page.sentence_bounds(match.start())
        window_end = min(sentence_end, match.end() + 70)
        for site_match in pattern.finditer(text, match.end(), window_end):
            gap = text[match.end() : site_match.start()]
            if re.search(r"\b(?:lymph|node|axilla|with|from|which|after|since)\b|[.;]", gap, re.I):
                break
            site = lookup[site_match.group(0).lower()]
            start, end = trim(text, match.start(), site_match.end())
            findings.append(
                Finding("metastasis", Field.METASTASIS, site, {"site": site}, start, end)
            )
    for site_match in pattern.finditer(text):
        after = re.match(
            _SITE_THEN_MET, text[site_match.end() : site_match.end() + 80], re.IGNORECASE
        )
        if not after:
            continue
        site = lookup[site_match.group(0).lower()]
        findings.append(
            Finding(
                "metastasis",
                Field.METASTASIS,
                site,
                {"site": site},
                site_match.start(),
                site_match.end() + after.end(),
            )
        )
    for match in _GENERAL.finditer(text):
        if _REGIONAL.match(text[match.end() :]) or _NO_DISTANT.match(text[match.end() :]):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _REGIONAL_BEFORE.search(text[line_start : match.start()]):
            continue
        findings.append(
            Finding("metastasis", Field.METASTASIS, "", {"site": None}, match.start(), match.end())
        )
    return findings
