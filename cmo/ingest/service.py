"""Importing transcript files into a project: all files land together or none do."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.domain import KINDS, ParsedTranscript
from ..core.errors import Conflict, InputError
from ..core.names import check_name
from ..core.speakers import IDENTITY_MODES, default_role, is_interviewer, participant_label
from ..core.text import count_words
from . import parallel
from .readers import read_transcript
from .safety import read_input_file

if TYPE_CHECKING:  # not imported at run time: the standard-library import needs neither
    from ..store import Store
    from ..store.repos.bulk_replace import ReplaceReport


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    turns: int = 0
    words: int = 0
    replaced: list[ReplaceReport] = field(default_factory=list)
    """One report per transcript replaced by a corrected version (``replace=True``)."""
    previews: list[Preview] = field(default_factory=list)
    """With ``dry_run``: what each file would become; nothing is stored."""


@dataclass(frozen=True)
class SpeakerPreview:
    speaker: str
    participant: str
    role: str
    turns: int
    words: int
    first_words: str


@dataclass(frozen=True)
class Preview:
    name: str
    kind: str
    turns: int
    words: int
    header: str
    """Text before the first speaker turn (title, date, ``Aanwezig:``): kept, not a turn."""
    speakers: list[SpeakerPreview]


def preview(parsed: ParsedTranscript, name: str, kind: str, identity: str = "auto") -> Preview:
    """The speakers a transcript would get: turns, words and first words of each."""
    first: dict[str, str] = {}
    turns: dict[str, int] = {}
    words: dict[str, int] = {}
    for turn in parsed.turns:
        who = turn.speaker or "(geen spreker)"
        chunk = parsed.text[turn.start : turn.end]
        turns[who] = turns.get(who, 0) + 1
        words[who] = words.get(who, 0) + count_words(chunk)
        first.setdefault(who, " ".join(chunk.split()[:8]))
    # Before the first turn: the header, then the first turn's own label line.
    before = parsed.text[: parsed.turns[0].start].rstrip() if parsed.turns else ""
    header = " ".join(before.rsplit("\n", 1)[0].split()) if "\n" in before else ""
    return Preview(
        name=name,
        kind=kind,
        turns=len(parsed.turns),
        words=parsed.word_count,
        header=header,
        speakers=[
            SpeakerPreview(
                speaker=who,
                participant=participant_label(who, name, identity)
                if who in parsed.speakers
                else "",
                role=default_role(who),
                turns=turns[who],
                words=words[who],
                first_words=first[who],
            )
            for who in turns
        ],
    )


@dataclass
class _Prepared:
    path: Path
    name: str
    sha256: str
    data: bytes
    parsed: ParsedTranscript | None = None
    kind: str = ""


def guess_kind(parsed: ParsedTranscript, path: Path) -> str:
    stem = path.stem.casefold()
    if "focus" in stem or stem.startswith("fg"):
        return "focusgroep"
    speakers = [s for s in parsed.speakers if not is_interviewer(s)]
    if not parsed.speakers:
        return "document"
    return "focusgroep" if len(speakers) >= 3 else "interview"


def import_files(
    store: Store,
    paths: list[Path],
    casus: str,
    kind: str | None = None,
    name: str | None = None,
    roles: dict[str, str] | None = None,
    replace: bool = False,
    identity: str = "auto",
    dry_run: bool = False,
    force: bool = False,
    actor: str = "",
) -> ImportReport:
    """Read, check and store ``paths`` as transcripts of ``casus``.

    Every file is read and checked before anything is committed; the writes are one
    transaction. Raises ``InputError`` naming the first bad file. With ``dry_run``
    nothing is written: the report holds a preview of each file's speakers. With
    ``replace``, a transcript of the same name is replaced (``force``: even when the new
    text shares little with it); ``actor`` is who the change log names.
    """
    if identity not in IDENTITY_MODES:
        raise InputError(identity, f"unknown identity; use one of {', '.join(IDENTITY_MODES)}")
    if kind is not None and kind not in KINDS:
        raise InputError(kind, f"unknown kind; use one of {', '.join(KINDS)}")
    if name and len(paths) > 1:
        raise InputError(", ".join(map(str, paths)), "--name works with one file at a time")
    if not casus.strip():
        raise InputError(", ".join(map(str, paths)), "name the casus with --casus")
    checked = _checked(store, paths, casus, name, replace)
    prepared, replacing, refusal = checked.prepared, checked.replacing, checked.refusal
    report = ImportReport(unchanged=checked.unchanged)

    def parse(index: int) -> None:  # in file order: warnings, and the first bad file, as read
        item = prepared[index]
        item.parsed = parsing.get(index)
        item.data = b""
        item.kind = kind or guess_kind(item.parsed, item.path)
        report.warnings.extend(f"{item.path}: {w}" for w in item.parsed.warnings)

    # A large import is parsed on two cores (``parallel``): the files from ``parsing.own``
    # on by a helper, while this process parses and stores the first ones. Errors still
    # come in file order: one met while storing waits until every file is parsed, since
    # a bad file after it is named first, as when all files were parsed before storing.
    with parallel.Parsing([(p.path, p.data) for p in prepared], read_transcript) as parsing:
        if dry_run or refusal is not None:
            for index in range(len(prepared)):
                parse(index)
            if refusal is not None:  # a file after these could not be read or is a clash
                raise refusal
            report.previews = [
                preview(item.parsed, item.name, item.kind, identity) for item in prepared
            ]
            return report
        for index in range(parsing.own):
            parse(index)
        failed: Exception | None = None
        options = {"roles": roles, "identity": identity, "actor": actor, "force": force}
        with store.transaction() as tx:  # every file lands, or none
            for index, item in enumerate(prepared):
                if item.parsed is None:
                    parse(index)
                if failed is None:
                    try:
                        _store(tx, item, casus, item.name in replacing, options, report)
                    except Exception as exc:  # noqa: BLE001 - a bad file still comes first
                        failed = exc
            if failed is not None:
                raise failed
    for item in prepared:
        if item.name in replacing:
            continue
        report.imported.append(item.name)
        report.turns += len(item.parsed.turns)
        report.words += item.parsed.word_count  # as 'cmo transcripts' counts
    return report


@dataclass
class _Checked:
    """The files of an import, read and checked against the project, before parsing."""

    prepared: list[_Prepared] = field(default_factory=list)
    """The files to import, in order."""
    replacing: set[str] = field(default_factory=set)
    """The names among them that replace a transcript (``--replace``)."""
    unchanged: list[str] = field(default_factory=list)
    """Transcripts already imported with the same content: left out."""
    refusal: Exception | None = None
    """Why the first file that cannot be read or clashes with the project is refused,
    if one is: raised after the files before it are parsed, as a loop that reads and
    parses one file after the other would."""


def _store(tx, item: _Prepared, casus: str, replacing: bool, options: dict, report) -> None:
    if replacing:
        report.replaced.append(
            tx.bulk.replace_transcript(
                item.name,
                item.parsed,
                sha256=item.sha256,
                source_name=item.path.name,
                roles=options["roles"],
                actor=options["actor"],
                force=options["force"],
            )
        )
        return
    tx.bulk.add_transcript(
        item.parsed,
        name=item.name,
        casus=casus,
        kind=item.kind,
        source_name=item.path.name,
        sha256=item.sha256,
        roles=options["roles"],
        identity=options["identity"],
    )


def _checked(
    store: Store, paths: list[Path], casus: str, name: str | None, replace: bool
) -> _Checked:
    checked = _Checked()
    prepared, replacing = checked.prepared, checked.replacing
    names_seen: set[str] = set()
    known = store.transcripts.index()  # name → (sha256, casus): no counts needed here
    existing = {name: sha for name, (sha, _casus) in known.items()}
    casus_of = {name: casus for name, (_sha, casus) in known.items()}
    contents = set(existing.values())  # a set: one lookup per file, not a scan of them all
    try:
        for path in paths:
            path = Path(path)
            data = read_input_file(path)  # refuses FIFOs, devices and huge files unopened
            sha = hashlib.sha256(data).hexdigest()
            transcript_name = check_name("transcript name", name or path.stem, str(path))
            if existing.get(transcript_name) == sha or (sha in contents and not name):
                checked.unchanged.append(transcript_name)
                continue
            if transcript_name in existing and replace:
                if casus_of[transcript_name] != " ".join(casus.split()):
                    raise InputError(
                        path,
                        f"'{transcript_name}' is in casus '{casus_of[transcript_name]}', not "
                        f"'{casus}'; give its own casus with --replace",
                    )
                replacing.add(transcript_name)  # re-anchored below, in the same transaction
            elif transcript_name in existing:
                raise Conflict(
                    f"{path}: a different transcript named '{transcript_name}' is already in "
                    "the project; use --replace to take the corrected version, or --name"
                )
            if transcript_name in names_seen:
                raise InputError(path, f"two files would both be named '{transcript_name}'")
            names_seen.add(transcript_name)
            prepared.append(_Prepared(path, transcript_name, sha, data))
    except Exception as exc:  # noqa: BLE001 - raised in its turn, after the files before it
        checked.refusal = exc
    return checked
