"""A real SPARQL 1.1 endpoint: Oxigraph's server (the `oxigraph` package's binary) on 127.0.0.1.

Read-only by default, with CORS and a query time limit; answers SPARQL results
in JSON/XML/CSV/TSV and CONSTRUCT results in Turtle, and serves its bundled
YASGUI page at / (offline). A Turtle graph is first loaded into a temporary
store; a store made by `kg build --store` is served directly.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Union

from .errors import ServeError
from .query import load
from .store import is_store, write_store


def oxigraph_binary() -> str:
    """The server binary installed with the `oxigraph` package (next to this Python, or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _wait(host: str, port: int, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"the Oxigraph server exited ({proc.returncode}): "
                             + (proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""))
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    proc.terminate()
    raise ServeError(f"the Oxigraph server did not listen on {host}:{port} within {seconds:.0f} s")


@contextmanager
def serving(source: Union[str, Path, None], port: Optional[int] = None, host: str = "127.0.0.1",
            timeout_s: int = 30, writable: bool = False) -> Iterator[str]:
    """Run the server while the block runs; yields its base URL (SPARQL at /query, GSP at /store).
    ``source`` None with ``writable`` starts an empty store (for receiving `kg push`)."""
    port = port or free_port(host)
    workdir = None
    try:
        if source is not None and is_store(source):
            location = str(source)
        else:
            workdir = tempfile.mkdtemp(prefix="govkg-serve-")
            location = str(Path(workdir) / "store")
            if source is not None:
                write_store(load(source), location)
            else:
                Path(location).mkdir()
        mode = "serve" if writable else "serve-read-only"
        cmd = [oxigraph_binary(), mode, "--location", location, "--bind", f"{host}:{port}", "--cors"]
        if not writable:
            cmd += ["--timeout-s", str(timeout_s)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait(host, port, proc)
            yield f"http://{host}:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
