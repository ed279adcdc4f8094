"""Coding from the command line: add, remove and list codings, memos, undo and redo."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core.errors import InputError
from .coding_add import span_locator  # noqa: F401  (review uses span_locator)
from .common import JsonOpt, ProjectOpt, emit_json, opened, success, table
from .shapes import coding_json, memo_target

code_app = typer.Typer(help="Apply or remove a code on a fragment.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(code_app, name="code")
    app.command("codings")(codings)
    app.command("memo")(memo)
    app.command("undo")(undo)
    app.command("redo")(redo)
    app.command("log")(log)


@code_app.command("add")
def code_add(
    transcript: Annotated[str, typer.Argument(help="Transcript name or id.")],
    code: Annotated[str, typer.Option("--code", "-c", help="Code id, e.g. M3b.")],
    turn: Annotated[
        int | None, typer.Option(help="Code this whole turn (or search --quote inside it).")
    ] = None,
    start: Annotated[int | None, typer.Option(help="Start offset (code points).")] = None,
    end: Annotated[int | None, typer.Option(help="End offset, exclusive.")] = None,
    quote: Annotated[
        str | None, typer.Option(help="Code the place where this text occurs.")
    ] = None,
    memo: Annotated[str, typer.Option(help="Memo on the coding.")] = "",
    coder: Annotated[
        str | None, typer.Option(help="Coder (default: project setting or login name).")
    ] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Code a fragment, chosen by turn, by offsets or by quote."""
    options = dict(locals())  # before the import adds a name
    from .coding_add import code_add as run

    run(**options)


