"""Ingest: draft sourced claims from a new report (metadata, dates, extraction), then accept a reviewed draft.

spaCy and dateparser are imported only inside this package, and only by the commands that ingest.
"""
