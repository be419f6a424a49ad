"""Load a dump (``kg export`` output, N-Quads or TriG) into a store.

A dump is checked in full before anything is written: every triple must lie in a named
graph (a document graph), and the file must parse. Turtle and N-Triples have no graphs,
so they are refused with the reason, rather than loaded into a default graph that the
queries never read. The store then loads it its fastest way (``Store.load``): the
embedded store bulk-loads (about 2x faster than adding document by document); other
stores add one graph per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError

LOAD_FORMATS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}
_OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
_NO_GRAPHS = {".ttl": "Turtle", ".nt": "N-Triples", ".rdf": "RDF/XML"}


@dataclass(frozen=True)
class DumpSummary:
    fmt: str
    quads: int
    graphs: int


def dump_format(path: Path, fmt: str | None = None) -> str:
    """The dump's format: ``fmt`` if given, else from the file extension."""
    if fmt:
        if fmt not in _OX_FORMATS:
            raise InputError(path, f"cannot load format {fmt!r}: use nquads or trig")
        return fmt
    suffix = path.suffix.lower()
    if suffix in LOAD_FORMATS:
        return LOAD_FORMATS[suffix]
    if suffix in _NO_GRAPHS:
        raise InputError(path, f"{_NO_GRAPHS[suffix]} has no named graphs, so it cannot "
                               "hold document graphs: export with --format nquads or trig")
    raise InputError(path, "unknown dump format: name it .nq or .trig, or pass --format")


def check_dump(path: Path, fmt: str | None = None) -> DumpSummary:
    """Parse the whole dump without storing it; raise ``InputError`` on the first problem."""
    path = Path(path)
    fmt = dump_format(path, fmt)
    if not path.is_file():
        raise InputError(path, "no such file" if not path.exists() else "not a file")
    quads, graphs = 0, set()
    try:
        for quad in ox.parse(path=str(path), format=_OX_FORMATS[fmt]):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise InputError(path, f"a triple outside any named graph ({quad.subject} "
                                       f"{quad.predicate} ...): policykg keeps every fact "
                                       "in its document's graph")
            quads += 1
            graphs.add(quad.graph_name)
    except SyntaxError as exc:
        raise InputError(path, f"not valid {fmt}: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read it: {exc}") from exc
    return DumpSummary(fmt, quads, len(graphs))
