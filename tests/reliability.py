"""Helpers for the reliability tests: real servers on free loopback ports, the ``rag`` command, corpora.

Servers run as child processes, are waited for with a bounded timeout and are always stopped (terminate,
then kill) by the fixtures that start them; should the test process itself be killed, they get SIGTERM.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from rag.config import Settings
from tests.conftest import SEEDS

log = logging.getLogger(__name__)

BIN = Path(sys.executable).parent
RAG = str(BIN / "rag")
FAKE_API_KEY = "sk-rag-test-0123456789-SECRET-abcdef"
_TOWNS = "Alder Birch Cedar Dunmore Elmstead Fenwick Glenrock Harlow Ivybridge Juniper".split()
_THINGS = (
    "harbour council bridge budget ferry tram school hospital river market festival library museum stadium "
    "airport railway clinic orchard vineyard quarry"
).split()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server child process on loopback, ready once ``ready_url`` answers 200."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        ready_url: str,
        log_path: Path,
        headers: Mapping[str, str] | None = None,
        startup_timeout: float = 180.0,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.ready_url = ready_url
        self.log_path = log_path
        self.headers = dict(headers or {})
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    def start(self) -> Server:
        """Start the process and wait until it answers; RuntimeError (with its log) when it does not."""
        with self.log_path.open("ab") as out:
            self.process = subprocess.Popen(
                self.argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}: {self.log_tail()}")
            if self.answers():
                log.info("%s is up (pid %d)", self.name, self.process.pid)
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {self.startup_timeout:.0f}s: {self.log_tail()}")

    def answers(self) -> bool:
        request = urllib.request.Request(self.ready_url, headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """Terminate, then kill if it lingers; safe to call twice."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _die_with_parent() -> None:
    """In the child, before exec: be sent SIGTERM when the test process dies, so no server outlives it."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG (Linux)


def chroma_server(data_dir: Path, log_path: Path) -> Server:
    """``chroma run`` on a free loopback port, storing in ``data_dir`` (not started)."""
    port = free_port()
    return Server(
        "chroma server",
        [str(BIN / "chroma"), "run", "--path", str(data_dir), "--host", "127.0.0.1", "--port", str(port)],
        f"http://127.0.0.1:{port}/api/v2/heartbeat",
        log_path,
        startup_timeout=60,
    )


def llama_server(model: Path, log_path: Path, port: int | None = None) -> Server:
    """llama-cpp-python's OpenAI-compatible server on loopback with the model, requiring FAKE_API_KEY."""
    port = port or free_port()
    threads = str(os.cpu_count() or 1)
    argv = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--n_ctx", "2048", "--chat_format", "chatml"]
    argv += ["--n_threads", threads, "--n_threads_batch", threads, "--api_key", FAKE_API_KEY]
    return Server(
        "llama_cpp.server",
        argv,
        f"http://127.0.0.1:{port}/v1/models",
        log_path,
        headers={"Authorization": f"Bearer {FAKE_API_KEY}"},
    )


def base_url(server: Server) -> str:
    """The OpenAI base URL (``.../v1``) of a llama_cpp.server."""
    return server.ready_url.removesuffix("/models")


def rag_env(**values: str | Path) -> dict[str, str]:
    """The environment for a ``rag`` child: this one without any RAG_* variable, plus ``values``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update({k: str(v) for k, v in values.items()})
    return env


def run_rag(args: Sequence[str], env: Mapping[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the ``rag`` command to completion, capturing text output."""
    return subprocess.run(
        [RAG, *args], env=dict(env), capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


def private_index(settings: Settings, folder: Path) -> Settings:
    """``settings`` on a copy of its index, for a child process that may rebuild it (were the code to change
    under a running session, a child would find the shared index stale)."""
    return settings.with_overrides(index_dir=shutil.copytree(settings.index_dir, folder))


def copy_seeds(folder: Path) -> Path:
    """A writable copy of the seed articles in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.glob("*.txt"):
        shutil.copyfile(path, folder / path.name)
    return folder


def generated_article(number: int) -> str:
    """A small local-news article about a made-up town, different for every ``number``."""
    rng = random.Random(number)
    town = f"{rng.choice(_TOWNS)}{number}"
    lines = [f"The {town} Courier", f"{town} debates its {rng.choice(_THINGS)}", ""]
    for _ in range(14):
        first, second = rng.sample(_THINGS, 2)
        cost = rng.randint(2, 900)
        lines.append(f"Officials in {town} said the {first} would cost {cost} thousand crowns, more than the {second}.")
    return "\n".join(lines) + "\n"


def chunks_in(folder: Path) -> int:
    """How many chunks the articles in ``folder`` make, as the current corpus and chunking code cut them."""
    from rag.ingest.chunking import chunk_article
    from rag.ingest.corpus import load_corpus

    return sum(len(chunk_article(article)) for article in load_corpus(folder).articles)


def write_generated(folder: Path, count: int) -> list[Path]:
    """``count`` generated articles in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"gen_{number:04d}.txt" for number in range(count)]
    for number, path in enumerate(paths):
        path.write_text(generated_article(number), encoding="utf-8")
    return paths
