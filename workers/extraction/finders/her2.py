"""HER2: IHC score, ISH result, HER2/CEP17 ratio and copy number, and the written category.

The status itself is decided later (``vocabulary.biomarkers.her2_status``) once results from the same
specimen are put together: an IHC 2+ here and an addendum's FISH there make one answer.
"""

from __future__ import annotations

import re

from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, number, trim
from workers.extraction.finders.fragments import reach

# "ERBB2" names the HER2 protein test when followed by these; otherwise it is the gene (genes.py).
ERBB2_AS_HER2 = r"\s*(?:\(HER2\)|/HER2|IHC|by\s+(?:IHC|FISH|ISH)|status|protein)"
_NAME = re.compile(
    r"(?<![\w])(?:HER[\s-]?2(?:\s*/?\s*-?\s*neu)?|c-?erb-?B-?2|ERBB2(?="
    + ERBB2_AS_HER2
    + r"))(?:\s*\((?:4B5|A0485|CB11|HercepTest|SP3)\))?"
    # "HER2 overexpression", "HER2/neu protein overexpression" name the test, not its result
    + r"(?:\s+(?:protein\W{0,2}\s*)?over-?expression)?",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"(?:Ki[\s-]?67|MIB-?1|PD-?L1|o?estrogen|progesterone|androgen|(?<![\w/-])(?:ER|PR|PgR|AR)(?![\w/])|\bBRCA|\bPIK3CA|\bESR1)",
    re.IGNORECASE,
)
_ISH = r"(?:FISH|SISH|CISH|DDISH|DISH|ISH|in[\s-]+situ\s+hybridi[sz]ation|dual[\s-]+probe)"
_IHC_SCORE = re.compile(
    r"(?:(?<![\d.])(?P<score>[0-3])\s*\+(?!\d)"
    r"|(?:score|ihc|intensity|staining)\)?\s*(?:of|:|=|is)?\s*\(?(?P<zero>0|zero)\b(?![\d%]|\.\d)"
    r"|\b(?P<zword>0)\s*\((?:negative|zero|no staining|ultra[\s-]?low)\b"
    r"|\((?P<zparen>0)\)"
    # a clone's name and a colon, then the score: "HER2 (4B5): 0", "HER2 (IHC): 0."
    r"|^\s*(?:\([^()\n]{1,12}\)\s*)?:\s*(?P<zcolon>0)(?=\s*(?:[,;(]|\.(?!\d)|$)))",
    re.IGNORECASE,
)
_ULTRALOW = re.compile(
    r"ultra[\s-]?low|0\s*\+?\s*/\s*>\s*0|>\s*0\s*(?:but|and)\s*<?\s*=?\s*10|faint[^.;]{0,60}?(?:<|<=|less than or equal to|no more than|in\s+up\s+to)\s*=?\s*10\s*%",
    re.IGNORECASE,
)
_ISH_WORD = re.compile(
    r"(?P<not>not\s+amplified|non-?amplified|no\s+(?:evidence\s+of\s+)?amplification|negative\s+for\s+(?:gene\s+)?amplification|without\s+amplification|not\s+amplifed)"
    r"|(?P<amp>amplified(?!\s+(?:control|cell|tissue))|amplification\s+(?:is\s+|was\s+)?(?:detected|present|identified|observed)|positive\s+for\s+(?:gene\s+)?amplification)"
    # "ISH for an equivocal (2+) immunohistochemistry result": that equivocal is the IHC's
    r"|(?P<eq>equivocal(?!\s*\(?\s*(?:2\+|ihc|immuno)))"
    r"|(?P<pending>pending|to\s+follow|will\s+be\s+reported|has\s+been\s+(?:sent|ordered|requested)|was\s+(?:sent|ordered|requested)|in\s+progress|to\s+be\s+performed|is\s+being\s+performed|requested|ordered)",
    re.IGNORECASE,
)
_RATIO = re.compile(
    r"(?:ratio|HER2\s*[/:]\s*CEP\s*-?\s*17|HER2\s*:\s*chromosome\s*17)(?:[^0-9.;]|HER-?2|CEP\s*-?\s*17|chromosome\s+17){0,40}?(?<![A-Za-z])(?P<ratio>\d{1,2}\.\d{1,3}|\d{1,2})(?![\d/])",
    re.IGNORECASE,
)
_COPIES = re.compile(
    r"(?:(?:average|mean)\s+(?:HER2\s+)?(?:copy\s+number|copies|signals?)|HER2\s+copy\s+number|HER2\s+(?:signals|copies)\s+per\s+(?:cell|nucleus))[^0-9;]{0,35}?(?<![A-Za-z])(?P<copies>\d{1,2}(?:\.\d{1,3})?)(?![\d/])",
    re.IGNORECASE,
)
_WORD = re.compile(
    r"\b(?P<word>positive|negative|equivocal|borderline|low|zero|over-?expressed|overexpression|not\s+over-?expressed)\b(?!\s+(?:cases|cont\b|controls?\b))"
    # a sign, not the dash that parts the name from its written result ("HER2 - NEGATIVE")
    r"|^\s*\(?(?P<sign>[+-])(?![\w])(?!\s*[.:]?\s*(?:pos|neg|equivocal|weak|strong|\d))",
    re.IGNORECASE,
)
# A score given as a labelled field is the IHC score even some cells after the name, as in a
# results block under a HER2 heading ("HER-2 RESULTS. Block: A9. Intensity: 2+.") or after the
# sentence naming the test ("HER2 protein stained with HercepTest. ... ( Score = 1+ ).").
_LABELLED_SCORE = re.compile(
    r"\b(?:ihc\s+)?(?:score|intensity)\s*(?:of|:|=|is)?\s*(?:(?P<score>[1-3])\s*\+(?!\d)"
    r"|(?P<zero>0)\s*\+?(?![\d.%]))",
    re.IGNORECASE,
)
# Results written before the name: "negative for HER2 by immunohistochemistry", "equivocal for
# HER-2/neu"; "no amplification of the HER2 gene", "not amplified for HER2".
_WORD_BEFORE = re.compile(
    r"(?<!weakly)(?<!weakly\.)(?<!weakly\s)(?<!weakly\.\s)\b(?P<word>positive|negative|equivocal)\s+for\s+(?:the\s+)?"
    # other markers named with it share the word: "negative for ER, PR and HER2"
    r"(?:(?:ER|PR|PgR|o?estrogen|progesterone|hormone|receptors?)[\s,/&]{0,3}(?:and\s+|&\s*)?)*$",
    re.IGNORECASE,
)
_NOT_AMPLIFIED_BEFORE = re.compile(
    r"\b(?:no\s+(?:evidence\s+of\s+)?amplification|not\s+amplified|non-?amplified)\s+(?:of|for|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BY_ISH = re.compile(
    r"\W{0,3}(?:gene\s+)?(?:(?:amplification|status)\s+)?by\s+" + _ISH, re.IGNORECASE
)
# "HER 2 NEU (by FISH) : 1.4": a bare number given as the ISH result is the HER2/CEP17 ratio.
_ISH_NUMBER = re.compile(
    _ISH + r"\s*\)?\s*:\s*(?P<ratio>\d{1,2}\.\d{1,3})(?![\d.])(?!\s*(?:cm|mm|%|copies|signals))",
    re.IGNORECASE,
)
# A legend of the categories ("For HER2: Positive cases are those with ...") is not a result.
_LEGEND_BEFORE = re.compile(r"(?:^|[.;]\s*)for\s+$", re.IGNORECASE)
_WINDOW = 220


