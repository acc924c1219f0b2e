"""Gene results (pathogenic / VUS / negative, variant, germline or somatic), PD-L1, MSI, TMB."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from workers.extraction import rule_files
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
    r"(?:negative\s+for|\bno\s+(?:(?:known|pathogenic|deleterious|actionable|detectable|reportable)\s+)?|no\s+(?:[\w-]+\s+){0,4}?(?:in|of|for)|without\s+(?:[\w-]+\s+){0,4}?in|not\s+detected\s+in|none\s+detected\s+in|wild[\s-]?type\s+(?:for\s+)?)\s*(?:the\s+)?(?:(?:following\s+)?genes?\s*)?:?\s*$",
    re.IGNORECASE,
)
# A line that heads a list of genes tested with nothing found: "Pertinent negatives:",
# "Negative (no pathogenic variants, fusions or copy number alterations):", "Wild-type:".
_NEG_LABEL = re.compile(
    r"(?:^|\n)[\s*\-]*(?:pertinent\s+negatives?|negative(?:\s+results?|\s+genes)?|not\s+detected|none\s+detected"
    r"|wild[\s-]?type(?:\s+genes)?|genes?\s+with(?:out|\s+no)\s+(?:reportable\s+|clinically\s+significant\s+|pathogenic\s+)?(?:alterations|variants|mutations)(?:\s+(?:detected|identified|found))?)"
    r"(?:\s*\([^()\n]{0,120}\))?\s*:?\s*$",
    re.IGNORECASE,
)
# Separators between the genes of one list: "EGFR, ALK, ROS1, and BRAF", "BRCA1/BRCA2".
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,|/|\band\b|\bor\b|&)\s*", re.IGNORECASE)
# "Genes analyzed: BRCA1, BRCA2, ..." with "No pathogenic variants were identified in any of
# the genes analyzed" (or "in the other genes"): every listed gene without its own result is
# negative. A list on its own says only what was tested.
_PANEL_LIST = re.compile(
    r"\bgenes?\s+(?:analy[sz]ed|tested|evaluated|included|sequenced|assessed)\b[^:\n]{0,40}:\s*",
    re.IGNORECASE,
)
_PANEL_NEGATIVE = re.compile(
    r"\bno\s+(?:other\s+|additional\s+|further\s+)?(?:(?:pathogenic|likely\s+pathogenic|deleterious|reportable|clinically\s+significant|actionable)\s+)?"
    r"(?:(?:or|and|/)\s*(?:likely\s+pathogenic|deleterious)\s+)?(?:variants?|mutations?|alterations?)\s+(?:were\s+|was\s+|have\s+been\s+)?"
    r"(?:identified|detected|found|reported)\s+in\s+(?:any\s+of\s+)?the\s+(?:other\s+|remaining\s+|additional\s+)?genes\b(?:\s+(?:analy[sz]ed|tested|evaluated|included|on\s+this\s+panel))?"
    r"|(?m:^[ \t]*(?:test\s+)?results?\s*:\s*negative\b)",
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
    r"|(?P<p>p\.(?:\((?:[A-Z][a-z]{2}|[A-Z])\d+(?:[A-Z][a-z]{2}|[A-Z*]|fs\*?\d*|del|dup|ins[A-Za-z]*|_\w+)*\)"
    r"|(?:[A-Z][a-z]{2}|[A-Z])\d+(?:[A-Z][a-z]{2}|[A-Z*]|fs\*?\d*|del|dup|ins[A-Za-z]*|_\w+)*))"
    r"|(?P<short>(?<![\w.])[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY*]|fs\*?\d*|del)(?![\w]))"
    r"|(?P<exon>exon\s*\d+\s*(?:deletion|insertion|del|ins|skipping|mutation|duplication))"
    r"|(?P<fusion>(?<![\w-])[A-Z][A-Z0-9]{1,7}[-:](?:ALK|ROS1|RET|NTRK[1-3]|FGFR[1-3])(?![\w])(?:\s+fusion)?)",
)


@cache
def _gene_words() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    data = rule_files.table("genes.json")
    names: dict[str, list[str]] = {gene: [gene] for gene in data["genes"]}
    for alias, gene in data["aliases"].items():
        names[alias] = [gene]
    for phrase in data["both_brca"]:
        names[phrase] = ["BRCA1", "BRCA2"]
    for phrase, genes in data["gene_groups"].items():
        names[phrase] = genes
    alternatives = "|".join(re.escape(word) for word in sorted(names, key=len, reverse=True))
    # a fusion partner's hyphen may precede the gene: "EML4-ALK"
    return re.compile(rf"(?<![\w])(?:(?<=[A-Z0-9]-)|(?<![-]))(?:{alternatives})(?![\w])"), names


def gene_names(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, genes) for every gene name of the lexicon (``rules/genes.json``) written in
    ``text``, result or not: for readers of other text than records (a trial's criteria), so a
    gene taught to the extractor is known there too. A name may stand for several genes
    ("BRCA1/2", "RAS"); ERBB2 written for the HER2 receptor is not a gene name."""
    pattern, names = _gene_words()
    return [
        (match.start(), match.end(), tuple(names[match.group(0)]))
        for match in pattern.finditer(text)
        if not _is_her2_name(text, match)
    ]


