"""Helpers for tests that run against real external components.

The components are the Debian packages that ``.ci/run`` installs:

* ``rapper`` (``raptor2-utils``): a second Turtle / N-Triples / N-Quads / TriG parser;
* Apache Jena (``libapache-jena-java`` + ``default-jre-headless``): ``riot --validate`` (a strict parser that
  also checks literal values) and ``arq`` (a second SPARQL engine);
* Virtuoso (``virtuoso-opensource``): a real triple store, started per test session on loopback only;
* Chromium (``chromium`` + ``fonts-dejavu-core``) driven by the Python ``playwright`` package with the system
  binary (``playwright install`` is never needed).

Every test that needs one of them calls :func:`require` first: without the component the test is skipped,
unless ``KG_REQUIRE_REAL=1`` (set by ``.ci/run``), in which case it fails, so CI cannot go green by skipping.

Usage in a test module::

    import pytest
    from tests import realtools
    from tests.realtools import require, rapper_validate, riot_validate

    @pytest.mark.real
    def test_output_parses_elsewhere(tmp_path):
        require("rapper", realtools.rapper_path() is not None, "rapper (raptor2-utils) is not installed")
        ok, out = rapper_validate(tmp_path / "g.ttl")
        assert ok, out

Session-scoped fixtures: the generator functions :func:`virtuoso_session` and :func:`browser_session` are
plain functions (not fixtures), so that any module or ``conftest.py`` can turn them into fixtures::

    virtuoso = pytest.fixture(scope="session")(realtools.virtuoso_session)
    browser = pytest.fixture(scope="session")(realtools.browser_session)

    @pytest.mark.real
    def test_loads(virtuoso):
        assert virtuoso.put_ntriples("urn:g", data) == 201

Or use the context managers directly: ``with VirtuosoServer() as v: ...`` and
``with sync_playwright() as p: browser = launch_chromium(p)`` (but not while a ``browser_session`` fixture
is alive: Playwright's sync API cannot be entered twice in one thread; take what you need from the fixture).

Everything listens on, and talks to, loopback addresses only; HTTP to the servers started here bypasses any
proxy set in the environment.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

# Quiet and offline: the flags the product's own screenshot tool uses (one list, in kg.viz.screenshot).
from kg.viz.screenshot import CHROMIUM_ARGS

__all__ = [
    "CHROMIUM_ARGS",
    "OxigraphServer",
    "VirtuosoServer",
    "block_non_local",
    "browser_session",
    "chromium_path",
    "chromium_profile",
    "free_loopback_ports",
    "is_local_url",
    "java_path",
    "jena_arq",
    "jena_classpath",
    "launch_chromium",
    "listening_addresses",
    "oxigraph_path",
    "playwright_available",
    "port_is_free",
    "rapper_path",
    "rapper_validate",
    "real_required",
    "require",
    "riot_validate",
    "syntax_for",
    "tdb2_load",
    "tdb2_query",
    "virtuoso_available",
    "virtuoso_bulk_load",
    "virtuoso_isql",
    "virtuoso_session",
]

LOOPBACK = "127.0.0.1"


# --------------------------------------------------------------------------------------------- skip or fail


def real_required() -> bool:
    """True when missing components must fail tests instead of skipping them (``KG_REQUIRE_REAL=1``)."""
    return os.environ.get("KG_REQUIRE_REAL") == "1"


def require(name: str, available: bool, why: str) -> None:
    """Skip the calling test when *available* is false, or fail it when ``KG_REQUIRE_REAL=1``."""
    __tracebackhide__ = True  # report the skip/failure at the caller's line
    if available:
        return
    if real_required():
        pytest.fail(f"{name} is required (KG_REQUIRE_REAL=1) but not usable: {why}", pytrace=False)
    pytest.skip(f"{name}: {why}")


# ------------------------------------------------------------------------------------------ file syntaxes

_SUFFIX_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig"}
_RAPPER_SYNTAXES = frozenset(_SUFFIX_SYNTAX.values())
# riot --syntax names for the same four syntaxes.
_RIOT_SYNTAX = {"turtle": "Turtle", "ntriples": "N-Triples", "nquads": "N-Quads", "trig": "TriG"}


def syntax_for(path: str | os.PathLike[str]) -> str:
    """The syntax name (as rapper spells it) for a file name's suffix.

    >>> syntax_for("out/graph.nt"), syntax_for("g.TTL")
    ('ntriples', 'turtle')
    """
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIX_SYNTAX[suffix]
    except KeyError:
        raise ValueError(f"cannot tell the RDF syntax of {os.fspath(path)!r}: pass syntax=") from None


def _existing_file(path: str | os.PathLike[str]) -> Path:
    p = Path(path).resolve()
    if not p.is_file():
        # rapper would take a missing file name for a URL and fetch it; riot would print a stack trace.
        raise FileNotFoundError(f"no such file: {p}")
    return p


def _run(cmd: Sequence[str], timeout: float, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(cmd),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        **kw,
    )


# ------------------------------------------------------------------------------------------------- rapper


def rapper_path() -> str | None:
    """The ``rapper`` executable, or None."""
    return shutil.which("rapper")


def rapper_validate(
    path: str | os.PathLike[str], syntax: str | None = None, *, timeout: float = 120
) -> tuple[bool, str]:
    """Parse *path* with rapper; return ``(valid, rapper's messages)``.

    *syntax* is one of ``turtle``, ``ntriples``, ``nquads``, ``trig`` (default: from the file suffix).
    rapper does not check literal values (``"abc"^^xsd:integer`` passes): use :func:`riot_validate` too.
    """
    exe = rapper_path()
    if exe is None:
        raise FileNotFoundError("rapper is not installed (Debian package raptor2-utils)")
    syntax = syntax or syntax_for(path)
    if syntax not in _RAPPER_SYNTAXES:
        raise ValueError(f"syntax must be one of {sorted(_RAPPER_SYNTAXES)}, not {syntax!r}")
    file = _existing_file(path)
    # -q: only errors; -c: count, do not print triples. A leading "/" keeps rapper from reading it as a URL.
    proc = _run([exe, "-q", "-i", syntax, "-c", str(file)], timeout)
    out = (proc.stdout + proc.stderr).strip()
    return proc.returncode == 0, out


# --------------------------------------------------------------------------------------------- Apache Jena

_JAVA_DIR = Path("/usr/share/java")
_JENA_JARS = (
    "jena-base", "jena-core", "jena-arq", "jena-iri", "jena-cmds",
    "jena-shacl", "jena-shex", "jena-rdfconnection", "jena-tdb", "jena-tdb2",
    "jena-dboe-base", "jena-dboe-index", "jena-dboe-storage", "jena-dboe-trans-data", "jena-dboe-transaction",
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "dexx.collection", "gson", "guava", "httpclient", "httpcore",
    "jackson-core", "jackson-databind", "jackson-annotations",
    "jsonld-java", "jakarta.json-api", "titanium-json-ld", "protobuf", "thrift",
    "slf4j-api", "slf4j-simple",
)  # fmt: skip
# Without these riot/arq cannot start at all; the rest are only needed by some commands.
_JENA_ESSENTIAL = frozenset({"jena-base", "jena-core", "jena-arq", "jena-iri", "jena-cmds", "slf4j-api"})
_XERCES_PREFIX = "org/apache/jena/ext/"
# Faster JVM start for short command-line runs; each run is a fresh JVM.
_JAVA_OPTS = ("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m")
# riot logs problems through slf4j-simple as "[main] WARN org.apache.jena.riot - ...".
_JENA_PROBLEM = re.compile(r"\b(WARN|ERROR|FATAL)\b|Exception\b")


def java_path() -> str | None:
    """The ``java`` executable, or None."""
    return shutil.which("java")


def _xerces_fix_dir(core_jar: Path) -> Path:
    """The folder with Jena's shaded-xerces ``.properties`` files laid out where Debian's jars look for them.

    Debian's Jena 4.5 relocates xerces to the package ``xerces`` but leaves the message bundles under
    ``org/apache/jena/ext/xerces/``, so every run dies with ExceptionInInitializerError in
    ``XSSimpleTypeDecl.applyFacets1``. The files are extracted once per jar version (keyed by size and mtime)
    into the temp dir, into a staging folder renamed into place, so concurrent first runs do not clash.
    """
    st = core_jar.stat()
    cache = Path(tempfile.gettempdir()) / f"diplomatic-kg-jena-xerces-{os.getuid()}-{st.st_size}-{st.st_mtime_ns}"
    marker = cache / ".complete"
    if marker.is_file():
        return cache
    staging = Path(tempfile.mkdtemp(prefix=cache.name + ".tmp-", dir=cache.parent))
    try:
        with zipfile.ZipFile(core_jar) as jar:
            for name in jar.namelist():
                if name.startswith(_XERCES_PREFIX + "xerces/") and name.endswith(".properties"):
                    target = staging / name[len(_XERCES_PREFIX) :]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(name))
        (staging / ".complete").write_text("ok\n", encoding="ascii")
        try:
            staging.rename(cache)
        except OSError:
            if not marker.is_file():  # a half-made cache left by a killed run: replace it
                shutil.rmtree(cache, ignore_errors=True)
                staging.rename(cache)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return cache


@functools.cache
def jena_classpath() -> str | None:
    """The Java classpath for Debian's Jena, packaging fix first; None when Java or Jena is missing."""
    if java_path() is None:
        return None
    jars: list[str] = []
    for name in _JENA_JARS:
        jar = _JAVA_DIR / f"{name}.jar"
        if jar.is_file():
            jars.append(str(jar))
        elif name in _JENA_ESSENTIAL:
            return None
    fix = _xerces_fix_dir(_JAVA_DIR / "jena-core.jar")
    return os.pathsep.join([str(fix), *jars])


def _java(main: str, args: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
    cp = jena_classpath()
    exe = java_path()
    if cp is None or exe is None:
        raise FileNotFoundError("Apache Jena is not usable (Debian libapache-jena-java + default-jre-headless)")
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")}
    return _run([exe, *_JAVA_OPTS, "-cp", cp, main, *args], timeout, env=env)


def riot_validate(path: str | os.PathLike[str], syntax: str | None = None, *, timeout: float = 180) -> tuple[bool, str]:
    """Validate *path* with Jena ``riot --validate``; return ``(valid, riot's messages)``.

    Valid means exit code 0 *and* no WARN/ERROR in the output: riot reports bad literal values
    (``"abc"^^xsd:integer``), bad language tags and suspicious IRIs, which rapper lets through.
    """
    syntax = syntax or syntax_for(path)
    if syntax not in _RIOT_SYNTAX:
        raise ValueError(f"syntax must be one of {sorted(_RIOT_SYNTAX)}, not {syntax!r}")
    file = _existing_file(path)
    proc = _java("riotcmd.riot", ["--validate", f"--syntax={_RIOT_SYNTAX[syntax]}", str(file)], timeout)
    out = (proc.stdout + proc.stderr).strip()
    return proc.returncode == 0 and not _JENA_PROBLEM.search(out), out


def jena_arq(
    data_path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    query_text: str,
    *,
    timeout: float = 300,
) -> dict[str, Any]:
    """Run a SELECT or ASK query with Jena ``arq`` over one or more data files; return SPARQL JSON results.

    Raises RuntimeError (with arq's messages) when arq fails.
    """
    paths = [data_path] if isinstance(data_path, str | os.PathLike) else list(data_path)
    files = [_existing_file(p) for p in paths]
    with tempfile.TemporaryDirectory(prefix="kg-arq-") as tmp:
        query_file = Path(tmp) / "query.rq"
        query_file.write_text(query_text, encoding="utf-8")
        args = [a for f in files for a in ("--data", str(f))]
        proc = _java("arq.arq", [*args, "--query", str(query_file), "--results", "json"], timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"arq failed (exit {proc.returncode}):\n{proc.stderr.strip()}\n{proc.stdout.strip()}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise RuntimeError(f"arq did not print JSON results ({e}):\n{proc.stdout[:2000]}\n{proc.stderr}") from e


# ---------------------------------------------------------------------------------------------- networking


def free_loopback_ports(n: int = 1) -> list[int]:
    """*n* distinct TCP ports free on 127.0.0.1 right now (chosen by the kernel)."""
    socks: list[socket.socket] = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            socks.append(s)
            s.bind((LOOPBACK, 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    """True when nothing listens on *host*:*port* (connections in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _hex_addr(text: str) -> tuple[str, int]:
    host_hex, port_hex = text.split(":")
    raw = bytes.fromhex(host_hex)
    if len(raw) == 4:
        host = socket.inet_ntop(socket.AF_INET, raw[::-1])
    else:  # /proc/net/tcp6: four little-endian 32-bit words
        host = socket.inet_ntop(socket.AF_INET6, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
    return host, int(port_hex, 16)


def listening_addresses(pid: int) -> list[tuple[str, int]]:
    """The TCP (host, port) pairs process *pid* listens on, read from /proc (Linux only)."""
    inodes: set[str] = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found: list[tuple[str, int]] = []
    for table in (f"/proc/{pid}/net/tcp", f"/proc/{pid}/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text(encoding="ascii").splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A = LISTEN
                    found.append(_hex_addr(fields[1]))
    return sorted(found)


def _no_proxy_opener(*handlers: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    # ProxyHandler({}) so that http_proxy & co. in the environment never divert loopback traffic.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), *handlers)


# ------------------------------------------------------------------------------------------------ Virtuoso

_VIRTUOSO_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

_VIRTUOSO_INI = """\
; Throwaway Virtuoso for tests: every file in this folder, listening on loopback only.
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = {host}:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {dir}/import
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000

[HTTPServer]
ServerPort                  = {host}:{http_port}
ServerRoot                  = {vsp}
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
MaxCachedProxyConnections   = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
DeferInferenceRulesInit    = 0
"""


def virtuoso_available() -> tuple[bool, str]:
    """Whether a throwaway Virtuoso can be started here, and why not."""
    missing = [exe for exe in ("virtuoso-t", "isql-vt") if shutil.which(exe) is None]
    if missing:
        return False, f"{', '.join(missing)} not found (Debian package virtuoso-opensource)"
    if not _VIRTUOSO_VSP.is_dir():
        return False, f"{_VIRTUOSO_VSP} is missing (Debian package virtuoso-opensource-7)"
    return True, ""


class VirtuosoServer:
    """A throwaway Virtuoso in a temp folder, listening on two free loopback ports.

    ::

        with VirtuosoServer() as v:
            assert v.put_ntriples("http://example.org/g", nt_bytes) == 201
            rows = v.select("SELECT ?s WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }")
            # rows: SPARQL JSON bindings, e.g. [{"s": {"type": "uri", "value": "..."}}]

    Starting takes about 1.5 s (a fresh database is created; ~250-650 MiB RSS). Virtuoso quirks: language
    tags come back lowercased; results are silently cut at ``ResultSetMaxRows`` (100000 here); a load with a
    syntax error answers 500 but keeps the triples before the error; upload N-Triples rather than Turtle.
    Loading into a new graph is fast (100k triples in ~1.5-3 s), but *replacing* a big graph (a second PUT,
    or CLEAR GRAPH) sometimes stalls for minutes ("Locks are held for a long time" in the log): in tests,
    load each data set into a fresh graph IRI instead of replacing one.
    """

    user = "dba"
    password = "dba"  # the default of a freshly created database

    def __init__(self, *, start_timeout: float = 60.0, host: str = LOOPBACK) -> None:
        if not (host == "localhost" or host.startswith("127.") or host == "::1"):
            raise ValueError(f"VirtuosoServer only listens on loopback, not {host!r}")
        self.host = host
        self.start_timeout = start_timeout
        self.dir: Path | None = None
        self.sql_port = 0
        self.http_port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds: float | None = None
        self._out: Any = None
        self._opener = _no_proxy_opener()

    # -- addresses

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def crud_url(self) -> str:
        return f"{self.base_url}/sparql-graph-crud-auth"

    # -- life cycle

    def __enter__(self) -> VirtuosoServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        if self.process is not None:
            raise RuntimeError("this VirtuosoServer is already started")
        ok, why = virtuoso_available()
        if not ok:
            raise FileNotFoundError(why)
        self.dir = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
        (self.dir / "import").mkdir()
        self.sql_port, self.http_port = free_loopback_ports(2)
        ini = self.dir / "virtuoso.ini"
        ini.write_text(
            _VIRTUOSO_INI.format(
                dir=self.dir,
                host=self.host,
                sql_port=self.sql_port,
                http_port=self.http_port,
                vsp=_VIRTUOSO_VSP,
            ),
            encoding="utf-8",
        )
        t0 = time.monotonic()
        self._out = open(self.dir / "server.out", "wb")  # closed in stop()
        try:
            # setpriv (util-linux) makes the kernel send SIGTERM to the server if this process dies without
            # stopping it (killed test run): no orphaned server keeps its ports and temp folder.
            setpriv = shutil.which("setpriv")
            guard = [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
            self.process = subprocess.Popen(
                [*guard, "virtuoso-t", "+foreground", "+configfile", str(ini)],
                cwd=self.dir,
                stdin=subprocess.DEVNULL,
                stdout=self._out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in pytest does not hit the server mid-write
            )
            self._wait_ready(t0)
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - t0

    def _wait_ready(self, t0: float) -> None:
        assert self.process is not None
        url = f"{self.sparql_url}?query={urllib.parse.quote('ASK{}')}"
        last = "no answer yet"
        while time.monotonic() - t0 < self.start_timeout:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"virtuoso-t exited with code {self.process.returncode} while starting\n{self.log_tail()}"
                )
            try:
                with self._opener.open(url, timeout=5) as resp:
                    resp.read()
                    if resp.status == 200:
                        return
                    last = f"HTTP {resp.status}"
            except (urllib.error.URLError, OSError) as e:
                last = str(e)
            time.sleep(0.25)
        raise RuntimeError(
            f"Virtuoso did not answer {url} within {self.start_timeout:g} s (last: {last})\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's stdout and error log, for error messages."""
        parts: list[str] = []
        seen: list[str] = []
        for name in ("server.out", "virtuoso.log"):  # in +foreground both usually hold the same lines
            path = self.dir / name if self.dir else None
            if path and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                if text in seen:
                    continue
                seen.append(text)
                parts.append(f"--- {path} (last {len(text)} lines) ---\n" + "\n".join(text))
        return "\n".join(parts) or "(no server log)"

    def stop(self) -> None:
        """Shut down (isql ``shutdown``, then SIGTERM, then SIGKILL) and remove the temp folder."""
        proc = self.process
        try:
            if proc is not None and proc.poll() is None:
                # isql-vt exits 0 even when the SQL fails: look for "*** Error" as well.
                clean = False
                with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                    isql = _run(
                        [
                            "isql-vt",
                            f"{self.host}:{self.sql_port}",
                            self.user,
                            self.password,
                            "exec=shutdown;",
                        ],
                        timeout=30,
                    )
                    clean = isql.returncode == 0 and "*** Error" not in isql.stdout + isql.stderr
                grace = 30.0 if clean else 1.0
                for sig, wait in ((None, grace), (signal.SIGTERM, 15.0), (signal.SIGKILL, 10.0)):
                    if sig is not None and proc.poll() is None:
                        with contextlib.suppress(ProcessLookupError):
                            proc.send_signal(sig)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(timeout=wait)
                        break
            if proc is not None:
                proc.wait()  # reap (and never leave a Popen that would warn at garbage collection)
        finally:
            self.process = None
            if self._out is not None:
                self._out.close()
                self._out = None
            if self.dir is not None:
                shutil.rmtree(self.dir, ignore_errors=True)
                self.dir = None

    # -- HTTP

    def put_ntriples(self, graph_iri: str, data: bytes, *, timeout: float = 300) -> int:
        """Replace the graph *graph_iri* with N-Triples *data* (Graph Store Protocol, digest auth).

        Returns the HTTP status: 201 when the graph was created, 200/204 when replaced, 4xx/5xx on error.
        """
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.base_url, self.user, self.password)
        digest = urllib.request.HTTPDigestAuthHandler(passwords)
        url = f"{self.crud_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
        req = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
        # Authenticate up front: urllib would first send the whole body unauthenticated, and Virtuoso
        # answers 401 and closes the connection mid-upload ("Connection reset by peer" above ~100 kB).
        authorization = self._digest_authorization(req, digest)
        if authorization:
            req.add_unredirected_header("Authorization", authorization)
        try:
            with _no_proxy_opener(digest).open(req, timeout=timeout) as resp:
                resp.read()
                return resp.status
        except urllib.error.HTTPError as e:
            with e:
                e.read()
            return e.code

    def _digest_authorization(
        self, req: urllib.request.Request, digest: urllib.request.HTTPDigestAuthHandler
    ) -> str | None:
        """The ``Authorization`` value for *req*, from the challenge of a bodiless unauthenticated probe."""
        probe = urllib.request.Request(req.full_url, method="HEAD")
        try:
            with self._opener.open(probe, timeout=30) as resp:
                resp.read()
            return None  # no authentication asked for
        except urllib.error.HTTPError as e:
            with e:
                e.read()
                challenge = e.headers.get("WWW-Authenticate", "")
        scheme, _, params = challenge.partition(" ")
        if scheme.lower() != "digest":
            return None
        chal = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
        auth = digest.get_authorization(req, chal)
        return f"Digest {auth}" if auth else None

    def query_json(self, query: str, *, timeout: float = 120) -> dict[str, Any]:
        """Run a SELECT/ASK query on ``/sparql``; return the SPARQL JSON results document."""
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        req = urllib.request.Request(
            self.sparql_url,
            data=body,
            method="POST",
            headers={
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with self._opener.open(req, timeout=timeout) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            with e:
                detail = e.read().decode("utf-8", errors="replace")
            raise RuntimeError(f"Virtuoso answered HTTP {e.code} to the query:\n{detail[:2000]}") from None

    def select(self, query: str, *, timeout: float = 120) -> list[dict[str, Any]]:
        """Run a SELECT query; return its bindings (``[{var: {"type": ..., "value": ...}}, ...]``)."""
        return self.query_json(query, timeout=timeout)["results"]["bindings"]


def virtuoso_session() -> Iterator[VirtuosoServer]:
    """Generator for a session fixture: ``pytest.fixture(scope="session")(virtuoso_session)``."""
    ok, why = virtuoso_available()
    require("Virtuoso", ok, why)
    with VirtuosoServer() as server:
        yield server


# ------------------------------------------------------------------------------------------------ Chromium



def chromium_path() -> str | None:
    """The system Chromium (``/usr/bin/chromium`` from Debian), or None."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def playwright_available() -> tuple[bool, str]:
    """Whether the Python playwright package and a system Chromium are both there, and why not."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as e:
        return False, f"the playwright package is not installed ({e})"
    if chromium_path() is None:
        return False, "no /usr/bin/chromium (Debian packages chromium + fonts-dejavu-core)"
    return True, ""


def _chromium_type(playwright: Any) -> Any:
    """Chromium's BrowserType from a Playwright object, or a BrowserType as is (``browser.browser_type``)."""
    return playwright.chromium if hasattr(playwright, "chromium") else playwright


def launch_chromium(playwright: Any, *, args: Sequence[str] = (), **kwargs: Any) -> Any:
    """Launch the system Chromium; return the Browser.

    *playwright* is a ``sync_playwright()`` object, or a BrowserType such as ``browser.browser_type``.
    Playwright refuses ``--user-data-dir`` in ``launch()``: it gives every launch its own fresh, empty
    profile folder (``playwright_chromiumdev_profile-*`` in the temp dir) and removes it on ``close()``.
    Use :func:`chromium_profile` for a profile folder of your own.
    """
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("no system Chromium (Debian package chromium)")
    return _chromium_type(playwright).launch(executable_path=exe, headless=True, args=[*CHROMIUM_ARGS, *args], **kwargs)


@contextlib.contextmanager
def chromium_profile(playwright: Any, *, args: Sequence[str] = (), **kwargs: Any) -> Iterator[Any]:
    """A BrowserContext of the system Chromium with an explicit fresh ``--user-data-dir``, removed afterwards.

    *playwright* is a ``sync_playwright()`` object or a BrowserType (``browser.browser_type``).
    """
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("no system Chromium (Debian package chromium)")
    with tempfile.TemporaryDirectory(prefix="kg-chromium-profile-") as profile:
        context = _chromium_type(playwright).launch_persistent_context(
            profile, executable_path=exe, headless=True, args=[*CHROMIUM_ARGS, *args], **kwargs
        )
        try:
            yield context
        finally:
            context.close()


def is_local_url(url: str) -> bool:
    """True for ``file:``, ``data:``, ``blob:``, ``about:`` URLs and http(s)/ws(s) to loopback.

    >>> [is_local_url(u) for u in ("file:///x.html", "http://127.0.0.1:8/a", "http://[::1]/", "https://cdn.x/y.js")]
    [True, True, True, False]
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    if parts.scheme in ("http", "https", "ws", "wss"):
        host = (parts.hostname or "").lower()
        return host == "localhost" or host == "::1" or host.startswith("127.")
    return False


def block_non_local(target: Any) -> list[str]:
    """Route every request of *target* (a Page or BrowserContext) that is not local to ``abort()``.

    Returns the list the blocked URLs are appended to, so a test can assert an offline page made none.
    """
    blocked: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    target.route("**/*", handle)
    return blocked


def browser_session() -> Iterator[Any]:
    """Generator for a session fixture yielding a Chromium Browser: ``pytest.fixture(scope="session")(...)``.

    While it is alive the thread's event loop belongs to Playwright, so ``sync_playwright()`` cannot be
    entered again ("using Playwright Sync API inside the asyncio loop"): tests that share this fixture get
    everything from it (``browser.new_context()``, ``chromium_profile(browser.browser_type)``).
    """
    ok, why = playwright_available()
    require("Chromium", ok, why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------------------------- Oxigraph server, TDB2


def oxigraph_path() -> str | None:
    """The ``oxigraph`` server command (PyPI package ``oxigraph``, in the test extra), or None."""
    import sys

    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


class OxigraphServer:
    """A throwaway Oxigraph server (``oxigraph serve``) on a free loopback port, over a store in a temp folder.

    Started as a user would start it, with no option about the default graph: its default graph is the
    store's own (not the union of the named graphs). ``load(path)`` runs ``oxigraph load`` (the bulk
    path) and must come before ``start()`` (one process holds the store); ``store_url`` is the Graph
    Store Protocol URL (``kg push``), ``query_url`` the SPARQL one.
    """

    def __init__(self, *, start_timeout: float = 30.0) -> None:
        self.start_timeout = start_timeout
        self.dir = Path(tempfile.mkdtemp(prefix="kg-oxigraph-"))
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._out: Any = None

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    def _exe(self) -> str:
        exe = oxigraph_path()
        if exe is None:
            raise FileNotFoundError("the oxigraph command is not installed (pip install oxigraph)")
        return exe

    def load(self, path: str | os.PathLike[str], *, timeout: float = 600) -> float:
        """``oxigraph load --location DIR --file PATH``; return the seconds it took."""
        if self.process is not None:
            raise RuntimeError("stop the server before loading: oxigraph load needs the store to itself")
        t0 = time.monotonic()
        proc = _run([self._exe(), "load", "--location", str(self.dir / "store"), "--file", str(_existing_file(path))],
                    timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"oxigraph load failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
        return time.monotonic() - t0

    def __enter__(self) -> OxigraphServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self) -> None:
        if self.process is not None:
            raise RuntimeError("this OxigraphServer is already started")
        self.port = free_loopback_ports(1)[0]
        self._out = open(self.dir / "server.out", "wb")  # closed in stop()
        setpriv = shutil.which("setpriv")
        guard = [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
        self.process = subprocess.Popen(
            [*guard, self._exe(), "serve", "--location", str(self.dir / "store"), "--bind", f"{LOOPBACK}:{self.port}"],
            stdin=subprocess.DEVNULL, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"{self.query_url}?query={urllib.parse.quote('ASK{}')}"
        t0, last = time.monotonic(), "no answer yet"
        try:
            while time.monotonic() - t0 < self.start_timeout:
                if self.process.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited with code {self.process.returncode}:\n"
                                       + (self.dir / "server.out").read_text(errors="replace")[-2000:])
                try:
                    with _no_proxy_opener().open(url, timeout=5) as resp:
                        resp.read()
                        return
                except (urllib.error.URLError, OSError) as e:
                    last = str(e)
                time.sleep(0.1)
            raise RuntimeError(f"oxigraph serve did not answer {url} within {self.start_timeout:g} s ({last})")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        proc, self.process = self.process, None
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if self._out is not None:
            self._out.close()
            self._out = None


def tdb2_load(location: str | os.PathLike[str], files: Sequence[str | os.PathLike[str]], *,
              timeout: float = 900) -> float:
    """Bulk-load N-Quads/N-Triples/TriG files into a TDB2 database with ``tdb2.tdbloader``; return the seconds.

    Quads of the files' default graph go into the database's default graph, as the Jena documentation says.
    """
    paths = [str(_existing_file(f)) for f in files]
    t0 = time.monotonic()
    proc = _java("tdb2.tdbloader", ["--loc", str(location), *paths], timeout)
    if proc.returncode != 0 or _JENA_PROBLEM.search(proc.stderr):
        raise RuntimeError(f"tdb2.tdbloader failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return time.monotonic() - t0


def tdb2_query(location: str | os.PathLike[str], query_text: str, *, timeout: float = 300) -> dict[str, Any]:
    """Run a SELECT or ASK query with ``tdb2.tdbquery`` on a TDB2 database (no option about the default graph:
    it is the database's own); return SPARQL JSON results. RuntimeError with Jena's messages on failure."""
    with tempfile.TemporaryDirectory(prefix="kg-tdb2-") as tmp:
        query_file = Path(tmp) / "query.rq"
        query_file.write_text(query_text, encoding="utf-8")
        proc = _java("tdb2.tdbquery", ["--loc", str(location), "--results", "json", "--query", str(query_file)],
                     timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"tdb2.tdbquery failed (exit {proc.returncode}):\n{proc.stderr.strip()[-3000:]}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise RuntimeError(f"tdb2.tdbquery did not print JSON ({e}):\n{proc.stdout[:2000]}\n{proc.stderr}") from e


def virtuoso_isql(server: VirtuosoServer, sql: str, *, timeout: float = 900) -> str:
    """Run SQL with ``isql-vt`` on a running VirtuosoServer; return its output. isql-vt exits 0 even when
    the SQL fails, so ``*** Error`` in the output raises RuntimeError."""
    proc = _run(["isql-vt", f"{server.host}:{server.sql_port}", server.user, server.password, f"exec={sql}"], timeout)
    out = proc.stdout + proc.stderr
    if proc.returncode != 0 or "*** Error" in out:
        raise RuntimeError(f"isql-vt failed (exit {proc.returncode}) on {sql[:200]!r}:\n{out[-3000:]}")
    return out


def virtuoso_bulk_load(server: VirtuosoServer, path: str | os.PathLike[str], graph: str, *,
                       timeout: float = 900) -> float:
    """Load a file with Virtuoso's bulk loader (``ld_dir``, ``rdf_loader_run``, ``checkpoint``); return seconds.

    The file is copied into the server's allowed import folder. N-Quads keep their graphs; triples (and the
    quads of an N-Quads default graph) go into ``graph``. A file the loader refused (``ll_error``) raises.
    """
    assert server.dir is not None, "the server is not started"
    src = _existing_file(path)
    folder = Path(tempfile.mkdtemp(prefix="load-", dir=server.dir / "import"))
    shutil.copyfile(src, folder / src.name)
    quote = "'" + str(folder).replace("'", "''") + "'"
    t0 = time.monotonic()
    virtuoso_isql(server, f"ld_dir({quote}, '{src.name}', '{graph}'); rdf_loader_run(); checkpoint;", timeout=timeout)
    seconds = time.monotonic() - t0
    errors = virtuoso_isql(server, f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {quote[:-1]}%' "
                           "AND ll_error IS NOT NULL;")
    if "0 Rows" not in errors:
        raise RuntimeError(f"Virtuoso's bulk loader refused {src.name}:\n{errors[-3000:]}")
    shutil.rmtree(folder, ignore_errors=True)
    return seconds
