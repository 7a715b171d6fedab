"""A real SPARQL 1.1 endpoint: Oxigraph's server (the `oxigraph` package's binary) on 127.0.0.1.

Read-only by default, with CORS and a query time limit; answers SPARQL results
in JSON/XML/CSV/TSV and CONSTRUCT results in Turtle, and serves its bundled
YASGUI page at / (offline). A Turtle graph is first loaded into a temporary
store; a store made by `kg build --store` is served directly. The default graph
is the union of all graphs, so a plain `{ ?s ?p ?o }` sees data pushed into
named graphs too.

The server is our child process: we check that what answers on the port is
that child (not another program that already held the port), watch it while
it runs, and on every way of stopping end it and remove the temporary store.
"""
from __future__ import annotations

import errno
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, NoReturn, Optional, Union

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


def _check_port(host: str, port: int) -> int:
    """The port (a free one for 0), or ServeError with the reason when it cannot be listened on."""
    if not 0 <= port <= 65535:
        raise ServeError(f"--port {port}: a port is a number from 1 to 65535")
    try:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
            s.bind((host, port))
            return s.getsockname()[1]
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise ServeError(f"{host}:{port} is already in use by another program; choose another --port") from None
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


@dataclass
class Server:
    """A running Oxigraph child: its base URL (SPARQL at /query, Graph Store at /store)."""
    url: str
    process: subprocess.Popen
    log: IO[bytes]  # the child's stderr: a file, so that a long run never fills a pipe

    def check(self) -> None:
        """Raise ServeError, with what the server said, if it is no longer running."""
        if self.process.poll() is not None:
            self.log.seek(0)
            said = self.log.read().decode("utf-8", "replace")
            last = [line.strip() for line in said.splitlines() if line.strip()]
            raise ServeError(f"the Oxigraph server exited with status {self.process.returncode}"
                             + (f": {last[-1]}" if last else ""))

    def watch(self, interval: float = 0.5) -> NoReturn:
        """Block while the server runs; raise ServeError as soon as it dies."""
        while True:
            self.check()
            time.sleep(interval)


def _wait(server: Server, host: str, port: int, seconds: float = 30) -> None:
    """Wait until the child answers on the port, and make sure that what answers is the child."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        server.check()
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex((host, port)) == 0:
                break
        time.sleep(0.05)
    else:
        raise ServeError(f"the Oxigraph server did not listen on {host}:{port} within {seconds:.0f} s")
    try:
        with urllib.request.urlopen(server.url + "/", timeout=10) as resp:
            software = resp.headers.get("Server", "")
    except (urllib.error.URLError, OSError) as e:
        server.check()
        raise ServeError(f"{server.url}: does not answer as a SPARQL server: {getattr(e, 'reason', e)}") from None
    server.check()  # a child that could not bind has exited by now; what answered was someone else
    if not software.startswith("Oxigraph"):
        raise ServeError(f"{host}:{port}: another program answers there ({software or 'unknown server'}); "
                         "choose another --port")


def _temporary_store(source: Union[str, Path, None]) -> tuple[str, str]:
    try:
        workdir = tempfile.mkdtemp(prefix="govkg-serve-")
    except OSError as e:
        raise ServeError(f"{tempfile.gettempdir()}: cannot create the temporary store: {e.strerror or e}") from None
    location = str(Path(workdir) / "store")
    try:
        if source is not None:
            write_store(load(source), location)
        else:
            Path(location).mkdir()
    except OSError as e:
        shutil.rmtree(workdir, ignore_errors=True)
        raise ServeError(f"{location}: cannot write the temporary store: {e.strerror or e}") from None
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return workdir, location


@contextmanager
def serving(source: Union[str, Path, None], port: Optional[int] = None, host: str = "127.0.0.1",
            timeout_s: int = 30, writable: bool = False) -> Iterator[Server]:
    """Run the server while the block runs; yields the Server (``.url``: SPARQL at /query, GSP at /store).
    ``source`` None with ``writable`` starts an empty store (for receiving `kg push`).
    Leaving the block, however it is left, ends the server and removes the temporary store."""
    port = _check_port(host, port or 0)
    workdir = None
    try:
        if source is not None and is_store(source):
            location = str(source)
        else:
            workdir, location = _temporary_store(source)
        mode = "serve" if writable else "serve-read-only"
        cmd = [oxigraph_binary(), mode, "--location", location, "--bind", f"{host}:{port}", "--cors",
               "--union-default-graph"]
        if not writable:
            cmd += ["--timeout-s", str(timeout_s)]
        # Its own session: a Ctrl-C at the terminal reaches kg, which then stops the child itself.
        try:
            log = tempfile.TemporaryFile()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        except OSError as e:
            raise ServeError(f"cannot start the Oxigraph server: {e.strerror or e}") from None
        try:
            server = Server(f"http://{host}:{port}", proc, log)
            _wait(server, host, port)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
