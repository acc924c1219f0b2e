"""The one-page summary a patient or her oncologist prints: ReportLab, from the same Summary
the pages show, so the paper can never say more (or other) than the screen.

One A4 page: when the content would not fit, the type is made smaller (down to a floor),
and only past that floor does it run onto a second page rather than drop anything.
"""

from datetime import datetime
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from records.models import SignOff
from records.summary import ReviewNote, Summary

MARGIN = 14 * mm
SIZES = (9.0, 8.0, 7.0, 6.5)  # tried in turn until the summary fits on one page
DISCLAIMER = (
    "Read by software from the records listed below; values marked verified or corrected were "
    "checked by a clinician. This is not medical advice: discuss it with your oncologist."
)


def review_words(note: ReviewNote | None) -> str:
    if note is None:
        return ""
    if note.state == "verified":
        return f"verified by {note.author}, {note.date}".strip(", ")
    if note.state == "corrected":
        why = f": {note.reason}" if note.reason else ""
        return f"corrected by {note.author}, {note.date}{why}".strip(", ")
    return "not yet checked"


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def render_summary_pdf(
    *,
    patient_name: str,
    summary: Summary | None,
    version: int,
    signed: SignOff | None,
    printed_at: datetime,
) -> bytes:
    """The summary as PDF bytes, on one page whenever the type can shrink enough."""
    for size in SIZES:
        pdf, pages = build(patient_name, summary, version, signed, printed_at, size)
        if pages == 1:
            return pdf
    return pdf


def build(
    patient_name: str,
    summary: Summary | None,
    version: int,
    signed: SignOff | None,
    printed_at: datetime,
    size: float,
) -> tuple[bytes, int]:
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=size, leading=size * 1.25)
    small = ParagraphStyle("small", parent=body, fontSize=size - 1, leading=(size - 1) * 1.25)
    heading = ParagraphStyle(
        "heading", parent=styles["Heading2"], fontSize=size + 2, spaceBefore=4, spaceAfter=2
    )
    title = ParagraphStyle("title", parent=styles["Title"], fontSize=size + 7, spaceAfter=2)
    story: list[Flowable] = [
        para(f"Cancer summary: {patient_name}", title),
        para(
            f"Printed {printed_at:%d %B %Y, %H:%M} · summary version {version} · "
            + (
                f"signed off by {signed.clinician_label} on {signed.created_at:%d %B %Y} "
                f"(version {signed.version})"
                if signed
                else "not signed off by a clinician"
            ),
            small,
        ),
        para(DISCLAIMER, small),
    ]
    if summary is None or not summary.documents:
        story.append(para("No record has been read yet.", body))
    else:
        story += sections(summary, body, small, heading)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title="Cancer summary",
        author="Navis",
    )
    document.build(story)
    return buffer.getvalue(), document.page


def table(rows: list[list[str]], widths: list[float], body: ParagraphStyle) -> Table:
    cells = [[para(text, body) for text in row] for row in rows]
    grid = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b0b0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return grid


def sections(
    summary: Summary, body: ParagraphStyle, small: ParagraphStyle, heading: ParagraphStyle
) -> list[Flowable]:
    width = A4[0] - 2 * MARGIN
    three = [0.28 * width, 0.42 * width, 0.30 * width]
    story: list[Flowable] = []

    def values(name: str, rows: list, first: str) -> None:
        story.append(para(name, heading))
        if not rows:
            story.append(para("Nothing found in the records.", body))
            return
        lines = [[first, "What the records say", "Checked"]]
        for row in rows:
            value = f"{row.value} ({row.detail})" if row.detail else row.value
            lines.append([row.label, value, review_words(row.review)])
        story.append(table(lines, three, body))

    if summary.patient:
        values("About the patient", summary.patient, "Detail")
    values("Diagnosis", summary.diagnosis, "About the cancer")
    values("Biomarkers", summary.biomarkers, "Test")
    values("Stage", summary.stage, "Part of the stage")
    story.append(para("Treatment timeline", heading))
    if summary.treatments:
        lines = [["Treatment", "When", "Checked"]]
        for t in summary.treatments:
            kind = ", ".join(part for part in (t.category, t.setting, t.line) if part)
            name = f"{t.name} ({kind})" if kind else t.name
            when = " to ".join(part for part in (t.start or "start not stated", t.end) if part)
            lines.append([name, when, review_words(t.review)])
        story.append(table(lines, three, body))
    else:
        story.append(para("No treatments found in the records.", body))
    if summary.events:
        values("What happened over time", summary.events, "Event")
    if summary.conflicts or summary.missing:
        story.append(para("To ask about", heading))
        for line in summary.conflicts:
            story.append(para(line, body))
        if summary.missing:
            story.append(para("Not found in the records: " + ", ".join(summary.missing), body))
    story.append(para("Source documents", heading))
    for document in summary.documents:
        details = " · ".join(part for part in (document.kind, document.date) if part)
        story.append(para(f"{document.name}{' · ' + details if details else ''}", small))
    story.append(Spacer(1, 2))
    return story
