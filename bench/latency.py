"""Benchmark 1: answer latency and prompt size, ``rag`` against the stock LlamaIndex ``CitationQueryEngine``.

Both systems answer from one process: the same Chroma index (the seeds, built in the run's work folder), the
same ``LlamaCPP`` object and the same threads. A probe wrapped around the ``llama_cpp.Llama`` object records,
for every generation call, the exact prompt, the time of the first streamed token and llama.cpp's own
counters (prompt tokens evaluated and their time, generated tokens and their time); calls that the stock
engine makes without streaming are streamed inside the probe, which changes nothing in the output (greedy
decoding) but gives the first token's time. For ``rag`` the time to first token is also taken with
``on_token``, as a user sees it.

Each system answers its questions as one block (after one warm-up question), so that llama.cpp's KV cache
holds that system's own fixed prompt prefix, as it would in a process serving only that system.

Levers measured here: reuse of the fixed prompt prefix from the KV cache (prompt evaluation after a reset
against after the previous question's prompt), prompt-lookup decoding, the context budget (the sentence-level
passages of ``rag.prompt.select_passages`` against whole chunks and against a tighter budget), and the cost
of tokenising a prompt.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rich.progress import Progress

from bench.common import median, ratio, section_args, seeds_settings, write_json
from bench.levers import fewer_sentences, whole_chunk_passages

log = logging.getLogger("bench.latency")

WARM_UP_QUESTION = "who is Dmitry Usov?"
SUBSET_SIZE = 20
FEWER_SENTENCES = 3  # the tighter sentence budget tried against rag.prompt.MAX_SENTENCES


# ---------------------------------------------------------------------------------------------- the probe


@dataclass
class Call:
    """One generation call as llama.cpp saw it."""

    prompt: str
    started: float
    first_token: float | None = None
    finished: float | None = None
    prompt_eval_tokens: int = 0
    prompt_eval_ms: float = 0.0
    generated_tokens: int = 0
    generate_ms: float = 0.0


class LlamaProbe:
    """Stands in for a ``llama_cpp.Llama``: forwards every call, streaming, and records a :class:`Call`."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.calls: list[Call] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def _perf(self) -> Any:
        import llama_cpp

        return llama_cpp.llama_perf_context(self._model._ctx.ctx)

    def __call__(self, prompt: str, stream: bool = False, **kwargs: Any) -> Any:
        import llama_cpp

        llama_cpp.llama_perf_context_reset(self._model._ctx.ctx)
        call = Call(prompt=prompt, started=time.perf_counter())
        self.calls.append(call)
        chunks = self._model(prompt=prompt, stream=True, **kwargs)

        def recorded() -> Iterator[dict]:
            for chunk in chunks:
                if call.first_token is None:
                    call.first_token = time.perf_counter()
                yield chunk
            call.finished = time.perf_counter()
            perf = self._perf()
            call.prompt_eval_tokens, call.prompt_eval_ms = perf.n_p_eval, perf.t_p_eval_ms
            call.generated_tokens, call.generate_ms = perf.n_eval, perf.t_eval_ms

        if stream:
            return recorded()
        text, last = "", None
        for chunk in recorded():
            text += chunk["choices"][0]["text"]
            last = chunk
        finish = last["choices"][0].get("finish_reason") if last else "stop"
        return {"choices": [{"text": text, "index": 0, "logprobs": None, "finish_reason": finish}]}

    def count_tokens(self, prompt: str) -> int:
        """Tokens of ``prompt`` exactly as ``Llama.create_completion`` tokenises it."""
        return len(self._model.tokenize(prompt.encode("utf-8"), add_bos=False, special=True))


# ---------------------------------------------------------------------------------------------- questions


def question_subset(size: int = SUBSET_SIZE) -> list[Any]:
    """A fixed subset of the eval cases: every case but the follow-ups (which need a history), evenly spaced.

    The stock engine has no chat history, so follow-up cases are left out for both systems.
    """
    from evals.cases import load_cases

    cases = [case for case in load_cases() if case.kind != "follow_up" and not case.history]
    if size >= len(cases):
        return cases
    picks = sorted({round(i * (len(cases) - 1) / (size - 1)) for i in range(size)})
    return [cases[i] for i in picks]


# ---------------------------------------------------------------------------------------------- measuring


