"""Browser test support: a live server over the real core, Debian's Chromium via Playwright, screenshots
under ``artifacts/screenshots/`` and an axe-core audit that fails on serious or critical violations.

The server sends a strict ``Content-Security-Policy`` (scripts from 'self' only), so a page that needs an
inline script or handler breaks here first. axe-core comes from npm (``make setup`` puts it in ``.tools``);
it is evaluated through the DevTools protocol, which a page's CSP does not restrict.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.channels.http.app import create_app
from tests.bot.channels.conftest import make_core
from tests.support.live import live_server

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists() or not shutil.which("chromium"):
    pytest.skip(
        f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True
    )


def _with_csp(app):
    @app.middleware("http")
    async def strict_csp(request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return app


@pytest.fixture
def live_core(http_settings, answerer):
    return make_core(http_settings, answerer)


@pytest.fixture
def server(http_settings, live_core):
    with live_server(_with_csp(create_app(http_settings, core=live_core))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


def open_page(browser, viewport: str = "desktop"):
    """A fresh context (own localStorage) at one of the two viewports; CSP violations are collected."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    page.on("pageerror", lambda e: page.csp_errors.append(f"page error: {e}"))
    return page


def shot(page, name: str, *, full_page: bool = False) -> None:
    """What the person sees (the viewport, scrolled as it is), or the whole page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def audit(page) -> None:
    """axe-core on the page as it is now: no serious or critical violation, no CSP violation or script error."""
    assert AXE.exists(), f"axe-core is missing at {AXE}: run `make setup` (npm install of axe-core)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "axe-core violations:\n" + "\n".join(bad)
    assert not page.csp_errors, page.csp_errors


def wait_replies(page, more_than: int) -> None:
    """Wait until there are more than ``more_than`` replies and nothing is pending (locators, not
    ``wait_for_function``: under a strict CSP the page may not evaluate strings)."""
    page.locator(".msg.bot").nth(more_than).wait_for(timeout=120_000)
    page.locator("#working").wait_for(state="detached", timeout=120_000)