@cache
def _origin_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = rule_files.table("genes.json")
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
    """Each gene named with a result: status, the variant written with it, and its origin."""
    pattern, names = _gene_words()
    text = page.text
    matches = [m for m in pattern.finditer(text) if not _is_her2_name(text, m)]
    begins = [_fusion_start(text, m) for m in matches]
    findings = []
    for index, match in enumerate(matches):
        if page.section(match.start()) == "methods":
            continue  # "genes analyzed: BRCA1, BRCA2, ..." is a list, not a result
        begin = begins[index]
        sentence_start, sentence_end = page.sentence_bounds(match.start())
        first = _list_first(text, matches, begins, index)
        lead_start = _lead_start(page, begins[first])
        lead = text[max(lead_start, begins[first] - 120) : begins[first]]
        negated = _NEG_BEFORE.search(lead) or _NEG_LABEL.search(text[lead_start : begins[first]])
        after_limit = _after_limit(text, matches, begins, index, sentence_end)
        if negated and negated.re is _NEG_LABEL and _variants(text[match.end() : after_limit]):
            negated = None  # a gene written with its own variant under a "Negative" line above
        if negated:
            value: dict | None = {"status": "negative", "variant": None}
            start, end = begins[first] - (len(lead) - negated.start()), match.end()
            if negated.re is _NEG_LABEL:
                start = lead_start + negated.start()
            noun = _NEGATED_NOUN.match(text, match.end(), sentence_end)
            end = noun.end() if noun else end  # "No KRAS mutation detected", all of it
        else:
            previous_end = matches[index - 1].end() if index else sentence_start
            before_start = max(sentence_start, previous_end if previous_end <= begin else 0)
            value, start, end = _read_result(text, begin, match.end(), after_limit, before_start)
        if value is None:
            continue
        following = text[match.end() : sentence_end]
        if not negated and not _is_gene_result(
            match, value, text[match.end() : end], lead, following
        ):
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
        value["origin"] = _origin(page, match.start()) or default_origin
        start, end = trim(text, start, end)
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
    findings.extend(_panel_negatives(page, matches, begins, findings, default_origin))
    return findings