_CONTINUES_RESULT = re.compile(
    r"\s*(?:[/:]\s*CEP|\s*to\s+CEP|\s+(?:copy|copies|signals?|gene\s+copy)|\s*:\s*CEP)",
    re.IGNORECASE,
)
_BLOCK_END = re.compile(r"\n\s*\n")
_IHC_AFTER = re.compile(r"[\s(/]*(?:neu[\s)]*)?(?:ihc|immunohisto)", re.IGNORECASE)
_NO_BEFORE = re.compile(r"\b(?:no|without)\s+$", re.IGNORECASE)
_GENE_AMPLIFICATION = re.compile(r"(?:/neu)?\s+(?:gene\s+)?amplification\b", re.IGNORECASE)


def find_her2(page: PageView) -> list[Finding]:
    findings = []
    text = page.text
    names = [m for m in _NAME.finditer(text) if not _continues(text, m)]
    for index, match in enumerate(names):
        sentence_start, _ = page.sentence_bounds(match.start())
        if _LEGEND_BEFORE.search(text[max(0, match.start() - 8) : match.start()]) and re.match(
            r"\s*:", text[match.end() :]
        ):
            continue
        # "By FISH, HER2 is amplified": the method may come just before the name
        before = text[max(sentence_start, match.start() - 40) : match.start()]
        block = min(len(text), match.end() + _WINDOW)
        blank = _BLOCK_END.search(text, match.end(), block)
        if blank:
            block = blank.start()
        if index + 1 < len(names):
            block = min(block, names[index + 1].start())
        stop = _STOP.search(text, match.end(), block)
        if stop:
            block = stop.start()
        sentence_limit = reach(page, match.end(), block)
        # "... ISH testing requested because HER2 IHC was 2+": a name followed by IHC is read
        # as IHC whatever came before it
        ish_before = bool(re.search(_ISH, before, re.IGNORECASE)) and not _IHC_AFTER.match(
            text, match.end()
        )
        value, used = read_her2(
            text[match.end() : block],
            sentence_length=sentence_limit - match.end(),
            ish_before=ish_before,
        )
        if "ihc" not in value and not ish_before:
            score = _LABELLED_SCORE.search(text, sentence_limit, block)
            ish = re.search(_ISH, text[sentence_limit : score.start()], re.I) if score else None
            if score and not ish:
                value["ihc"] = score.group("score") + "+" if score.group("score") else "0"
                used = max(used, score.end() - match.end())
        start = match.start()
        if _NO_BEFORE.search(text, max(0, match.start() - 12), match.start()) and (
            _GENE_AMPLIFICATION.match(text, match.end())
        ):
            # "No HER2 gene amplification detected": the "no" governs the whole phrase
            value.pop("word", None)
            value["ish"] = "not amplified"
            start = _NO_BEFORE.search(text, max(0, match.start() - 12), match.start()).start()
        prior = _read_before(text, names[index - 1].end() if index else 0, match)
        if prior is not None:
            words, start = prior
            value = {**words, **value}
        if not value:
            continue
        start, end = trim(text, start, match.end() + used)
        findings.append(Finding("biomarker", Field.BIOMARKER, "HER2", value, start, end))
    return findings


