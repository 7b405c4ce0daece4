"""Ingestion: readers (one per format) -> articles -> chunks with attribution frames -> the index build."""
