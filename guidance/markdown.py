"""A guidance document as Markdown: the same content as the JSON, in reading order.

General answer first, then what the records change, trials with their checklist, questions,
missing facts and the disclaimer, so a printed copy can be taken to the oncologist.
"""

from __future__ import annotations

MARKS = {"met": "[x]", "not met": "[ ] not met:", "unknown": "[?] unknown:"}


def _quotes(evidence: list[dict]) -> list[str]:
    return [f"  > \u201c{q['text']}\u201d ({q['file']}, page {q['page']})" for q in evidence]


def _trial(trial: dict) -> list[str]:
    facts = ", ".join(str(v) for v in (trial["phase"], trial["status"], trial["target"]) if v)
    lines = [
        f"### {trial['nct_id']}: {trial['title']}",
        "",
        f"{facts}. Fit: **{trial['fit']}**.",
        "",
    ]
    for criterion in trial["criteria"]:
        lines.append(f"- {MARKS[criterion['status']]} {criterion['text']}")
    return [*lines, ""]


def render_markdown(document: dict) -> str:
    """The document as Markdown text ending in a newline."""
    topic = document["topic"]
    lines = [f"# {topic['title']}", "", f"Reviewed {topic['reviewed']}.", ""]
    for section in document["general"]:
        lines += [f"## {section['heading']}", "", section["text"], ""]
    if document["personal"]:
        lines += ["## For you", ""]
        for section in document["personal"]:
            lines += [f"### {section['heading']}", "", section["text"], ""]
            lines += [*_quotes(section["evidence"]), ""]
    if document["trials"]:
        lines += ["## Clinical trials", ""]
        for trial in document["trials"]:
            lines += _trial(trial)
    lines += ["## Questions for your oncologist", ""]
    lines += [f"- {question}" for question in document["questions"]] + [""]
    if document["missing"]:
        lines += ["## Not in your records", ""]
        for item in document["missing"]:
            lines.append(f"- **{item['field']}**: {item['why_it_matters']} Ask: {item['ask']}")
        lines.append("")
    if topic["sources"]:
        lines += ["## Sources", ""]
        lines += [f"- [{s['title']}]({s['url']})" for s in topic["sources"]] + [""]
    lines += ["---", "", f"*{document['disclaimer']}*", ""]
    return "\n".join(lines)
