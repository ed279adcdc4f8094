"""Pseudonyms: stable pseudonyms for participants, and names replaced in transcripts."""

from __future__ import annotations

import json as jsonlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import InputError
from .common import JsonOpt, ProjectOpt, emit_json, opened, say, success, table


def register(app: typer.Typer) -> None:
    app.command("pseudonyms")(pseudonyms)
    app.command("pseudonymise")(pseudonymise)


def pseudonyms(
    set_: Annotated[
        list[str],
        typer.Option("--set", help="LABEL=PSEUDONYM to choose one yourself (repeatable)."),
    ] = [],  # noqa: B006
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Give every participant a stable pseudonym (P-R01, P-D3, P-KM2 …) and list them."""
    from ..analysis.pseudonymise import assign_pseudonyms, set_pseudonym
    from .common import key_values

    with opened(project) as proj:
        store = proj.store
        for label, pseudonym in key_values(set_, "--set").items():
            set_pseudonym(store, label, pseudonym)  # refused when taken or a code id
        new = assign_pseudonyms(store)
        people = store.participants.all()
        casus_names = {c.id: c.name for c in store.casussen.all()}
    if json:
        from .shapes import participant_json

        emit_json([participant_json(p, casus_names[p.casus_id]) for p in people])
        return
    table(
        [(p.id, casus_names[p.casus_id], p.label, p.role, p.pseudonym) for p in people],
        ["id", "casus", "participant", "role", "pseudonym"],
    )
    say(f"{len(new)} new pseudonym(s).")


def pseudonymise(
    transcript: Annotated[str | None, typer.Argument(help="Transcript name or id.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every transcript.")] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Apply every proposal that is switched on, without asking."),
    ] = False,
    ask: Annotated[
        bool,
        typer.Option("--ask", help="Ask about each proposal (the default in a terminal)."),
    ] = False,
    write: Annotated[
        Path | None,
        typer.Option(help="Write the proposals to this JSON file to edit; change nothing."),
    ] = None,
    apply: Annotated[
        Path | None, typer.Option(help="Apply the proposals in this (edited) JSON file.")
    ] = None,
    coder: Annotated[str | None, typer.Option(help="Who makes the change (for the log).")] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="List every place (table, column, row; export files given with --export) "
            "where a real name remains; exit 1 when any does.",
        ),
    ] = False,
    export: Annotated[
        list[Path], typer.Option("--export", help="An export file to scan with --check.")
    ] = [],  # noqa: B006
    purge_history: Annotated[
        bool,
        typer.Option(
            "--purge-history",
            help="After pseudonymising, delete the change log and the backups/ folder, "
            "which still hold the real names. Undo can then not go back past this point.",
        ),
    ] = False,
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="Also write the key (real name → pseudonym) to this file, created 0600; "
            "refused inside the project folder. Whoever holds it can undo the "
            "pseudonymisation: keep it apart from the data.",
        ),
    ] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Propose replacements for names and places in transcripts, and apply the confirmed ones.

    Codings are re-anchored, so none is lost. Without --yes, --apply or a terminal to ask
    on, only the proposals are shown.
    """
    from ..analysis.pseudonymise import (
        assign_pseudonyms,
        proposals_from_json,
        propose,
    )

    if check:
        _check(project, export, json)
        return
    if bool(transcript) == all_ and apply is None:
        raise InputError("pseudonymise", "name one TRANSCRIPT or use --all")
    plan = _read_plan(apply) if apply is not None else None  # before anything changes
    with opened(project) as proj:
        store = proj.store
        assign_pseudonyms(store)
        if plan is not None:
            targets = [
                (store.transcripts.get(name), proposals_from_json(items))
                for name, items in plan.items()
            ]
        else:
            chosen = store.transcripts.all() if all_ else [store.transcripts.get(transcript)]
            targets = [(t, propose(store, t)) for t in chosen]
        if write is not None:
            write.write_text(
                jsonlib.dumps(
                    {t.name: [p.as_json() for p in ps] for t, ps in targets},
                    ensure_ascii=False,
                    indent=2,
                ),
                encoding="utf-8",
            )
            success(
                f"Wrote {sum(len(ps) for _, ps in targets)} proposal(s) to {write}; set "
                '"apply" to true or false, edit replacements, then run '
                f"'cmo pseudonymise --apply {write}'."
            )
            return
        interactive = ask or (not (yes or apply is not None or json) and sys.stdin.isatty())
        if not (yes or apply is not None or interactive):
            _show(targets, json)
            say("Nothing changed: confirm with --yes, or --write FILE, edit it, and --apply FILE.")
            return
        if key_file is not None:
            _check_key_file(key_file, proj.path)
        applied = []
        for t, proposals in targets:
            if interactive:
                for p in proposals:
                    p.apply = typer.confirm(
                        f"{t.name}: '{p.term}' ({p.count}×, {p.kind}, "
                        f"{p.examples[0] if p.examples else ''}) → "
                        f"'{p.replacement}'?",
                        default=p.apply,
                    )
                    if p.apply:  # Enter keeps the proposal; type another to change it
                        p.replacement = typer.prompt("  replace with", default=p.replacement)
            applied += proposals
        from ..analysis.pseudonymise_project import apply_project, plan_project

        # The whole plan is made before anything changes, so the key file (when asked
        # for) is on disk before a single name leaves the project.
        plan = plan_project(
            store,
            applied,
            extra_team=[proj.default_coder, coder or ""],
            transcripts=None if all_ else {t.id for t, _ in targets},
        )
        if key_file is not None:
            _write_key_file(key_file, plan.key(store))
        reports, done = apply_project(store, plan, targets, coder or proj.default_coder)
        names = {t.id: t.name for t in store.transcripts.all()}
        results = [
            (names.get(t.id, t.name), sum(p.count for p in proposals if p.apply), report)
            for (t, proposals), report in zip(targets, reports, strict=True)
        ]
        tell = say if json else success  # with --json, standard output is the JSON alone
        tell(
            f"{done.texts} other text(s) pseudonymised (memos, CMOCs, theory, attributes); "
            f"{done.renamed} name(s) and speaker label(s) replaced; "
            f"{done.embeddings} stored embedding(s) dropped (recomputed on demand)."
        )
        if done.model:
            tell(
                "The suggestion model, trained on the old texts, was "
                + ("retrained." if done.model == "retrained" else "dropped; run 'cmo train'.")
            )
        if key_file is not None:
            tell(f"Key written to {key_file} (0600); keep it apart from the data.")
        _warn_old_exports(proj.path)
        if purge_history:
            _purge(proj)
        else:
            say(
                "note: the change log and any backups still hold the real names; "
                "'cmo pseudonymise --all --yes --purge-history' deletes them "
                "(undo cannot go back past that point)."
            )
    if json:
        emit_json(
            [
                {
                    "transcript": name,
                    "replaced": n,
                    "codings": None
                    if r is None
                    else {"exact": r.exact, "fuzzy": r.fuzzy, "review": r.review},
                }
                for name, n, r in results
            ]
        )
        return
    for name, n, r in results:
        success(
            f"{name}: {n} replacement(s)"
            + (
                f"; {r.codings} codings: {r.exact} moved exactly, {r.fuzzy} moved fuzzily, "
                f"{r.review} need review"
                if r
                else "; nothing to do"
            )
        )


def _check_key_file(path: Path, project_path: Path) -> None:
    """Refused inside the project (it would travel with the data) and when it exists."""
    import os

    target = Path(os.path.abspath(path))
    folder = Path(os.path.abspath(project_path))
    real_target = target.parent.resolve() / target.name
    if folder in (target, *target.parents) or folder.resolve() in (
        real_target,
        *real_target.parents,
    ):
        raise InputError(
            str(path), "the key file may not be inside the project folder; write it elsewhere"
        )
    if os.path.lexists(target):
        raise InputError(str(path), "exists already; choose a new file for the key")
    if not target.parent.is_dir():
        raise InputError(str(path), "its folder does not exist")


def _write_key_file(path: Path, key: dict) -> None:
    import os

    data = jsonlib.dumps(key, ensure_ascii=False, indent=2).encode("utf-8")
    partial = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, 0o600)  # whatever the umask
        os.link(partial, path)  # never over an existing file
    except OSError as exc:
        raise InputError(str(path), f"cannot write the key: {exc.strerror or exc}") from None
    finally:
        if os.path.lexists(partial):
            os.unlink(partial)


