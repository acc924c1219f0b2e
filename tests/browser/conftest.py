"""A real browser for the end-to-end tests: Debian's Chromium driven by Playwright.

Playwright only drives the browser; it never downloads one. The browser is the Debian package
`chromium` that `scripts/setup` installs with apt. Without it (or without Playwright) the
browser tests are skipped with the reason, not failed.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One Chromium for a module, with a fresh temporary profile (Playwright's default).

    Not for the whole session: while Playwright lives, its event loop counts as running in the
    main thread (see below), and every later test would run under the relaxed check below; the
    deploy check in tests/navis/test_settings.py, for one, refuses a process that has it set.
    """
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.skip(f"browser tests need Playwright for Python (uv sync --dev): {error}")

    # While Playwright's sync API is alive, its asyncio event loop counts as running in the
    # main thread, so Django refuses ORM calls there (SynchronousOnlyOperation), e.g. the
    # database flush after each transactional test. Nothing here is async: the ORM calls run
    # in ordinary threads, so we allow them for as long as the browser lives, then restore.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def context(browser) -> Iterator:
    """A fresh set of cookies and tabs for each test, sized like a phone."""
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests save what each step looked like (not committed)."""
    folder = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
