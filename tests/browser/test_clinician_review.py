"""A patient shares her records; her oncologist reviews them, corrects HER2 and signs off.

In a real Chromium on a phone-sized screen, with a real worker reading a real PDF: the
patient uploads and shares; the clinician opens the queue, views the evidence of HER2 on the
page image, corrects HER2 and signs off; the patient then sees the corrected, verified value
and guidance that follows it. Screenshots of each step are saved under test-artifacts/browser.
"""

import re

import pytest

from tests import documents as docs
from tests.reports import BIOPSY

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need Playwright for Python (uv sync --dev)"
)
Page, expect = sync_api.Page, sync_api.expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

READ_WITHIN_MS = 90_000
PASSWORD = "violet-harbour-92-lantern"
CLINICIAN_EMAIL = "dr.okafor@clinic.example"
IMAGE_LOADED = """() => {
  const image = document.querySelector("img.page-image");
  return image !== null && image.complete && image.naturalWidth > 0;
}"""
REASON = "FISH repeated at the referral centre: amplified, ratio 4.1"


def sign_up(page: Page, name: str, email: str, role: str | None) -> None:
    """Fill in the sign-up form; `role` None keeps the one the page chose (an invitation)."""
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    if role:
        page.get_by_label(role).check()
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


def her2_row(page: Page):
    return page.locator("tr").filter(has=page.get_by_role("rowheader", name="HER2", exact=True))


