"""A trained spaCy pipeline, where one is installed: its entities add names the rules miss. Never required
and never downloaded."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

from kg.ingest.text import IngestError

# A trained pipeline's entity labels -> the class a new entity gets.
TRAINED_LABELS = {"PERSON": "Person", "ORG": "ArmedGroup", "FAC": "Facility", "GPE": "Place", "LOC": "Place"}
TRAINED_DEFAULTS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")


def trained_pipeline() -> Language | None:
    """$KG_SPACY_MODEL (a package name or a folder), else the largest English pipeline installed, else None.

    Never downloads: with nothing installed the rules alone find names.
    """
    choice = os.environ.get("KG_SPACY_MODEL")
    names = [choice] if choice else [n for n in TRAINED_DEFAULTS if spacy.util.is_package(n)]
    for name in names[:1]:
        try:
            return spacy.load(name, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError) as ex:
            raise IngestError(f"KG_SPACY_MODEL={name}: cannot load this spaCy pipeline ({ex})") from None
    return None