@code_app.command("rm")
def code_rm(
    coding_id: Annotated[int, typer.Argument(help="Coding id (see 'cmo codings').")],
    coder: Annotated[str | None, typer.Option(help="Who removes it.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Remove a coding (undoable with 'cmo undo')."""
    with opened(project) as proj:
        removed = proj.store.codings.remove(coding_id, actor=coder or proj.default_coder)
    success(f"Removed coding {removed.id} ({removed.code_id}).")


def codings(
    casus: Annotated[str | None, typer.Option(help="Only this casus.")] = None,
    code: Annotated[str | None, typer.Option(help="Only this code.")] = None,
    transcript: Annotated[str | None, typer.Option(help="Only this transcript.")] = None,
    coder: Annotated[str | None, typer.Option(help="Only this coder.")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="Only 'ok' or 'review' (codings whose "
            "text was not found in a corrected "
            "transcript)."
        ),
    ] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """List codings with their text."""
    from ..core.text import snippet

    if status is not None and status not in ("ok", "review"):
        raise InputError("--status", f"'{status}' is not one of ok, review")
    with opened(project) as proj:
        store = proj.store
        casus_id = store.casussen.get(casus).id if casus else None
        transcript_id = store.transcripts.get(transcript).id if transcript else None
        if code:
            store.codebook.code(code)
        items = store.codings.all(
            transcript_id=transcript_id, code_id=code, casus_id=casus_id, coder=coder
        )
        if status is not None:
            items = [c for c in items if c.status == status]
        texts = {t.id: t for t in store.transcripts.all()}
        casus_names = {c.id: c.name for c in store.casussen.all()}
    if json:
        emit_json(
            [
                {
                    **coding_json(c, texts[c.transcript_id].name, texts[c.transcript_id].text),
                    "casus": casus_names[texts[c.transcript_id].casus_id],
                }
                for c in items
            ]
        )
        return
    table(
        [
            (
                c.id,
                texts[c.transcript_id].name,
                c.code_id,
                c.start,
                c.end,
                c.coder,
                snippet(texts[c.transcript_id].text, c.start, c.end, 60),
            )
            for c in items
        ],
        ["id", "transcript", "code", "start", "end", "coder", "text"],
        align="lllrrll",
    )


def memo(
    target: Annotated[
        str,
        typer.Argument(
            help="'project', 'transcript:NAME', 'casus:NAME', 'code:ID' or 'coding:ID'."
        ),
    ],
    text: Annotated[str | None, typer.Argument(help="New memo text; omit to show it.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Show or write a memo on the project, a casus, a transcript, a code or a coding."""
    kind, _, key = target.partition(":")
    with opened(project) as proj:
        store = proj.store
        if kind == "coding":
            if not key.isdigit():
                raise InputError(
                    target, "coding ids are numbers, e.g. coding:12 (see 'cmo codings')"
                )
            if text is None:
                typer.echo(store.codings.get(int(key)).memo)
            else:
                store.codings.update(int(key), actor=proj.default_coder, memo=text)
            return
        found_target = memo_target(store, target)
        if found_target is None:
            raise InputError(
                target,
                "memo target must be project, transcript:NAME, casus:NAME, code:ID or coding:ID",
            )
        kind, target_id = found_target
        if text is None:
            found = store.memos.get(kind, target_id)
            typer.echo(found.text if found else "")
        else:
            store.memos.set(kind, target_id, text, author=proj.default_coder)
            success(f"Memo on {target} saved.")


def undo(
    coder: Annotated[
        str | None, typer.Option(help="Undo this coder's last action (default: anyone's).")
    ] = None,
    project: ProjectOpt = None,
) -> None:
    """Undo the last change (coding, memo, codebook edit), also after a restart."""
    with opened(project) as proj:
        change = proj.store.history.undo(coder)
    success(f"Undid {_what(change)}." if change else "Nothing to undo.")


def redo(
    coder: Annotated[str | None, typer.Option(help="Redo this coder's change.")] = None,
    project: ProjectOpt = None,
) -> None:
    """Redo the last undone change."""
    with opened(project) as proj:
        change = proj.store.history.redo(coder)
    success(f"Redid {_what(change)}." if change else "Nothing to redo.")


def _what(change: dict) -> str:
    """'coding.add coding 12', or for a transcript its name: 'transcript.replace of
    transcript 5 (ph-interview-ingrid)'."""
    what = f"{change['action']} {change['entity']} {change['entity_id']}"
    if change["entity"] == "transcript":
        from ..core.changes import describe

        what += f" ({describe(change)})"
    return what


def log(
    limit: Annotated[int, typer.Option(min=0, help="How many changes (0: all).")] = 30,
    coder: Annotated[str | None, typer.Option(help="Only changes made by this coder.")] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only since 2026-03-12, 2026-03-12T14:00 or a span: 90m, 2h, 3d, 1w."),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(
            help="Only this kind of object (coding, memo, "
            "code, cmoc, transcript) or one: coding:12."
        ),
    ] = None,
    action: Annotated[
        str | None, typer.Option(help="Only this action, e.g. coding.remove, or a prefix: coding.")
    ] = None,
    of: Annotated[
        str | None,
        typer.Option("--of", help="Only changes to this coder's codings, by whoever made them."),
    ] = None,
    project: ProjectOpt = None,
    json: JsonOpt = False,
) -> None:
    """Who created, changed or deleted what, and when (the audit trail)."""
    from ..core.changes import describe, parse_since

    with opened(project) as proj:
        changes = proj.store.history.changes(
            limit=limit,
            actor=coder,
            since=parse_since(since) if since else None,
            entity=entity,
            action=action,
            subject=of,
        )
    if json:
        emit_json(
            [
                {
                    k: c[k]
                    for k in (
                        "id",
                        "at",
                        "actor",
                        "action",
                        "entity",
                        "entity_id",
                        "state",
                        "before",
                        "after",
                    )
                }
                for c in changes
            ]
        )
        return
    table(
        [
            (
                c["id"],
                c["at"][:19].replace("T", " "),
                c["actor"],
                c["action"],
                f"{c['entity']} {c['entity_id']}",
                c["state"],
                describe(c),
            )
            for c in changes
        ],
        ["#", "when (UTC)", "who", "action", "object", "state", "what"],
        align="rllllll",
    )
