"""govkg: a knowledge graph of Chinese government reports.

    >>> import kg
    >>> result = kg.build("seeds", "output")        # read, extract, link, write graph.ttl + manifest.json
    >>> kg.query("output/graph.ttl", "SELECT ...")  # SPARQL over a built graph
"""
from __future__ import annotations

__version__ = "0.1.0"

from .build import BuildError, BuildResult, build  # noqa: E402
from .query import query  # noqa: E402
from .validate import validate  # noqa: E402

__all__ = ["build", "BuildResult", "BuildError", "query", "validate", "__version__"]
