"""UI fixtures: the app launched once on a free loopback port with the real model, and a headless Chromium.

The app under test is the real one: ``ui.app.build_app`` around the session's ``model_chain`` (the default
model over an index built in a temp folder from the repo's seeds), served by Gradio on 127.0.0.1.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

log = logging.getLogger(__name__)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))[:2]  # the collection test's starting articles
ANSWER_TIMEOUT_S = 600  # one answer takes 6-40 s on a busy 2-core machine; queued ones wait for the others


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch(service) -> tuple[object, str]:
    """Build and launch the app for ``service`` in a background thread; returns (demo, url)."""
    from ui.app import build_app, launch_app

    demo = build_app(service)
    url = launch_app(demo, service.settings, host="127.0.0.1", port=free_port(), block=False)
    log.info("UI under test at %s", url)
    return demo, url


@pytest.fixture(scope="session")
def ui_service(model_chain):
    from ui.app import ChatService

    return ChatService(model_chain)


@pytest.fixture(scope="session")
def app_url(ui_service) -> Iterator[str]:
    """The URL of the app, launched once for the session."""
    demo, url = launch(ui_service)
    yield url
    demo.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (never a downloaded browser build)."""
    missing = [] if CHROMIUM.is_file() else [str(CHROMIUM)]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("playwright (pip install -e '.[dev]')")
    if missing:
        message = f"browser tests need {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser) -> Iterator[Callable]:
    """Open a page on a URL (1400 px wide unless told); fails the test if the page reaches beyond loopback."""
    contexts, outside = [], []

    def open_(url: str, width: int = 1400, height: int = 1000, color_scheme: str = "light"):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            permissions=["clipboard-read", "clipboard-write"],
        )
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda r: outside.append(r.url) if not _local(r.url) else None)
        page.set_default_timeout(ANSWER_TIMEOUT_S * 1000)
        page.goto(url)
        page.wait_for_selector("#rag-question textarea")
        page.wait_for_selector(".rag-articles li")  # the side panel has loaded
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not outside, f"the page requested resources off this machine: {outside}"


def _local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))


def save_screenshot(page, name: str, publish: Path | None = None) -> Path:
    """Save a screenshot under artifacts/; also copy it to ``publish`` when given."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    if publish is not None:
        publish.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, publish)
    return path


HARBOR_ARTICLE = "\n".join(
    [
        "Harbor Daily News",
        'Harbor council backs <img src=x onerror="window.__xss=3"> lighthouse plan',
        "",
        "The Harbor town council voted on Tuesday <script>window.__xss=1</script> to restore the old lighthouse "
        "at a cost of 2 million euros, according to council spokesperson Marta Lind.",
        'Critics of the lighthouse plan <img src=x onerror="window.__xss=2"> said the money should go to the '
        "fishing harbour instead.",
        "The restoration work is expected to start in the spring and to last two years, Lind said.",
        "",
    ]
)


def app_over(tmp_path_factory: pytest.TempPathFactory, model_chain, articles: dict[str, str], read_only: bool = False):
    """A second app over a temp seeds folder holding ``articles`` (file name -> text) and its own index.

    It reuses the session's loaded model (the tests never run two questions at once).
    """
    from rag.chain import AnswerChain
    from rag.ingest.build import build_index
    from rag.ingest.corpus import load_corpus
    from ui.app import ChatService

    seeds = tmp_path_factory.mktemp("seeds")
    for name, text in articles.items():
        (seeds / name).write_text(text, encoding="utf-8")
    settings = model_chain.settings.with_overrides(seeds_dir=seeds, index_dir=tmp_path_factory.mktemp("index"))
    build_index(settings, load_corpus(seeds), progress=False)
    service = ChatService(AnswerChain(settings, model=model_chain.model).load(), read_only=read_only)
    demo, url = launch(service)
    return demo, SimpleNamespace(url=url, seeds=seeds, service=service, demo=demo)


@pytest.fixture(scope="session")
def harbor_app(tmp_path_factory: pytest.TempPathFactory, model_chain) -> Iterator[SimpleNamespace]:
    """An app over one article whose title and text carry HTML and scripts."""
    demo, app = app_over(tmp_path_factory, model_chain, {"harbor.txt": HARBOR_ARTICLE})
    yield app
    demo.close()


@pytest.fixture
def collection_app(tmp_path_factory: pytest.TempPathFactory, model_chain) -> Iterator[SimpleNamespace]:
    """An app whose articles the test adds and removes (its own copy of the seeds)."""
    demo, app = app_over(tmp_path_factory, model_chain, {p.name: p.read_text(encoding="utf-8") for p in SEEDS})
    yield app
    demo.close()


@pytest.fixture(scope="session")
def read_only_app(tmp_path_factory: pytest.TempPathFactory, model_chain) -> Iterator[SimpleNamespace]:
    """An app started as ``rag ui --read-only``."""
    demo, app = app_over(tmp_path_factory, model_chain, {"harbor.txt": HARBOR_ARTICLE}, read_only=True)
    yield app
    demo.close()
