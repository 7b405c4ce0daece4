"""Generation backends behind one interface, and the :class:`Model` every caller generates through.

A :class:`Backend` owns its name, the settings it reads, how it loads a LlamaIndex ``LLM``, how its model is
named in answers, how its errors become one-line :class:`UserError`\\ s and how its cached prompt state is
forgotten. Backends register in ``BACKENDS`` with :func:`register`:

* ``llamacpp`` (default): the packaged Qwen2.5-Coder-1.5B GGUF (or ``RAG_MODEL_PATH``) in-process through
  LlamaIndex's ``LlamaCPP``, with Qwen's ChatML template, temperature 0 and one thread per core.
* ``ollama``: an Ollama server (``RAG_OLLAMA_URL``, ``RAG_OLLAMA_MODEL``).
* ``openai``: any OpenAI-compatible server, e.g. vLLM, llama-server or ``python -m llama_cpp.server``
  (``RAG_OPENAI_BASE_URL``, ``RAG_OPENAI_MODEL``, ``RAG_OPENAI_API_KEY``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Protocol

from rag.config import Settings
from rag.errors import UserError, first_line, is_connection_error

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


class Backend(Protocol):
    """A generation backend (see the module docstring for the ones ``rag`` registers)."""

    name: str
    options: tuple[str, ...]  # the Settings fields it reads

    def load(self, settings: Settings) -> LLM:
        """A ready LlamaIndex LLM; UserError when it cannot be loaded."""
        ...

    def describe(self, settings: Settings) -> str:
        """A short name of the model, for the ``model`` field of answers."""
        ...

    def user_error(self, error: Exception) -> UserError | None:
        """The error as a one-line UserError when it is the backend's (unreachable, HTTP error); else None."""
        ...

    def reset(self, llm: LLM) -> None:
        """Forget any prompt state kept between calls, so the next answer does not depend on earlier ones."""
        ...


BACKENDS: dict[str, Backend] = {}


def register(backend: type) -> type:
    """Class decorator: register an instance of ``backend`` under its ``name``."""
    instance = backend()
    BACKENDS[instance.name] = instance
    return backend


def get_backend(name: str) -> Backend:
    """The registered backend called ``name``; UserError naming the choices otherwise."""
    if name not in BACKENDS:
        raise UserError(f"unknown backend {name!r} (RAG_LLM): choose one of {', '.join(BACKENDS)}")
    return BACKENDS[name]


class _ServerBackend:
    """Shared by backends that talk to a server: its connection and HTTP errors are the user's to fix."""

    name: ClassVar[str]
    error_modules: ClassVar[tuple[str, ...]] = ("httpx", "httpcore")

    def user_error(self, error: Exception) -> UserError | None:
        if is_connection_error(error):
            return UserError(f"cannot reach the {self.name} backend ({first_line(error)})")
        if type(error).__module__.split(".")[0] in self.error_modules:
            return UserError(f"the {self.name} backend failed ({first_line(error)})")
        return None

    def reset(self, llm: LLM) -> None:
        """A server keeps no prompt state of ours between requests."""


@register
class LlamaCppBackend:
    name = "llamacpp"
    options = ("model_path", "cache_dir", "threads", "context_window", "max_new_tokens")

    def load(self, settings: Settings) -> LLM:
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

    def describe(self, settings: Settings) -> str:
        from rag.model_files import MODEL_NAME

        return f"llamacpp:{settings.model_path.name if settings.model_path else MODEL_NAME}"

    def user_error(self, error: Exception) -> UserError | None:
        """llama.cpp runs in-process: its errors are bugs or broken files, never a server to fix."""
        return None

    def reset(self, llm: LLM) -> None:
        """Drop llama.cpp's evaluated prompt (its KV cache prefix)."""
        model = getattr(llm, "_model", None)
        if model is not None and hasattr(model, "reset"):
            model.reset()


@register
class OllamaBackend(_ServerBackend):
    name = "ollama"
    options = ("ollama_url", "ollama_model", "max_new_tokens")
    error_modules = ("ollama", "httpx", "httpcore")

    def load(self, settings: Settings) -> LLM:
        from llama_index.llms.ollama import Ollama

        return Ollama(
            model=settings.ollama_model,
            base_url=settings.ollama_url,
            temperature=0.0,
            request_timeout=120.0,
            additional_kwargs={"num_predict": settings.max_new_tokens},
        )

    def describe(self, settings: Settings) -> str:
        return f"ollama:{settings.ollama_model}"


@register
class OpenAIBackend(_ServerBackend):
    name = "openai"
    options = ("openai_base_url", "openai_model", "openai_api_key", "context_window", "max_new_tokens")
    error_modules = ("openai", "httpx", "httpcore")

    def load(self, settings: Settings) -> LLM:
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

    def describe(self, settings: Settings) -> str:
        return f"openai:{settings.openai_model}"


class Model:
    """The configured backend's LLM, loaded on first use, with the one lock that every caller generates under.

    Callers that share a Model (the chain, the condenser, the eval judge, the stock engine) never run the
    model at once. Unless ``settings.prompt_cache`` is on, every call starts from a clean model state, so an
    answer does not depend on the questions before it. Backend errors arrive as one-line UserErrors.
    """

    def __init__(self, settings: Settings, llm: LLM | None = None) -> None:
        self.settings = settings
        self.backend = get_backend(settings.llm)
        self._llm = llm
        self.lock = threading.Lock()

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            self._llm = self.backend.load(self.settings)
        return self._llm

    @cached_property
    def name(self) -> str:
        return self.backend.describe(self.settings)

    @contextlib.contextmanager
    def session(self) -> Iterator[LLM]:
        """Hold the lock, start from a clean state (unless the prompt cache is on), translate backend errors."""
        with self.lock:
            if not self.settings.prompt_cache:
                self.backend.reset(self.llm)
            try:
                yield self.llm
            except UserError:
                raise
            except Exception as error:
                if (user_error := self.backend.user_error(error)) is not None:
                    raise user_error from error
                raise

    def chat(self, messages: Sequence[ChatMessage]) -> str:
        """The model's reply to ``messages``."""
        with self.session() as llm:
            return llm.chat(messages).message.content or ""

    def stream(self, messages: Sequence[ChatMessage], on_token: Callable[[str], None]) -> str:
        """The model's reply to ``messages``, each new piece passed to ``on_token`` as it arrives."""
        with self.session() as llm:
            text = ""
            for chunk in llm.stream_chat(messages):
                text = chunk.message.content or text
                if chunk.delta:
                    on_token(chunk.delta)
            return text