def test_a_clinician_corrects_her2_and_the_patient_sees_it(
    browser, live_server, worker_factory, mailoutbox, screenshots, tmp_path
):
    patient = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    doctor = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    errors: list = []
    for context in (patient, doctor):
        context.on("weberror", lambda error: errors.append(error.error))
    maya, okafor = patient.new_page(), doctor.new_page()

    def shot(tab: Page, step: str) -> None:
        tab.screenshot(path=screenshots / f"review-{step}.png", full_page=True)

    # 1. The patient signs up and uploads her pathology report; a worker reads it.
    maya.goto(live_server.url)
    maya.get_by_role("link", name="Create an account").click()
    sign_up(maya, "Maya", "maya@example.org", "A patient")
    maya.get_by_role("link", name="Upload records").click()
    report = docs.text_pdf(tmp_path, pages=[BIOPSY], name="biopsy.pdf")
    maya.get_by_label("Choose PDF files or photos of pages").set_input_files([report])
    maya.get_by_role("button", name="Upload").click()
    worker_factory()
    item = maya.locator("#results li").filter(has_text="biopsy.pdf")
    expect(item).to_have_text("biopsy.pdf: Ready", timeout=READ_WITHIN_MS)
    maya.get_by_role("link", name="Your summary").click()
    expect(her2_row(maya)).to_contain_text("HER2-low")
    shot(maya, "01-patient-summary-as-read")

    # 2. She shares her records with her oncologist.
    maya.get_by_role("link", name="Sharing").click()
    maya.get_by_label("E-mail address").fill(CLINICIAN_EMAIL)
    maya.get_by_role("button", name="Send invitation").click()
    expect(maya.get_by_text("not accepted yet")).to_be_visible()
    link = re.search(r"https?://\S+", mailoutbox[-1].body).group(0)

    # 3. The oncologist follows the link, creates her account and accepts.
    okafor.goto(link)
    okafor.get_by_role("link", name="Create an account").click()
    sign_up(okafor, "Dr Okafor", CLINICIAN_EMAIL, role=None)
    okafor.get_by_role("button", name="Accept").click()
    expect(okafor.get_by_role("heading", level=1)).to_have_text("Records of Maya")

    # 4. Her queue lists Maya, not yet signed off; the review shows HER2 with its evidence.
    okafor.get_by_role("link", name="Your patients").click()
    row = okafor.locator("table.queue tbody tr").filter(has_text="Maya")
    expect(row.locator("[data-since]")).to_contain_text("Not signed off yet.")
    shot(okafor, "02-clinician-queue")
    row.get_by_role("link", name="Maya").click()
    expect(okafor.get_by_role("heading", level=1)).to_have_text("Review the summary of Maya")
    her2 = okafor.locator("#item-biomarker-her2")
    expect(her2.locator("[data-value]")).to_have_text("HER2-low")
    expect(her2.locator("[data-review]")).to_have_text("Read by software, not yet checked")
    shot(okafor, "03-clinician-review")

    # 5. One click on the evidence opens the page, the words marked in its text and image.
    her2.locator("[data-evidence]").first.click()
    expect(okafor.locator("mark#evidence")).to_have_text("HER2 (IHC): 2+ (equivocal)")
    image = okafor.locator("img.page-image")
    expect(image).to_be_visible()
    okafor.wait_for_function(IMAGE_LOADED)  # the page image, rendered for this request
    shot(okafor, "04-evidence-page")
    okafor.go_back()

    # 6. She corrects HER2, with her reason.
    okafor.get_by_role("link", name="Correct HER2").click()
    expect(okafor.get_by_role("heading", level=1)).to_have_text("Correct: HER2")
    okafor.get_by_label("Result", exact=True).select_option("positive")
    okafor.get_by_label("IHC score").select_option("3+")
    okafor.get_by_label("ISH result").select_option("amplified")
    okafor.get_by_label("HER2/CEP17 ratio").fill("4.1")
    okafor.get_by_label("Why (optional)").fill(REASON)
    shot(okafor, "05-correction-form")
    okafor.get_by_role("button", name="Save the correction").click()
    her2 = okafor.locator("#item-biomarker-her2")
    expect(her2.locator("[data-value]")).to_have_text("Positive")
    expect(her2.locator("[data-review]")).to_contain_text("Corrected by Dr Okafor")
    expect(her2).to_contain_text(REASON)

    # 7. She accepts ER and signs off.
    okafor.get_by_role("button", name="Accept Estrogen receptor (ER)").click()
    expect(okafor.locator("#item-biomarker-er [data-review]")).to_contain_text("Verified")
    okafor.get_by_role("button", name=re.compile(r"^Sign off version \d+$")).click()
    expect(okafor.get_by_text(re.compile(r"^Signed off: version \d+"))).to_be_visible()
    expect(okafor.get_by_text(re.compile(r"^You signed off version \d+"))).to_be_visible()
    shot(okafor, "06-signed-off")

    # 8. The patient sees the corrected, verified values and who checked them.
    maya.get_by_role("link", name="Your summary").click()
    expect(her2_row(maya)).to_contain_text("Positive")
    expect(her2_row(maya)).to_contain_text("Corrected by Dr Okafor")
    expect(her2_row(maya).locator("strong")).to_have_text("Positive")
    expect(her2_row(maya)).to_contain_text("The records said: HER2-low")
    er = maya.locator("tr").filter(has=maya.get_by_role("rowheader", name="Estrogen receptor (ER)"))
    expect(er).to_contain_text("Verified by Dr Okafor")
    expect(maya.get_by_text("Signed off by Dr Okafor")).to_be_visible()
    shot(maya, "07-patient-summary-corrected")

    # 9. Her printable summary carries the correction; guidance follows the corrected value.
    printable = maya.get_by_role("link", name=re.compile("one-page summary"))
    pdf = maya.request.get(live_server.url + printable.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    maya.get_by_role("link", name="Guides").click()
    maya.get_by_role("link", name=re.compile("HER2-targeted", re.I)).first.click()
    for_you = maya.locator("section.for-you")
    expect(for_you).to_contain_text("read as HER2-positive")
    expect(for_you).to_contain_text("Corrected by Dr Okafor")
    shot(maya, "08-patient-guidance")

    assert not errors, f"script errors on the pages: {errors}"
    patient.close()
    doctor.close()
