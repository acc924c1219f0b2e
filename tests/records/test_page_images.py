"""The page as an image, the evidence words highlighted: boxes, rendering and the view.

Pages are read from generated PDFs by the real pipeline, so the word boxes and page texts are
those a worker stores.
"""

import io
import logging
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image, ImageStat

from records.models import AccessEvent, Action
from records.page_images import PageImageError, highlight_boxes, render_page_png
from records.processing import store_pages
from tests import documents as docs
from tests.factories import upload_document
from workers.pipeline import PageText, Source, Word, run_pipeline
from workers.pipeline.words import word_offsets

PDF = "application/pdf"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ER_WORDS = "Estrogen receptor: positive"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="no tesseract")


def read_page(path: Path) -> PageText:
    return run_pipeline(path).pages[0]


def span_of(page: PageText, words: str) -> tuple[int, int]:
    start = page.text.index(words)
    return start, start + len(words)


@pytest.fixture
def text_page(tmp_path) -> tuple[Path, PageText]:
    path = docs.text_pdf(tmp_path)
    return path, read_page(path)


@pytest.fixture
def column_page(tmp_path) -> PageText:
    return read_page(docs.two_column_pdf(tmp_path))


# Which words a span covers.


def test_a_text_layer_span_gets_the_boxes_of_its_words(text_page):
    _, page = text_page
    boxes = highlight_boxes(page.text, page.words, *span_of(page, ER_WORDS))
    assert [word.text for word in boxes] == ["Estrogen", "receptor:", "positive"]
    assert all(word in page.words for word in boxes)


def test_a_span_cut_inside_words_takes_the_whole_words(text_page):
    _, page = text_page
    start, end = span_of(page, "trogen receptor: posi")
    assert [word.text for word in highlight_boxes(page.text, page.words, start, end)] == [
        "Estrogen",
        "receptor:",
        "positive",
    ]


def test_a_two_column_page_gets_the_words_of_one_column_across_lines(column_page):
    page = column_page
    assert set(word_offsets(page.text, page.words)) == {None}  # reading order broke alignment
    boxes = highlight_boxes(page.text, page.words, *span_of(page, "nodal status and\ndistant"))
    assert [word.text for word in boxes] == ["nodal", "status", "and", "distant"]
    assert all(word.x1 < page.width / 2 for word in boxes)  # all in the left column


@needs_tesseract
def test_a_scanned_page_gets_the_boxes_of_the_words_ocr_read(tmp_path):
    page = read_page(docs.scanned_pdf(tmp_path))
    assert page.source == Source.OCR
    boxes = highlight_boxes(page.text, page.words, *span_of(page, ER_WORDS))
    assert [word.text for word in boxes] == ["Estrogen", "receptor:", "positive"]


def ocr_like_page() -> tuple[str, list[Word]]:
    """Two columns as tesseract might box them (uneven tops), text put in reading order.

    "positive" stands in both columns; the words run across the page row by row.
    """
    words = [
        Word("ER", 72, 100.4, 90, 111.2),
        Word("positive", 94, 99.8, 140, 112.0),
        Word("PR", 320, 100.1, 338, 111.5),
        Word("negative", 342, 100.6, 390, 111.9),
        Word("HER2", 72, 115.2, 100, 126.3),
        Word("positive", 104, 114.9, 150, 126.8),
        Word("Ki-67", 320, 115.5, 350, 126.0),
        Word("high", 354, 115.0, 380, 126.4),
    ]
    return "ER positive\nHER2 positive\nPR negative\nKi-67 high", words


def test_an_ocr_like_page_in_reading_order_finds_the_run_of_words():
    text, words = ocr_like_page()
    start = text.index("PR negative")
    boxes = highlight_boxes(text, words, start, start + len("PR negative"))
    assert boxes == [words[2], words[3]]


def test_a_repeated_word_is_placed_by_the_words_around_it():
    text, words = ocr_like_page()
    start = text.index("HER2 positive") + len("HER2 ")
    assert highlight_boxes(text, words, start, start + len("positive")) == [words[5]]


def test_a_repeated_word_alone_on_its_line_is_placed_nearest_its_position():
    texts = ["a", "same", "c", "d", "e", "f", "same", "h"]
    words = [Word(text, 72, 100 + 15 * n, 120, 111 + 15 * n) for n, text in enumerate(texts)]
    text = "a\nsame\nc\nd\ne\nf\nh\nsame"  # reordered: the second "same" moved to the end
    start = text.rindex("same")
    assert highlight_boxes(text, words, start, start + len("same")) == [words[6]]


def test_a_span_that_matches_no_words_gives_no_box(column_page):
    page = column_page
    text = page.text.replace("Isolated tumor", "Isolated tumour")  # "Isolated" alone matches
    start, end = text.index("Isolated tumour"), text.index("tumour") + len("tumour")
    assert highlight_boxes(text, page.words, start, end) == []


def test_a_span_of_blank_space_gives_no_box(text_page):
    _, page = text_page
    newline = page.text.index("\n")
    assert highlight_boxes(page.text, page.words, newline, newline + 1) == []


# Drawing the page.


