"""The web UI: a Gradio chat over the indexed articles (``rag ui``)."""
