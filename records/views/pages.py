"""One page of a document, with the words a fact was read from marked in its text and image."""

import logging
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from records.access import document_for
from records.models import Action, Document, Page
from records.page_images import PageImageError, highlight_boxes, render_page_png, stored_words
from records.views import not_allowed

logger = logging.getLogger(__name__)


Span = tuple[int, int] | None


def span_of(query: QueryDict, length: int) -> Span:
    """`start` and `end` from the query, pulled inside the text; None if absent or empty."""
    try:
        start, end = int(query.get("start", "")), int(query.get("end", ""))
    except ValueError:
        return None
    start, end = min(max(start, 0), length), min(max(end, 0), length)
    return (start, end) if start < end else None


def page_and_span(request: HttpRequest, document: Document, number: int) -> tuple[Page, Span]:
    """The page asked for (404 if the document has none of that number), and the span of its
    text to mark, if the link names one."""
    page = document.pages.filter(number=number).first()
    if page is None:
        raise Http404("No such page.")
    return page, span_of(request.GET, len(page.text))


@login_required
def document_page(
    request: HttpRequest, patient_id: UUID, document_id: UUID, number: int
) -> HttpResponse:
    document = document_for(request.user, patient_id, document_id, Action.VIEW_EVIDENCE)
    if refused := not_allowed(request, "GET"):
        return refused
    page, span = page_and_span(request, document, number)
    start, end = span or (len(page.text), len(page.text))
    return render(
        request,
        "records/document_page.html",
        {
            "document": document,
            "patient": document.patient,
            "page": page,
            "span": span,
            "before": page.text[:start],
            "marked": page.text[start:end],
            "after": page.text[end:],
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if document.pages.filter(number=number + 1).exists() else None,
        },
    )


@login_required
def document_page_image(
    request: HttpRequest, patient_id: UUID, document_id: UUID, number: int
) -> HttpResponse:
    """The page as a PNG, the evidence span's words highlighted: what the clinician checks."""
    document = document_for(request.user, patient_id, document_id, Action.VIEW_EVIDENCE)
    if refused := not_allowed(request, "GET"):
        return refused
    page, span = page_and_span(request, document, number)
    boxes = highlight_boxes(page.text, stored_words(page.words), *span) if span else []
    try:
        with document.file.open("rb") as file:
            png = render_page_png(file, document.media_type, number, page.width, page.height, boxes)
    except (PageImageError, OSError) as error:
        # An exception type only: a message could quote the file, and the file is health data.
        reason = str(error) if isinstance(error, PageImageError) else type(error).__name__
        logger.warning("page image not rendered: %s", reason)
        raise Http404("This page cannot be shown as an image.") from None
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
