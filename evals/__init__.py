"""The evaluation suite: hand-written cases, deterministic integrity metrics, an LLM judge, reports."""
