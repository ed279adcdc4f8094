"""The demo project: fictional transcripts of three casussen, imported and partly coded.

``cmo demo PATH`` (or ``python -m cmo.commands.demo PATH``, used by ``make demo``) builds
it from ``transcripts/demo/demo.yaml`` with the same store and import functions the other
commands use, so the demo also exercises them. The data lives in the YAML; this module only
reads it. A quote that is not found exactly once stops the build with an error naming the
quote and the transcript, and leaves an existing demo project untouched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from .common import say, success

DEMO_DIR = Path(__file__).resolve().parents[2] / "transcripts" / "demo"
MANIFEST = DEMO_DIR / "demo.yaml"
DEFAULT_TARGET = Path("demo-project")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    path: Annotated[Path, typer.Argument(help="Folder for the demo project.")] = DEFAULT_TARGET,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing demo project in PATH.")
    ] = False,
) -> None:
    """Build the demo project: 3 casussen, 13 transcripts in mixed formats, partly coded."""
    built = build_demo(path, force=force)
    from ..store.project import open_project

    with open_project(built) as project:
        store = project.store
        casussen, transcripts = len(store.casussen.all()), len(store.transcripts.all())
        codings = sum(store.codebook.counts().values())
    success(
        f"Built the demo project in {built}: {casussen} casussen, {transcripts} transcripts, "
        f"{codings} codings."
    )
    say(
        f"Try: cmo transcripts -p {built}   cmo turns cirkel-focusgroep -p {built}   "
        f"cmo open {built}"
    )


def build_demo(target: Path, force: bool = False, manifest: Path = MANIFEST) -> Path:
    """Create the demo project in ``target`` and return its path.

    Refuses when ``target`` already holds a project, unless ``force``; never deletes a
    folder that is not a cmo project. The project is built in a temporary folder beside
    ``target`` and moved into place only when everything succeeded.
    """
    from ..core.errors import Conflict, ProjectError
    from ..store.project import SETTINGS

    target = Path(target)
    is_project = (target / SETTINGS).is_file()
    if is_project and not force:
        raise Conflict(
            f"{target}: a project exists here already; use --force to rebuild the "
            "demo (this replaces it)"
        )
    if target.exists() and not is_project and (not target.is_dir() or any(target.iterdir())):
        raise ProjectError(
            f"{target}: exists and is not a cmo project; choose an empty or new folder for the demo"
        )
    data = _load_manifest(manifest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as exc:  # name the folder asked for, not the temporary one
        raise ProjectError(f"{target}: cannot create the demo here ({exc.strerror})") from exc
    try:
        _build(staging / "project", data, manifest)
        if target.exists():
            shutil.rmtree(target)
        (staging / "project").rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _build(path: Path, data: dict, manifest: Path) -> None:
    from ..ingest.codebook_yaml import load_codebook
    from ..store.project import init_project
    from .foundation import BUNDLED_CODEBOOK

    settings = data.get("project") or {}
    coder = str(settings.get("coder") or "demo")
    book = load_codebook(BUNDLED_CODEBOOK)
    project = init_project(
        path, name=str(settings.get("name") or "demo"), codebook="codebook.yaml", coder=coder
    )
    try:
        (path / "codebook.yaml").write_text(
            BUNDLED_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8"
        )
        store = project.store
        _fast_writes(store)
        store.codebook.load(book)
        for casus in data["casussen"]:
            _import_casus(store, casus, manifest)
        from ..analysis.pseudonymise import assign_pseudonyms

        assign_pseudonyms(store)  # R01, KM1, D1 …: what exports show instead of names
        for code in data.get("emergent_codes") or []:
            _add_emergent(store, code, coder)
        for group in data.get("codings") or []:
            _code_quotes(store, group, coder, manifest)
        for memo in data.get("memos") or []:
            _set_memo(store, memo, coder, manifest)
        for spec in data.get("cmocs") or []:
            _add_cmoc(store, spec, coder)
        if data.get("theory"):
            from .demo_theory import build_theory

            build_theory(store, data["theory"], coder, manifest)
        if store.is_sqlite:  # now make it all durable at once
            raw = store.engine.raw_connection()  # outside a transaction, as PRAGMAs need
            try:
                raw.cursor().execute("PRAGMA synchronous = FULL")
                raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
    finally:
        project.close()


def _fast_writes(store) -> None:
    """Skip the sync after every commit while building: the project sits in a staging
    folder that is thrown away on failure, so per-commit durability buys nothing, and
    hundreds of synced commits would make the build several times slower."""
    if not store.is_sqlite:
        return
    from sqlalchemy import event

    def no_sync(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA synchronous = OFF")

    event.listen(store.engine, "connect", no_sync)
    store.engine.dispose()  # connections made before the listener existed


def _load_manifest(manifest: Path) -> dict:
    import yaml

    from ..core.errors import InputError

    try:
        data = yaml.safe_load(Path(manifest).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(manifest, f"cannot read the demo manifest: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            manifest,
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("casussen"), list):
        raise InputError(manifest, "the demo manifest needs a 'casussen:' list")
    return data


def _import_casus(store, casus: dict, manifest: Path) -> None:
    """Add the casus with its attributes, import its transcripts, set roles and attributes."""
    from ..core.errors import InputError
    from ..core.speakers import participant_label
    from ..ingest.service import import_files

    name = casus["name"]
    store.casussen.add(name, {k: str(v) for k, v in (casus.get("attributes") or {}).items()})
    for item in casus.get("transcripts") or []:
        source = manifest.parent / item["file"]
        speakers = item.get("speakers") or {}
        roles = {
            label: spec.get("role", "") for label, spec in speakers.items() if spec.get("role")
        }
        import_files(
            store, [source], casus=name, kind=item.get("kind"), name=item["name"], roles=roles
        )
        found = {turn.speaker for turn in store.transcripts.turns(item["name"]) if turn.speaker}
        if found != set(speakers):
            raise InputError(
                source,
                f"speakers found {sorted(found)} differ from the speakers "
                f"listed in {manifest.name} {sorted(speakers)}",
            )
        for label, spec in speakers.items():
            attributes = {k: str(v) for k, v in (spec.get("attributes") or {}).items()}
            store.participants.set(
                participant_label(label, item["name"]),
                casus=name,
                role=spec.get("role"),
                attributes=attributes,
            )


def _add_emergent(store, spec: dict, coder: str) -> None:
    from ..core.domain import Code

    family = spec.get("family", "M")
    last = max((c.sort_order for c in store.codebook.codes() if c.family == family), default=0)
    store.codebook.add(
        Code(
            id=str(spec["id"]),
            family=family,
            name=spec["name"],
            cluster=spec.get("cluster", ""),
            definition=" ".join(str(spec.get("definition", "")).split()),
            keywords=tuple(spec.get("keywords") or ()),
            parent=spec.get("parent"),
            colour=spec.get("colour", ""),
            emergent=True,
            sort_order=last + 1,
        ),
        actor=coder,
    )


def _code_quotes(store, group: dict, default_coder: str, manifest: Path) -> None:
    """Apply every coding of one transcript, each located by its quote."""
    from ..core.errors import CmoError, InputError
    from ..core.text import find_quote

    transcript = store.transcripts.get(group["transcript"])
    for item in group.get("items") or []:
        quote = str(item["quote"])
        spans = find_quote(transcript.text, quote)
        if len(spans) != 1:
            where = "not found" if not spans else f"found {len(spans)} times"
            raise InputError(
                manifest,
                f"quote {_short(quote)!r} {where} in transcript "
                f"'{transcript.name}' (it must occur exactly once)",
            )
        ((start, end),) = spans
        codes = item["code"] if isinstance(item["code"], list) else [item["code"]]
        coder = str(item.get("coder") or group.get("coder") or default_coder)
        for code in codes:
            try:
                store.codings.add(
                    transcript.id,
                    start,
                    end,
                    str(code),
                    coder=coder,
                    memo=str(item.get("memo") or ""),
                )
            except CmoError as exc:  # an unknown code id, say: name where it came from
                raise InputError(
                    manifest, f"{transcript.name}, quote {_short(quote)!r}: {exc}"
                ) from None


def _add_cmoc(store, spec: dict, coder: str) -> None:
    """A CMOC whose evidence is the casus' codings of its codes: up to four of each
    mechanism and two of each context and outcome."""

    casus_id = store.casussen.get(spec["casus"]).id if spec.get("casus") else None
    codings = store.codings.all(casus_id=casus_id)
    evidence: list[int] = []
    for key, most in (("mechanisms", 4), ("contexts", 2), ("outcomes", 2)):
        for code in spec.get(key) or []:
            evidence += [c.id for c in codings if c.code_id == code][:most]
    store.cmocs.add(
        title=spec["title"],
        casus_id=casus_id,
        contexts=spec.get("contexts", []),
        mechanisms=spec.get("mechanisms", []),
        outcomes=spec.get("outcomes", []),
        resource=spec.get("resource", ""),
        reasoning=spec.get("reasoning", ""),
        fired=spec.get("fired", "geactiveerd"),
        relation=spec.get("relation", "ondersteunt"),
        memo=spec.get("memo", ""),
        evidence=sorted(set(evidence)),
        actor=coder,
    )


def _set_memo(store, memo: dict, coder: str, manifest: Path) -> None:
    from ..core.errors import InputError
    from .shapes import memo_target

    found = memo_target(store, str(memo["target"]))
    if found is None:
        raise InputError(
            manifest,
            f"memo target '{memo['target']}' must be project, "
            "transcript:NAME, casus:NAME or code:ID",
        )
    kind, target_id = found
    store.memos.set(
        kind,
        target_id,
        " ".join(str(memo["text"]).split()),
        author=str(memo.get("author") or coder),
    )


def _short(quote: str, width: int = 70) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= width else quote[: width - 1] + "…"


def _main() -> None:
    """``python -m cmo.commands.demo [--force] PATH``: one-line errors like the cmo CLI."""
    from ..core.errors import CmoError

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(demo)
    try:
        app(standalone_mode=True)
    except CmoError as exc:
        print(f"cmo: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    _main()
