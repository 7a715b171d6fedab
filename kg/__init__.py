"""govkg: a knowledge graph of Chinese government reports.

    >>> import kg
    >>> result = kg.build("seeds", "output")        # read, extract, link, write graph.ttl + manifest.json
    >>> kg.query("output/graph.ttl", "SELECT ...")  # SPARQL over a built graph
"""
from __future__ import annotations

from .build import BuildError, BuildResult, build
from .errors import KgError
from .query import query
from .validate import validate
from .version import __version__

__all__ = ["build", "BuildResult", "BuildError", "KgError", "query", "validate", "__version__"]
