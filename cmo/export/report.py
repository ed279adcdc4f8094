"""The realist report (docx or Markdown): the tables and figures of a realist evaluation.

Across casussen and per casus: the CMOC tables (if–then–because, status, confidence,
evidence for and against, two whole quotes with pseudonym, transcript and turn); the
mechanism table; the frequency heatmap and the theory diagram as figures; the changes
between two theory versions; and the RAMESES II items with where the report covers
each. The researcher writes the rest; the report says which parts those are.

The content both formats share is in ``report_rows``; the formats are ``report_docx``
and ``report_markdown``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..analysis.frequencies import FrequencyTable
from ..analysis.mechanisms import MechanismTable
from ..analysis.theory import TheoryView
from ..core.theory import EntryDiff, TheoryVersion


@dataclass(frozen=True)
class CasusFacts:
    name: str
    attributes: dict[str, str]
    kinds: dict[str, int]
    """Transcript kind → how many."""
    roles: dict[str, int]
    """Participant role → how many (staff included, they are listed by role)."""


@dataclass(frozen=True)
class Report:
    project: str
    version: TheoryVersion | None
    since: TheoryVersion | None
    versions: list[TheoryVersion]
    across: TheoryView
    per_casus: list[TheoryView]
    changes: list[EntryDiff]
    mechanisms: MechanismTable
    frequencies: FrequencyTable
    casussen: list[CasusFacts]
    code_names: dict[str, str]
    review_note: str | None = None
    """Says how many codings awaiting review after a replace were left out (None: none)."""


def build_report(store, version_name=None, since_name=None, project_name: str = "") -> Report:
    """Everything the report shows, computed from the project."""
    from ..analysis.corpus import load_corpus
    from ..analysis.frequencies import frequency_table
    from ..analysis.mechanisms import mechanism_table
    from ..analysis.theory import theory_view
    from ..core.theory import diff_versions

    every = store.theory.versions()
    chosen = store.theory.version(version_name) if (every or version_name) else None
    since = None
    if since_name is not None:
        since = store.theory.version(since_name)
    elif chosen is not None:
        earlier = [v for v in every if v.number < chosen.number]
        since = earlier[-1] if earlier else None
    changes: list[EntryDiff] = []
    if since is not None and chosen is not None:
        changes = diff_versions(
            since,
            chosen,
            store.theory.content(since.number, every),
            store.theory.content(chosen.number, every),
        )
    corpus = load_corpus(store)
    cmocs = store.cmocs.all()
    links = store.theory.chain_links()
    across = theory_view(corpus, cmocs, chosen, links)
    order = sorted(corpus.casussen, key=lambda c: corpus.casussen[c].casefold())
    per_casus = [theory_view(corpus, cmocs, chosen, links, casus_id=c) for c in order]
    facts = []
    for c in order:
        kinds = Counter(d.kind for d in corpus.docs.values() if d.casus_id == c)
        roles = Counter(p.role or "onbekend" for p in corpus.people.values() if p.casus_id == c)
        facts.append(
            CasusFacts(
                corpus.casussen[c],
                dict(store.casussen.get(c).attributes),
                dict(sorted(kinds.items())),
                dict(sorted(roles.items())),
            )
        )
    return Report(
        project=project_name,
        version=chosen,
        since=since,
        versions=every,
        across=across,
        per_casus=per_casus,
        changes=changes,
        mechanisms=mechanism_table(corpus, cmocs),
        frequencies=frequency_table(corpus, by="casus"),
        casussen=facts,
        code_names=store.theory.code_names(),
        review_note=corpus.review_note(),
    )


def write_report(path: Path, report: Report, fmt: str) -> None:
    if fmt == "docx":
        from .report_docx import write_docx

        write_docx(path, report)
    elif fmt == "md":
        from .report_markdown import write_markdown

        write_markdown(path, report)
    else:
        raise ValueError(f"unknown format {fmt}")
