"""cmo side by side with its peers, whole commands as a researcher runs them.

Installs qualitative-coding (``qc``) and Taguette from PyPI into their own virtual
environments under a cache folder (``~/.cache/cmo-bench``, or ``--cache``), builds one
corpus for all (``corpus.py``: the same transcripts, UTF-8 copies for the peers, HTML for
Taguette's upload), the same codings (two coders), and times each pair of commands
alternately, A B A B …, reporting medians and the ratio peer / cmo:

* start-up: ``cmo --help`` | ``qc --help`` | Taguette server start to its first answer
* import: ``cmo init`` + ``cmo import`` | ``qc init`` + ``qc corpus import`` | Taguette
  uploads of every document over HTTP (127.0.0.1 only)
* freq: ``cmo freq`` | ``qc codes stats``
* cooccur: ``cmo cooccur`` | ``qc codes crosstab``
* QDPX export: ``cmo export qdpx`` | ``qc export``
* one coding: ``cmo code add`` | Taguette's ``highlight/new`` request

A peer that cannot be installed or driven is reported as such and the rest is
measured. The last run writes ``docs/performance.md`` (a table with date and machine).

    .venv/bin/python bench/peers.py [--words 1000000] [--repeat 3] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime
import html
import http.cookiejar
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from commands_bench import (  # noqa: E402
    build,
    cmo_command,
    environment,
    first_turn,
)

PEERS = {"qc": "qualitative-coding", "taguette": "taguette"}


# ---- installing the peers ----------------------------------------------------------------


def install(cache: Path, name: str) -> Path | None:
    """The venv's bin folder with the peer installed, or None (and why, on stderr)."""
    venv = cache / name
    binary = venv / "bin" / name
    if binary.exists():
        return venv / "bin"
    print(f"installing {PEERS[name]} into {venv} …", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", PEERS[name]],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        print(f"{PEERS[name]} cannot be installed: {detail[-300:]!r}", file=sys.stderr)
        return None
    return venv / "bin" if binary.exists() else None


def peer_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONBREAKPOINT"] = "0"  # qc's QDPX code calls breakpoint()
    env["EDITOR"] = "true"
    return env


# ---- timing ------------------------------------------------------------------------------


def alternate(a, b, repeat: int) -> tuple[float | None, float | None]:
    """Medians of A and B timed alternately; a side that fails gives None."""
    times: dict[str, list[float]] = {"a": [], "b": []}
    failed = {"a": a is None, "b": b is None}
    for _ in range(repeat):
        for side, fn in (("a", a), ("b", b)):
            if failed[side]:
                continue
            try:
                times[side].append(fn())
            except Exception as exc:  # noqa: BLE001 - a peer's failure is a finding
                print(f"  ({side}) failed: {exc}", file=sys.stderr)
                failed[side] = True
    return tuple(statistics.median(times[s]) if times[s] else None for s in ("a", "b"))


def wall(args: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"{Path(args[0]).name} {' '.join(args[1:3])}: {tail[-1:]}")
    return elapsed


# ---- qualitative-coding ----------------------------------------------------------------


class Qc:
    def __init__(self, bin_dir: Path, work: Path, utf8: Path):
        self.qc = str(bin_dir / "qc")
        self.work = work
        self.utf8 = utf8
        self.env = peer_env()

    def run(self, *args: str, cwd: Path | None = None) -> float:
        return wall([self.qc, *args], self.env, cwd or self.project)

    def fresh_import(self) -> float:
        folder = self.work / f"qc-import-{uuid.uuid4().hex[:6]}"
        folder.mkdir()
        try:
            return self.run("init", cwd=folder) + self.run(
                "corpus", "import", "-r", "-i", "verbatim", str(self.utf8), cwd=folder
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def setup(self, cmo_db: Path) -> None:
        """A qc project with the corpus and the same codings (by line, qc's unit)."""
        self.project = self.work / "qc-project"
        self.project.mkdir()
        self.run("init")
        self.run("corpus", "import", "-r", "-i", "verbatim", str(self.utf8))
        source = sqlite3.connect(cmo_db)
        codes = dict(source.execute("SELECT id, id || ' ' || name FROM code"))
        rows = source.execute(
            "SELECT t.source_name, u.idx, c.coder, c.code_id FROM coding c "
            "JOIN transcript t ON t.id = c.transcript_id "
            "JOIN turn u ON u.transcript_id = c.transcript_id AND u.start <= c.start "
            'AND c.start < u."end"'
        ).fetchall()
        source.close()
        qdb = sqlite3.connect(self.project / "qualitative_coding.sqlite3")
        docs = {r[0]: r[0] for r in qdb.execute("SELECT file_path FROM document")}
        by_name = {Path(p).name: p for p in docs}
        with qdb:
            qdb.executemany(
                "INSERT OR IGNORE INTO code (name) VALUES (?)", [(n,) for n in codes.values()]
            )
            qdb.executemany(
                "INSERT OR IGNORE INTO coder (name) VALUES (?)", [(r[2],) for r in rows]
            )
            locations = {}
            for path in docs:
                locations[path] = self._location(qdb, path)
            seen = set()
            for source_name, line, coder, code in rows:
                path = by_name.get(source_name)
                key = (path, line, coder, code)
                if path is None or key in seen:
                    continue
                seen.add(key)
                cur = qdb.execute(
                    "INSERT INTO coded_line (line, coder_id, code_id) VALUES (?, ?, ?)",
                    (line, coder, codes[code]),
                )
                qdb.execute(
                    "INSERT INTO coded_line_location_association VALUES (?, ?)",
                    (cur.lastrowid, locations[path]),
                )
        qdb.close()
        self.coded_lines = len(seen)
        # qc's statistics and cross-tables cover the codes of its codebook file, which
        # `qc codebook` fills from the codes in use (as a qc user runs it after coding).
        # Without it both commands read the corpus and then report on no code at all.
        self.run("codebook")
        listed = subprocess.run(
            [self.qc, "codes", "list"], capture_output=True, env=self.env, cwd=self.project
        )
        self.codebook_codes = sum(1 for line in listed.stdout.decode().splitlines() if line.strip())

    def _location(self, qdb, path: str) -> int:
        """The location covering a whole document (what qc links its coded lines to)."""
        index = qdb.execute(
            "SELECT id FROM document_index WHERE document_id = ? AND name = 'paragraphs'", (path,)
        ).fetchone()
        if index is None:
            index = (
                qdb.execute(
                    "INSERT INTO document_index (name, time_series, document_id) "
                    "VALUES ('paragraphs', 0, ?)",
                    (path,),
                ).lastrowid,
            )
        found = qdb.execute(
            "SELECT id FROM location WHERE document_index_id = ? ORDER BY id LIMIT 1", index
        ).fetchone()
        if found:
            return found[0]
        lines = (self.project / "corpus" / path).read_text(encoding="utf-8").count("\n")
        return qdb.execute(
            "INSERT INTO location (start_line, end_line, document_index_id) VALUES (0, ?, ?)",
            (lines, index[0]),
        ).lastrowid


# ---- Taguette ------------------------------------------------------------------------------


class Taguette:
    """A Taguette server on 127.0.0.1, driven over HTTP like its web page does."""

    def __init__(self, bin_dir: Path, work: Path):
        self.binary = str(bin_dir / "taguette")
        self.work = work
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Seconds from launching the server to its first answer."""
        self.stop()
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        database = self.work / f"taguette-{uuid.uuid4().hex[:6]}.sqlite3"
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                self.binary,
                "--no-browser",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "--database",
                str(database),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=peer_env(),
            text=True,
        )
        token = None
        deadline = time.time() + 120
        while token is None and time.time() < deadline:
            line = self.process.stdout.readline()
            if not line and self.process.poll() is not None:
                raise RuntimeError("taguette exited")
            found = re.search(r"token=([0-9a-f]+)", line)
            token = found.group(1) if found else None
        # Its log goes on: read and dropped, or the full pipe would stop the server
        # mid-request (a few hundred uploads fill it).
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/health", timeout=5).read()
                break
            except OSError:
                time.sleep(0.01)
        elapsed = time.perf_counter() - started
        jar = http.cookiejar.CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.http.open(f"{self.base}/?token={token}").read()
        self.http.open(f"{self.base}/project/new").read()  # sets the _xsrf cookie
        self.xsrf = next(c.value for c in jar if c.name == "_xsrf")
        return elapsed

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def _post(self, path: str, data: bytes, content_type: str):
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("X-XSRFToken", self.xsrf)
        with self.http.open(request, timeout=300) as response:
            return response.geturl(), response.read()

    def new_project(self) -> int:
        form = urllib.parse.urlencode(
            {"name": f"bench {uuid.uuid4().hex[:6]}", "description": "", "_xsrf": self.xsrf}
        ).encode()
        url, _ = self._post("/project/new", form, "application/x-www-form-urlencoded")
        return int(re.search(r"/project/(\d+)", url).group(1))

    def upload(self, project: int, path: Path) -> int:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in (("name", path.stem), ("description", ""), ("_xsrf", self.xsrf)):
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
            parts.append(f"{head}\r\n\r\n{value}\r\n".encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{path.name}"\r\nContent-Type: text/html\r\n\r\n'.encode()
            + path.read_bytes()
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        _, body = self._post(
            f"/api/project/{project}/document/new",
            b"".join(parts),
            f"multipart/form-data; boundary={boundary}",
        )
        return int(json.loads(body)["created"])

    def import_all(self, paths: list[Path]) -> tuple[float, int, int]:
        project = self.new_project()
        started = time.perf_counter()
        docs = [self.upload(project, p) for p in paths]
        return time.perf_counter() - started, project, docs[0]

    def new_tag(self, project: int) -> int:
        body = json.dumps({"path": f"M1a-{uuid.uuid4().hex[:4]}", "description": ""}).encode()
        _, answer = self._post(f"/api/project/{project}/tag/new", body, "application/json")
        return int(json.loads(answer)["id"])

    def one_coding(self, project: int, document: int, tag: int) -> float:
        body = json.dumps({"start_offset": 10, "end_offset": 60, "tags": [tag]}).encode()
        started = time.perf_counter()
        self._post(
            f"/api/project/{project}/document/{document}/highlight/new", body, "application/json"
        )
        return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_html(paths: list[Path], folder: Path) -> list[Path]:
    from cmo.ingest.decode import decode_text

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        text = decode_text(path.read_bytes(), path)
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
        target = folder / (path.stem + ".html")
        target.write_text(f"<html><body>\n{body}\n</body></html>\n", encoding="utf-8")
        out.append(target)
    return out


def as_utf8(paths: list[Path], folder: Path) -> Path:
    from cmo.ingest.decode import decode_text

    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        (folder / path.name).write_text(decode_text(path.read_bytes(), path), encoding="utf-8")
    return folder


# ---- the run ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f} at start"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "cmo-bench")
    parser.add_argument("--no-write", action="store_true", help="Do not write docs/performance.md.")
    args = parser.parse_args()

    args.cache.mkdir(parents=True, exist_ok=True)
    where = machine()  # the load before this run adds its own
    bins = {name: install(args.cache, name) for name in PEERS}
    work = Path(tempfile.mkdtemp(prefix="cmo-peers-"))
    print(f"building the corpus ({args.words:,} words) and the cmo project …", file=sys.stderr)
    folder = work / "cmo-project"
    built = build(folder, args.words)
    paths = sorted(built["corpus"].glob("*.txt"))
    cmo, p = cmo_command(), ["-p", str(folder)]
    notes: list[str] = []
    rows: list[tuple[str, str, str, float | None, float | None]] = []

    qc = None
    if bins["qc"]:
        try:
            qc = Qc(bins["qc"], work, as_utf8(paths, work / "utf8"))
            qc.setup(folder / "cmo.db")
            notes.append(
                f"qc holds the same codings as {qc.coded_lines:,} coded lines (qc codes whole "
                f"lines; a turn is one line), and its codebook the {qc.codebook_codes} codes "
                "in use (`qc codebook`), so `qc codes stats` and `qc codes crosstab` cover "
                "every code, as cmo's commands do."
            )
        except Exception as exc:  # noqa: BLE001
            notes.append(f"qualitative-coding could not be set up: {exc}")
            qc = None
    else:
        notes.append("qualitative-coding could not be installed; its column is empty.")
    tag = None
    if bins["taguette"]:
        try:
            tag = Taguette(bins["taguette"], work)
            tag.start()
            html_paths = as_html(paths, work / "html")
        except Exception as exc:  # noqa: BLE001
            notes.append(f"Taguette could not be started: {exc!r}")
            tag.stop()
            tag = None
    else:
        notes.append("Taguette could not be installed; its column is empty.")

    def cmo_run(*extra: str):
        return lambda: wall([*cmo, *extra], environment(), ROOT)

    def cmo_import():
        target = work / f"cmo-import-{uuid.uuid4().hex[:6]}"
        try:
            return wall([*cmo, "init", str(target)], environment()) + wall(
                [*cmo, "import", *map(str, paths), "--casus", "Bench", "-p", str(target)],
                environment(),
            )
        finally:
            shutil.rmtree(target, ignore_errors=True)

    name, idx = first_turn(folder)

    def cmo_code_add():
        elapsed = wall(
            [*cmo, "code", "add", name, "--turn", str(idx), "-c", "M1a", *p], environment()
        )
        wall([*cmo, "undo", *p], environment())
        return elapsed

    export = work / "cmo.qdpx"
    qc_export = work / "qc.qdpx"
    pairs = [
        (
            "start-up",
            "cmo --help",
            "qc --help",
            cmo_run("--help"),
            qc and (lambda: qc.run("--help")),
        ),
        (
            "init + import",
            "cmo init + import",
            "qc init + corpus import",
            cmo_import,
            qc and qc.fresh_import,
        ),
        (
            "frequencies",
            "cmo freq",
            "qc codes stats",
            cmo_run("freq", *p),
            qc and (lambda: qc.run("codes", "stats")),
        ),
        (
            "co-occurrence",
            "cmo cooccur",
            "qc codes crosstab",
            cmo_run("cooccur", *p),
            qc and (lambda: qc.run("codes", "crosstab")),
        ),
        (
            "QDPX export",
            "cmo export qdpx",
            "qc export",
            cmo_run("export", "qdpx", "-o", str(export), "--force", *p),
            qc
            and (lambda: (qc_export.unlink(missing_ok=True), qc.run("export", str(qc_export)))[1]),
        ),
    ]
    for label, a_name, b_name, a, b in pairs:
        print(f"timing {label} …", file=sys.stderr)
        ma, mb = alternate(a, b or None, args.repeat)
        rows.append((label, a_name, b_name if b else "qc (not available)", ma, mb))

    if tag is not None:
        try:
            print("timing Taguette …", file=sys.stderr)
            starts = [tag.start() for _ in range(args.repeat)]
            ma, _ = alternate(cmo_run("--help"), None, args.repeat)
            rows.append(
                ("start-up", "cmo --help", "Taguette server start", ma, statistics.median(starts))
            )
            imports = []
            for _ in range(max(1, args.repeat - 1)):
                seconds, project, document = tag.import_all(html_paths)
                imports.append(seconds)
            ma, _ = alternate(cmo_import, None, max(1, args.repeat - 1))
            rows.append(
                (
                    "init + import",
                    "cmo init + import",
                    "Taguette uploads (HTML)",
                    ma,
                    statistics.median(imports),
                )
            )
            tag_id = tag.new_tag(project)
            ma, mb = alternate(
                cmo_code_add, lambda: tag.one_coding(project, document, tag_id), args.repeat
            )
            rows.append(("one coding", "cmo code add", "Taguette highlight/new", ma, mb))
        except Exception as exc:  # noqa: BLE001
            notes.append(f"Taguette could not be driven: {exc}")
        finally:
            tag.stop()
    if not any(r[0] == "one coding" for r in rows):
        ma, _ = alternate(cmo_code_add, None, args.repeat)
        rows.append(("one coding", "cmo code add", "(no peer)", ma, None))

    shutil.rmtree(work, ignore_errors=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    table = render(rows)
    print(table)
    for note in notes:
        print("note:", note)
    if not args.no_write:
        write_doc(table, notes, stamp, where, args, built)


def render(rows) -> str:
    lines = [
        "| operation | cmo | s | peer | s | peer / cmo |",
        "|---|---|---:|---|---:|---:|",
    ]
    for label, a_name, b_name, a, b in rows:
        ratio = f"{b / a:.1f}×" if a and b else ""
        lines.append(f"| {label} | `{a_name}` | {_s(a)} | {b_name} | {_s(b)} | {ratio} |")
    return "\n".join(lines)


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def write_doc(table: str, notes: list[str], stamp: str, where: str, args, built) -> None:
    text = (
        f"""# Performance: cmo beside its peers

Generated by `bench/peers.py --words {args.words} --repeat {args.repeat}` on {stamp}
({where}). Do not edit by hand: run the script again.

The corpus: {args.words:,} words in {built["files"]} generated transcripts
(`bench/corpus.py`, half of them cp1252 with CRLF; UTF-8 copies for the peers, HTML
for Taguette's upload), {built["codings"]:,} codings by two coders. Each pair of whole
commands ran alternately (cmo, peer, cmo, peer, …); the figures are medians of
{args.repeat} runs in seconds of wall time, so on a busy machine they also measure the
other processes. Ratios above 1 mean cmo is faster.

{table}

"""
        + "".join(f"- {note}\n" for note in notes)
        + """
How the peers were run: qualitative-coding and Taguette were installed from PyPI into
their own virtual environments under `~/.cache/cmo-bench`; Taguette ran as a server on
127.0.0.1 and was driven over HTTP the way its web page does (a project, one upload per
document, one highlight). Taguette has no frequency, co-occurrence or QDPX export, and qc
codes in an editor session, so those cells are empty.

The growth of each operation from 1M to 3M words: `bench/run.py --growth`.

## What a command does before it works

- `cmo --help` (and `cmo code add --help`, …) prints text kept in `~/.cache/cmo` from
  the first time it was asked; it is made again whenever a file of the command line
  changes, so it cannot go stale.
- A command imports only its own module. The everyday ones (`cmo freq`, `cmo cooccur`,
  `cmo transcripts`, `cmo code add`, `cmo export qdpx`, …) do not import Typer: what to
  parse is read once from the command's declaration and kept in the same cache, and
  anything unusual (`--help`, a misspelt option) goes through Typer as before. Those
  that only read, and `cmo code add`, open a SQLite project with Python's own `sqlite3`
  (no SQLAlchemy), and the tables of `freq` and `cooccur` are drawn without rich.
- `cmo init` and `cmo import` do not import SQLAlchemy either: a new SQLite project's
  schema is made from plain SQL (a test holds it to what the table classes create), an
  import's rows are written through `sqlite3` in one transaction, and `cmo init` reads a
  codebook it has read before from the cache. A large import is parsed on two cores: a
  forked helper parses the last files while the importer parses and stores the first
  ones (`CMO_IMPORT_HELPER=off` keeps it in one process).
- `cmo cooccur` on a project of more than 200,000 words places the codings before a
  cut at about half of the turns (one long transcript is cut too) in a forked helper,
  which reads them on a connection of its own, and the rest in the command's own
  process; a turn the two share is joined. When anyone commits while the two are read,
  everything is counted again in one read transaction (`CMO_HELPER=off` keeps it in one
  process). Turns and codings are read a column at a time, as one JSON array each, which
  SQLite builds and Python decodes in C.
- `cmo export qdpx` of more than 10,000 codings has `project.qde` read and built by a
  forked helper on a connection of its own, while the exporting process reads the texts
  and deflates what the helper sends (a second Python thread would only take turns with
  the first; a helper forked after reading would copy every page of the codings it
  touches). When anyone commits meanwhile, or the helper fails, the export is made again
  in one read transaction; the archive is the same bytes either way.
- Counting and ordering codings reads covering indexes (schema 10, 12): codings in text
  order, each coder's in text order, and per transcript and code, without looking the
  rows up or sorting them; which coders a project has is one lookup per coder, and the
  codings awaiting review have a (partial) index of their own.
- The combinations of codes that share a turn (a few thousand) are taken apart once
  each, their counts added into one big integer per code, a field per other code.
- After a read-only command (`freq`, `cooccur`, `transcripts`, `codings`) has flushed
  its output, the `cmo` program leaves without Python's teardown, which frees a large
  project's objects one by one (about 10 ms at 1M words).
- The full integrity check of the database (SQLite's `quick_check` and the foreign-key
  check, which read the whole file) runs on `cmo check`, and on opening when the project
  was not closed cleanly: a cmo process ended with it open, or the file is not as the
  last cmo left it (copied, restored, changed by another program). Each process marks the
  project open (`.cmo-open-*` in the project folder), the background embedding worker
  too, and the last to close records the file's size and time (`.cmo-closed`).
- The timed cmo processes run as installed: bytecode cached, and no background
  embedding worker (`CMO_EMBED_WORKER=off`), which would take a core from the commands
  timed after the import.
"""
    )
    (ROOT / "docs" / "performance.md").write_text(text, encoding="utf-8")
    print(f"wrote {ROOT / 'docs' / 'performance.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