def _warn_old_exports(folder: Path) -> None:
    exports = folder / "exports"
    old = sorted(p for p in exports.iterdir() if p.is_file()) if exports.is_dir() else []
    if old:
        print(
            f"warning: {len(old)} export(s) in {exports} were written before and hold the "
            "real names; delete them or check them with 'cmo pseudonymise --check'.",
            file=sys.stderr,
        )


def _read_plan(path: Path) -> dict[str, list[dict]]:
    from ..ingest.safety import read_input_file

    raw = read_input_file(path, 64 * 1024 * 1024)  # a FIFO is refused, not waited on
    try:
        plan = jsonlib.loads(raw.decode("utf-8"))
    except (RecursionError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the proposals: {exc}") from None
    if not isinstance(plan, dict) or not all(isinstance(v, list) for v in plan.values()):
        raise InputError(
            str(path), 'expected {"transcript name": [proposal, …]} as written by --write'
        )
    for items in plan.values():
        for item in items:
            if not isinstance(item, dict) or "term" not in item or "replacement" not in item:
                raise InputError(str(path), "every proposal needs a 'term' and a 'replacement'")
    return plan


def _show(targets, as_json: bool) -> None:
    if as_json:
        emit_json({t.name: [p.as_json() for p in ps] for t, ps in targets})
        return
    table(
        [
            (
                t.name,
                p.term,
                p.replacement,
                p.kind,
                p.count,
                "yes" if p.apply else "no",
                p.examples[0] if p.examples else "",
            )
            for t, ps in targets
            for p in ps
        ],
        ["transcript", "term", "replacement", "kind", "count", "apply", "example"],
        align="llllrll",
    )


def _purge(proj) -> None:
    import shutil

    deleted = proj.store.history.purge()
    backups = proj.path / "backups"
    copies = sorted(backups.glob("*.db")) if backups.is_dir() else []
    if backups.is_dir():
        shutil.rmtree(backups)
    print(
        f"warning: deleted the change log ({deleted} entries) and {len(copies)} backup(s): "
        "undo and redo cannot go back past this point, and no backup holds the old texts.",
        file=sys.stderr,
    )


def _check(project, exports: list[Path], as_json: bool) -> None:
    from ..analysis.name_check import scan_project

    with opened(project) as proj:
        remaining = scan_project(proj.store, exports, folder=proj.path)
    if as_json:
        emit_json([{"where": r.where, "name": r.name, "how": r.how} for r in remaining])
    elif remaining:
        table([(r.where, r.name, r.how) for r in remaining], ["where", "name", "found as"])
    if remaining:
        if not as_json:
            say(f"{len(remaining)} place(s) still hold a real name.")
        raise typer.Exit(1)
    if not as_json:
        success("No real names found in the project" + (" or the exports." if exports else "."))