_NEGATED_NOUN = re.compile(
    r"[\s-]*(?:mutations?|variants?|alterations?|fusions?|rearrangements?|amplifications?)\b"
    r"(?:\s+(?:was|were|is|are))?(?:\s+(?:detected|identified|found))?",
    re.IGNORECASE,
)
_CONFIRMED = re.compile(
    r"(?:\s+(?:was|is|were|are|has\s+been))?\s+(?:detected|identified|present|confirmed|found)\b",
    re.IGNORECASE,
)
# A plural concept word right after the gene speaks of such variants in general.
_GENERIC = re.compile(
    r"[\s-]*(?:mutations|alterations|variants|fusions|rearrangements|amplifications)\b", re.I
)
_MMR_PROTEINS = {"MLH1", "MSH2", "MSH6", "PMS2"}
_NOT_DNA = re.compile(r"methylat", re.IGNORECASE)
_STAIN = re.compile(r"express|stain|immunohisto|\bIHC\b|protein|retained|intact|loss", re.I)
_RESULT = re.compile(
    r"\b(?:detected|identified|present|positive|pathogenic|deleterious|found|confirmed|harbou?r\w*|carr(?:y|ies|ier))\b",
    re.IGNORECASE,
)
# "We will test for ALK rearrangement and ROS1 fusion": what the test is to look for, up to
# the gene, with no result word on the way.
_TEST_FOR = re.compile(
    r"\b(?:test\w*|screen\w*|assess\w*|evaluat\w*|look\w*|check\w*|send|sent|order\w*|request\w*|analy[sz]\w*)\s+(?:\w+\s+){0,3}?for\s"
    r"(?:(?!detected|identified|positive|negative|showed|revealed|found)[^;.:])*$",
    re.IGNORECASE,
)


def _is_gene_result(
    match: re.Match[str], value: dict, words: str, lead: str, following: str
) -> bool:
    """Whether the words read with a gene name report a DNA result for the patient.

    Not: a promoter's methylation, an immunostain for a mismatch-repair protein or p53
    ("loss of MLH1 expression", "p53 aberrant"), what reports say of such variants in general
    ("activating KRAS mutations lock the GTPase"), or what a test is to look for ("we will test
    for ALK rearrangement") when no result is written.
    """
    if _NOT_DNA.search(words):
        return False
    if value.get("variant") or value["status"] == "negative":
        return True
    if match.group(0) == "p53" and not re.search(r"mutat|pathogenic|variant", words, re.I):
        return False
    if match.group(0) in _MMR_PROTEINS and _STAIN.search(words):
        return False
    if _GENERIC.match(following) and not _RESULT.search(following[:60]):
        return False  # "Activating KRAS mutations lock the GTPase": about the gene, not a result
    return not (_TEST_FOR.search(lead) and not _RESULT.search(words))


def _is_her2_name(text: str, match: re.Match[str]) -> bool:
    """ERBB2 written for the HER2 receptor, and "HER2 gene amplification" (the ISH result)."""
    if match.group(0) == "HER2 gene":
        return bool(re.match(r"\s*(?:amplif|copy|signals?|ratio|status|by\s)", text[match.end() :]))
    return match.group(0) == "ERBB2" and bool(re.match(ERBB2_AS_HER2, text[match.end() :]))


def _fusion_start(text: str, match: re.Match[str]) -> int:
    """Where the gene's name begins, its fusion partner included ("EML4-ALK" begins at EML4)."""
    partner = re.search(
        r"(?<![\w-])[A-Z][A-Z0-9]{1,7}-$", text[max(0, match.start() - 9) : match.start()]
    )
    return match.start() - len(partner.group(0)) if partner else match.start()


def _list_first(text: str, matches: list[re.Match[str]], begins: list[int], index: int) -> int:
    """The first gene of the list the gene at ``index`` ends ("EGFR, ALK and ROS1")."""
    first = index
    while first > 0 and _LIST_SEP.fullmatch(text[matches[first - 1].end() : begins[first]]):
        first -= 1
    return first


def _lead_start(page: PageView, position: int) -> int:
    """Where the words that introduce a gene (list) begin: its sentence, or the label line
    above when the list starts the sentence ("Pertinent negatives:" then "EGFR, ALK")."""
    text = page.text
    start, _ = page.sentence_bounds(position)
    if start > 0 and not text[start:position].strip(" \t\n*-:"):
        above, _ = page.sentence_bounds(start - 1)
        label = text[above:start]
        if len(label.strip()) <= 140 and (
            label.rstrip().endswith(":") or _NEG_LABEL.search(label.rstrip())
        ):
            return above
    return start