def _read_before(text: str, previous_end: int, match: re.Match[str]) -> tuple[dict, int] | None:
    """A result written before the name, and where it starts: "negative for HER2" (by FISH:
    not amplified), "no amplification of the HER2 gene"."""
    begin = max(previous_end, match.start() - 90)
    before = text[begin : match.start()]
    not_amplified = _NOT_AMPLIFIED_BEFORE.search(before)
    if not_amplified:
        return {"ish": "not amplified"}, begin + not_amplified.start()
    word = _WORD_BEFORE.search(before)
    if not word:
        return None
    kind = word.group("word").lower()
    by_ish = _BY_ISH.match(text, match.end()) or _GENE_AMPLIFICATION.match(text, match.end())
    if by_ish and kind in {"positive", "negative"}:  # "NEGATIVE for HER2 gene amplification"
        return {"ish": "amplified" if kind == "positive" else "not amplified"}, begin + word.start()
    return {"word": kind}, begin + word.start()


def _continues(text: str, match: re.Match[str]) -> bool:
    """A HER2 inside a FISH result ("HER2/CEP17 ratio", "average HER2 copy number")."""
    if re.search(
        r"(?:average|mean|ratio\s+of|ratio)\s*$",
        text[max(0, match.start() - 15) : match.start()],
        re.IGNORECASE,
    ):
        return True
    return (
        bool(_CONTINUES_RESULT.match(text, match.end()))
        and not re.match(r"\s*/\s*CEP\s*-?\s*17\s+ratio", text[match.end() :], re.IGNORECASE)
        and bool(re.search(_ISH, text[max(0, match.start() - 60) : match.start()], re.IGNORECASE))
    )


