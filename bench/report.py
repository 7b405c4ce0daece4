"""``bench/RESULTS.md`` from the figures of one run (``bench/results.json``).

Every figure is shown beside its reference from the same run, with the ratio; absolute seconds are given
too. Where a goal is missed, the text says what bounds it, from the run's own figures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.common import ROOT

GOALS = {
    "answer": 0.5,  # ours / stock total time
    "cold_start_s": 12.0,
    "indexing": 0.8,  # pipeline / raw chunks per second
    "reindex": 0.05,  # unchanged re-index / full build
    "p95_ms": 50.0,
}


def s(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f} s"


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} ms"


def x(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}×"


def n(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MiB"


def ok(met: bool | None) -> str:
    return "–" if met is None else ("met" if met else "**missed**")


def div(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def load(value: Any) -> str:
    return "–" if not value else f"{value[0]:.2f}"


# ---------------------------------------------------------------------------------------------- sections


def machine_section(results: dict[str, Any]) -> str:
    m, run = results.get("machine", {}), results.get("run", {})
    versions = ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items())
    lines = [
        "## Machine and run",
        "",
        f"* CPU: {m.get('cpu')} — {m.get('cores')} cores ({m.get('cpu_flags')}), {m.get('memory_gib')} GiB RAM, "
        f"{m.get('os')}, Python {m.get('python')}",
        f"* Libraries: {versions}",
        f"* Run started {run.get('started')}{' (quick smoke run: small sizes)' if run.get('quick') else ''}; "
        f"waited {run.get('waited_s', 0):.0f} s for a quiet machine (1-minute load {load(run.get('load_at_call'))} "
        f"when called, {load(run.get('load_at_start'))} at the start, {load(run.get('load_at_end'))} at the end; "
        f"the machine is shared). Whole run: {s(run.get('wall_s'), 0)}.",
        "",
        table(
            ["section", "wall time", "1-min load before", "1-min load after"],
            [
                [
                    name,
                    s(results[name].get("wall_s"), 0),
                    load(results[name].get("load_before")),
                    load(results[name].get("load_after")),
                ]
                for name in ("latency", "coldstart", "indexing", "retrieval", "memory")
                if name in results
            ],
        ),
    ]
    return "\n".join(lines)


def summary_section(results: dict[str, Any]) -> str:
    rows = []
    lat, cold, idx, ret, mem = (
        results.get(k) or {} for k in ("latency", "coldstart", "indexing", "retrieval", "memory")
    )
    if "answered" in lat:
        for over, label in (("answered", "answered questions"), ("all", "all questions")):
            a, b = lat[over]["rag"], lat[over]["stock"]
            r = div(a["total_s"], b["total_s"])
            rows.append(
                [
                    f"Answer time, median, {label}",
                    s(a["total_s"]),
                    f"stock {s(b['total_s'])}",
                    x(r),
                    "≤ 0.5×",
                    ok(r is not None and r <= GOALS["answer"]),
                ]
            )
        a, b = lat["answered"]["rag"], lat["answered"]["stock"]
        for key, label, fmt in (("ttft_s", "Time to first token", s), ("prompt_tokens", "Prompt tokens", n)):
            rows.append(
                [f"{label}, median, answered", fmt(a[key]), f"stock {fmt(b[key])}", x(div(a[key], b[key])), "", ""]
            )
    if "rag_ask_wall_s" in cold:
        rows.append(
            [
                "Cold start `rag ask` to answer",
                s(cold["rag_ask_wall_s"]),
                f"stock {s(cold['stock_wall_s'])}",
                x(cold["ratio_vs_stock"]),
                f"≤ 12 s ({x(cold['ratio_vs_goal'])} of it)",
                ok(cold["rag_ask_wall_s"] <= GOALS["cold_start_s"]),
            ]
        )
    if "pipeline_chunks_per_s" in idx:
        rows.append(
            [
                "Indexing throughput (chunks/s)",
                n(idx["pipeline_chunks_per_s"], 1),
                f"raw encode {n(idx['raw_chunks_per_s'], 1)}",
                x(idx["ratio_pipeline_vs_raw"]),
                "≥ 0.8×",
                ok(idx["ratio_pipeline_vs_raw"] >= GOALS["indexing"]),
            ]
        )
        rows.append(
            [
                "Unchanged re-index",
                s(idx["reindex_s"]),
                f"full build {s(idx['full_build_s'], 1)}",
                x(idx["ratio_reindex_vs_full"], 3),
                "≤ 0.05×",
                ok(idx["ratio_reindex_vs_full"] <= GOALS["reindex"]),
            ]
        )
        rows.append(["Indexing peak RSS", mb(idx["peak_rss_build_mb"]), "", "", "", ""])
    sizes = ret.get("sizes", {})
    if sizes:
        largest = max(sizes, key=int)
        fig = sizes[largest]
        rows.append(
            [
                f"Hybrid retrieval p95 at {n(fig['chunks'])} chunks",
                ms(fig["hybrid"]["p95_ms"]),
                f"stock vector-only {ms(fig['stock_vector']['p95_ms'])}",
                x(fig["ratio_hybrid_vs_stock_p95"]),
                f"≤ 50 ms ({x(fig['ratio_p95_vs_goal'])} of it)",
                ok(fig["hybrid"]["p95_ms"] <= GOALS["p95_ms"]),
            ]
        )
        rows.append([f"Retriever open at {n(fig['chunks'])} chunks", s(fig["open_total_s"]), "", "", "", ""])
    if "rag_ask_peak_rss_mb" in mem:
        rows.append(
            [
                "Peak RSS `rag ask`",
                mb(mem["rag_ask_peak_rss_mb"]),
                f"stock {mb(mem['stock_peak_rss_mb'])}",
                x(mem["ratio_rag_vs_stock"]),
                "",
                "",
            ]
        )
        rows.append(
            [
                "Peak RSS `rag ui` after one answer",
                mb(mem["ui"]["peak_rss_mb"]),
                f"`rag ask` {mb(mem['rag_ask_peak_rss_mb'])}",
                x(mem["ratio_ui_vs_rag_ask"]),
                "",
                "",
            ]
        )
    return "## Summary\n\n" + table(["figure", "ours", "reference (same run)", "ratio", "goal", ""], rows)


def latency_section(lat: dict[str, Any]) -> str:
    if "rows" not in lat:
        return "## 1. Answer latency and prompt size\n\nNot measured in this run."
    rag_rows = {r["case_id"]: r for r in lat["rows"]["rag"]}
    stock_rows = {r["case_id"]: r for r in lat["rows"]["stock"]}
    per_question = []
    for case_id in lat["questions"]:
        a, b = rag_rows[case_id], stock_rows[case_id]
        per_question.append(
            [
                f"`{case_id}`" + ("" if a["answered"] else " (refused before the model)"),
                s(a["total_s"], 1),
                s(a["ttft_s"], 1) if a["answered"] else "–",
                f"{a['prompt_tokens']} ({a['prompt_eval_tokens']})" if a["answered"] else "–",
                str(a["generated_tokens"]),
                s(b["total_s"], 1),
                s(b["ttft_s"], 1),
                f"{b['prompt_tokens']} ({b['prompt_eval_tokens']})",
                str(b["generated_tokens"]),
                x(div(a["total_s"], b["total_s"])),
            ]
        )
    medians = []
    for label, key in (("all questions", "all"), ("answered by rag's model", "answered")):
        a, b = lat[key]["rag"], lat[key]["stock"]
        for name, fmt in (
            ("total_s", s),
            ("ttft_s", s),
            ("prompt_tokens", n),
            ("prompt_eval_tokens", n),
            ("generated_tokens", n),
        ):
            medians.append([f"{label} ({a['questions']})", name, fmt(a[name]), fmt(b[name]), x(div(a[name], b[name]))])
    answered = lat["answered"]
    rates = answered["rag"]
    scores = lat["scores"]
    score_rows = [
        [
            metric,
            n(scores["rag"].get(metric), 0 if metric == "passed" else 2),
            n(scores["stock"].get(metric), 0 if metric == "passed" else 2),
        ]
        for metric in (
            "passed",
            "fact_recall",
            "document_recall",
            "citation_coverage",
            "citation_validity",
            "attribution_recall",
            "refusal_accuracy",
        )
    ]
    ratio_answered = div(answered["rag"]["total_s"], answered["stock"]["total_s"])
    model_share = div(
        (answered["rag"]["prompt_eval_s"] or 0) + (answered["rag"]["generate_s"] or 0), answered["rag"]["total_s"]
    )
    parts = [
        "## 1. Answer latency and prompt size",
        "",
        f"{len(lat['questions'])} eval questions (a fixed subset: every non-follow-up case of `evals/cases/*.yaml`, "
        "evenly spaced in file order; follow-ups are left out because the stock engine has no chat history), "
        "through `rag.chain.AnswerChain(settings).load().ask(q, on_token=...)` and through "
        "`evals.stock.CitationBaseline(chain).ask(q)`: one process, the same Chroma index of the seeds, the same "
        f"`LlamaCPP` object and threads (model load {s(lat.get('model_load_s'))}). Each system answers its "
        "questions as a block after one warm-up question, so the KV cache holds its own fixed prompt prefix. "
        "Time to first token: `on_token` for rag; for the stock engine, a probe around the `llama_cpp.Llama` "
        "object streams the same call and notes its first token (greedy decoding, same text). Prompt tokens: "
        "the exact prompt llama.cpp received, tokenised with the model's tokenizer; in brackets, the tokens "
        "llama.cpp actually evaluated (the rest came from the KV cache). rag's prompt equals "
        f"`messages_to_chatml(build_messages(q, passages))`: {lat.get('rag_prompt_is_messages_to_chatml')}.",
        "",
        table(
            [
                "question",
                "rag total",
                "rag TTFT",
                "rag prompt (eval'd)",
                "rag gen",
                "stock total",
                "stock TTFT",
                "stock prompt (eval'd)",
                "stock gen",
                "ratio",
            ],
            per_question,
        ),
        "",
        "Medians:",
        "",
        table(["over", "figure", "rag", "stock", "ratio"], medians),
        "",
        "Scores on this subset (the eval's metrics that need no judge, `evals.metrics.score`, on the answers "
        "timed above):",
        "",
        table(["metric", "rag", "stock"], score_rows),
        "",
        eval_report_note(),
        "",
        "### What bounds it",
        "",
        f"Median ratio on answered questions: {x(ratio_answered)} (goal ≤ 0.5×). On this machine llama.cpp "
        f"evaluates prompts at {n(rates['prompt_tokens_per_s'], 1)} tokens/s and generates "
        f"{n(rates['generated_tokens_per_s'], 1)} tokens/s (medians, rag's calls); prompt evaluation plus "
        f"generation are {n((model_share or 0) * 100)}% of rag's answer time, retrieval and the guard the rest. "
        "Both systems read the same retrieved chunks with the same model on the same 2 cores and both keep a "
        "fixed prefix in the KV cache; rag's time falls below the stock engine's only by the tokens it does not "
        "send (sentences instead of chunks) or does not generate.",
    ]
    parts += ["", levers_section(lat.get("levers", {}), answered)]
    return "\n".join(parts)


def levers_section(levers: dict[str, Any], answered: dict[str, Any]) -> str:
    parts = ["### Levers", ""]
    for key, label in (("kv_cache_rag", "rag"), ("kv_cache_stock", "stock engine")):
        kv = levers.get(key)
        if kv and kv.get("prompts"):
            parts.append(
                f"* **KV-cache prefix reuse ({label})** — it happens: after the previous question's prompt llama.cpp "
                f"evaluates {n(kv['warm_prompt_eval_tokens'])} tokens of the prompt instead of "
                f"{n(kv['cold_prompt_eval_tokens'])}; prompt evaluation {s(kv['warm_prompt_eval_s'])} against "
                f"{s(kv['cold_prompt_eval_s'])} after a reset ({x(kv['ratio'])}, median of {kv['prompts']} prompts, "
                "`max_tokens=1`, back to back)."
            )
    lookup = levers.get("prompt_lookup")
    if lookup:
        timing = f"{s(lookup['draft_s'])} against {s(lookup['plain_s'])} ({x(lookup['ratio'])}"
        same = f"{lookup['identical_outputs']} of {lookup['prompts']}"
        parts.append(
            "* **Prompt-lookup decoding** (`llama_cpp.llama_speculative.LlamaPromptLookupDecoding` with "
            f"`num_pred_tokens=10` as `draft_model`): a whole answer from an empty cache in {timing}, median of "
            f"{lookup['prompts']} rag prompts); identical text in {same}. It needs `logits_all=True` (logits for "
            "every prompt token, and a score buffer of n_ctx × vocabulary floats, about 1.2 GB at n_ctx 2048)."
        )
    tok = levers.get("tokenise")
    if tok:
        parts.append(
            f"* **Re-tokenisation**: tokenising a {tok['prompt_tokens']}-token prompt takes {tok['tokenise_ms']:.2f} "
            f"ms, {x(div(tok['tokenise_ms'] / 1000, answered['rag']['total_s']), 5)} of the median answer: not "
            "worth avoiding."
        )
    passages = levers.get("passages")
    if passages and passages.get("variants"):
        stock = answered["stock"]
        current = passages["current"]

        def row(label: str, summary: dict[str, Any], scores: dict[str, Any]) -> list[str]:
            return [
                label,
                s(summary["total_s"]),
                s(summary["ttft_s"]),
                n(summary["prompt_tokens"]),
                n(summary["prompt_eval_tokens"]),
                x(div(summary["total_s"], current["summary"]["total_s"])),
                x(div(summary["total_s"], stock["total_s"])),
                n(scores["fact_recall"], 2),
                n(scores["passed"]),
            ]

        rows = [row(current["label"], current["summary"], current["scores"])]
        rows += [row(label, v["summary"], v["scores"]) for label, v in passages["variants"].items()]
        parts += [
            "* **Context budget.** rag already sends sentences, not whole chunks (`rag.prompt.select_passages`). "
            "Measured by putting stand-ins in its place: the whole chunks (what the prompt was before) and a "
            f"tighter sentence budget, on the {len(passages['questions'])} questions rag answered, each run as a "
            "block after the main ones:",
            "",
            table(
                [
                    "passages",
                    "median total",
                    "median TTFT",
                    "prompt tokens",
                    "evaluated",
                    "vs now",
                    "vs stock",
                    "fact recall",
                    "passed",
                ],
                rows,
            ),
        ]
    return "\n".join(parts)


def eval_report_note() -> str:
    """The latest full eval report, quoted (the bench does not run the eval)."""
    reports = sorted((ROOT / "evals" / "reports").glob("*.json"))
    if not reports:
        return (
            "Full eval scores: no report under `evals/reports/` yet; run `rag eval --system both` and cite "
            "its report here."
        )
    data = json.loads(reports[-1].read_text())
    systems = data.get("systems", {})
    metrics = (
        "passed",
        "fact_recall",
        "citation_coverage",
        "citation_validity",
        "attribution_recall",
        "refusal_accuracy",
        "injection_resistance",
        "latency_median_s",
    )
    rows = [[m, *[n(systems[name]["metrics"].get(m), 3) for name in systems]] for m in metrics]
    missing = (
        ""
        if len(systems) > 1
        else (
            " The stock engine is not in that report (it was run with `--system rag`): on the subset above it is "
            "scored from the same answers that were timed; `rag eval --system both` compares the full suite."
        )
    )
    created = data.get("created")
    return (
        f"Full eval scores, latest report `evals/reports/{reports[-1].name}` ({created}; the eval's own "
        f"settings, e.g. a clean KV cache per answer):{missing}\n\n" + table(["metric", *systems], rows)
    )


def coldstart_section(cold: dict[str, Any]) -> str:
    if "rag_phases" not in cold:
        return "## 2. Cold start\n\nNot measured in this run."
    now, levers = cold["rag_phases"], cold.get("levers_phases", {})
    names = list(dict.fromkeys([*now, *levers]))
    rag_rows = [[name, s(now.get(name)), s(levers.get(name))] for name in names]
    rag_rows.append(
        [
            "**sum of phases** (child wall time)",
            f"**{s(sum(now.values()))}** ({s(cold['rag_child_wall_s'])})",
            f"**{s(sum(levers.values()))}** ({s(cold.get('levers_wall_s'))})" if levers else "–",
        ]
    )
    stock_rows = [[name, s(value)] for name, value in cold["stock_phases"].items()]
    stock_rows.append(["**sum of phases**", s(sum(cold["stock_phases"].values()))])
    imports = [[f"`{name}`", s(value)] for name, value in cold.get("importtime_top", [])]
    total = sum(now.values())
    generation = now.get("generation", 0.0)
    loads = sum(v for k, v in now.items() if k not in ("generation", "retrieval", "guard"))
    lever_note = ""
    if levers:
        lever_note = (
            f"With the prototyped levers (below) the same cold start takes {s(cold['levers_wall_s'])}, "
            f"{x(cold['levers_ratio_vs_rag_child'])} of the instrumented child without them "
            f"({x(div(cold['levers_wall_s'], 12.0))} of the goal). Levers: the query embedded by onnxruntime "
            f"with the model exported to ONNX (used: {cold.get('levers_onnx')}; torch imported: "
            f"{cold.get('levers_torch_imported')}); the model loaded in a background thread while the embedder "
            f"and index load; the KV cache of the system prompt ({cold.get('kv_state_tokens')} tokens, "
            f"{n(cold.get('kv_state_mb'), 1)} MiB file) loaded instead of evaluated; `os._exit(0)` after the "
            "answer is printed. Two of them won and are in `rag` now: `AnswerChain.load` loads the model in a "
            "second thread while the embedder and index load, and the `rag` console script ends with `os._exit` "
            "once `rag ask` has written its answers; the spawn-to-exit figure above includes both, while the "
            "instrumented child runs the phases one after another to time each. The ONNX query embedder needs "
            "the `onnx` package to export the model (not a dependency), and the saved KV state would need "
            "invalidating whenever the model or system prompt changes, for about 1.5 s of a cold start only."
        )
    return "\n".join(
        [
            "## 2. Cold start",
            "",
            f'`rag ask "{cold["question"]}"` in a fresh process, spawn to exit, median of {cold["repeats"]} '
            f"(after one unmeasured run that warms the page cache): **{s(cold['rag_ask_wall_s'])}** "
            f"({x(cold['ratio_vs_goal'])} of the 12 s goal); the stock pipeline from a fresh process "
            f"{s(cold['stock_wall_s'])} (ratio {x(cold['ratio_vs_stock'])}). Phases, medians of instrumented "
            "children doing the same steps as `rag ask` (a fresh process has nothing in the KV cache, so the "
            "whole prompt, system prompt included, is evaluated):",
            "",
            table(["phase", "rag (now)", "rag with the levers"], rag_rows),
            "",
            f"Generation is {n(div(generation, total) * 100 if total else None)}% of the cold start; loading "
            f"(interpreter, imports, embedder, index, model, exit) {s(loads)}. {lever_note}",
            "",
            "Stock pipeline (`CitationQueryEngine`, same index and model):",
            "",
            table(["phase", "seconds"], stock_rows),
            "",
            "Import time by top-level package (`python -X importtime`, one rag child, self time of every module "
            "summed by package; the tracing itself slows imports):",
            "",
            table(["package", "import seconds"], imports),
        ]
    )


def indexing_section(idx: dict[str, Any]) -> str:
    if "chunks" not in idx:
        return "## 3. Indexing throughput\n\nNot measured in this run."
    batch_rows = [[str(k), n(v, 1)] for k, v in idx["lever_batch_throughput"].items()]
    return "\n".join(
        [
            "## 3. Indexing throughput",
            "",
            f"Corpus: {idx['articles']} articles generated by `bench/corpus.py` with seed {idx['seed']} (seed "
            "sentences recombined, people renamed, numbers changed, outlets varied), "
            f"{idx['chunks']:,} chunks (median {n(idx['median_chunk_words'])} words); the seeds are 5 articles, "
            "37 chunks.",
            "",
            table(
                ["figure", "seconds", "chunks/s", "reference", "ratio"],
                [
                    [
                        "`build_index` full build (load, chunk, embed, write)",
                        s(idx["full_build_s"], 1),
                        n(idx["pipeline_chunks_per_s"], 1),
                        f"raw `encode` {s(idx['raw_encode_s'], 1)}, "
                        f"{n(idx['raw_chunks_per_s'], 1)} chunks/s (batch {idx['raw_batch_size']})",
                        x(idx["ratio_pipeline_vs_raw"]),
                    ],
                    [
                        "unchanged re-index",
                        s(idx["reindex_s"]),
                        "",
                        f"full build {s(idx['full_build_s'], 1)}",
                        x(idx["ratio_reindex_vs_full"], 3),
                    ],
                    [
                        f"lever: build with `embed_batch_size={idx['lever_best_batch']}`",
                        s(idx["lever_build_s"], 1),
                        n(idx["chunks"] / idx["lever_build_s"], 1),
                        f"default build ({idx['default_batch']})",
                        f"{x(idx['lever_ratio_vs_default_build'])} ({x(idx['lever_pipeline_vs_raw'])} of raw)",
                    ],
                ],
            ),
            "",
            f"Peak RSS: {mb(idx['peak_rss_build_mb'])} at the end of the full build (from "
            f"{mb(idx['rss_before_build_mb'])} with the embedder loaded), {mb(idx['peak_rss_process_mb'])} over "
            "the whole benchmark process.",
            "",
            "Raw `encode` throughput by batch size (first 1,024 chunk texts):",
            "",
            table(["batch size", "chunks/s"], batch_rows),
        ]
    )


def retrieval_section(ret: dict[str, Any]) -> str:
    sizes = ret.get("sizes")
    if not sizes:
        return "## 4. Retrieval latency\n\nNot measured in this run."
    rows, open_rows = [], []
    for fig in sizes.values():
        parts = fig["parts"]
        rows.append(
            [
                n(fig["chunks"]),
                ms(fig["hybrid"]["p50_ms"]),
                ms(fig["hybrid"]["p95_ms"]),
                ms(fig["stock_vector"]["p50_ms"]),
                ms(fig["stock_vector"]["p95_ms"]),
                x(fig["ratio_hybrid_vs_stock_p95"]),
                x(fig["ratio_p95_vs_goal"]),
                ms(parts["embed"]["p95_ms"]),
                ms(fig.get("embed_one_thread", {}).get("p95_ms")),
                ms((fig.get("hybrid_onnx") or {}).get("p95_ms")),
                ms(parts["vector"]["p95_ms"]),
                ms(parts["bm25"]["p95_ms"]),
            ]
        )
        o, lever = fig["open_s"], fig["persisted_lever"]
        open_rows.append(
            [
                n(fig["chunks"]),
                s(fig["open_total_s"]),
                s(o["chroma"]),
                s(o["nodes"]),
                s(o["bm25"]),
                s(o["vocabulary"]),
                s(o["vector"]),
                s(lever["load_s"]),
                x(lever["ratio_load_vs_rebuild"]),
                mb(lever["size_mb"]),
                mb(fig["child_peak_rss_mb"]),
            ]
        )
    any_fig = next(iter(sizes.values()))
    return "\n".join(
        [
            "## 4. Retrieval latency",
            "",
            f"`HybridRetriever.retrieve` (query embedding, Chroma vector search, BM25, rank fusion, per-article "
            f"cap, similarities) over {any_fig['queries']} queries after 10 warm-up queries, each size opened "
            "cold in a fresh process. Reference: the stock LlamaIndex vector retriever (top-k 4) on the same "
            "collection and queries. Indexes built by `build_index` from the generated corpus (seed "
            f"{ret['seed']}); to keep the run short, the first {ret['pool']:,} chunks have their real embeddings "
            f"and later chunks a pooled real vector plus noise (norm {ret['noise']}), so texts, metadata, BM25 "
            "and HNSW are real but vector neighbourhoods are approximate.",
            "",
            table(
                [
                    "chunks",
                    "hybrid p50",
                    "hybrid p95",
                    "stock p50",
                    "stock p95",
                    "p95 ratio",
                    "p95 / 50 ms",
                    "embed p95",
                    "embed p95, 1 thread",
                    "hybrid p95, onnx query embedding",
                    "vector p95",
                    "BM25 p95",
                ],
                rows,
            ),
            "",
            "One-time open cost (`HybridRetriever.open` + `warm_up`), and the lever of a persisted BM25 index, "
            "vocabulary and proper nouns (saved beside the index, loaded instead of rebuilt from the nodes):",
            "",
            table(
                [
                    "chunks",
                    "open total",
                    "Chroma",
                    "nodes",
                    "BM25 build",
                    "vocabulary",
                    "vector",
                    "persisted load",
                    "load / rebuild",
                    "persisted size",
                    "peak RSS",
                ],
                open_rows,
            ),
        ]
    )


def memory_section(mem: dict[str, Any], cold: dict[str, Any]) -> str:
    if "ui" not in mem:
        return "## 5. Memory\n\nNot measured in this run."
    ui = mem["ui"]
    growth = []
    previous = 0.0
    for name, value in (cold.get("rag_rss_after_mb") or {}).items():
        growth.append([name, mb(value), f"+{n(value - previous)} MiB"])
        previous = value
    levers = cold.get("levers_rss_after_mb") or {}
    parts = [
        "## 5. Memory",
        "",
        table(
            ["process", "peak RSS", "reference", "ratio"],
            [
                [
                    "`rag ask` (one answer)",
                    mb(mem["rag_ask_peak_rss_mb"]),
                    f"stock pipeline {mb(mem['stock_peak_rss_mb'])}",
                    x(mem["ratio_rag_vs_stock"]),
                ],
                [
                    "`rag ui` after one `/ask`",
                    mb(ui["peak_rss_mb"]),
                    f"`rag ask` {mb(mem['rag_ask_peak_rss_mb'])}",
                    x(mem["ratio_ui_vs_rag_ask"]),
                ],
            ],
        ),
        "",
        f"The UI was ready {s(ui['ready_s'], 1)} after spawn (RSS {mb(ui['before_answer']['rss_mb'])}), answered "
        f"in {s(ui['answer_s'], 1)}, and holds {mb(ui['rss_mb'])} afterwards. RSS includes the touched pages of "
        f"the memory-mapped GGUF file ({mb(mem['model_file_mb'])}), which are shared and reclaimable.",
    ]
    if growth:
        parts += [
            "",
            "Resident memory after each phase of a cold `rag ask` (instrumented child of section 2):",
            "",
            table(["after", "RSS", "growth"], growth),
        ]
    if levers:
        parts += [
            "",
            f"With the cold-start levers (no torch): {mb(max(levers.values()))} at the end, peak "
            f"{mb(cold.get('levers_peak_rss_mb'))} against {mb(cold.get('rag_ask_peak_rss_mb'))}.",
        ]
    return "\n".join(parts)


def write_results(results: dict[str, Any], path: Path) -> None:
    text = "\n\n".join(
        [
            "# Benchmarks",
            "Generated by `.venv/bin/python -m bench` (or `make bench`); do not edit by hand. Every figure was "
            "measured in one run on this machine, beside its reference; ratios are ours / reference. Raw figures: "
            "`bench/results.json`.",
            machine_section(results),
            summary_section(results),
            latency_section(results.get("latency") or {}),
            coldstart_section(results.get("coldstart") or {}),
            indexing_section(results.get("indexing") or {}),
            retrieval_section(results.get("retrieval") or {}),
            memory_section(results.get("memory") or {}, results.get("coldstart") or {}),
        ]
    )
    path.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.json"
    write_results(json.loads(source.read_text()), ROOT / "bench" / "RESULTS.md")