def _after_limit(
    text: str, matches: list[re.Match[str]], begins: list[int], index: int, sentence_end: int
) -> int:
    """Where the words that belong to the gene at ``index`` end: the next gene (or, for a
    list, the gene after it), a ';', or the start of words about the next gene."""
    match = matches[index]
    limit = sentence_end
    if index + 1 < len(matches) and begins[index + 1] < limit:
        limit = begins[index + 1]
        if _LIST_SEP.fullmatch(text[match.end() : limit]):
            limit = _group_end(text, matches, begins, index, sentence_end)
        else:
            governs_next = _NEG_BEFORE.search(text[match.end() : limit])
            if governs_next:  # "BRAF V600E, no mutations in KRAS": the negation is KRAS's
                limit = match.end() + governs_next.start()
    for semicolon in re.finditer(";", text[match.end() : limit]):
        words = text[match.end() : match.end() + semicolon.start()]
        if words.count("(") <= words.count(")"):  # "(c.34G>T; p.Gly12Cys)" is one result
            limit = match.end() + semicolon.start()
            break
    return min(limit, match.end() + 120)


def _group_end(
    text: str, matches: list[re.Match[str]], begins: list[int], index: int, sentence_end: int
) -> int:
    """'BRCA1 and BRCA2 negative': the words after the last gene of a list belong to all."""
    position = index
    while position + 1 < len(matches) and _LIST_SEP.fullmatch(
        text[matches[position].end() : begins[position + 1]]
    ):
        position += 1
    following = begins[position + 1] if position + 1 < len(matches) else sentence_end
    return min(sentence_end, following)


def _read_result(
    text: str, begin: int, name_end: int, after_limit: int, before_start: int
) -> tuple[dict | None, int, int]:
    """Status and variant from the words after (or, failing that, just before) a gene name,
    with the span of the words read."""
    after = text[name_end:after_limit]
    status, status_end = _status(after)
    # a fusion partner written before the gene ("EML4-ALK fusion") is part of the variant
    base = begin if "-" in text[begin:name_end] else name_end
    variants = _variants(text[base:after_limit])
    if status is not None or variants:
        if status is None:
            status = "pathogenic"
        result: dict = {"status": status, "variant": None}
        end = name_end + status_end
        confirmed = _CONFIRMED.match(text, end, after_limit)  # "rearrangement detected"
        end = confirmed.end() if confirmed else end
        if variants and status != "negative":
            best = min(variants, key=lambda v: (_PRECISION[v[0]], v[2]))
            result["variant"] = best[1]
            result["forms"] = [form for _, form, _, _ in variants]
            end = max(end, base + max(v[3] for v in variants))
        return result, begin, end
    before = text[max(before_start, begin - 80) : begin]
    found = _status_before(before)
    if found is None:
        return None, 0, 0
    status, offset = found
    return {"status": status, "variant": None}, begin - len(before) + offset, name_end


def _status_before(before: str) -> tuple[str, int] | None:
    """A result word directly before the gene ("a pathogenic BRCA2 variant", "positive for an
    ALK rearrangement"), not one that belongs to an earlier item ("PAX8 positive, p53")."""
    best = None
    for pattern, status in ((_NEGATIVE, "negative"), (_VUS, "vus"), (_PATHOGENIC, "pathogenic")):
        for found in pattern.finditer(before):
            tail = before[found.end() :]
            if re.fullmatch(r"[\s\w'-]*", tail) and len(tail.split()) <= 3:
                if best is None or found.start() < best[1]:
                    best = (status, found.start())
                break
    return best


def _status(words: str) -> tuple[str | None, int]:
    for pattern, status in ((_NEGATIVE, "negative"), (_VUS, "vus"), (_PATHOGENIC, "pathogenic")):
        match = pattern.search(words)
        if match:
            return status, match.end()
    return None, 0


# How precisely a variant is described: the cDNA change, then the protein change (HGVS, then
# the short form), then the exon, then the fusion.
_PRECISION = {"c": 0, "p": 1, "short": 2, "exon": 3, "fusion": 4}


# What may stand between two descriptions of one variant: "G12C (c.34G>T; p.Gly12Cys)",
# "exon 19 deletion (p.E746_A750del)", "G12C mutation (c.34G>T)". Another symbol in capitals
# with a digit ("EGFR L858R, CTNNB1 c.110C>T") starts another gene's variant.
_SAME_VARIANT_GAP = re.compile(r"[\s(),;:/]*(?:[a-z][\w-]*[\s(),;:/]+){0,3}")