def read_her2(
    window: str, *, sentence_length: int | None = None, ish_before: bool = False
) -> tuple[dict, int]:
    """The HER2 results written in ``window`` (the words after the name) and how far they go.

    IHC score and written category are read within the sentence; an ISH result may run on
    into the next sentences of the same block ("Ratio: 2.45. Interpretation: AMPLIFIED").
    """
    value: dict = {}
    ends = [0]
    sentence = window[: sentence_length if sentence_length is not None else len(window)]
    starts = [
        m.start()
        for m in (
            re.search(_ISH, sentence, re.IGNORECASE),
            _RATIO.search(sentence),
            _COPIES.search(sentence),
        )
        if m
    ]
    ish_start = 0 if ish_before else (min(starts) if starts else None)
    head = sentence if ish_start is None or ish_before else sentence[:ish_start]
    if not ish_before:
        score = _IHC_SCORE.search(head)
        ultralow = _ULTRALOW.search(head)
        if score:
            raw = score.group("score")
            value["ihc"] = raw + "+" if raw and raw != "0" else "0"  # "0+" is IHC 0
            ends.append(score.end())
            if value["ihc"] == "0" and ultralow:
                value["ultralow"] = True
                ends.append(ultralow.end())
        word = _WORD.search(head)
        if "ihc" not in value and ultralow:
            value["word"] = "ultralow"
            ends.append(ultralow.end())
        elif "ihc" not in value and word:
            value["word"] = _word(word)
            ends.append(word.end())
        elif word and word.start() < 40:
            ends.append(word.end())
    if not ish_before and "ish" not in value:
        # "HER2 gene is not amplified by FISH": amplification is always an ISH result
        amplification = _ISH_WORD.search(head, 0, 40)
        if amplification and amplification.lastgroup in {"not", "amp"}:
            value["ish"] = "not amplified" if amplification.lastgroup == "not" else "amplified"
            ends.append(amplification.end())
    if ish_start is not None:
        ish_part = window[ish_start:]
        bare = _ISH_NUMBER.match(ish_part)
        if bare and not _RATIO.search(ish_part):
            value["ratio"] = number(bare.group("ratio"))
            ends.append(ish_start + bare.end())
        word = _ISH_WORD.search(ish_part)
        if word:
            kind = word.lastgroup
            if kind == "pending":
                value["ish_pending"] = True
            else:
                value["ish"] = {"not": "not amplified", "amp": "amplified", "eq": "equivocal"}[kind]
            ends.append(ish_start + word.end())
        for pattern, key in ((_RATIO, "ratio"), (_COPIES, "copy_number")):
            found = pattern.search(ish_part)
            if found:
                value[key] = number(found.group(key if key == "ratio" else "copies"))
                ends.append(ish_start + found.end())
        group = re.search(r"group\s*(?P<group>[1-5])\b", ish_part, re.IGNORECASE)
        if group:
            value["ish_group"] = int(group.group("group"))
            ends.append(ish_start + group.end())
    return value, max(ends)


def _word(match: re.Match[str]) -> str:
    if match.group("sign"):
        return "positive" if match.group("sign") == "+" else "negative"
    word = re.sub(r"\s+", " ", match.group("word").lower())
    if word.startswith("not"):
        return "negative"
    if word.startswith("over"):
        return "positive"
    return {"borderline": "equivocal"}.get(word, word)
