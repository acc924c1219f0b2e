"""A new patient's first visit, in a real browser on a phone-sized screen.

She signs up, uploads records through the page's script (chosen files and a dropped one), and
watches them being read without reloading: on the upload page (upload.js), on her list of
records and on the scanned document (progress.js). The worker is started only once she is
watching, so the waiting state is always seen and every change after it comes from polling.
"""

import base64
import re
from pathlib import Path

import pytest

from tests import documents as docs

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need Playwright for Python (uv sync --dev)"
)
Page, expect = sync_api.Page, sync_api.expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

SENT_WITHIN_MS = 15_000
READ_WITHIN_MS = 90_000
PASSWORD = "violet-harbour-92-lantern"
NOT_A_RECORD = "This is not a PDF or a photo (JPEG or PNG) of a page."

DROP = """async ({name, type, data}) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type}));
  const zone = document.getElementById("dropzone");
  const options = {bubbles: true, cancelable: true, dataTransfer: transfer};
  const event = (kind) => new DragEvent(kind, options);
  zone.dispatchEvent(event("dragenter"));
  zone.dispatchEvent(event("dragover"));
  const highlighted = zone.classList.contains("over");
  zone.dispatchEvent(event("drop"));
  return highlighted;
}"""


def records(directory: Path) -> dict[str, Path]:
    """What she chooses in the file picker: three PDFs, a photo, and a Word letter."""
    return {
        "report.pdf": docs.text_pdf(
            directory, ["SURGICAL PATHOLOGY\nInvasive ductal carcinoma"], name="report.pdf"
        ),
        "columns.pdf": docs.two_column_pdf(directory, name="columns.pdf"),
        "scan.pdf": docs.scanned_pdf(
            directory, ["PATHOLOGY REPORT\nEstrogen receptor positive"], name="scan.pdf"
        ),
        "photo.jpg": docs.photo_jpeg(directory, ["Tamoxifen started"], name="photo.jpg"),
        "letter.pdf": docs.word_file_named_pdf(directory, name="letter.pdf"),
    }


def drop_file(page: Page, path: Path, media_type: str) -> bool:
    """Drop a file on the drop zone as a browser would; True if the zone lit up while over."""
    data = base64.b64encode(path.read_bytes()).decode()
    return page.evaluate(DROP, {"name": path.name, "type": media_type, "data": data})


def open_in_new_tab(page: Page, link_name: str) -> Page:
    """Ctrl-click a link, so the page she is watching stays as it is."""
    with page.context.expect_page() as opened:
        page.get_by_role("link", name=link_name, exact=True).click(modifiers=["ControlOrMeta"])
    tab = opened.value
    tab.wait_for_load_state()
    tab.evaluate("window.journeyMarker = true")
    return tab


def not_reloaded(page: Page) -> bool:
    return page.evaluate("window.journeyMarker === true")


def test_a_new_patient_uploads_records_and_watches_them_being_read(
    page: Page, live_server, worker_factory, screenshots, tmp_path
):
    errors: list = []
    page.context.on("weberror", lambda error: errors.append(error.error))

    def shot(tab: Page, step: str) -> None:
        tab.screenshot(path=screenshots / f"{step}.png", full_page=True)

    # 1. She finds the sign-up from the home page and creates a patient account.
    page.goto(live_server.url)
    shot(page, "01-home")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Maya")
    page.get_by_label("E-mail address").fill("maya@example.org")
    page.get_by_label("A patient").check()
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    shot(page, "02-sign-up")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your records")
    expect(page.get_by_text("No records yet.")).to_be_visible()
    shot(page, "03-no-records-yet")

    # 2. She uploads with the file picker, then drops one more file on the page.
    page.get_by_role("link", name="Upload records").click()
    page.evaluate("window.journeyMarker = true")
    files = records(tmp_path)
    page.get_by_label("Choose PDF files or photos of pages").set_input_files(list(files.values()))
    page.get_by_role("button", name="Upload").click()
    dropped = docs.text_pdf(tmp_path, ["CLINIC LETTER\nSeen today"], name="clinic-letter.pdf")
    assert drop_file(page, dropped, "application/pdf"), "the drop zone did not light up"
    expect(page.locator("#dropzone")).not_to_have_class(re.compile(r"\bover\b"))

    # 3. Each file is listed by name; the Word letter is refused with the reason; the others
    # wait for the (not yet started) worker, and the time they have waited counts up.
    results = page.locator("#results")

    def item(name: str):
        return results.locator("li").filter(has=page.get_by_text(name, exact=True))

    accepted = [name for name in files if name != "letter.pdf"] + [dropped.name]
    expect(results.locator("li")).to_have_count(len(files) + 1)
    expect(item("letter.pdf")).to_have_text(
        f"letter.pdf: not accepted. {NOT_A_RECORD}", timeout=SENT_WITHIN_MS
    )
    expect(item("letter.pdf")).to_have_class("rejected")
    for name in accepted:
        expect(item(name)).to_contain_text(
            re.compile(r"Waiting to be read \(\d+ s\)"), timeout=SENT_WITHIN_MS
        )
    first = item("report.pdf").inner_text()
    waited = int(re.search(r"\((\d+) s\)", first).group(1))
    later = "|".join(str(s) for s in range(waited + 1, 60))
    expect(item("report.pdf")).to_contain_text(
        re.compile(rf"Waiting to be read \(({later}) s\)"), timeout=SENT_WITHIN_MS
    )
    shot(page, "04-upload-waiting")

    # Her list of records and the scanned document, opened in new tabs, show the wait too.
    listing = open_in_new_tab(page, "See all your records")
    rows = listing.locator("tbody tr")
    expect(rows).to_have_count(len(accepted))

    def row(name: str):
        return rows.filter(has=listing.get_by_role("link", name=name, exact=True))

    for name in accepted:
        expect(row(name).locator("[data-status]")).to_have_text("Waiting to be read")
        expect(row(name).locator("[data-note]")).to_contain_text("so far")
    shot(listing, "05-records-waiting")
    scan = open_in_new_tab(listing, "scan.pdf")
    expect(scan.locator(".status-panel [data-status]")).to_have_text("Waiting to be read")
    expect(scan.locator("[data-waited]")).to_contain_text("so far")
    shot(scan, "06-scan-waiting")

    # The worker starts: every page she has open follows along by itself.
    worker = worker_factory()
    for name in accepted:
        expect(item(name)).to_have_text(f"{name}: Ready", timeout=READ_WITHIN_MS)
        expect(item(name)).to_have_class("ok")
    assert not_reloaded(page), "the upload page reloaded instead of polling"
    shot(page, "07-upload-ready")

    # 4. Her list shows every document ready, one page each, without a reload.
    for name in accepted:
        expect(row(name).locator("[data-status]")).to_have_text("Ready", timeout=READ_WITHIN_MS)
        expect(row(name).locator("[data-pages]")).to_have_text("1")
    assert not_reloaded(listing), "the list of records reloaded instead of polling"
    shot(listing, "08-records-ready")

    # The scanned document reloads itself once read, and shows the text read from the scan.
    page_one = scan.get_by_role("heading", name=re.compile(r"^Page 1"))
    expect(page_one).to_contain_text("read from a scan", timeout=READ_WITHIN_MS)
    expect(scan.locator(".status-panel [data-status]")).to_have_text("Ready")
    expect(scan.get_by_text("1 page, 1 read from a scan")).to_be_visible()
    expect(scan.locator("section.page pre")).to_contain_text(re.compile("estrogen", re.I))
    shot(scan, "09-scan-read")

    assert not errors, f"the pages raised script errors: {errors}\n{worker.tail()}"
