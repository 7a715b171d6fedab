"""The version of govkg (also in pyproject.toml); the cache and the manifest record it."""
__version__ = "0.1.0"