@dataclass
class Measured:
    """One question through one system."""

    case_id: str
    question: str
    answered: bool  # the model was called
    refused: bool
    total_s: float
    ttft_s: float | None  # to the first token of the model (on_token for rag, the probe for the stock engine)
    ttft_llama_s: float | None  # to the first token, as the probe saw it
    prompt_tokens: int  # over all generation calls for this question
    prompt_eval_tokens: int  # those llama.cpp actually evaluated (the rest came from the KV cache)
    prompt_eval_s: float
    generated_tokens: int
    generate_s: float
    calls: int
    scores: dict[str, Any] = field(default_factory=dict)
    answer: str = ""


def measure(
    probe: LlamaProbe,
    case: Any,
    ask: Callable[[str, Callable[[str], None]], Any],
) -> Measured:
    """Ask one question; ``ask(question, on_token)`` returns an ``Answer``."""
    from evals.metrics import score

    first: list[float] = []
    before = len(probe.calls)
    started = time.perf_counter()
    answer = ask(case.question, lambda _delta: first or first.append(time.perf_counter()))
    total = time.perf_counter() - started
    calls = probe.calls[before:]
    llama_first = next((c.first_token for c in calls if c.first_token is not None), None)
    result = answer.to_dict()
    scores = score(case, result)
    return Measured(
        case_id=case.id,
        question=case.question,
        answered=bool(calls),
        refused=bool(answer.refused),
        total_s=total,
        ttft_s=(first[0] - started) if first else (llama_first - started if llama_first else None),
        ttft_llama_s=(llama_first - started) if llama_first else None,
        prompt_tokens=sum(probe.count_tokens(c.prompt) for c in calls),
        prompt_eval_tokens=sum(c.prompt_eval_tokens for c in calls),
        prompt_eval_s=sum(c.prompt_eval_ms for c in calls) / 1000,
        generated_tokens=sum(c.generated_tokens for c in calls),
        generate_s=sum(c.generate_ms for c in calls) / 1000,
        calls=len(calls),
        scores={
            k: v for k, v in vars(scores).items() if k not in ("latency_s", "citation_recall", "citation_precision")
        },
        answer=result["answer"],
    )


def summarise(rows: list[Measured], ids: set[str] | None = None) -> dict[str, Any]:
    """Medians over ``rows`` (only the cases in ``ids`` when given)."""
    rows = [r for r in rows if ids is None or r.case_id in ids]

    def med(name: str) -> float | None:
        return median([getattr(r, name) for r in rows if getattr(r, name) is not None])

    prompt_rate = [r.prompt_eval_tokens / r.prompt_eval_s for r in rows if r.prompt_eval_s > 0]
    gen_rate = [r.generated_tokens / r.generate_s for r in rows if r.generate_s > 0]
    return {
        "questions": len(rows),
        "total_s": med("total_s"),
        "ttft_s": med("ttft_s"),
        "prompt_tokens": med("prompt_tokens"),
        "prompt_eval_tokens": med("prompt_eval_tokens"),
        "prompt_eval_s": med("prompt_eval_s"),
        "generated_tokens": med("generated_tokens"),
        "generate_s": med("generate_s"),
        "prompt_tokens_per_s": median(prompt_rate),
        "generated_tokens_per_s": median(gen_rate),
    }


def subset_scores(rows: list[Measured]) -> dict[str, Any]:
    """The eval metrics that need no judge, over this subset (means over the cases each applies to)."""

    def mean(name: str) -> float | None:
        values = [r.scores.get(name) for r in rows]
        values = [float(v) for v in values if v is not None]
        return sum(values) / len(values) if values else None

    return {
        "passed": sum(not r.scores.get("failures") for r in rows),
        "cases": len(rows),
        "fact_recall": mean("fact_recall"),
        "document_recall": mean("document_recall"),
        "citation_coverage": mean("citation_coverage"),
        "citation_validity": mean("citation_validity"),
        "attribution_recall": mean("attribution_recall"),
        "refusal_accuracy": mean("refusal_correct"),
    }


# ---------------------------------------------------------------------------------------------- levers