def _variants(words: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of the descriptions of the first variant in ``words``."""
    found = []
    for variant in _VARIANT.finditer(words):
        if found and not _SAME_VARIANT_GAP.fullmatch(words[found[-1][3] : variant.start()]):
            break
        found.append(
            (variant.lastgroup or "", variant.group(0).strip(), variant.start(), variant.end())
        )
    return found


def _origin(page: PageView, position: int) -> str | None:
    """germline or somatic from the words of the gene's sentence, counted from where the
    sentence really begins: the sentence splitter breaks at line ends that only look like
    the start of a new item ("sequencing (Northgate\\nMolecular Pathology) showed ESR1")."""
    germline, somatic = _origin_words()
    text = page.text
    start, end = page.sentence_bounds(position)
    while start > 0 and position - start < 300:
        above, _ = page.sentence_bounds(start - 1)
        if re.search(r"[.!?;:]\s*$", text[above:start]) or not text[above:start].strip():
            break
        start = above
    scope = text[start:end]
    if germline.search(scope):
        return "germline"
    if somatic.search(scope):
        return "somatic"
    return None


def _panel_negatives(
    page: PageView,
    matches: list[re.Match[str]],
    begins: list[int],
    found: list[Finding],
    default_origin: str | None,
) -> list[Finding]:
    """Genes a panel lists as analysed, on a page that says nothing was found in them."""
    text = page.text
    statements = list(_PANEL_NEGATIVE.finditer(text))
    if not statements:
        return []
    _, names = _gene_words()
    reported = {finding.name for finding in found}
    findings = []
    for label in _PANEL_LIST.finditer(text):
        index = next((i for i, b in enumerate(begins) if b == label.end()), None)
        if index is None:
            continue
        listed = [index]
        while index + 1 < len(matches) and _LIST_SEP.fullmatch(
            text[matches[index].end() : begins[index + 1]]
        ):
            index += 1
            listed.append(index)
        list_start, list_end = label.start(), matches[listed[-1]].end()
        near = [
            s
            for s in statements
            if -400 < s.start() - list_end < 400 or -400 < list_start - s.end() < 400
        ]
        if not near:
            continue
        statement = min(
            near,
            key=lambda s: (  # "no variants ... in the genes analyzed" before "Result: negative"
                s.group(0).lower().lstrip().startswith(("result", "test")),
                min(abs(s.start() - list_end), abs(list_start - s.end())),
            ),
        )
        origin = _origin(page, statement.start()) or _origin(page, list_start) or default_origin
        for position in listed:
            match = matches[position]
            for gene in names[match.group(0)]:
                if gene in reported:
                    continue  # its own result on the page says more than the list
                reported.add(gene)
                start, end = trim(
                    text, min(match.start(), statement.start()), max(match.end(), statement.end())
                )
                findings.append(
                    Finding(
                        "biomarker",
                        Field.BIOMARKER,
                        gene,
                        {"status": "negative", "variant": None, "origin": origin},
                        start,
                        end,
                        anchor=match.start(),
                    )
                )
    return findings


_PDL1 = re.compile(
    r"PD-?L1(?:\s*\((?:clone\s+)?(?:22C3|SP142|SP263|28-8|73-10)(?:\s+pharmDx)?\))?(?:\s+(?:IHC|expression|status))?",
    re.IGNORECASE,
)
# The antibody clone is not a value: "PD-L1 IHC (22C3 pharmDx): TPS 20%".
_PDL1_CLONE = re.compile(
    r"(?:clone\s+)?(?<![\w-])(?:22C3|SP142|SP263|28-8|73-10|E1L3N)(?![\w-])(?:\s+pharmDx)?",
    re.IGNORECASE,
)
_PDL1_VALUE = re.compile(
    r"(?P<unit1>CPS|combined\s+positive\s+score|TPS|tumou?r\s+proportion\s+score|TC|IC|immune\s+cell(?:\s+score)?)\s*(?:\((?:CPS|TPS|TC|IC)\)\s*)?(?:score\s*)?(?:of|:|=|is|was)?\s*(?P<cmp1>[<>]=?\s*)?(?P<v1>\d{1,3}(?:\.\d+)?)(?!\s*-\s*\d)\s*%?"
    r"|(?P<cmp2>[<>]=?\s*)?(?P<v2>\d{1,3}(?:\.\d+)?)\s*(?P<pct>%)?\s*\(?(?P<unit2>CPS|TPS|tumou?r\s+proportion\s+score|combined\s+positive\s+score)?",
    re.IGNORECASE,
)
# "PD-L1 (22C3): TPS 20%." then "Interpretation: POSITIVE": the next line reads the result.
_PDL1_FOLLOW = re.compile(r"\s*(?:interpretation|result|status)\s*:", re.IGNORECASE)
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
    """PD-L1 results: the score with its unit (TPS, CPS, IC) and the stated status."""
    findings = []
    text = page.text
    for match in _PDL1.finditer(text):
        _, sentence_end = page.sentence_bounds(match.start())
        if sentence_end < len(text) and _PDL1_FOLLOW.match(text, sentence_end):
            sentence_end = page.sentence_bounds(sentence_end)[1]
        limit = min(sentence_end, match.end() + 140)
        # a ';' ends the result unless the status follows it ("score 5%; positive")
        semicolon = re.compile(r";(?!\s*(?:positive|negative|high|low)\b)", re.I).search(
            text, match.end(), limit
        )
        window = text[match.end() : semicolon.start() if semicolon else limit]
        if re.match(r"\s*(?:inhibitor|therapy|blockade|antibod)", window, re.I):
            continue
        window = _PDL1_CLONE.sub(lambda clone: " " * len(clone.group(0)), window)
        value: dict = {"status": None, "value": None, "unit": None}
        ends = [0]
        found = next(
            (
                found
                for found in _PDL1_VALUE.finditer(window)
                if (found.group("v1") or found.group("unit2") or found.group("pct"))
                and not re.search(r"\d\s*-\s*$", window[: found.start()])  # "TPS 1-49%": a band
            ),
            None,
        )
        if found:
            raw_unit = (found.group("unit1") or found.group("unit2") or "").lower()
            raw_unit = re.sub(r"\s+", " ", raw_unit)
            below = (found.group("cmp1") or found.group("cmp2") or "").startswith("<")
            value["value"] = None if below else number(found.group("v1") or found.group("v2"))
            value["unit"] = _UNITS.get(raw_unit, "%" if found.group("pct") else None)
            ends.append(found.end())
        # "combined positive score" names the unit, it is not a result
        words = re.sub(r"combined\s+positive", lambda m: " " * len(m.group(0)), window, flags=re.I)
        word = _PDL1_WORD.search(words)
        if word and word.group("w").lower() != "low":  # "low" alone says neither way
            raw = word.group("w").lower()
            value["status"] = {"high": "positive", "expressed": "positive"}.get(
                raw, "negative" if raw.startswith(("not", "no ")) else raw
            )
            ends.append(word.end())
        if value["value"] is None and value["status"] is None:
            continue
        start, end = trim(text, match.start(), match.end() + max(ends))
        findings.append(Finding("biomarker", Field.BIOMARKER, "PD-L1", value, start, end))
    return findings


_MSI_HIGH = (
    r"\bMSI[\s-]?(?:H|high)\b|microsatellite\s+instability[\s-]+high|high\s+(?:level\s+)?microsatellite\s+instability"
    r"|\bdMMR\b|mismatch\s+repair[\s-]+deficien\w*|deficient\s+mismatch\s+repair|MMR[\s-]+deficien\w*"
)
_MSI = re.compile(
    # negated first: "negative for MSI-H", "no microsatellite instability" mean stable
    r"(?P<negated>(?:\bnot\s+|\bnon-?\s*|negative\s+for\s+|\bno\s+|without\s+)(?:evidence\s+of\s+)?(?:"
    + _MSI_HIGH
    + r"|microsatellite\s+instability\b))"
    r"|(?P<labelled>(?:\bMSI\b|microsatellite\s+(?:instability|status))(?:\s*\(MSI\))?(?:\s+(?:status|result|by\s+(?:PCR|NGS)))?\s*[:=-]\s*"
    r"(?:(?P<lhigh>high\b|H\b|unstable|instability[\s-]+high|detected|present)|(?P<lstable>stable|MSS\b|not\s+detected|absent|negative)|(?P<llow>low\b|L\b)))"
    r"|(?P<high>" + _MSI_HIGH + r")"
    r"|(?P<stable>\bMSS\b|microsatellite[\s-]+stable|\bMSI[\s-]?stable\b|\bpMMR\b|mismatch\s+repair[\s-]+proficient|proficient\s+mismatch\s+repair|MMR[\s-]+(?:proficient|intact))"
    r"|(?P<low>\bMSI[\s-]?L(?:ow)?\b)"
    r"|(?P<unstated>microsatellite\s+instability\s+(?:was\s+|is\s+)?(?:not\s+detected|absent|negative))",
    re.IGNORECASE,
)
_MSI_STATUS = {
    "negated": "stable",
    "lhigh": "high",
    "lstable": "stable",
    "llow": "low",
    "high": "high",
    "stable": "stable",
    "low": "low",
    "unstated": "stable",
}


def find_msi(page: PageView) -> list[Finding]:
    """MSI-high / stable; mismatch-repair deficiency counts as MSI-high (how reports use it).

    "Negative for MSI-H" and "microsatellite instability not detected" are stable.
    """
    findings = []
    for match in _MSI.finditer(page.text):
        group = next(name for name in _MSI_STATUS if match.group(name))
        findings.append(
            Finding(
                "biomarker",
                Field.BIOMARKER,
                "MSI",
                {"status": _MSI_STATUS[group]},
                match.start(),
                match.end(),
            )
        )
    return findings


_TMB = re.compile(
    r"(?:TMB|tumou?r\s+mutation(?:al)?\s+burden)(?:\s*\(TMB\))?\s*(?:[:=-]|is|of|was)?\s*(?:(?P<word>high|low|intermediate|H\b|L\b)\s*)?(?:\(?\s*(?P<value>\d{1,3}(?:\.\d+)?)\s*(?P<unit>(?:mut(?:ation)?s?|muts)\s*/\s*(?:Mb|megabase)|mut(?:ation)?s?\s+per\s+(?:Mb|megabase))\)?)?(?:\s*[,;(]?\s*(?:TMB[\s-]+)?(?P<word2>high|low|intermediate|H\b|L\b))?",
    re.IGNORECASE,
)


def find_tmb(page: PageView) -> list[Finding]:
    """Tumour mutational burden in mutations per megabase, high or low only where stated."""
    findings = []
    for match in _TMB.finditer(page.text):
        word = (match.group("word") or match.group("word2") or "").lower()
        if not match.group("value") and not word:
            continue
        value = {
            "status": {"high": "high", "h": "high", "low": "low", "l": "low"}.get(word),
            "value": number(match.group("value")) if match.group("value") else None,
            "unit": "mut/Mb" if match.group("value") else None,
        }
        start, end = trim(page.text, match.start(), match.end())
        findings.append(Finding("biomarker", Field.BIOMARKER, "TMB", value, start, end))
    return findings


# --- one variant, several descriptions ---------------------------------------------------

_AMINO = {
    "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E",
    "Gly": "G", "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F",
    "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V", "Ter": "*",
}  # fmt: skip


def variant_kind(variant: str) -> str:
    """c, p, short, exon or fusion: how a variant description is written."""
    found = _VARIANT.fullmatch(variant.strip())
    return (found.lastgroup or "fusion") if found else "fusion"


def _describe(forms: list[str]) -> dict[str, set]:
    """What descriptions of one variant say: its cDNA changes, its protein changes in one-letter
    form ("p.Gly12Asp" is "G12D"), the codons of single-base substitutions and of one-residue
    protein changes, and any other description (exon, fusion) as written."""
    found: dict[str, set] = {
        "c": set(),
        "p": set(),
        "substitutions": set(),
        "residues": set(),
        "other": set(),
    }
    for form in forms:
        text = re.sub(r"\s+", "", form)
        kind = variant_kind(text)
        if kind == "c":
            found["c"].add(text)
            substitution = re.fullmatch(r"c\.(\d+)([ACGT])>([ACGT])", text)
            if substitution:
                position, ref, alt = substitution.groups()
                found["substitutions"].add((int(position), ref, alt))
        elif kind in {"p", "short"}:
            protein = text.removeprefix("p.").strip("()")
            for three, one in _AMINO.items():
                protein = protein.replace(three, one)
            found["p"].add(protein)
            single = re.fullmatch(r"([A-Z])(\d+)([A-Z*])", protein)
            if single:
                found["residues"].add((int(single.group(2)), single.group(1), single.group(3)))
        else:
            found["other"].add(text.lower())
    return found


def _same_variant(one: list[str], other: list[str]) -> bool:
    """Whether two sets of descriptions name one variant: a description in common, or a cDNA
    substitution that makes the other's protein change ("c.35G>A" makes "G12D") when nothing
    they both state disagrees ("G12C" is not "G12D")."""
    a, b = _describe(one), _describe(other)
    if any(a[key] & b[key] for key in ("c", "p", "other")):
        return True
    if any(a[key] and b[key] for key in ("c", "p")):
        return False  # both give a cDNA (or a protein) change, and they differ
    return any(_encodes(c, p) for c in a["substitutions"] for p in b["residues"]) or any(
        _encodes(c, p) for c in b["substitutions"] for p in a["residues"]
    )


_BASES = "TCAG"
_CODE = (
    "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"  # standard code, TCAG order
)


def _encodes(change: tuple[int, str, str], protein: tuple[int, str, str]) -> bool:
    """Whether a single-base cDNA change can make that protein change: the same codon, and some
    codon of the old amino acid with the old base there turns, with the new base, into the new
    amino acid (c.35G>A can be G12D or G12E, never G12C)."""
    position, ref, alt = change
    residue, old, new = protein
    if (position + 2) // 3 != residue:
        return False
    place = (position - 1) % 3
    for index, amino in enumerate(_CODE):
        codon = _BASES[index // 16] + _BASES[index // 4 % 4] + _BASES[index % 4]
        if amino != old or codon[place] != ref:
            continue
        changed = codon[:place] + alt + codon[place + 1 :]
        if (
            _CODE[
                _BASES.index(changed[0]) * 16
                + _BASES.index(changed[1]) * 4
                + _BASES.index(changed[2])
            ]
            == new
        ):
            return True
    return False


def _forms(value: dict) -> list[str]:
    return list(value.get("forms") or ([value["variant"]] if value.get("variant") else []))


def complete_variant(winner: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Any]:
    """The winning gene result with the most precise description of its variant that any
    report gives: the lab's "c.35G>A" rather than a later note's "G12D", and a note's bare
    "pathogenic BRCA2 mutation" completed by the report's variant when there is only one."""
    value = winner["value"]
    status = value.get("status")
    if status not in {"pathogenic", "vus"} or not any(
        "variant" in f.value for f in winner["facts"]
    ):
        return winner  # not a gene result (PD-L1, MSI...), or no variant to describe
    candidates = [
        (fact, _forms(fact.value))
        for result in results
        if result["value"].get("status") == status
        for fact in result["facts"]
        if _forms(fact.value)
    ]
    own = [form for fact in winner["facts"] for form in _forms(fact.value)]
    if own:
        support = [(fact, forms) for fact, forms in candidates if _same_variant(own, forms)]
    elif candidates and all(_same_variant(candidates[0][1], forms) for _, forms in candidates):
        support = candidates  # no variant of its own: the reports agree on one
    else:
        return winner
    pool = own + [form for _, forms in support for form in forms]
    if not pool:
        return winner
    best = min(pool, key=lambda form: _PRECISION[variant_kind(form)])
    if best == value.get("variant"):
        return winner
    extra = [fact for fact, forms in support if best in forms and fact not in winner["facts"]]
    return {**winner, "value": {**value, "variant": best}, "facts": winner["facts"] + extra}