def image_of(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    return Image.open(io.BytesIO(png)).convert("RGB")


def mean_colour(image: Image.Image, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    return tuple(ImageStat.Stat(image.crop(tuple(round(v) for v in box))).mean)


def test_a_pdf_page_is_drawn_at_its_aspect_ratio_within_the_width(text_page):
    path, page = text_page
    image = image_of(render_page_png(path, PDF, 1, page.width, page.height, [], max_width=600))
    assert image.width == 600
    assert image.height / image.width == pytest.approx(page.height / page.width, rel=0.01)


def test_the_evidence_words_are_yellow_and_the_rest_of_the_page_is_not(text_page):
    path, page = text_page
    boxes = highlight_boxes(page.text, page.words, *span_of(page, ER_WORDS))
    image = image_of(render_page_png(path, PDF, 1, page.width, page.height, boxes))
    scale = image.width / page.width
    first, last = boxes[0], boxes[-1]
    red, green, blue = mean_colour(
        image, (first.x0 * scale, first.top * scale, last.x1 * scale, last.bottom * scale)
    )
    assert red > 180 and green > 150 and blue < red - 60  # yellow, with dark letters in it
    corner = (image.width - 60, image.height - 60, image.width - 10, image.height - 10)
    assert mean_colour(image, corner) == (255, 255, 255)


def test_without_evidence_the_page_has_no_yellow(text_page):
    path, page = text_page
    boxes = highlight_boxes(page.text, page.words, *span_of(page, ER_WORDS))
    image = image_of(render_page_png(path, PDF, 1, page.width, page.height, []))
    scale = image.width / page.width
    box = boxes[0]
    _, _, blue = mean_colour(
        image, (box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale)
    )
    assert blue > 150  # black letters on white: grey, not yellow


def test_a_photo_is_drawn_upright_as_the_pipeline_read_it(tmp_path):
    path = docs.photo_jpeg(tmp_path, exif_rotated=True)  # stored sideways, tagged to turn
    with Image.open(path) as stored:
        sideways_width, sideways_height = stored.size
    assert sideways_height > sideways_width
    png = render_page_png(path, "image/jpeg", 1, sideways_height, sideways_width, [])
    image = image_of(png)
    assert image.width > image.height


def test_a_damaged_file_raises_a_page_image_error(tmp_path):
    path = docs.corrupt_pdf(tmp_path)
    with pytest.raises(PageImageError):
        render_page_png(path, PDF, 1, 612, 792, [])


def test_a_page_beyond_the_file_raises_a_page_image_error(text_page):
    path, page = text_page
    with pytest.raises(PageImageError):
        render_page_png(path, PDF, 2, page.width, page.height, [])


# The view.


@pytest.fixture
def read_report(patient, tmp_path):
    """A text PDF uploaded and read by the pipeline, its pages stored as the worker stores them."""
    document = upload_document(patient, docs.text_pdf(tmp_path, name="report.pdf"))
    store_pages(document, run_pipeline(Path(document.file.path)))
    document.save()
    return document


def image_url(document, number: int = 1) -> str:
    return reverse("document-page-image", args=[document.patient_id, document.id, number])


def evidence_query(document) -> dict[str, int]:
    text = document.pages.get(number=1).text
    start = text.index(ER_WORDS)
    return {"start": start, "end": start + len(ER_WORDS)}


def test_the_owner_gets_the_page_as_a_png(client, owner, read_report):
    client.force_login(owner)
    response = client.get(image_url(read_report), evidence_query(read_report))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert image_of(response.content).width == 1275


def test_the_page_image_is_never_cached_outside_the_browser_session(client, owner, read_report):
    client.force_login(owner)
    cache_control = client.get(image_url(read_report))["Cache-Control"]
    assert {part.strip() for part in cache_control.split(",")} >= {"private", "no-store"}


def test_the_evidence_span_is_drawn_on_the_image(client, owner, read_report):
    client.force_login(owner)
    plain = client.get(image_url(read_report)).content
    marked = client.get(image_url(read_report), evidence_query(read_report)).content
    assert plain != marked


def test_viewing_the_page_image_is_logged(client, clinician, read_report):
    client.force_login(clinician)
    client.get(image_url(read_report))
    event = AccessEvent.objects.get(actor=clinician)
    assert (event.action, event.target_id) == (Action.VIEW_EVIDENCE, str(read_report.id))


def test_a_missing_page_is_not_found(client, owner, read_report):
    client.force_login(owner)
    assert client.get(image_url(read_report, number=2)).status_code == 404


def test_a_file_that_cannot_be_drawn_is_not_found_and_logs_no_content(
    client, owner, read_report, caplog
):
    Path(read_report.file.path).write_bytes(b"%PDF-1.7\nEstrogen receptor: positive, damaged")
    client.force_login(owner)
    with caplog.at_level(logging.WARNING, logger="records.views.pages"):
        response = client.get(image_url(read_report), evidence_query(read_report))
    assert response.status_code == 404
    assert "page image not rendered" in caplog.text
    assert "Estrogen" not in caplog.text


def test_the_evidence_page_shows_the_image_with_the_same_span(client, owner, read_report):
    client.force_login(owner)
    query = evidence_query(read_report)
    url = reverse("document-page", args=[read_report.patient_id, read_report.id, 1])
    page = client.get(url, query).content.decode()
    assert f'src="{image_url(read_report)}?start={query["start"]}&amp;end={query["end"]}"' in page
    assert 'alt="Page 1 of the document, with the words Navis read highlighted"' in page