def kv_cache_lever(probe: LlamaProbe, prompts: list[str]) -> dict[str, Any]:
    """Prompt evaluation (``max_tokens=1``) of each prompt after the previous one (prefix cached) and after a
    reset (nothing cached), back to back."""
    model = probe._model
    warm_ms, cold_ms, warm_tokens, cold_tokens = [], [], [], []
    pairs = list(itertools.pairwise(prompts))
    with Progress(transient=True) as progress:
        task = progress.add_task("KV prefix reuse", total=len(pairs))
        for previous, prompt in pairs:
            for mode in ("warm", "cold"):
                model.reset()
                if mode == "warm":
                    probe(previous, max_tokens=1, temperature=0.0, top_k=1)
                probe(prompt, max_tokens=1, temperature=0.0, top_k=1)
                call = probe.calls[-1]
                (warm_ms if mode == "warm" else cold_ms).append(call.prompt_eval_ms)
                (warm_tokens if mode == "warm" else cold_tokens).append(call.prompt_eval_tokens)
            progress.advance(task)
    return {
        "prompts": len(pairs),
        "warm_prompt_eval_s": (median(warm_ms) or 0) / 1000,
        "cold_prompt_eval_s": (median(cold_ms) or 0) / 1000,
        "warm_prompt_eval_tokens": median(warm_tokens),
        "cold_prompt_eval_tokens": median(cold_tokens),
        "ratio": ratio(median(warm_ms), median(cold_ms)),
    }


def prompt_lookup_lever(probe: LlamaProbe, settings: Any, prompts: list[str], max_tokens: int) -> dict[str, Any]:
    """Prompt-lookup decoding (llama_cpp's ``LlamaPromptLookupDecoding`` draft model): answers copy phrases
    from the passages, and checking a drafted run of tokens in one batch is cheaper than decoding them one by
    one. A second ``Llama`` over the same (mmapped) file with the draft model, against the chain's own;
    both from an empty KV cache, greedy, so the texts must be identical."""
    from llama_cpp import Llama
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    model = probe._model
    draft = Llama(
        model_path=model.model_path,
        n_ctx=settings.context_window,
        n_threads=settings.threads,
        n_threads_batch=settings.threads,
        n_batch=512,
        logits_all=True,  # implied by draft_model, but llama_cpp sizes its score buffer by this argument alone
        draft_model=LlamaPromptLookupDecoding(num_pred_tokens=10),
        verbose=False,
    )
    kwargs = {"max_tokens": max_tokens, "temperature": 0.0, "top_k": 1, "repeat_penalty": 1.0, "seed": 0}
    kwargs["stop"] = ["<|im_end|>", "<|endoftext|>", "<|im_start|>"]
    plain_s, draft_s, same = [], [], 0
    with Progress(transient=True) as progress:
        task = progress.add_task("prompt-lookup decoding", total=len(prompts))
        for prompt in prompts:
            texts = []
            for llama, times in ((model, plain_s), (draft, draft_s)):
                llama.reset()
                started = time.perf_counter()
                texts.append(llama(prompt=prompt, **kwargs)["choices"][0]["text"])
                times.append(time.perf_counter() - started)
            same += texts[0] == texts[1]
            progress.advance(task)
    del draft
    model.reset()
    return {
        "prompts": len(prompts),
        "plain_s": median(plain_s),
        "draft_s": median(draft_s),
        "ratio": ratio(median(draft_s), median(plain_s)),
        "identical_outputs": same,
    }


def tokenise_cost(probe: LlamaProbe, prompt: str, repeats: int = 200) -> dict[str, Any]:
    started = time.perf_counter()
    for _ in range(repeats):
        probe.count_tokens(prompt)
    return {
        "tokenise_ms": (time.perf_counter() - started) / repeats * 1000,
        "prompt_tokens": probe.count_tokens(prompt),
    }


# ---------------------------------------------------------------------------------------------- the run


def run_block(name: str, probe: LlamaProbe, cases: list[Any], ask: Callable) -> list[Measured]:
    rows = []
    with Progress(transient=True) as progress:
        task = progress.add_task(name, total=len(cases))
        for case in cases:
            row = measure(probe, case, ask)
            log.info(
                "%-9s %-28s total %5.1f s  ttft %s  prompt %d tok (%d evaluated)",
                name,
                case.id,
                row.total_s,
                f"{row.ttft_s:.1f} s" if row.ttft_s is not None else "-",
                row.prompt_tokens,
                row.prompt_eval_tokens,
            )
            rows.append(row)
            progress.advance(task)
    return rows


