"""Casussen and participants as REFI-QDA Cases, their attributes as Variables.

Both are Cases; a ``cmo.soort`` variable says which is which ('casus' or
'deelnemer'), so another tool shows them as ordinary case variables and cmo can
tell them apart when the file comes back. A casus refers to its transcripts, a
participant to the transcripts they speak in (``SourceRef``).
"""

from __future__ import annotations

from . import conventions as rc
from . import xml_write as x


def variables_used(data) -> list[str]:
    """Every variable the export writes, in a fixed order: cmo's own first, then attributes."""
    names = [rc.VAR_KIND]
    if data.participants:
        names += [rc.VAR_CASUS, rc.VAR_ROLE, rc.VAR_PSEUDONYM]
    if data.transcripts:
        names += [rc.VAR_CASUS, rc.VAR_TRANSCRIPT_KIND, rc.VAR_SOURCE_NAME, rc.VAR_SHA]
    attributes = {k for c in data.casussen for k in c.attributes}
    attributes |= {k for p in data.participants for k in p.attributes}
    ordered = list(dict.fromkeys(names))
    return ordered + sorted(attributes - set(ordered))


def variables_xml(names: list[str]) -> str:
    out = ["  <Variables>\n"]
    out.extend(
        f'    <Variable{x.attrs(guid=rc.guid_for("variable", n), name=n)} typeOfVariable="Text"/>\n'
        for n in names
    )
    out.append("  </Variables>\n")
    return "".join(out)


def cases_xml(data) -> str:
    out = ["  <Cases>\n"]
    by_casus: dict[int, list[str]] = {}
    for t in data.transcripts:
        by_casus.setdefault(t["casus_id"], []).append(t["guid"])
    for casus in data.casussen:
        values = [(rc.VAR_KIND, rc.CASE_CASUS), *sorted(casus.attributes.items())]
        _case(casus.guid, casus.name, values, sorted(by_casus.get(casus.id, [])), out)
    for person in data.participants:
        values = [
            (rc.VAR_KIND, rc.CASE_PARTICIPANT),
            (rc.VAR_CASUS, data.casus_names.get(person.casus_id, "")),
            (rc.VAR_ROLE, person.role),
            (rc.VAR_PSEUDONYM, person.pseudonym),
            *sorted(person.attributes.items()),
        ]
        _case(person.guid, person.label, values, data.speaks_in.get(person.id, []), out)
    out.append("  </Cases>\n")
    return "".join(out)


def _case(
    guid: str, name: str, values: list[tuple[str, str]], sources: list[str], out: list[str]
) -> None:
    out.append(f"    <Case{x.attrs(guid=guid, name=name)}>\n")
    for variable, value in values:
        if value == "" or value is None:
            continue
        out.append(
            f'      <VariableValue><VariableRef targetGUID="'
            f'{rc.guid_for("variable", variable)}"/><TextValue>{x.text(str(value))}'
            "</TextValue></VariableValue>\n"
        )
    out.extend(f'      <SourceRef targetGUID="{g}"/>\n' for g in sources)
    out.append("    </Case>\n")
