"""Settings, read from ``RAG_*`` environment variables and overridden by command-line options.

=====================  ===========================================  ==========================================
variable               meaning                                      default
=====================  ===========================================  ==========================================
RAG_SEEDS_DIR          folder of articles (.txt, .md)               ``seeds``
RAG_INDEX_DIR          folder of the persisted Chroma index         ``index``
RAG_CHROMA_URL         a Chroma server (``chroma run``) holding     (none: the embedded store in
                       the index instead of RAG_INDEX_DIR           RAG_INDEX_DIR)
RAG_CACHE_DIR          where the assembled default model is kept    ``~/.cache/rag``
RAG_LLM                generation backend: llamacpp|ollama|openai   ``llamacpp``
RAG_MODEL_PATH         a GGUF file for llamacpp instead of the      (the packaged Qwen2.5-Coder-1.5B)
                       packaged model
RAG_THREADS            CPU threads for llama.cpp                    number of cores
RAG_OLLAMA_URL         Ollama server                                ``http://127.0.0.1:11434``
RAG_OLLAMA_MODEL       Ollama model name                            ``qwen2.5-coder:1.5b``
RAG_OPENAI_BASE_URL    OpenAI-compatible server (vLLM, llama-       ``http://127.0.0.1:8080/v1``
                       server, llama_cpp.server)
RAG_OPENAI_MODEL       model name sent to that server               ``default``
RAG_OPENAI_API_KEY     API key for that server (never logged)       ``none``
RAG_TOP_K              chunks read for passages                     ``4``
RAG_PROMPT_CACHE       reuse llama.cpp's evaluated prompt prefix    ``1`` (``0``: every answer from a clean
                       across questions                             state, as the evals do)
=====================  ===========================================  ==========================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = field(default_factory=lambda: Path(_env("RAG_SEEDS_DIR", "seeds")))
    index_dir: Path = field(default_factory=lambda: Path(_env("RAG_INDEX_DIR", "index")))
    chroma_url: str | None = field(default_factory=lambda: _env("RAG_CHROMA_URL", "") or None)
    cache_dir: Path = field(default_factory=lambda: Path(_env("RAG_CACHE_DIR", str(Path.home() / ".cache" / "rag"))))
    llm: str = field(default_factory=lambda: _env("RAG_LLM", "llamacpp").lower())
    model_path: Path | None = field(default_factory=lambda: Path(p) if (p := _env("RAG_MODEL_PATH", "")) else None)
    threads: int = field(default_factory=lambda: int(_env("RAG_THREADS", str(os.cpu_count() or 1))))
    ollama_url: str = field(default_factory=lambda: _env("RAG_OLLAMA_URL", "http://127.0.0.1:11434"))
    ollama_model: str = field(default_factory=lambda: _env("RAG_OLLAMA_MODEL", "qwen2.5-coder:1.5b"))
    openai_base_url: str = field(default_factory=lambda: _env("RAG_OPENAI_BASE_URL", "http://127.0.0.1:8080/v1"))
    openai_model: str = field(default_factory=lambda: _env("RAG_OPENAI_MODEL", "default"))
    openai_api_key: str = field(default_factory=lambda: _env("RAG_OPENAI_API_KEY", "none"), repr=False)
    top_k: int = field(default_factory=lambda: int(_env("RAG_TOP_K", "4")))
    prompt_cache: bool = field(default_factory=lambda: _env("RAG_PROMPT_CACHE", "1") not in ("0", "false", "no"))
    context_window: int = 2048
    max_new_tokens: int = 160

    def with_overrides(self, **values: object) -> Settings:
        """A copy with the given non-None values replaced (command-line options win over the environment)."""
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in values.items() if v is not None and k in known})