def main() -> None:
    args = section_args(__doc__.splitlines()[0])
    import rag.chain
    from evals.stock import CitationBaseline
    from rag.chain import AnswerChain
    from rag.llms import messages_to_chatml

    cases = question_subset(3 if args.quick else SUBSET_SIZE)
    settings = seeds_settings()
    started = time.perf_counter()
    chain = AnswerChain(settings).load()
    load_s = time.perf_counter() - started
    probe = LlamaProbe(chain.llm._model)
    chain.llm._model = probe
    baseline = CitationBaseline(chain)

    captured: list[Any] = []
    original_build = rag.chain.build_messages

    def capturing(question: str, passages: list[Any]) -> Any:
        messages = original_build(question, passages)
        captured.append(messages)
        return messages

    rag.chain.build_messages = capturing

    def ask_rag(question: str, on_token: Callable[[str], None]) -> Any:
        return chain.ask(question, on_token=on_token)

    def ask_stock(question: str, _on_token: Callable[[str], None]) -> Any:
        return baseline.ask(question)

    log.info("%d questions; rag first, then the stock engine (each after one warm-up question)", len(cases))
    chain.ask(WARM_UP_QUESTION)
    first_call, first_capture = len(probe.calls), len(captured)
    rag_rows = run_block("rag", probe, cases, ask_rag)
    rag_prompts = [c.prompt for c in probe.calls[first_call:]]
    exact = [messages_to_chatml(m) for m in captured[first_capture:]] == rag_prompts
    baseline.ask(WARM_UP_QUESTION)
    first_call = len(probe.calls)
    stock_rows = run_block("stock", probe, cases, ask_stock)
    stock_prompts = [c.prompt for c in probe.calls[first_call:]]

    answered = {r.case_id for r in rag_rows if r.answered}
    result: dict[str, Any] = {
        "questions": [c.id for c in cases],
        "model_load_s": load_s,
        "prompt_cache": settings.prompt_cache,
        "rag_prompt_is_messages_to_chatml": exact,
        "rows": {"rag": [vars(r) for r in rag_rows], "stock": [vars(r) for r in stock_rows]},
        "all": {"rag": summarise(rag_rows), "stock": summarise(stock_rows)},
        "answered": {"rag": summarise(rag_rows, answered), "stock": summarise(stock_rows, answered)},
        "scores": {"rag": subset_scores(rag_rows), "stock": subset_scores(stock_rows)},
    }

    # Lever: the KV cache keeps the fixed prefix (rag's system prompt, the stock template's instructions).
    levers: dict[str, Any] = {}
    sample = 3 if args.quick else 6
    levers["kv_cache_rag"] = kv_cache_lever(probe, rag_prompts[: sample + 1])
    levers["kv_cache_stock"] = kv_cache_lever(probe, stock_prompts[: sample + 1])
    if rag_prompts:
        levers["tokenise"] = tokenise_cost(probe, rag_prompts[0])

    # Lever: prompt-lookup decoding (a draft model made of the prompt's own n-grams).
    levers["prompt_lookup"] = prompt_lookup_lever(probe, settings, rag_prompts[:sample], settings.max_new_tokens)

    # Lever: the context budget. rag cuts the retrieved chunks to their best sentences (select_passages);
    # measured against whole chunks (as before) and a tighter budget, by replacing select_passages.
    from rag.passages import MAX_SENTENCES

    passage_cases = [c for c in cases if c.id in answered]
    passage_ids = {c.id for c in passage_cases}
    levers["passages"] = {
        "questions": [c.id for c in passage_cases],
        "current": {
            "label": f"≤ {MAX_SENTENCES} sentences (now)",
            "summary": summarise(rag_rows, passage_ids),
            "scores": subset_scores([r for r in rag_rows if r.case_id in passage_ids]),
        },
        "variants": {},
    }
    variants = {
        "whole chunks (before sentence-level passages)": whole_chunk_passages,
        f"≤ {FEWER_SENTENCES} sentences": fewer_sentences(FEWER_SENTENCES),
    }
    original_select = rag.chain.select_passages
    for label, select in list(variants.items())[: 1 if args.quick else None]:
        rag.chain.select_passages = select
        chain.ask(WARM_UP_QUESTION)
        rows = run_block(label.split(" (")[0], probe, passage_cases, ask_rag)
        levers["passages"]["variants"][label] = {
            "summary": summarise(rows),
            "scores": subset_scores(rows),
            "rows": [vars(r) for r in rows],
        }
    rag.chain.select_passages = original_select
    result["levers"] = levers
    write_json(args.out, result)


if __name__ == "__main__":
    main()
