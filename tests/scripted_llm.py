"""ScriptedLLM: a stand-in LLM for unit tests of parsing and control flow only.

It replays fixed replies and records the prompts it was given; it is never used where an answer's
quality is tested (those tests use the real default model).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms.callbacks import llm_completion_callback
from llama_index.core.llms.custom import CustomLLM
from pydantic import PrivateAttr


class ScriptedLLM(CustomLLM):
    """Returns ``replies`` in order (the last one repeats) and keeps every prompt in ``prompts``."""

    replies: list[str]
    _prompts: list[str] = PrivateAttr(default_factory=list)

    @property
    def prompts(self) -> list[str]:
        return self._prompts

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="scripted", is_chat_model=False)

    def _next(self, prompt: str) -> str:
        self._prompts.append(prompt)
        return self.replies[min(len(self._prompts), len(self.replies)) - 1]

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._next(prompt))

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = self._next(prompt)

        def gen() -> CompletionResponseGen:
            so_far = ""
            for word in text.split(" "):
                delta = word if not so_far else f" {word}"
                so_far += delta
                yield CompletionResponse(text=so_far, delta=delta)

        return gen()

    def messages_prompt(self, messages: Sequence[ChatMessage]) -> str:
        return "\n".join(str(m.content) for m in messages)
