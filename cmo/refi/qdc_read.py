"""A REFI-QDA codebook file (``.qdc``, or a ``project.qde``) read as a cmo ``Codebook``:
its code tree read (``codes_read``), then planned as new codes (``codes_plan``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..core.codebook import Codebook, validate
from ..core.errors import InputError
from . import conventions as rc
from .archive import parse_xml
from .codes_plan import plan_codes
from .codes_read import CodesTooDeep, emergent_guids, named_alone_ids, parse_codes


def load_qdc(path: Path, ids_from_names: bool = False) -> Codebook:
    """Read a REFI-QDA codebook (``.qdc``) as a cmo ``Codebook``.

    Args:
        path: The ``.qdc`` file (or a ``project.qde``).
        ids_from_names: The first word of each code name is its id (``C1 Beleid``).

    Raises:
        InputError: not a QDC file, unsafe XML, or a tree cmo cannot hold.
    """
    from ..ingest.safety import read_input_file

    path = Path(path)
    data = read_input_file(path)  # a FIFO or device is refused before it is opened
    root = parse_xml(data, path)
    if rc.local(root.tag) not in ("CodeBook", "Project"):
        raise InputError(path, f"not a REFI-QDA codebook (root element <{rc.local(root.tag)}>)")
    if rc.local(root.tag) == "Project":  # a project.qde saved as .qdc: take its codebook
        root = next((c for c in root if rc.local(c.tag) == "CodeBook"), root)
    codes = next((c for c in root if rc.local(c.tag) == "Codes"), None)
    if codes is None:
        raise InputError(path, "the codebook has no <Codes>")
    strict = (root.get("origin") or "").startswith(rc.ORIGIN_PREFIX)
    sets = next((c for c in root if rc.local(c.tag) == "Sets"), None)
    unmodelled: Counter = Counter()
    try:
        tree = parse_codes(codes, unmodelled)
    except CodesTooDeep as exc:
        raise InputError(path, f"refused: {exc}") from None
    plan = plan_codes(
        tree,
        [],
        [],
        strict=strict,
        emergent=emergent_guids(sets),
        named_alone=named_alone_ids(sets) if strict else None,
        ids_from_names=ids_from_names,
    )
    book = Codebook(
        name=path.stem,
        title=root.get("origin") or "",
        clusters=plan.new_clusters,
        codes=plan.new_codes,
    )
    problems = validate(book)
    if problems:
        raise InputError(path, str(problems[0]))
    return book
