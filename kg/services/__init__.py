"""What the CLI (and the web app) ask for, one function per command, grouped by family.

Services return data; they never print and never import click. Each family is a module:
`build` (build, check, export), `ask` (the query commands), `network` (stats, escalation, pictures),
`truth` (figures, disputes, chain strength), `ingest` (drafts, accept, the texts directory, quotes),
`imports` (event datasets).
"""

from kg.services.ask import *  # noqa: F401,F403
from kg.services.build import *  # noqa: F401,F403
from kg.services.export import *  # noqa: F401,F403
from kg.services.geo import event_map  # noqa: F401
from kg.services.imports import *  # noqa: F401,F403
from kg.services.ingest import *  # noqa: F401,F403
from kg.services.init import init_kb  # noqa: F401
from kg.services.locate import near_miss  # noqa: F401
from kg.services.network import *  # noqa: F401,F403
from kg.services.sparql import *  # noqa: F401,F403
from kg.services.truth import *  # noqa: F401,F403
