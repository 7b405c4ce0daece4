"""Generation backends behind one interface: a LlamaIndex ``LLM`` chosen by ``RAG_LLM``.

* ``llamacpp`` (default): the packaged Qwen2.5-Coder-1.5B GGUF (or ``RAG_MODEL_PATH``) in-process through
  LlamaIndex's ``LlamaCPP``, with Qwen's ChatML template, temperature 0 and one thread per core.
* ``ollama``: an Ollama server (``RAG_OLLAMA_URL``, ``RAG_OLLAMA_MODEL``).
* ``openai``: any OpenAI-compatible server, e.g. vLLM, llama-server or ``python -m llama_cpp.server``
  (``RAG_OPENAI_BASE_URL``, ``RAG_OPENAI_MODEL``, ``RAG_OPENAI_API_KEY``).

Backends register in ``BACKENDS``; each factory takes the settings and returns a ready LLM.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rag.config import Settings
from rag.errors import UserError

if TYPE_CHECKING:
    from llama_index.core.base.llms.types import ChatMessage
    from llama_index.core.llms import LLM

log = logging.getLogger(__name__)

CHATML_STOP = ["<|im_end|>", "<|endoftext|>", "<|im_start|>"]


def messages_to_chatml(messages: Sequence[ChatMessage]) -> str:
    """Qwen's ChatML: ``<|im_start|>role\\ncontent<|im_end|>`` per message, then the assistant's turn."""
    turns = [f"<|im_start|>{m.role.value}\n{m.content}<|im_end|>\n" for m in messages]
    return "".join(turns) + "<|im_start|>assistant\n"


def completion_to_chatml(completion: str) -> str:
    return f"<|im_start|>user\n{completion}<|im_end|>\n<|im_start|>assistant\n"


def _llamacpp(settings: Settings) -> LLM:
    from llama_index.llms.llama_cpp import LlamaCPP

    from rag.model_files import default_model_path

    path = settings.model_path or default_model_path(settings.cache_dir)
    if not path.is_file():
        raise UserError(f"model file not found: {path} (RAG_MODEL_PATH)")
    log.info("loading %s with %d threads", path, settings.threads)
    return LlamaCPP(
        model_path=str(path),
        temperature=0.0,
        max_new_tokens=settings.max_new_tokens,
        context_window=settings.context_window,
        generate_kwargs={"stop": CHATML_STOP, "top_k": 1, "repeat_penalty": 1.0, "seed": 0},
        model_kwargs={
            "n_threads": settings.threads,
            "n_threads_batch": settings.threads,
            "use_mmap": True,
            "n_batch": 512,
        },
        messages_to_prompt=messages_to_chatml,
        completion_to_prompt=completion_to_chatml,
        verbose=False,
    )


def _ollama(settings: Settings) -> LLM:
    from llama_index.llms.ollama import Ollama

    return Ollama(
        model=settings.ollama_model,
        base_url=settings.ollama_url,
        temperature=0.0,
        request_timeout=120.0,
        additional_kwargs={"num_predict": settings.max_new_tokens},
    )


def _openai(settings: Settings) -> LLM:
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=settings.openai_model,
        api_base=settings.openai_base_url,
        api_key=settings.openai_api_key,
        temperature=0.0,
        max_tokens=settings.max_new_tokens,
        is_chat_model=True,
        context_window=settings.context_window,
        timeout=120.0,
        max_retries=0,
    )


BACKENDS: dict[str, Callable[[Settings], LLM]] = {"llamacpp": _llamacpp, "ollama": _ollama, "openai": _openai}


def check_backend(settings: Settings) -> None:
    """UserError for an unknown backend name, before anything slow is loaded."""
    if settings.llm not in BACKENDS:
        raise UserError(f"unknown backend {settings.llm!r} (RAG_LLM): choose one of {', '.join(BACKENDS)}")


def load_llm(settings: Settings) -> LLM:
    """The LLM of the configured backend."""
    check_backend(settings)
    return BACKENDS[settings.llm](settings)


def describe(settings: Settings) -> str:
    """A short name of the model in use, for the ``model`` field of answers."""
    if settings.llm == "llamacpp":
        from rag.model_files import MODEL_NAME

        return f"llamacpp:{settings.model_path.name if settings.model_path else MODEL_NAME}"
    if settings.llm == "ollama":
        return f"ollama:{settings.ollama_model}"
    return f"openai:{settings.openai_model}"
