"""HER2: IHC score, ISH result, HER2/CEP17 ratio and copy number, and the written category.

The status itself is decided later (``normalize.her2_status``) once results from the same
specimen are put together: an IHC 2+ here and an addendum's FISH there make one answer.
"""

from __future__ import annotations

import re

from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding, PageView, number, trim

# "ERBB2" names the HER2 protein test when followed by these; otherwise it is the gene (genes.py).
ERBB2_AS_HER2 = r"\s*(?:\(HER2\)|/HER2|IHC|by\s+(?:IHC|FISH|ISH)|status|protein)"
_NAME = re.compile(
    r"(?<![\w])(?:HER[\s-]?2(?:\s*/?\s*-?\s*neu)?|c-?erb-?B-?2|ERBB2(?="
    + ERBB2_AS_HER2
    + r"))(?:\s*\((?:4B5|A0485|CB11|HercepTest|SP3)\))?",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"(?:Ki[\s-]?67|MIB-?1|PD-?L1|o?estrogen|progesterone|androgen|(?<![\w/-])(?:ER|PR|PgR|AR)(?![\w/])|\bBRCA|\bPIK3CA|\bESR1)",
    re.IGNORECASE,
)
_ISH = r"(?:FISH|SISH|CISH|DDISH|DISH|ISH|in[\s-]+situ\s+hybridi[sz]ation|dual[\s-]+probe)"
_IHC_SCORE = re.compile(
    r"(?:(?<![\d.])(?P<score>[0-3])\s*\+(?!\d)|(?:score|ihc|intensity|staining)\s*(?:of|:|=|is)?\s*\(?(?P<zero>0|zero)\b(?![.\d%])|\b(?P<zword>0)\s*\((?:negative|zero|no staining)\)|\((?P<zparen>0)\))",
    re.IGNORECASE,
)
_ULTRALOW = re.compile(
    r"ultra[\s-]?low|0\s*\+?\s*/\s*>\s*0|>\s*0\s*(?:but|and)\s*<?\s*=?\s*10|faint[^.;]{0,60}?(?:<|<=|less than or equal to|no more than|in\s+up\s+to)\s*=?\s*10\s*%",
    re.IGNORECASE,
)
_ISH_WORD = re.compile(
    r"(?P<not>not\s+amplified|non-?amplified|no\s+(?:evidence\s+of\s+)?amplification|negative\s+for\s+(?:gene\s+)?amplification|without\s+amplification|not\s+amplifed)"
    r"|(?P<amp>amplified|amplification\s+(?:is\s+|was\s+)?(?:detected|present|identified|observed)|positive\s+for\s+(?:gene\s+)?amplification|gene\s+amplification)"
    r"|(?P<eq>equivocal)"
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
    r"\b(?P<word>positive|negative|equivocal|borderline|low|zero|over-?expressed|overexpression|not\s+over-?expressed)\b|^\s*\(?(?P<sign>[+-])(?![\w])",
    re.IGNORECASE,
)
_WINDOW = 220


_CONTINUES_RESULT = re.compile(
    r"\s*(?:[/:]\s*CEP|\s*to\s+CEP|\s+(?:copy|copies|signals?|gene\s+copy)|\s*:\s*CEP)",
    re.IGNORECASE,
)
_BLOCK_END = re.compile(r"\n\s*\n")


def find_her2(page: PageView) -> list[Finding]:
    findings = []
    text = page.text
    names = [m for m in _NAME.finditer(text) if not _continues(text, m)]
    for index, match in enumerate(names):
        sentence_start, sentence_end = page.sentence_bounds(match.start())
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
        sentence_limit = min(sentence_end, block)
        value, used = read_her2(
            text[match.end() : block],
            sentence_length=sentence_limit - match.end(),
            ish_before=bool(re.search(_ISH, before, re.IGNORECASE)),
        )
        if not value:
            continue
        start, end = trim(text, match.start(), match.end() + used)
        findings.append(Finding("biomarker", Field.BIOMARKER, "HER2", value, start, end))
    return findings


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
    if ish_start is not None:
        ish_part = window[ish_start:]
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
