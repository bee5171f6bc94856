"""kg: a local-first knowledge graph of armed actors, their backers and their attacks, from news reports."""

__version__ = "0.1.0"
